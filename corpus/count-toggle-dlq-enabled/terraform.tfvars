enable_dlq = true
