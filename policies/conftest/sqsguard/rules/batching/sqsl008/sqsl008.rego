# METADATA
# scope: package
# title: Batches without partial batch responses
# description: |
#   With batch_size > 1 and no ReportBatchItemFailures, one failing message
#   makes the whole batch visible again: healthy messages are reprocessed and
#   count towards maxReceiveCount.
# custom:
#   id: SQSL008
#   severity: warn
#   remediation: Add "ReportBatchItemFailures" to function_response_types and return batchItemFailures from the handler, or use batch_size 1.
#   url: https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html
package sqsguard.rules.batching.sqsl008

import data.sqsguard.lib.model
import data.sqsguard.lib.pipeline
import data.sqsguard.lib.verdict

findings := verdict.findings(rego.metadata.chain(), violations, unsure)

violations contains verdict.violation(p.mapping.address, pipeline.related(p), msg) if {
	some p in model.pipeline_facts
	is_number(p.mapping.batch_size)
	p.mapping.batch_size > 1
	p.mapping.report_batch_item_failures == false
	msg := concat("", ["batch size ", verdict.n(p.mapping.batch_size), " without ReportBatchItemFailures: one failure retries the whole batch"])
}

unsure contains verdict.unsure_because(p.mapping.address, pipeline.related(p), what, pipeline.first_cause(p, [["mapping", "batch_size"], ["mapping", "report_batch_item_failures"]])) if {
	some p in model.pipeline_facts
	whats := pipeline.unknown_fields(p.mapping, ["batch_size", "report_batch_item_failures"])
	count(whats) > 0
	what := concat("; ", whats)
}
