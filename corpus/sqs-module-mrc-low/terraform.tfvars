max_receive_count = 1
