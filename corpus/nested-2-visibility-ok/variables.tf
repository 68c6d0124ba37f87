variable "region" {
  type    = string
  default = "us-east-1"
}

variable "function_timeout" {
  type    = number
  default = 10
}

variable "visibility_timeout_seconds" {
  description = "Source queue visibility timeout; 6 x function_timeout when null"
  type        = number
  default     = null
}
