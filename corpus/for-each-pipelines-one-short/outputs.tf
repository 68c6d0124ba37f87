output "queue_arns" {
  value = { for name, p in module.pipeline : name => p.queue_arn }
}
