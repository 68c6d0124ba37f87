data "aws_iam_policy_document" "assume_lambda" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "orders_worker" {
  name               = "${var.service}-worker"
  assume_role_policy = data.aws_iam_policy_document.assume_lambda.json
}

resource "aws_iam_role_policy_attachment" "orders_worker_logs" {
  role       = aws_iam_role.orders_worker.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
}

locals {
  orders_sqs_grant = {
    actions   = ["sqs:*"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "orders_consume" {
  name = "${var.service}-consume"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "ConsumeOrders"
      Effect   = "Allow"
      Action   = local.orders_sqs_grant.actions
      Resource = local.orders_sqs_grant.resources
    }]
  })
}

resource "aws_iam_role_policy_attachment" "orders_consume" {
  role       = aws_iam_role.orders_worker.name
  policy_arn = aws_iam_policy.orders_consume.arn
}
