output "orders_queue_arn" {
  value = module.platform.orders_queue_arn
}
