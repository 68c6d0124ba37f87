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
  consume_statement = {
    Sid      = "ConsumeOrders"
    Effect   = "Allow"
    Action   = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"]
    Resource = aws_sqs_queue.orders.arn
  }
  decrypt_statement = {
    Sid      = "DecryptOrders"
    Effect   = "Allow"
    Action   = ["kms:Decrypt"]
    Resource = aws_kms_key.orders.arn
  }
}

resource "aws_iam_role" "orders_worker" {
  name               = "${var.service}-worker"
  assume_role_policy = data.aws_iam_policy_document.assume_lambda.json

  inline_policy {
    name = "consume-orders"
    policy = jsonencode({
      Version   = "2012-10-17"
      Statement = concat([local.consume_statement], var.grant_kms_decrypt ? [local.decrypt_statement] : [])
    })
  }
}

resource "aws_iam_role_policy_attachment" "orders_worker_logs" {
  role       = aws_iam_role.orders_worker.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
}
