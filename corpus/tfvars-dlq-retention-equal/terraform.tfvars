service                   = "orders"
message_retention_seconds = 1209600
dlq_retention_seconds     = 1209600
