# METADATA
# scope: package
# title: DLQ accepts messages from any queue
# description: |
#   Without a redrive-allow policy (byQueue), any queue in the account can use
#   the DLQ, mixing failures of unrelated pipelines.
# custom:
#   id: SQSL015
#   severity: warn
#   remediation: Add redrive_allow_policy (or aws_sqs_queue_redrive_allow_policy) with redrivePermission byQueue listing the source queues.
#   url: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html
package sqsguard.rules.redrive.sqsl015

import data.sqsguard.lib.model
import data.sqsguard.lib.pipeline
import data.sqsguard.lib.verdict

findings := verdict.findings(rego.metadata.chain(), violations, unsure)

violations contains verdict.violation(dlq, pipeline.dlq_sources(dlq), msg) if {
	some dlq, _ in model.dlq_sources
	perms := {e.permission | some e in object.get(model.redrive_allow, dlq, {})}
	not "unknown" in perms
	not _restricted(perms)
	_allow_attributed(perms)
	msg := concat("", ["DLQ ", dlq, " has no redrive-allow policy restricting its source queues"])
}

unsure contains verdict.unsure_because(dlq, pipeline.dlq_sources(dlq), what, _allow_cause(dlq, perms)) if {
	some dlq, _ in model.dlq_sources
	perms := {e.permission | some e in object.get(model.redrive_allow, dlq, {})}
	not _restricted(perms)
	what := _allow_unknown(dlq, perms)
}

_restricted(perms) if "byQueue" in perms

_restricted(perms) if "denyAll" in perms

_allow_attributed(perms) if count(perms) > 0

_allow_attributed(perms) if {
	count(perms) == 0
	count(model.unattributed_redrive_allow) == 0
}

_allow_unknown(dlq, perms) := concat("; ", [e.why |
	some e in model.redrive_allow[dlq]
	e.permission == "unknown"
]) if {
	"unknown" in perms
} else := concat("", ["redrive-allow policies with unresolved queues: ", verdict.list([k | some k, _ in model.unattributed_redrive_allow])]) if {
	count(perms) == 0
	count(model.unattributed_redrive_allow) > 0
}

_allow_cause(dlq, perms) := c if {
	"unknown" in perms
	c := [e.cause | some e in model.redrive_allow[dlq]; e.permission == "unknown"; is_string(e.cause)][0]
} else := "unattributed_resource"
