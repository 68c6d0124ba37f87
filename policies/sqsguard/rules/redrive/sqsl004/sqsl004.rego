# METADATA
# scope: package
# title: maxReceiveCount outside the recommended range
# description: |
#   A low maxReceiveCount sends healthy messages to the DLQ when the function
#   is throttled; a very high one turns a poison message into a retry storm.
# custom:
#   id: SQSL004
#   severity: warn
#   remediation: Set maxReceiveCount in the redrive policy between 5 and 50 (thresholds max_receive_count_min / max_receive_count_max).
#   url: https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html
package sqsguard.rules.redrive.sqsl004

import data.sqsguard.lib.model
import data.sqsguard.lib.pipeline
import data.sqsguard.lib.verdict

findings := verdict.findings(rego.metadata.chain(), violations, unsure)

violations contains verdict.violation(p.redrive.entry.source, pipeline.related_with_dlq(p), msg) if {
	lo := verdict.thresholds.max_receive_count_min
	hi := verdict.thresholds.max_receive_count_max
	some p in model.pipeline_facts
	mrc := p.redrive.entry.max_receive_count
	is_number(mrc)
	not pipeline.between(mrc, lo, hi)
	msg := concat("", ["maxReceiveCount ", verdict.n(mrc), " is outside ", verdict.n(lo), "–", verdict.n(hi)])
}

unsure contains verdict.unsure_because(p.redrive.entry.source, pipeline.related_with_dlq(p), what, p.redrive.entry.cause) if {
	some p in model.pipeline_facts
	p.redrive.entry.max_receive_count == "unknown"
	what := concat("", ["maxReceiveCount of ", p.redrive.entry.why])
}
