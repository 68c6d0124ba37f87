# METADATA
# scope: package
# title: DLQ without a message alarm
# description: |
#   Messages in a DLQ are failures nobody sees unless an alarm on
#   ApproximateNumberOfMessagesVisible tells someone. An alarm on
#   NumberOfMessagesSent does not count: SQS does not count messages that a
#   redrive policy moves into the DLQ.
# custom:
#   id: SQSL016
#   severity: warn
#   remediation: Add an aws_cloudwatch_metric_alarm (namespace AWS/SQS, metric ApproximateNumberOfMessagesVisible, dimension QueueName = the DLQ) with threshold 0 or 1.
#   url: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-available-cloudwatch-metrics.html
package sqsguard.rules.alarms.sqsl016

import data.sqsguard.lib.alarms
import data.sqsguard.lib.model
import data.sqsguard.lib.pipeline
import data.sqsguard.lib.verdict

findings := verdict.findings(rego.metadata.chain(), violations, unsure)

violations contains verdict.violation(dlq, pipeline.dlq_sources(dlq), msg) if {
	count(model.unattributed_alarms) == 0
	some dlq, _ in model.dlq_sources
	not alarms.has_alarm(dlq, "ApproximateNumberOfMessagesVisible")
	msg := concat("", ["DLQ ", dlq, " has no CloudWatch alarm on ApproximateNumberOfMessagesVisible", _sent_note(dlq)])
}

# an alarm on NumberOfMessagesSent is no DLQ alarm: SQS does not count messages a redrive policy moves
_sent_note(dlq) := " (its NumberOfMessagesSent alarm does not count messages moved there by a redrive policy)" if {
	alarms.has_alarm(dlq, "NumberOfMessagesSent")
} else := ""

unsure contains verdict.unsure_because(dlq, pipeline.dlq_sources(dlq), alarms.unattributed, "unattributed_resource") if {
	count(model.unattributed_alarms) > 0
	some dlq, _ in model.dlq_sources
	not alarms.has_alarm(dlq, "ApproximateNumberOfMessagesVisible")
}
