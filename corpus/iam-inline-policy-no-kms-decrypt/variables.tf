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

variable "visibility_timeout_seconds" {
  type    = number
  default = 60
}

variable "message_retention_seconds" {
  type    = number
  default = 345600
}

variable "dlq_retention_seconds" {
  type    = number
  default = 1209600
}

variable "max_receive_count" {
  type    = number
  default = 5
}

variable "batch_size" {
  type    = number
  default = 10
}

variable "grant_kms_decrypt" {
  description = "Let the worker decrypt messages of the CMK-encrypted queue"
  type        = bool
  default     = true
}
