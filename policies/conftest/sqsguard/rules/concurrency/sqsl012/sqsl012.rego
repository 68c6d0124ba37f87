# METADATA
# scope: package
# title: Mapping maximum concurrency outside 2-1000
# description: Lambda accepts scaling_config.maximum_concurrency between 2 and 1000 only.
# custom:
#   id: SQSL012
#   severity: deny
#   remediation: Set scaling_config.maximum_concurrency between 2 and 1000, or remove scaling_config.
#   url: https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-scaling.html
package sqsguard.rules.concurrency.sqsl012

import data.sqsguard.lib.model
import data.sqsguard.lib.pipeline
import data.sqsguard.lib.verdict

findings := verdict.findings(rego.metadata.chain(), violations, unsure)

violations contains verdict.violation(p.mapping.address, pipeline.related(p), msg) if {
	lo := verdict.limits.maximum_concurrency_min
	hi := verdict.limits.maximum_concurrency_max
	some p in model.pipeline_facts
	mc := p.mapping.maximum_concurrency
	is_number(mc)
	not pipeline.between(mc, lo, hi)
	msg := concat("", ["maximum concurrency ", verdict.n(mc), " is outside ", verdict.n(lo), "–", verdict.n(hi)])
}

unsure contains verdict.unsure_because(p.mapping.address, pipeline.related(p), p.mapping.why.maximum_concurrency, p.mapping.cause.maximum_concurrency) if {
	some p in model.pipeline_facts
	p.mapping.maximum_concurrency == "unknown"
}
