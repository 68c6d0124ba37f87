# METADATA
# scope: package
# title: Queue policy open to everyone
# description: |
#   An Allow statement with Principal "*" and no Condition lets any AWS
#   account (or anonymous caller) use the queue.
# custom:
#   id: SQSL021
#   severity: deny
#   remediation: Name the principals in the queue policy, or narrow the statement with a Condition (aws:SourceArn, aws:SourceAccount, aws:PrincipalOrgID).
#   url: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-security-best-practices.html
package sqsguard.rules.security.sqsl021

import data.sqsguard.lib.model
import data.sqsguard.lib.verdict

findings := verdict.findings(rego.metadata.chain(), violations, unsure)

violations contains verdict.violation(stmt.src, [q], msg) if {
	some q, docs in model.queue_policies
	some doc in docs
	doc.status == "known"
	some stmt in doc.statements
	stmt.effect == "Allow"
	stmt.principal_star == true
	count(stmt.conditions) == 0
	msg := concat("", ["policy on ", q, " allows Principal \"*\" without a Condition (actions: ", concat(", ", stmt.actions), ")"])
}

unsure contains verdict.unsure_because(src, [q], doc.why, object.get(doc, "cause", "unspecified")) if {
	some q, docs in model.queue_policies
	some src, doc in docs
	doc.status == "unknown"
}
