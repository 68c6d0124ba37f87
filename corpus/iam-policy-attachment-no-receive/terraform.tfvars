consumer_actions = ["sqs:DeleteMessage", "sqs:GetQueueAttributes"]
