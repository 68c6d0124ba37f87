# METADATA
# scope: package
# title: SQS-fed function with reserved concurrency 0
# description: |
#   Reserved concurrency 0 stops the function: Lambda stops processing the
#   queue (a pause, as AWS documents it), and the messages stay in the queue,
#   aging toward its retention period, after which SQS deletes them.
# custom:
#   id: SQSL010
#   severity: deny
#   remediation: Remove reserved_concurrent_executions = 0 from the function; to pause on purpose, set enabled = false on the mapping and watch the queue age alarm.
#   url: https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-scaling.html
package sqsguard.rules.concurrency.sqsl010

import data.sqsguard.lib.model
import data.sqsguard.lib.pipeline
import data.sqsguard.lib.verdict

findings := verdict.findings(rego.metadata.chain(), violations, unsure)

violations contains verdict.violation(p.function.address, pipeline.related(p), "function has reserved concurrency 0: Lambda stops processing the queue and messages age toward its retention") if {
	some p in model.pipeline_facts
	p.function.reserved_concurrency == 0
}

unsure contains verdict.unsure_because(pipeline.function_or_mapping(p), pipeline.related(p), p.function.why.reserved_concurrency, p.function.cause.reserved_concurrency) if {
	some p in model.pipeline_facts
	p.function.reserved_concurrency == "unknown"
}
