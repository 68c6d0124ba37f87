consumer_actions = ["sqs:*"]
