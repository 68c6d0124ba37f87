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
  # the team-wide consumer grant, narrowed per service by the override below
  orders_consumer_actions = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ChangeMessageVisibility"]
}

data "aws_iam_policy_document" "queue_consumer_base" {
  statement {
    sid       = "ConsumeQueue"
    actions   = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"]
    resources = [aws_sqs_queue.orders.arn]
  }
}

data "aws_iam_policy_document" "xray" {
  statement {
    sid       = "Tracing"
    actions   = ["xray:PutTraceSegments", "xray:PutTelemetryRecords"]
    resources = ["*"]
  }
}

data "aws_iam_policy_document" "orders_consumer_override" {
  statement {
    sid       = "ConsumeQueue"
    actions   = local.orders_consumer_actions
    resources = [aws_sqs_queue.orders.arn]
  }
}

data "aws_iam_policy_document" "orders_worker" {
  source_policy_documents = [
    data.aws_iam_policy_document.queue_consumer_base.json,
    data.aws_iam_policy_document.xray.json,
  ]
  override_policy_documents = [data.aws_iam_policy_document.orders_consumer_override.json]
}

resource "aws_iam_role_policy" "orders_worker" {
  name   = "orders-worker"
  role   = aws_iam_role.orders_worker.id
  policy = data.aws_iam_policy_document.orders_worker.json
}
