consumer_enabled = false
