resource "aws_sqs_queue" "orders_dlq" {
  name                      = "${var.service}-dlq"
  message_retention_seconds = var.dlq_retention_seconds
  sqs_managed_sse_enabled   = true
}

resource "aws_sqs_queue" "orders" {
  name                       = "${var.service}-queue"
  visibility_timeout_seconds = var.visibility_timeout_seconds
  message_retention_seconds  = var.message_retention_seconds
  sqs_managed_sse_enabled    = true

  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.orders_dlq.arn
    maxReceiveCount     = var.max_receive_count
  })
}

resource "aws_sqs_queue_redrive_allow_policy" "orders_dlq" {
  queue_url = aws_sqs_queue.orders_dlq.id
  redrive_allow_policy = jsonencode({
    redrivePermission = "byQueue"
    sourceQueueArns   = [aws_sqs_queue.orders.arn]
  })
}

data "aws_iam_policy_document" "orders_tls" {
  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["sqs:*"]
    resources = [aws_sqs_queue.orders.arn]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

data "aws_iam_policy_document" "orders_publish" {
  statement {
    sid       = "AllowOrderEventsTopic"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.orders.arn]

    principals {
      type        = "Service"
      identifiers = ["sns.amazonaws.com"]
    }

    condition {
      test     = "ArnEquals"
      variable = "aws:SourceArn"
      values   = [aws_sns_topic.order_events.arn]
    }
  }
}

data "aws_iam_policy_document" "orders_queue" {
  source_policy_documents = concat(
    [data.aws_iam_policy_document.orders_publish.json],
    var.enforce_tls ? [data.aws_iam_policy_document.orders_tls.json] : [],
  )
}

resource "aws_sns_topic" "order_events" {
  name = "${var.service}-events"
}

resource "aws_sns_topic_subscription" "orders" {
  topic_arn            = aws_sns_topic.order_events.arn
  protocol             = "sqs"
  endpoint             = aws_sqs_queue.orders.arn
  raw_message_delivery = true
}

resource "aws_sqs_queue_policy" "orders" {
  queue_url = aws_sqs_queue.orders.id
  policy    = data.aws_iam_policy_document.orders_queue.json
}

data "aws_iam_policy_document" "orders_dlq_tls" {
  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["sqs:*"]
    resources = [aws_sqs_queue.orders_dlq.arn]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_sqs_queue_policy" "orders_dlq" {
  queue_url = aws_sqs_queue.orders_dlq.id
  policy    = data.aws_iam_policy_document.orders_dlq_tls.json
}

resource "aws_cloudwatch_metric_alarm" "orders_oldest_message" {
  alarm_name          = "${aws_sqs_queue.orders.name}-ApproximateAgeOfOldestMessage"
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateAgeOfOldestMessage"
  statistic           = "Maximum"
  period              = 300
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = 3600
  dimensions = {
    QueueName = aws_sqs_queue.orders.name
  }
}

resource "aws_cloudwatch_metric_alarm" "orders_dlq_messages" {
  alarm_name          = "${aws_sqs_queue.orders_dlq.name}-ApproximateNumberOfMessagesVisible"
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateNumberOfMessagesVisible"
  statistic           = "Maximum"
  period              = 300
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = 0
  dimensions = {
    QueueName = aws_sqs_queue.orders_dlq.name
  }
}
