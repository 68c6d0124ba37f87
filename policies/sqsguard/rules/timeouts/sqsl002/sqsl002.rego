# METADATA
# scope: package
# title: Visibility timeout below 6 x function timeout + batching window
# description: |
#   AWS recommends a source queue visibility timeout of at least six times the
#   function timeout plus the maximum batching window, so that throttled or
#   retried invocations do not make messages visible again while in flight.
# custom:
#   id: SQSL002
#   severity: deny
#   remediation: Raise visibility_timeout_seconds to at least 6 x the function timeout + maximum_batching_window_in_seconds, or lower the function timeout.
#   url: https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html
package sqsguard.rules.timeouts.sqsl002

import data.sqsguard.lib.model
import data.sqsguard.lib.pipeline
import data.sqsguard.lib.verdict

findings := verdict.findings(rego.metadata.chain(), violations, unsure)

violations contains verdict.violation(q.address, pipeline.related(p), msg) if {
	mult := verdict.thresholds.visibility_timeout_multiplier
	some p in model.pipeline_facts
	q := p.queue
	is_number(q.visibility_timeout)
	is_number(p.function.timeout)
	is_number(p.mapping.batching_window)
	need := (mult * p.function.timeout) + p.mapping.batching_window
	q.visibility_timeout < need
	msg := concat("", [
		"visibility timeout ", verdict.n(q.visibility_timeout), " s < ", verdict.n(mult),
		" × function timeout ", verdict.n(p.function.timeout), " s + batching window ",
		verdict.n(p.mapping.batching_window), " s = ", verdict.n(need), " s",
	])
}

unsure contains verdict.unsure_because(pipeline.queue_or_mapping(p), pipeline.related(p), what, pipeline.first_cause(p, _fields)) if {
	some p in model.pipeline_facts
	whats := pipeline.unknowns(p, _fields)
	count(whats) > 0
	what := concat("; ", whats)
}

# the values this rule compares
_fields := [["queue", "visibility_timeout"], ["function", "timeout"], ["mapping", "batching_window"]]
