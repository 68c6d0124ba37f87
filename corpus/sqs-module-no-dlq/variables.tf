variable "region" {
  type    = string
  default = "us-east-1"
}

variable "service" {
  type    = string
  default = "orders"
}

variable "function_timeout" {
  type    = number
  default = 10
}

variable "create_dlq" {
  description = "Give the queue a dead-letter queue"
  type        = bool
  default     = true
}
