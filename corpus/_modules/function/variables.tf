variable "name" {
  description = "Function name (also names its role)"
  type        = string
}

variable "timeout" {
  type    = number
  default = 3
}

variable "memory_size" {
  type    = number
  default = 128
}

variable "reserved_concurrent_executions" {
  description = "-1 leaves the function unreserved"
  type        = number
  default     = -1
}

variable "consume_queue_arns" {
  description = "Queues the function consumes: its role gets the actions below on them"
  type        = list(string)
  default     = []
}

variable "consume_actions" {
  type = list(string)
  default = [
    "sqs:ReceiveMessage",
    "sqs:DeleteMessage",
    "sqs:GetQueueAttributes",
    "sqs:ChangeMessageVisibility",
  ]
}

variable "decrypt_key_arns" {
  description = "KMS keys the role may decrypt with (queues encrypted with a CMK)"
  type        = list(string)
  default     = []
}

variable "environment" {
  type    = map(string)
  default = {}
}
