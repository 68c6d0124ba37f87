use_aws_managed_sqs_policy = false
