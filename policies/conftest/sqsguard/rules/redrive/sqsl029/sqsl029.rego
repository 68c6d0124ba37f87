# METADATA
# scope: package
# title: DLQ's redrive-allow policy excludes its source queue
# description: |
#   A redrive-allow policy with redrivePermission denyAll, or byQueue without
#   the source queue in sourceQueueArns, forbids the source queue to use the
#   DLQ: SQS rejects the source's redrive policy, and failing messages have no
#   dead-letter queue to go to.
# custom:
#   id: SQSL029
#   severity: deny
#   remediation: Set redrivePermission to byQueue and list every source queue's ARN in sourceQueueArns (or use allowAll).
#   url: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SetQueueAttributes.html
package sqsguard.rules.redrive.sqsl029

import data.sqsguard.lib.model
import data.sqsguard.lib.settings
import data.sqsguard.lib.verdict

findings := verdict.findings(rego.metadata.chain(), violations, unsure)

violations contains verdict.violation(dlq, [src], msg) if {
	some dlq, srcs in model.dlq_sources
	some e in object.get(model.redrive_allow, dlq, {})
	e.permission == "denyAll"
	some src, _ in srcs
	msg := concat("", ["DLQ ", dlq, " denies every source queue (denyAll), including ", src])
}

violations contains verdict.violation(dlq, [src], msg) if {
	some dlq, srcs in model.dlq_sources
	some e in object.get(model.redrive_allow, dlq, {})
	allowed := settings.allowed_sources[e.source]
	count(allowed.unresolved) == 0
	some src, _ in srcs
	not allowed.queues[src]
	msg := concat("", ["DLQ ", dlq, " allows only ", _names(allowed.queues), " by queue, not its source ", src])
}

unsure contains verdict.unsure_because(dlq, [src], what, _first(allowed.causes)) if {
	some dlq, srcs in model.dlq_sources
	some e in object.get(model.redrive_allow, dlq, {})
	allowed := settings.allowed_sources[e.source]
	count(allowed.unresolved) > 0
	some src, _ in srcs
	not allowed.queues[src]
	what := concat("", ["whether sourceQueueArns names ", src, ": ", verdict.list(allowed.unresolved)])
}

unsure contains verdict.unsure_because(dlq, [], e.why, e.cause) if {
	some dlq, _ in model.dlq_sources
	some e in object.get(model.redrive_allow, dlq, {})
	e.permission == "unknown"
}

# the first cause code, else null (the report then says "unspecified")
_first(causes) := causes[0] if count(causes) > 0

else := null

_names(qs) := "no queue" if count(qs) == 0

else := verdict.list([q | some q in qs])
