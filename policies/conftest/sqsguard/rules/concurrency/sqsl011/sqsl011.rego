# METADATA
# scope: package
# title: Mapping maximum concurrency above reserved concurrency
# description: |
#   When the mapping's maximum concurrency exceeds the function's reserved
#   concurrency, Lambda throttles the surplus invocations and the messages
#   return to the queue, consuming receive attempts.
# custom:
#   id: SQSL011
#   severity: warn
#   remediation: Set scaling_config.maximum_concurrency at or below the function's reserved_concurrent_executions.
#   url: https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-scaling.html
package sqsguard.rules.concurrency.sqsl011

import data.sqsguard.lib.model
import data.sqsguard.lib.pipeline
import data.sqsguard.lib.report

findings := report.findings(rego.metadata.chain(), violations, unsure)

violations contains report.violation(p.mapping.address, pipeline.related(p), msg) if {
	some p in model.pipeline_facts
	mc := p.mapping.maximum_concurrency
	is_number(mc)
	rc := p.function.reserved_concurrency
	is_number(rc)
	mc > rc
	msg := concat("", ["maximum concurrency ", report.n(mc), " > reserved concurrency ", report.n(rc)])
}

unsure contains report.unsure_because(p.mapping.address, pipeline.related(p), what, pipeline.first_cause(p, [["mapping", "maximum_concurrency"], ["function", "reserved_concurrency"]])) if {
	some p in model.pipeline_facts
	p.mapping.maximum_concurrency != null
	p.function.reserved_concurrency != null
	whats := array.concat(
		[p.mapping.why.maximum_concurrency | p.mapping.maximum_concurrency == "unknown"],
		[p.function.why.reserved_concurrency | p.function.reserved_concurrency == "unknown"],
	)
	count(whats) > 0
	what := concat("; ", whats)
}
