output "queue_arn" {
  value = module.queue.queue_arn
}

output "dead_letter_queue_arn" {
  value = module.queue.dead_letter_queue_arn
}

output "function_name" {
  value = module.worker.function_name
}

output "mapping_uuid" {
  value = aws_lambda_event_source_mapping.this.uuid
}
