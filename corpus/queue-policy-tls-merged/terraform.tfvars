enforce_tls = true
