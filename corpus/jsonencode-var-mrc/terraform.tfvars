service           = "orders"
max_receive_count = 100
