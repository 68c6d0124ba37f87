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

resource "aws_iam_role_policy_attachment" "orders_consume" {
  role       = aws_iam_role.orders_worker.name
  policy_arn = var.use_aws_managed_sqs_policy ? "arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole" : aws_iam_policy.orders_consume.arn
}
