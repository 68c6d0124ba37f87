output "queue_url" {
  value = module.orders_queue.queue_url
}

output "dead_letter_queue_arn" {
  value = module.orders_queue.dead_letter_queue_arn
}
