service           = "orders"
max_receive_count = 20
