# METADATA
# scope: package
# title: SQS-fed function with reserved concurrency 0
# description: |
#   Reserved concurrency 0 throttles every invocation: messages are received,
#   throttled and, after maxReceiveCount receives, moved to the DLQ unprocessed.
# custom:
#   id: SQSL010
#   severity: deny
#   remediation: Remove reserved_concurrent_executions = 0 from the function (or disable the mapping on purpose).
#   url: https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-scaling.html
package sqsguard.rules.concurrency.sqsl010

import data.sqsguard.lib.model
import data.sqsguard.lib.pipeline
import data.sqsguard.lib.report

findings := report.findings(rego.metadata.chain(), violations, unsure)

violations contains report.violation(p.function.address, pipeline.related(p), "function has reserved concurrency 0: every message is throttled") if {
	some p in model.pipeline_facts
	p.function.reserved_concurrency == 0
}

unsure contains report.unsure_because(pipeline.function_or_mapping(p), pipeline.related(p), p.function.why.reserved_concurrency, p.function.cause.reserved_concurrency) if {
	some p in model.pipeline_facts
	p.function.reserved_concurrency == "unknown"
}
