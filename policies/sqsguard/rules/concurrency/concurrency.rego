# METADATA
# title: Concurrency rules
# description: Reserved concurrency of SQS-fed functions and mapping maximum concurrency.
package sqsguard.rules.concurrency

import data.sqsguard.lib.model
import data.sqsguard.lib.report

# METADATA
# title: SQS-fed function with reserved concurrency 0
# description: |
#   Reserved concurrency 0 throttles every invocation: messages are received,
#   throttled and, after maxReceiveCount receives, moved to the DLQ unprocessed.
# custom:
#   id: SQSL010
#   severity: deny
#   remediation: Remove reserved_concurrent_executions = 0 from the function (or disable the mapping on purpose).
#   url: https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-scaling.html
findings contains report.finding(rego.metadata.rule(), f.address, _related(p), "function has reserved concurrency 0: every message is throttled") if {
	some p in model.pipeline_facts
	f := p.function
	f.reserved_concurrency == 0
}

# METADATA
# title: SQS-fed function with reserved concurrency 0
# description: Undetermined variant of SQSL010.
# custom:
#   id: SQSL010
#   severity: deny
#   remediation: Remove reserved_concurrent_executions = 0 from the function (or disable the mapping on purpose).
#   url: https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-scaling.html
findings contains report.undetermined(rego.metadata.rule(), _function(p), _related(p), p.function.why.reserved_concurrency) if {
	some p in model.pipeline_facts
	p.function.reserved_concurrency == "unknown"
}

# METADATA
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
findings contains report.finding(rego.metadata.rule(), p.mapping.address, _related(p), msg) if {
	some p in model.pipeline_facts
	mc := p.mapping.maximum_concurrency
	is_number(mc)
	rc := p.function.reserved_concurrency
	is_number(rc)
	mc > rc
	msg := concat("", ["maximum concurrency ", report.n(mc), " > reserved concurrency ", report.n(rc)])
}

# METADATA
# title: Mapping maximum concurrency above reserved concurrency
# description: Undetermined variant of SQSL011.
# custom:
#   id: SQSL011
#   severity: warn
#   remediation: Set scaling_config.maximum_concurrency at or below the function's reserved_concurrent_executions.
#   url: https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-scaling.html
findings contains report.undetermined(rego.metadata.rule(), p.mapping.address, _related(p), what) if {
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

# METADATA
# title: Mapping maximum concurrency outside 2-1000
# description: Lambda accepts scaling_config.maximum_concurrency between 2 and 1000 only.
# custom:
#   id: SQSL012
#   severity: deny
#   remediation: Set scaling_config.maximum_concurrency between 2 and 1000, or remove scaling_config.
#   url: https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-scaling.html
findings contains report.finding(rego.metadata.rule(), p.mapping.address, _related(p), msg) if {
	some p in model.pipeline_facts
	mc := p.mapping.maximum_concurrency
	is_number(mc)
	not _between(mc, 2, 1000)
	msg := concat("", ["maximum concurrency ", report.n(mc), " is outside 2–1000"])
}

# METADATA
# title: Mapping maximum concurrency outside 2-1000
# description: Undetermined variant of SQSL012.
# custom:
#   id: SQSL012
#   severity: deny
#   remediation: Set scaling_config.maximum_concurrency between 2 and 1000, or remove scaling_config.
#   url: https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-scaling.html
findings contains report.undetermined(rego.metadata.rule(), p.mapping.address, _related(p), p.mapping.why.maximum_concurrency) if {
	some p in model.pipeline_facts
	p.mapping.maximum_concurrency == "unknown"
}

_between(x, lo, hi) if {
	x >= lo
	x <= hi
}

_related(p) := [p.mapping.address, p.function.address, p.queue.address]

_function(p) := report.addr_or(p.function.address, p.mapping.address)
