variable "name" {
  type = string
}

variable "function_timeout" {
  type = number
}

variable "batch_size" {
  type = number
}

locals {
  # the queue must outlast every retry of an in-flight batch
  visibility_timeout = 2 * var.function_timeout
}

module "queue" {
  source = "../../../_modules/sqs"

  name                       = var.name
  visibility_timeout_seconds = local.visibility_timeout
  create_dlq                 = true
  redrive_policy = {
    maxReceiveCount = 10
  }
}

module "function" {
  source = "../../../_modules/function"

  name               = "${var.name}-worker"
  timeout            = var.function_timeout
  consume_queue_arns = [module.queue.queue_arn]
}

resource "aws_lambda_event_source_mapping" "this" {
  event_source_arn        = module.queue.queue_arn
  function_name           = module.function.function_arn
  batch_size              = var.batch_size
  function_response_types = ["ReportBatchItemFailures"]
}

output "queue_arn" {
  value = module.queue.queue_arn
}
