locals {
  visibility_timeout = coalesce(
    var.visibility_timeout_seconds,
    6 * var.function_timeout + var.maximum_batching_window_in_seconds,
  )
}

module "queue" {
  source = "../sqs"

  name                          = "${var.name}-queue"
  visibility_timeout_seconds    = local.visibility_timeout
  message_retention_seconds     = var.message_retention_seconds
  create_dlq                    = true
  dlq_message_retention_seconds = var.dlq_message_retention_seconds
  redrive_policy = {
    maxReceiveCount = var.max_receive_count
  }
}

module "worker" {
  source = "../function"

  name                           = "${var.name}-worker"
  timeout                        = var.function_timeout
  reserved_concurrent_executions = var.reserved_concurrent_executions
  consume_queue_arns             = [module.queue.queue_arn]
}

resource "aws_lambda_event_source_mapping" "this" {
  event_source_arn                   = module.queue.queue_arn
  function_name                      = module.worker.function_arn
  batch_size                         = var.batch_size
  maximum_batching_window_in_seconds = var.maximum_batching_window_in_seconds
  function_response_types            = var.report_batch_item_failures ? ["ReportBatchItemFailures"] : []

  dynamic "scaling_config" {
    for_each = var.maximum_concurrency == null ? [] : [var.maximum_concurrency]
    content {
      maximum_concurrency = scaling_config.value
    }
  }
}
