# METADATA
# scope: package
# title: Visibility timeout shorter than function timeout
# description: |
#   Lambda refuses to create an SQS event source mapping when the queue's
#   visibility timeout is shorter than the function's timeout.
# custom:
#   id: SQSL001
#   severity: deny
#   remediation: Set visibility_timeout_seconds on the source queue to at least the function timeout (better 6 times it plus the batching window).
#   url: https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html
package sqsguard.rules.timeouts.sqsl001

import data.sqsguard.lib.model
import data.sqsguard.lib.pipeline
import data.sqsguard.lib.verdict

findings := verdict.findings(rego.metadata.chain(), violations, unsure)

violations contains verdict.violation(q.address, pipeline.related(p), msg) if {
	some p in model.pipeline_facts
	q := p.queue
	is_number(q.visibility_timeout)
	is_number(p.function.timeout)
	q.visibility_timeout < p.function.timeout
	msg := concat("", [
		"visibility timeout ", verdict.n(q.visibility_timeout), " s < function timeout ",
		verdict.n(p.function.timeout), " s: Lambda rejects the event source mapping",
	])
}

unsure contains verdict.unsure_because(pipeline.queue_or_mapping(p), pipeline.related(p), concat("; ", whats), pipeline.first_cause(p, _fields)) if {
	some p in model.pipeline_facts
	whats := pipeline.unknowns(p, _fields)
	count(whats) > 0
}

# the values this rule compares
_fields := [["queue", "visibility_timeout"], ["function", "timeout"]]
