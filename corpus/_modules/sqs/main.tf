locals {
  create_dlq = var.create && var.create_dlq
  dlq_name   = "${var.name}-dlq"
}

resource "aws_sqs_queue" "this" {
  count = var.create ? 1 : 0

  name                       = var.name
  visibility_timeout_seconds = var.visibility_timeout_seconds
  message_retention_seconds  = var.message_retention_seconds
  kms_master_key_id          = var.kms_master_key_id
  sqs_managed_sse_enabled    = var.kms_master_key_id == null ? true : null

  redrive_policy = local.create_dlq ? jsonencode(merge(
    { maxReceiveCount = 5 },
    var.redrive_policy,
    { deadLetterTargetArn = aws_sqs_queue.dlq[0].arn },
  )) : null

  tags = var.tags
}

resource "aws_sqs_queue" "dlq" {
  count = local.create_dlq ? 1 : 0

  name                      = local.dlq_name
  message_retention_seconds = var.dlq_message_retention_seconds
  kms_master_key_id         = var.kms_master_key_id
  sqs_managed_sse_enabled   = var.kms_master_key_id == null ? true : null

  tags = var.tags
}

# A separate resource: an inline redrive_allow_policy naming the source queue would be a cycle.
resource "aws_sqs_queue_redrive_allow_policy" "dlq" {
  count = local.create_dlq ? 1 : 0

  queue_url = aws_sqs_queue.dlq[0].id
  redrive_allow_policy = jsonencode({
    redrivePermission = "byQueue"
    sourceQueueArns   = [aws_sqs_queue.this[0].arn]
  })
}

data "aws_iam_policy_document" "tls_only" {
  for_each = var.create && var.create_tls_policy ? merge(
    { this = aws_sqs_queue.this[0].arn },
    local.create_dlq ? { dlq = aws_sqs_queue.dlq[0].arn } : {},
  ) : {}

  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["sqs:*"]
    resources = [each.value]

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

resource "aws_sqs_queue_policy" "this" {
  count = var.create && var.create_tls_policy ? 1 : 0

  queue_url = aws_sqs_queue.this[0].id
  policy    = data.aws_iam_policy_document.tls_only["this"].json
}

resource "aws_sqs_queue_policy" "dlq" {
  count = local.create_dlq && var.create_tls_policy ? 1 : 0

  queue_url = aws_sqs_queue.dlq[0].id
  policy    = data.aws_iam_policy_document.tls_only["dlq"].json
}

resource "aws_cloudwatch_metric_alarm" "oldest_message" {
  count = var.create && var.create_alarms ? 1 : 0

  alarm_name          = "${var.name}-oldest-message"
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateAgeOfOldestMessage"
  statistic           = "Maximum"
  period              = 300
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.oldest_message_alarm_seconds
  alarm_actions       = var.alarm_actions
  dimensions = {
    QueueName = aws_sqs_queue.this[0].name
  }
}

resource "aws_cloudwatch_metric_alarm" "dlq_messages" {
  count = local.create_dlq && var.create_alarms ? 1 : 0

  alarm_name          = "${local.dlq_name}-messages"
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateNumberOfMessagesVisible"
  statistic           = "Maximum"
  period              = 300
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = 0
  alarm_actions       = var.alarm_actions
  dimensions = {
    QueueName = aws_sqs_queue.dlq[0].name
  }
}
