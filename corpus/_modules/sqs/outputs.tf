output "queue_arn" {
  value = try(aws_sqs_queue.this[0].arn, null)
}

output "queue_url" {
  value = try(aws_sqs_queue.this[0].url, null)
}

output "queue_name" {
  value = try(aws_sqs_queue.this[0].name, null)
}

output "dead_letter_queue_arn" {
  value = try(aws_sqs_queue.dlq[0].arn, null)
}

output "dead_letter_queue_url" {
  value = try(aws_sqs_queue.dlq[0].url, null)
}
