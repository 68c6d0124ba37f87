consumer_enabled = true
