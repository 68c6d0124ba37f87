variable "name" {
  type = string
}

variable "function_timeout" {
  type = number
}

module "stage" {
  source = "../stage"

  name             = "${var.name}-ingest"
  function_timeout = var.function_timeout
  batch_size       = 10
}

output "queue_arn" {
  value = module.stage.queue_arn
}
