pipelines = {
  orders = {
    function_timeout   = 10
    visibility_timeout = 60
  }
  payments = {
    function_timeout   = 20
    visibility_timeout = 120
    batch_size         = 5
  }
  refunds = {
    function_timeout   = 30
    visibility_timeout = 180
  }
}
