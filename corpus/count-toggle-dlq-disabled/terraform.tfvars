enable_dlq = false
