output "queue_url" {
  value = aws_sqs_queue.orders.url
}

output "dead_letter_queue_arn" {
  value = aws_sqs_queue.orders_dlq.arn
}

output "function_name" {
  value = aws_lambda_function.orders.function_name
}
