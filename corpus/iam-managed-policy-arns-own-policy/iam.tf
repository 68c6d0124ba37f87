data "aws_iam_policy_document" "assume_lambda" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

locals {
  basic_execution_policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
  queue_consumer_policy_arn  = aws_iam_policy.orders_consume.arn
}

resource "aws_iam_policy" "orders_consume" {
  name = "${var.service}-consume"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"]
      Resource = aws_sqs_queue.orders.arn
    }]
  })
}

resource "aws_iam_role" "orders_worker" {
  name                = "${var.service}-worker"
  assume_role_policy  = data.aws_iam_policy_document.assume_lambda.json
  managed_policy_arns = [local.basic_execution_policy_arn, local.queue_consumer_policy_arn]
}
