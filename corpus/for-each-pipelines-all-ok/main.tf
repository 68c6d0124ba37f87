module "pipeline" {
  source   = "../_modules/pipeline"
  for_each = var.pipelines

  name                       = each.key
  function_timeout           = each.value.function_timeout
  visibility_timeout_seconds = each.value.visibility_timeout
  batch_size                 = each.value.batch_size
  max_receive_count          = 10
}
