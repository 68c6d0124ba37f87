# METADATA
# scope: package
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
package sqsguard.rules.alarms.sqsl017

import data.sqsguard.lib.alarms
import data.sqsguard.lib.model
import data.sqsguard.lib.verdict

findings := verdict.findings(rego.metadata.chain(), violations, unsure)

# no alarm at all
violations contains verdict.violation(q, alarms.mappings_of(q), msg) if {
	count(model.unattributed_alarms) == 0
	some q, _ in alarms.queue_mappings
	not alarms.has_alarm(q, "ApproximateAgeOfOldestMessage")
	msg := concat("", ["source queue ", q, " has no CloudWatch alarm on ApproximateAgeOfOldestMessage"])
}

# alarms whose threshold is too high to fire before messages expire
violations contains verdict.violation(q, alarms.mappings_of(q), msg) if {
	some q, _ in alarms.queue_mappings
	found := model.alarms[q].ApproximateAgeOfOldestMessage
	limit := alarms.age_limit(q)
	is_number(limit)
	every a in found {
		is_number(a.threshold)
		a.threshold >= limit
	}
	msg := concat("", ["ApproximateAgeOfOldestMessage alarm threshold ≥ ", verdict.n(limit), " s: it fires too late (retention or oldest_message_age_alarm_max_seconds)"])
}

unsure contains verdict.unsure_because(q, alarms.mappings_of(q), alarms.unattributed, "unattributed_resource") if {
	count(model.unattributed_alarms) > 0
	some q, _ in alarms.queue_mappings
	not alarms.has_alarm(q, "ApproximateAgeOfOldestMessage")
}
