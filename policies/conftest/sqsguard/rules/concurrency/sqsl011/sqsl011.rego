# METADATA
# scope: package
# title: Mapping maximum concurrency above reserved concurrency
# description: |
#   When the maximum concurrency of a function's SQS mappings, summed over all
#   of them, exceeds the function's reserved concurrency, Lambda throttles the
#   surplus invocations and the messages return to the queue, consuming
#   receive attempts.
# custom:
#   id: SQSL011
#   severity: warn
#   remediation: Keep the sum of scaling_config.maximum_concurrency over the function's mappings at or below its reserved_concurrent_executions.
#   url: https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-scaling.html
package sqsguard.rules.concurrency.sqsl011

import data.sqsguard.lib.model
import data.sqsguard.lib.pipeline
import data.sqsguard.lib.verdict

findings := verdict.findings(rego.metadata.chain(), violations, unsure)

# one mapping: reported on the mapping, as before the sum was compared
violations contains verdict.violation(p.mapping.address, pipeline.related(p), msg) if {
	some p in model.pipeline_facts
	count(pipeline.function_mappings[p.function.address]) == 1
	mc := p.mapping.maximum_concurrency
	is_number(mc)
	rc := p.function.reserved_concurrency
	is_number(rc)
	mc > rc
	msg := concat("", ["maximum concurrency ", verdict.n(mc), " > reserved concurrency ", verdict.n(rc)])
}

# several mappings: their sum, reported on the function
violations contains verdict.violation(f, [m | some m, _ in ms], msg) if {
	some f, ms in pipeline.function_mappings
	count(ms) > 1
	rc := model.functions[f].reserved_concurrency
	is_number(rc)
	mcs := [model.pipeline_facts[m].mapping.maximum_concurrency | some m, _ in ms]
	every mc in mcs {
		is_number(mc)
	}
	total := sum(mcs)
	total > rc
	msg := concat("", [
		"maximum concurrency summed over ", verdict.n(count(ms)), " mappings ", verdict.n(total),
		" > reserved concurrency ", verdict.n(rc),
	])
}

unsure contains verdict.unsure_because(p.mapping.address, pipeline.related(p), what, pipeline.first_cause(p, [["mapping", "maximum_concurrency"], ["function", "reserved_concurrency"]])) if {
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
