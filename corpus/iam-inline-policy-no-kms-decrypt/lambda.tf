resource "aws_lambda_function" "orders" {
  function_name    = "${var.service}-worker"
  role             = aws_iam_role.orders_worker.arn
  runtime          = "nodejs20.x"
  handler          = "index.handler"
  filename         = "${path.module}/../_shared/lambda.zip"
  source_code_hash = filebase64sha256("${path.module}/../_shared/lambda.zip")
  timeout          = var.function_timeout
}

resource "aws_lambda_event_source_mapping" "orders" {
  event_source_arn        = aws_sqs_queue.orders.arn
  function_name           = aws_lambda_function.orders.arn
  batch_size              = var.batch_size
  function_response_types = ["ReportBatchItemFailures"]
}
