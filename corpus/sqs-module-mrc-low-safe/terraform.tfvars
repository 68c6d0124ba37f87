max_receive_count = 5
