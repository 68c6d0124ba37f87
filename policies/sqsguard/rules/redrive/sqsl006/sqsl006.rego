# METADATA
# scope: package
# title: FIFO and standard queues mixed in a redrive pair
# description: |
#   The dead-letter queue of a FIFO queue must be FIFO, and the DLQ of a
#   standard queue must be standard; AWS rejects the mixed redrive policy.
# custom:
#   id: SQSL006
#   severity: deny
#   remediation: Make the DLQ the same type as its source queue (fifo_queue on both, or on neither).
#   url: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html
package sqsguard.rules.redrive.sqsl006

import data.sqsguard.lib.model
import data.sqsguard.lib.pipeline
import data.sqsguard.lib.verdict

findings := verdict.findings(rego.metadata.chain(), violations, unsure)

violations contains verdict.violation(p.dlq.address, pipeline.related_with_dlq(p), msg) if {
	some p in model.pipeline_facts
	is_boolean(p.queue.fifo)
	is_boolean(p.dlq.fifo)
	p.queue.fifo != p.dlq.fifo
	msg := concat("", ["source queue is ", _kind(p.queue.fifo), " but its DLQ is ", _kind(p.dlq.fifo)])
}

unsure contains verdict.unsure_because(pipeline.queue_or_mapping(p), pipeline.related_with_dlq(p), what, pipeline.first_cause(p, [["queue", "fifo"], ["dlq", "fifo"]])) if {
	some p in model.pipeline_facts
	p.dlq != null
	whats := [q.why.fifo | some q in [p.queue, p.dlq]; q.fifo == "unknown"]
	count(whats) > 0
	what := concat("; ", whats)
}

_kind(true) := "FIFO"

_kind(false) := "standard"
