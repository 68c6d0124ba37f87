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

variable "max_receive_count" {
  description = "Receives before a message moves to the DLQ"
  type        = number
  default     = 5
}
