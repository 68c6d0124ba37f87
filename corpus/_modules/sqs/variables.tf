variable "create" {
  description = "Whether to create the queue at all"
  type        = bool
  default     = true
}

variable "name" {
  description = "Queue name"
  type        = string
}

variable "visibility_timeout_seconds" {
  type    = number
  default = 30
}

variable "message_retention_seconds" {
  type    = number
  default = 345600
}

variable "kms_master_key_id" {
  description = "CMK for SSE-KMS; SSE-SQS when null"
  type        = string
  default     = null
}

variable "create_dlq" {
  description = "Whether to create a dead-letter queue and a redrive policy to it"
  type        = bool
  default     = false
}

variable "dlq_message_retention_seconds" {
  type    = number
  default = 1209600
}

variable "redrive_policy" {
  description = "Redrive policy fields merged over the defaults (deadLetterTargetArn is set to the DLQ)"
  type        = any
  default     = {}
}

variable "create_tls_policy" {
  description = "Attach a queue policy denying requests without TLS to the queue and its DLQ"
  type        = bool
  default     = true
}

variable "create_alarms" {
  type    = bool
  default = true
}

variable "oldest_message_alarm_seconds" {
  type    = number
  default = 3600
}

variable "alarm_actions" {
  type    = list(string)
  default = []
}

variable "tags" {
  type    = map(string)
  default = {}
}
