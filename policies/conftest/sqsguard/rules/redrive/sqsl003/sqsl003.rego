# METADATA
# scope: package
# title: Source queue without a dead-letter queue
# description: |
#   Without a redrive policy a message that keeps failing is retried until it
#   expires and is then lost silently.
# custom:
#   id: SQSL003
#   severity: deny
#   remediation: Give the source queue a redrive_policy (inline or aws_sqs_queue_redrive_policy) with a deadLetterTargetArn and maxReceiveCount.
#   url: https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html
package sqsguard.rules.redrive.sqsl003

import data.sqsguard.lib.model
import data.sqsguard.lib.pipeline
import data.sqsguard.lib.verdict

findings := verdict.findings(rego.metadata.chain(), violations, unsure)

violations contains verdict.violation(p.queue.address, pipeline.related_with_dlq(p), msg) if {
	some p in model.pipeline_facts
	p.redrive.status == "none"
	msg := concat("", ["source queue ", p.queue.address, " has no redrive policy: failing messages are lost when they expire"])
}

unsure contains verdict.unsure_because(pipeline.queue_or_mapping(p), pipeline.related_with_dlq(p), p.redrive.why, p.redrive.cause) if {
	some p in model.pipeline_facts
	p.redrive.status == "unknown"
}
