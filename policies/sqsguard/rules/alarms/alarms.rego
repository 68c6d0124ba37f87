# METADATA
# title: Alarm rules
# description: CloudWatch alarms on dead-letter queues and on source queue age.
package sqsguard.rules.alarms

import data.sqsguard.lib.model
import data.sqsguard.lib.report

# METADATA
# title: DLQ without a message alarm
# description: |
#   Messages in a DLQ are failures nobody sees unless an alarm on
#   ApproximateNumberOfMessagesVisible tells someone.
# custom:
#   id: SQSL016
#   severity: warn
#   remediation: Add an aws_cloudwatch_metric_alarm (namespace AWS/SQS, metric ApproximateNumberOfMessagesVisible, dimension QueueName = the DLQ) with threshold 0 or 1.
#   url: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-available-cloudwatch-metrics.html
findings contains report.finding(rego.metadata.rule(), dlq, _sources(dlq), msg) if {
	count(model.unattributed_alarms) == 0
	some dlq, _ in model.dlq_sources
	not _has_alarm(dlq, "ApproximateNumberOfMessagesVisible")
	msg := concat("", ["DLQ ", dlq, " has no CloudWatch alarm on ApproximateNumberOfMessagesVisible"])
}

# METADATA
# title: DLQ without a message alarm
# description: Undetermined variant of SQSL016.
# custom:
#   id: SQSL016
#   severity: warn
#   remediation: Add an aws_cloudwatch_metric_alarm (namespace AWS/SQS, metric ApproximateNumberOfMessagesVisible, dimension QueueName = the DLQ) with threshold 0 or 1.
#   url: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-available-cloudwatch-metrics.html
findings contains report.undetermined(rego.metadata.rule(), dlq, _sources(dlq), _unattributed) if {
	count(model.unattributed_alarms) > 0
	some dlq, _ in model.dlq_sources
	not _has_alarm(dlq, "ApproximateNumberOfMessagesVisible")
}

# METADATA
# title: Source queue without an age-of-oldest-message alarm
# description: |
#   ApproximateAgeOfOldestMessage is the earliest signal that a consumer is
#   stuck; without an alarm (below the queue's retention) messages expire
#   unnoticed.
# custom:
#   id: SQSL017
#   severity: warn
#   remediation: Add an aws_cloudwatch_metric_alarm on AWS/SQS ApproximateAgeOfOldestMessage for the source queue, with a threshold well below its retention (threshold oldest_message_age_alarm_max_seconds).
#   url: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-available-cloudwatch-metrics.html
findings contains report.finding(rego.metadata.rule(), q, _related(q), msg) if {
	count(model.unattributed_alarms) == 0
	some q, _ in _queue_mappings
	not _has_alarm(q, "ApproximateAgeOfOldestMessage")
	msg := concat("", ["source queue ", q, " has no CloudWatch alarm on ApproximateAgeOfOldestMessage"])
}

# METADATA
# title: Source queue without an age-of-oldest-message alarm
# description: Alarm threshold too high to fire before messages expire.
# custom:
#   id: SQSL017
#   severity: warn
#   remediation: Add an aws_cloudwatch_metric_alarm on AWS/SQS ApproximateAgeOfOldestMessage for the source queue, with a threshold well below its retention (threshold oldest_message_age_alarm_max_seconds).
#   url: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-available-cloudwatch-metrics.html
findings contains report.finding(rego.metadata.rule(), q, _related(q), msg) if {
	some q, _ in _queue_mappings
	found := model.alarms[q].ApproximateAgeOfOldestMessage
	limit := _age_limit(q)
	is_number(limit)
	every a in found {
		is_number(a.threshold)
		a.threshold >= limit
	}
	msg := concat("", ["ApproximateAgeOfOldestMessage alarm threshold ≥ ", report.n(limit), " s: it fires too late (retention or oldest_message_age_alarm_max_seconds)"])
}

# METADATA
# title: Source queue without an age-of-oldest-message alarm
# description: Undetermined variant of SQSL017.
# custom:
#   id: SQSL017
#   severity: warn
#   remediation: Add an aws_cloudwatch_metric_alarm on AWS/SQS ApproximateAgeOfOldestMessage for the source queue, with a threshold well below its retention (threshold oldest_message_age_alarm_max_seconds).
#   url: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-available-cloudwatch-metrics.html
findings contains report.undetermined(rego.metadata.rule(), q, _related(q), _unattributed) if {
	count(model.unattributed_alarms) > 0
	some q, _ in _queue_mappings
	not _has_alarm(q, "ApproximateAgeOfOldestMessage")
}

_has_alarm(q, metric) if count(model.alarms[q][metric]) > 0

_unattributed := concat("", [
	"alarms whose queue cannot be resolved: ",
	report.list([a | some a, _ in model.unattributed_alarms]),
])

_queue_mappings[q][m] if {
	some m, p in model.pipeline_facts
	q := p.queue.address
	is_string(q)
}

_age_limit(q) := min({r, report.thresholds.oldest_message_age_alarm_max_seconds}) if {
	r := model.queues[q].retention
	is_number(r)
} else := report.thresholds.oldest_message_age_alarm_max_seconds

_sources(dlq) := [q | some q, _ in model.dlq_sources[dlq]]

_related(q) := [m | some m, _ in _queue_mappings[q]]
