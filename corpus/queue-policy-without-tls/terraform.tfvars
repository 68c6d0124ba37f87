enforce_tls = false
