module "orders_queue" {
  source = "../_modules/sqs"

  name                       = "${var.service}-queue"
  visibility_timeout_seconds = 6 * var.function_timeout
  create_dlq                 = var.create_dlq
  redrive_policy = {
    maxReceiveCount = 10
  }
}

module "orders_worker" {
  source = "../_modules/function"

  name               = "${var.service}-worker"
  timeout            = var.function_timeout
  consume_queue_arns = [module.orders_queue.queue_arn]
}

resource "aws_lambda_event_source_mapping" "orders" {
  event_source_arn        = module.orders_queue.queue_arn
  function_name           = module.orders_worker.function_arn
  batch_size              = 10
  function_response_types = ["ReportBatchItemFailures"]
}
