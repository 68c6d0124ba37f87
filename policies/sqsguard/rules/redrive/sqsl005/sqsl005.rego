# METADATA
# scope: package
# title: Standard DLQ retention shorter than source retention
# description: |
#   A standard DLQ keeps each message's original enqueue timestamp, so a DLQ
#   with a shorter retention than its source deletes redriven messages early.
# custom:
#   id: SQSL005
#   severity: deny
#   remediation: Set message_retention_seconds on the DLQ to at least the source queue's (ideally the 14-day maximum, 1209600 s).
#   url: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html
package sqsguard.rules.redrive.sqsl005

import data.sqsguard.lib.model
import data.sqsguard.lib.pipeline
import data.sqsguard.lib.verdict

findings := verdict.findings(rego.metadata.chain(), violations, unsure)

violations contains verdict.violation(p.dlq.address, pipeline.related_with_dlq(p), msg) if {
	some p in model.pipeline_facts
	p.queue.fifo == false
	is_number(p.dlq.retention)
	is_number(p.queue.retention)
	p.dlq.retention < p.queue.retention
	msg := concat("", [
		"DLQ retention ", verdict.n(p.dlq.retention), " s < source retention ",
		verdict.n(p.queue.retention), " s (a standard DLQ keeps the original enqueue time)",
	])
}

unsure contains verdict.unsure_because(pipeline.queue_or_mapping(p), pipeline.related_with_dlq(p), what, pipeline.first_cause(p, [["queue", "fifo"], ["queue", "retention"], ["dlq", "retention"]])) if {
	some p in model.pipeline_facts
	p.dlq != null
	p.queue.fifo != true
	whats := array.concat(
		pipeline.unknown_fields(p.queue, ["fifo", "retention"]),
		[p.dlq.why.retention | p.dlq.retention == "unknown"],
	)
	count(whats) > 0
	what := concat("; ", whats)
}
