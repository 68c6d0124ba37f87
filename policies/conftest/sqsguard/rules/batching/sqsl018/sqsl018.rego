# METADATA
# scope: package
# title: Event source mapping disabled
# description: A disabled mapping leaves messages piling up in the queue until they expire.
# custom:
#   id: SQSL018
#   severity: warn
#   remediation: Set enabled = true on the event source mapping (or remove the mapping if the queue is unused).
#   url: https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html
package sqsguard.rules.batching.sqsl018

import data.sqsguard.lib.model
import data.sqsguard.lib.pipeline
import data.sqsguard.lib.verdict

findings := verdict.findings(rego.metadata.chain(), violations, unsure)

violations contains verdict.violation(p.mapping.address, pipeline.related(p), "event source mapping is disabled: messages accumulate until they expire") if {
	some p in model.pipeline_facts
	p.mapping.enabled == false
}

unsure contains verdict.unsure_because(p.mapping.address, pipeline.related(p), p.mapping.why.enabled, p.mapping.cause.enabled) if {
	some p in model.pipeline_facts
	p.mapping.enabled == "unknown"
}
