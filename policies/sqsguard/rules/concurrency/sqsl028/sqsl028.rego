# METADATA
# scope: package
# title: Reserved concurrency without mapping maximum concurrency
# description: |
#   Reserved concurrency does not limit the SQS poller: without
#   scaling_config.maximum_concurrency the mapping scales past the reservation,
#   the surplus invocations are throttled, receive counts climb and healthy
#   messages reach the DLQ. AWS recommends maximum concurrency on the mapping
#   instead. Reserved concurrency below 5 is also flagged: the poller starts
#   with five concurrent batches, so most of them are throttled from the start.
# custom:
#   id: SQSL028
#   severity: warn
#   remediation: Set scaling_config.maximum_concurrency on the mapping (at or below the reserved concurrency), and reserve at least 5 if you keep a reservation.
#   url: https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-scaling.html
package sqsguard.rules.concurrency.sqsl028

import data.sqsguard.lib.model
import data.sqsguard.lib.pipeline
import data.sqsguard.lib.settings
import data.sqsguard.lib.verdict

findings := verdict.findings(rego.metadata.chain(), violations, unsure)

violations contains verdict.violation(p.mapping.address, pipeline.related(p), msg) if {
	some p in model.pipeline_facts
	rc := p.function.reserved_concurrency
	is_number(rc)
	rc > 0
	p.mapping.maximum_concurrency == null
	not settings.provisioned[p.mapping.address]
	msg := concat("", ["function has reserved concurrency ", verdict.n(rc), " but the mapping sets no maximum concurrency"])
}

violations contains verdict.violation(p.function.address, pipeline.related(p), msg) if {
	some p in model.pipeline_facts
	rc := p.function.reserved_concurrency
	is_number(rc)
	rc > 0
	rc < 5
	msg := concat("", ["SQS-fed function has reserved concurrency ", verdict.n(rc), " (below 5)"])
}

unsure contains verdict.unsure_because(pipeline.function_or_mapping(p), pipeline.related(p), p.function.why.reserved_concurrency, object.get(p.function, ["cause", "reserved_concurrency"], null)) if {
	some p in model.pipeline_facts
	p.function.reserved_concurrency == "unknown"
	p.mapping.maximum_concurrency == null
}
