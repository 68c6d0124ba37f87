# METADATA
# scope: package
# title: Queue not encrypted at rest
# description: |
#   Queues must be encrypted with SSE-SQS or a KMS key. SSE-SQS is AWS's
#   default for new queues; this finds queues where it was switched off
#   (sqs_managed_sse_enabled = false) without a KMS key.
# custom:
#   id: SQSL020
#   severity: deny
#   remediation: Remove sqs_managed_sse_enabled = false, or set kms_master_key_id.
#   url: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-server-side-encryption.html
package sqsguard.rules.security.sqsl020

import data.sqsguard.lib.model
import data.sqsguard.lib.verdict

findings := verdict.findings(rego.metadata.chain(), violations, unsure)

violations contains verdict.violation(addr, [], "queue is not encrypted: sqs_managed_sse_enabled = false and no kms_master_key_id") if {
	some addr, q in model.queues
	q.kms_key in {null, ""}
	q.sse == false
}

unsure contains verdict.unsure_because(addr, [], q.why.sse, q.cause.sse) if {
	some addr, q in model.queues
	q.kms_key in {null, ""}
	q.sse == "unknown"
}
