# METADATA
# scope: package
# title: Messages can expire before reaching the DLQ
# description: |
#   A new message waits delay_seconds before its first receive, and each
#   receive keeps it invisible for the visibility timeout; when delay +
#   maxReceiveCount x visibility timeout reaches the source retention, a
#   failing message expires before it is moved to the DLQ.
# custom:
#   id: SQSL007
#   severity: deny
#   remediation: Lower maxReceiveCount, the visibility timeout or delay_seconds, or raise message_retention_seconds on the source queue.
#   url: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html
package sqsguard.rules.redrive.sqsl007

import data.sqsguard.lib.model
import data.sqsguard.lib.pipeline
import data.sqsguard.lib.settings
import data.sqsguard.lib.verdict

findings := verdict.findings(rego.metadata.chain(), violations, unsure)

violations contains verdict.violation(p.queue.address, pipeline.related_with_dlq(p), msg) if {
	some p in model.pipeline_facts
	mrc := p.redrive.entry.max_receive_count
	is_number(mrc)
	is_number(p.queue.visibility_timeout)
	is_number(p.queue.retention)
	delay := settings.delay[p.queue.address]
	is_number(delay)
	total := delay + (mrc * p.queue.visibility_timeout)
	total >= p.queue.retention
	msg := concat("", [
		_delay_text(delay), "maxReceiveCount ", verdict.n(mrc), " × visibility timeout ", verdict.n(p.queue.visibility_timeout),
		" s = ", verdict.n(total), " s ≥ source retention ", verdict.n(p.queue.retention), " s",
	])
}

# the queue's delivery delay counts before the first receive
_delay_text(0) := ""

_delay_text(d) := concat("", ["delay ", verdict.n(d), " s + "]) if d != 0

unsure contains verdict.unsure_because(pipeline.queue_or_mapping(p), pipeline.related_with_dlq(p), what, _cause(p)) if {
	some p in model.pipeline_facts
	p.redrive.status == "set"
	whats := array.flatten([
		[p.redrive.entry.why | p.redrive.entry.max_receive_count == "unknown"],
		pipeline.unknown_fields(p.queue, ["visibility_timeout", "retention"]),
		[settings.why_delay[p.queue.address] | settings.delay[p.queue.address] == "unknown"],
	])
	count(whats) > 0
	what := concat("; ", whats)
}

# the redrive policy's cause when maxReceiveCount is unknown, else the queue's
_cause(p) := p.redrive.entry.cause if {
	p.redrive.entry.max_receive_count == "unknown"
	is_string(p.redrive.entry.cause)
} else := pipeline.first_cause(p, [["queue", "visibility_timeout"], ["queue", "retention"]])
