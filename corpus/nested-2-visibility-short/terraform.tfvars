function_timeout           = 20
visibility_timeout_seconds = 100
