create_dlq = false
