variable "environment" {
  type = string
}

module "orders" {
  source = "../service"

  name             = "${var.environment}-orders"
  function_timeout = 15
}

output "orders_queue_arn" {
  value = module.orders.queue_arn
}
