variable "name" {
  type = string
}

variable "function_timeout" {
  type = number
}

module "pipeline" {
  source = "../pipeline"

  name             = var.name
  function_timeout = var.function_timeout
}

output "queue_arn" {
  value = module.pipeline.queue_arn
}
