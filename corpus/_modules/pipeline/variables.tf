variable "name" {
  type = string
}

variable "function_timeout" {
  type    = number
  default = 10
}

variable "visibility_timeout_seconds" {
  description = "Defaults to 6 x function_timeout + batching window (AWS's recommendation) when null"
  type        = number
  default     = null
}

variable "message_retention_seconds" {
  type    = number
  default = 345600
}

variable "dlq_message_retention_seconds" {
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

variable "maximum_batching_window_in_seconds" {
  type    = number
  default = 0
}

variable "report_batch_item_failures" {
  type    = bool
  default = true
}

variable "reserved_concurrent_executions" {
  type    = number
  default = -1
}

variable "maximum_concurrency" {
  description = "Mapping scaling limit; no scaling_config when null"
  type        = number
  default     = null
}
