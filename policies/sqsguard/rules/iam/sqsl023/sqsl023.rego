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
import data.sqsguard.lib.report

findings := report.findings(rego.metadata.chain(), violations, unsure)

violations contains report.violation(stmt.src, [role], msg) if {
	some role, _ in grants.roles
	some doc in object.get(model.role_policies, role, {})
	doc.status == "known"
	some stmt in doc.statements
	stmt.effect == "Allow"
	some why in _too_broad(stmt)
	msg := concat("", ["role ", role, " ", why])
}

unsure contains report.unsure(role, [], what) if {
	some role, _ in grants.roles
	what := model.what_unknown(role)
	what != ""
}

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
