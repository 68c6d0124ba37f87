# METADATA
# scope: package
# title: Function role cannot consume its queue
# description: |
#   Lambda polls the queue with the function's execution role, which needs
#   sqs:ReceiveMessage, sqs:DeleteMessage and sqs:GetQueueAttributes on it;
#   without them creating the mapping fails.
# custom:
#   id: SQSL024
#   severity: deny
#   remediation: Allow sqs:ReceiveMessage, sqs:DeleteMessage and sqs:GetQueueAttributes on the source queue ARN in the function's role.
#   url: https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html
package sqsguard.rules.iam.sqsl024

import data.sqsguard.lib.grants
import data.sqsguard.lib.model
import data.sqsguard.lib.verdict

findings := verdict.findings(rego.metadata.chain(), violations, unsure)

violations contains verdict.violation(role, [m, p.queue.address, p.function.address], msg) if {
	some m, p in model.pipeline_facts
	is_string(p.queue.address)
	p.function.role.status == "found"
	role := p.function.role.address
	missing := [d | some a in grants.required; grants.sqs_grants[m][a] == "no"; d := grants.display[a]]
	count(missing) > 0
	msg := concat("", ["role lacks ", concat(", ", missing), " on ", p.queue.address])
}

unsure contains verdict.unsure_because(grants.role_or_function(p), [m, p.queue.address, p.function.address], what, grants.grant_cause(p)) if {
	some m, p in model.pipeline_facts
	checks := [[a, "aws_sqs_queue", p.queue] | some a in grants.required]
	what := grants.grant_unknown(p, checks, [grants.sqs_grants[m][a] | some a in grants.required])
}
