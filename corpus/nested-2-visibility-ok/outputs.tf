output "queue_arn" {
  value = module.orders_pipeline.queue_arn
}

output "function_name" {
  value = module.orders_pipeline.function_name
}
