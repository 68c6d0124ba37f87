locals {
  package = "${path.module}/../../_shared/lambda.zip"
}

data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "this" {
  name               = "${var.name}-role"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}

resource "aws_iam_role_policy_attachment" "logs" {
  role       = aws_iam_role.this.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
}

data "aws_iam_policy_document" "consume" {
  count = length(var.consume_queue_arns) > 0 ? 1 : 0

  statement {
    sid       = "ConsumeQueues"
    actions   = var.consume_actions
    resources = var.consume_queue_arns
  }

  dynamic "statement" {
    for_each = length(var.decrypt_key_arns) > 0 ? [1] : []
    content {
      sid       = "DecryptQueueMessages"
      actions   = ["kms:Decrypt"]
      resources = var.decrypt_key_arns
    }
  }
}

resource "aws_iam_role_policy" "consume" {
  count = length(var.consume_queue_arns) > 0 ? 1 : 0

  name   = "consume"
  role   = aws_iam_role.this.id
  policy = data.aws_iam_policy_document.consume[0].json
}

resource "aws_lambda_function" "this" {
  function_name                  = var.name
  role                           = aws_iam_role.this.arn
  runtime                        = "nodejs20.x"
  handler                        = "index.handler"
  filename                       = local.package
  source_code_hash               = filebase64sha256(local.package)
  timeout                        = var.timeout
  memory_size                    = var.memory_size
  reserved_concurrent_executions = var.reserved_concurrent_executions

  dynamic "environment" {
    for_each = length(var.environment) > 0 ? [1] : []
    content {
      variables = var.environment
    }
  }
}
