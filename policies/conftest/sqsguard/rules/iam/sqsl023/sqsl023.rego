# METADATA
# scope: package
# title: Function role grants too much
# description: |
#   The execution role of an SQS-fed function grants every action ("*"),
#   wildcard SQS actions ("sqs:*", "sqs:Delete*" also allows DeleteQueue),
#   everything but a list (Allow with NotAction), or SQS actions on every
#   resource ("*"): a bug or a compromised dependency can then read, purge or
#   delete every queue in the account.
# custom:
#   id: SQSL023
#   severity: deny
#   remediation: Grant only sqs:ReceiveMessage, sqs:DeleteMessage and sqs:GetQueueAttributes (plus ChangeMessageVisibility if used) on the source queue's ARN.
#   url: https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html
package sqsguard.rules.iam.sqsl023

import data.sqsguard.lib.grants
import data.sqsguard.lib.model
import data.sqsguard.lib.verdict

findings := verdict.findings(rego.metadata.chain(), violations, unsure)

violations contains verdict.violation(stmt.src, [role], msg) if {
	some role, _ in grants.roles
	some doc in object.get(model.role_policies, role, {})
	doc.status == "known"
	some stmt in doc.statements
	stmt.effect == "Allow"
	not _aws_managed_consumer_grant(stmt)
	some why in _too_broad(stmt)
	msg := concat("", ["role ", role, " ", why])
}

# AWS's own managed policy for SQS-fed functions (AWSLambdaSQSQueueExecutionRole,
# the one AWS's tutorial attaches) grants the poller's actions on "*": least
# privilege advice, not a failure.
violations contains verdict.violation_at(stmt.src, [role], msg, "warn") if {
	some role, _ in grants.roles
	some doc in object.get(model.role_policies, role, {})
	doc.status == "known"
	some stmt in doc.statements
	stmt.effect == "Allow"
	_aws_managed_consumer_grant(stmt)
	some why in _too_broad(stmt)
	msg := concat("", [
		"role ", role, " ", why, " through the AWS managed policy ", stmt.aws_managed,
		": AWS's own policy grants on \"*\"; for least privilege grant these actions on the source queue's ARN instead",
	])
}

# an AWS managed statement whose only breadth is SQS actions on "*" (no wildcard action, no NotAction)
_aws_managed_consumer_grant(stmt) if {
	is_string(stmt.aws_managed)
	count({a | some a in stmt.actions; _broad_action(a)}) == 0
	count(object.get(stmt, "not_actions", [])) == 0
}

# on the resource holding the statements that cannot be read (as a violation
# would be), else on the role
unsure contains verdict.unsure_because(_holder(src, role), [role], doc.why, object.get(doc, "cause", "unspecified")) if {
	some role, _ in grants.roles
	some src, doc in object.get(model.role_policies, role, {})
	doc.status == "unknown"
}

unsure contains verdict.unsure_because(role, [], _unattributed, "unattributed_resource") if {
	count(model.unattributed_role_policies) > 0
	some role, _ in grants.roles
}

_unattributed := concat("; ", array.slice(sort([concat("", [a, " attaches to ", w]) | some a, w in model.unattributed_role_policies]), 0, 3))

_holder(src, role) := src if {
	model.resources[src]
} else := role

_too_broad(stmt) := ({concat("", ["allows action ", a]) | some a in stmt.actions; _broad_action(a)} | _sqs_on_star(stmt)) | _not_action(stmt)

# "*", or an SQS action with a wildcard ("sqs:*", "sqs:delete*": also DeleteQueue)
_broad_action("*")

_broad_action(a) if {
	startswith(a, "sqs:")
	regex.match(`[*?]`, a)
}

# Allow + NotAction allows every action but the listed ones
_not_action(stmt) := {concat("", ["allows every action except ", concat(", ", nots), " (NotAction)"])} if {
	nots := object.get(stmt, "not_actions", [])
	count(nots) > 0
} else := set()

_sqs_on_star(stmt) := {concat("", ["allows ", concat(", ", sqs), " on Resource \"*\""])} if {
	"*" in stmt.resources
	sqs := [a | some a in stmt.actions; startswith(a, "sqs:")]
	count(sqs) > 0
} else := set()
