variable "region" {
  type    = string
  default = "us-east-1"
}

variable "pipelines" {
  description = "One queue + worker per entry"
  type = map(object({
    function_timeout   = number
    visibility_timeout = number
    batch_size         = optional(number, 10)
  }))
  default = {}
}
