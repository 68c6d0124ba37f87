# METADATA
# scope: package
# title: DLQ retention below 14 days
# description: |
#   A DLQ is where failed messages wait for a person; keep them for the
#   14-day maximum so that a long weekend does not lose them.
# custom:
#   id: SQSL019
#   severity: warn
#   remediation: Set message_retention_seconds on the DLQ to 1209600 (threshold dlq_retention_min_seconds).
#   url: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html
package sqsguard.rules.redrive.sqsl019

import data.sqsguard.lib.model
import data.sqsguard.lib.pipeline
import data.sqsguard.lib.verdict

findings := verdict.findings(rego.metadata.chain(), violations, unsure)

violations contains verdict.violation(dlq, pipeline.dlq_sources(dlq), msg) if {
	floor_s := verdict.thresholds.dlq_retention_min_seconds
	some dlq, _ in model.dlq_sources
	r := model.queues[dlq].retention
	is_number(r)
	r < floor_s
	msg := concat("", ["DLQ retention ", verdict.n(r), " s < ", verdict.n(floor_s), " s"])
}

unsure contains verdict.unsure_because(dlq, pipeline.dlq_sources(dlq), q.why.retention, q.cause.retention) if {
	some dlq, _ in model.dlq_sources
	q := model.queues[dlq]
	q.retention == "unknown"
}
