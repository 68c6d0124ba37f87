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

data "aws_partition" "current" {}

data "aws_region" "current" {}

locals {
  consumed_queue_name = "${var.service}-queue-v2"
  consumed_queue_arn  = "arn:${data.aws_partition.current.partition}:sqs:${data.aws_region.current.name}:${var.account_id}:${local.consumed_queue_name}"
}

data "aws_iam_policy_document" "orders_consume" {
  statement {
    actions   = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"]
    resources = [local.consumed_queue_arn]
  }
}

resource "aws_iam_role_policy" "orders_consume" {
  name   = "consume-orders"
  role   = aws_iam_role.orders_worker.id
  policy = data.aws_iam_policy_document.orders_consume.json
}
