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

resource "aws_iam_role_policy" "orders_consume" {
  name = "consume-orders"
  role = aws_iam_role.orders_worker.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = var.consumer_actions
      Resource = aws_sqs_queue.orders.arn
    }]
  })
}

# no inline policies besides the ones declared here
resource "aws_iam_role_policies_exclusive" "orders_worker" {
  role_name    = aws_iam_role.orders_worker.name
  policy_names = [aws_iam_role_policy.orders_consume.name]
}
