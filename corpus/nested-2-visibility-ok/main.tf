module "orders_pipeline" {
  source = "../_modules/pipeline"

  name                       = "orders"
  function_timeout           = var.function_timeout
  visibility_timeout_seconds = var.visibility_timeout_seconds
  max_receive_count          = 10
}
