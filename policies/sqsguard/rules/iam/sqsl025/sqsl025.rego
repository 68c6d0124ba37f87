# METADATA
# scope: package
# title: Function role cannot decrypt its KMS-encrypted queue
# description: |
#   A queue encrypted with a customer managed KMS key can only be consumed
#   by a role allowed kms:Decrypt on that key.
# custom:
#   id: SQSL025
#   severity: deny
#   remediation: Allow kms:Decrypt on the queue's KMS key in the function's role (and let the key policy allow the role).
#   url: https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html
package sqsguard.rules.iam.sqsl025

import data.sqsguard.lib.grants
import data.sqsguard.lib.model
import data.sqsguard.lib.verdict

findings := verdict.findings(rego.metadata.chain(), violations, unsure)

violations contains verdict.violation(role, [m, p.queue.address, key.address], msg) if {
	some m, p in model.pipeline_facts
	p.function.role.status == "found"
	grants.kms_grants[m] == "no"
	key := grants.kms_keys[m]
	role := p.function.role.address
	msg := concat("", ["role lacks kms:Decrypt on the key of ", p.queue.address, " (", key.text, ")"])
}

# the grant on a known key cannot be decided
unsure contains verdict.unsure_because(grants.role_or_function(p), [m, p.queue.address], what, grants.grant_cause(p)) if {
	some m, p in model.pipeline_facts
	key := grants.kms_keys[m]
	what := grants.grant_unknown(p, [["kms:decrypt", "aws_kms_key", key]], [g | g := grants.kms_grants[m]])
}

# the queue's key is not known
unsure contains verdict.unsure_because(grants.role_or_function(p), [m, p.queue.address], p.queue.why.kms_key, p.queue.cause.kms_key) if {
	some m, p in model.pipeline_facts
	p.queue.kms_key == "unknown"
}
