# METADATA
# scope: package
# title: Competing consumers on one queue
# description: |
#   SQS delivers each message to one receiver. Two or more event source
#   mappings (or a mapping and an EventBridge pipe) on one queue compete for its
#   messages: each consumer sees only part of them, and the messages the other
#   consumer takes are lost to it. Two mappings of one queue to the same
#   function are rejected by Lambda. Filters do not make consumers disjoint
#   either (see SQSL030): fan out with SNS or EventBridge to one queue per consumer.
# custom:
#   id: SQSL031
#   severity: deny
#   remediation: Give each consumer its own queue (fan out with an SNS topic or an EventBridge rule), or keep one mapping per queue.
#   url: https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html
package sqsguard.rules.mapping.sqsl031

import data.sqsguard.lib.alarms
import data.sqsguard.lib.model
import data.sqsguard.lib.verdict

findings := verdict.findings(rego.metadata.chain(), violations, set())

# pipes[queue][pipe]: EventBridge pipes reading the queue
_pipes[q][addr] if {
	some addr, res in model.by_type.aws_pipes_pipe
	src := model.resolve(res, model.val(res, "source"), {"aws_sqs_queue"})
	src.status == "found"
	q := src.address
}

_consumers(q) := array.concat(alarms.mappings_of(q), [p | some p, _ in object.get(_pipes, q, {})])

violations contains verdict.violation(q, consumers, msg) if {
	some q in (object.keys(alarms.queue_mappings) | object.keys(_pipes))
	consumers := _consumers(q)
	count(consumers) > 1
	msg := concat("", [
		verdict.n(count(consumers)), " consumers compete for the messages of ", q,
		": each message reaches only one of ", verdict.list(consumers),
	])
}
