batch_size                 = 10
report_batch_item_failures = false
