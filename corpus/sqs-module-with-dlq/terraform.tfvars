create_dlq = true
