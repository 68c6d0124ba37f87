# METADATA
# title: Execution role rules
# description: Least privilege and required permissions of SQS-fed functions' roles.
package sqsguard.rules.iam

import data.sqsguard.lib.model
import data.sqsguard.lib.report

_required := ["sqs:receivemessage", "sqs:deletemessage", "sqs:getqueueattributes"]

_display := {
	"sqs:receivemessage": "sqs:ReceiveMessage",
	"sqs:deletemessage": "sqs:DeleteMessage",
	"sqs:getqueueattributes": "sqs:GetQueueAttributes",
}

# roles of SQS-fed functions: role -> {mapping: true}
_roles[role][m] if {
	some m, p in model.pipeline_facts
	p.function.role.status == "found"
	role := p.function.role.address
}

# METADATA
# title: Function role grants too much
# description: |
#   The execution role of an SQS-fed function grants every action ("*" or
#   "sqs:*") or SQS actions on every resource ("*"): a bug or a compromised
#   dependency can then read or purge every queue in the account.
# custom:
#   id: SQSL023
#   severity: deny
#   remediation: Grant only sqs:ReceiveMessage, sqs:DeleteMessage and sqs:GetQueueAttributes (plus ChangeMessageVisibility if used) on the source queue's ARN.
#   url: https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html
findings contains report.finding(rego.metadata.rule(), stmt.src, [role], msg) if {
	some role, _ in _roles
	some doc in object.get(model.role_policies, role, {})
	doc.status == "known"
	some stmt in doc.statements
	stmt.effect == "Allow"
	some why in _too_broad(stmt)
	msg := concat("", ["role ", role, " ", why])
}

# METADATA
# title: Function role grants too much
# description: Undetermined variant of SQSL023.
# custom:
#   id: SQSL023
#   severity: deny
#   remediation: Grant only sqs:ReceiveMessage, sqs:DeleteMessage and sqs:GetQueueAttributes (plus ChangeMessageVisibility if used) on the source queue's ARN.
#   url: https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html
findings contains report.undetermined(rego.metadata.rule(), role, [], what) if {
	some role, _ in _roles
	what := model.what_unknown(role)
	what != ""
}

_too_broad(stmt) := {concat("", ["allows action ", a]) | some a in stmt.actions; a in {"*", "sqs:*"}} | _sqs_on_star(stmt)

_sqs_on_star(stmt) := {concat("", ["allows ", concat(", ", sqs), " on Resource \"*\""])} if {
	"*" in stmt.resources
	sqs := [a | some a in stmt.actions; startswith(a, "sqs:")]
	count(sqs) > 0
} else := set()

# METADATA
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
findings contains report.finding(rego.metadata.rule(), role, [m, p.queue.address, p.function.address], msg) if {
	some m, p in model.pipeline_facts
	is_string(p.queue.address)
	p.function.role.status == "found"
	role := p.function.role.address
	missing := [d | some a in _required; _sqs_grants[m][a] == "no"; d := _display[a]]
	count(missing) > 0
	msg := concat("", ["role lacks ", concat(", ", missing), " on ", p.queue.address])
}

# METADATA
# title: Function role cannot consume its queue
# description: Undetermined variant of SQSL024.
# custom:
#   id: SQSL024
#   severity: deny
#   remediation: Allow sqs:ReceiveMessage, sqs:DeleteMessage and sqs:GetQueueAttributes on the source queue ARN in the function's role.
#   url: https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html
findings contains report.undetermined(rego.metadata.rule(), _resource(p), [m, p.queue.address, p.function.address], what) if {
	some m, p in model.pipeline_facts
	checks := [[a, "aws_sqs_queue", p.queue] | some a in _required]
	what := _grant_unknown(p, checks, [_sqs_grants[m][a] | some a in _required])
}

# METADATA
# title: Function role cannot decrypt its KMS-encrypted queue
# description: |
#   A queue encrypted with a customer managed KMS key can only be consumed
#   by a role allowed kms:Decrypt on that key.
# custom:
#   id: SQSL025
#   severity: deny
#   remediation: Allow kms:Decrypt on the queue's KMS key in the function's role (and let the key policy allow the role).
#   url: https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html
findings contains report.finding(rego.metadata.rule(), role, [m, p.queue.address, key.address], msg) if {
	some m, p in model.pipeline_facts
	p.function.role.status == "found"
	_kms_grants[m] == "no"
	key := _kms_keys[m]
	role := p.function.role.address
	msg := concat("", ["role lacks kms:Decrypt on the key of ", p.queue.address, " (", key.text, ")"])
}

# METADATA
# title: Function role cannot decrypt its KMS-encrypted queue
# description: Undetermined variant of SQSL025.
# custom:
#   id: SQSL025
#   severity: deny
#   remediation: Allow kms:Decrypt on the queue's KMS key in the function's role (and let the key policy allow the role).
#   url: https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html
findings contains report.undetermined(rego.metadata.rule(), _resource(p), [m, p.queue.address], what) if {
	some m, p in model.pipeline_facts
	key := _kms_keys[m]
	what := _grant_unknown(p, [["kms:decrypt", "aws_kms_key", key]], [g | g := _kms_grants[m]])
}

# METADATA
# title: Function role cannot decrypt its KMS-encrypted queue
# description: Undetermined variant of SQSL025 (the queue's key is not known).
# custom:
#   id: SQSL025
#   severity: deny
#   remediation: Allow kms:Decrypt on the queue's KMS key in the function's role (and let the key policy allow the role).
#   url: https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html
findings contains report.undetermined(rego.metadata.rule(), _resource(p), [m, p.queue.address], p.queue.why.kms_key) if {
	some m, p in model.pipeline_facts
	p.queue.kms_key == "unknown"
}

# the customer managed key of a pipeline's queue: {"address", "literal", "text"}
# Grant results per pipeline, computed once: the Wasm target memoizes no
# function calls, and each finding rule and its undetermined variant ask for
# the same grants.
_sqs_grants[m] := {a: model.grant(p.function.role.address, a, "aws_sqs_queue", p.queue) | some a in _required} if {
	some m, p in model.pipeline_facts
	p.function.role.status == "found"
}

_kms_keys[m] := _kms_key(p) if {
	some m, p in model.pipeline_facts
}

_kms_grants[m] := model.grant(p.function.role.address, "kms:decrypt", "aws_kms_key", _kms_keys[m]) if {
	some m, p in model.pipeline_facts
	p.function.role.status == "found"
}

_kms_key(p) := {"address": _key_address(res), "literal": _key_literal(k), "text": k} if {
	k := p.queue.kms_key
	is_string(k)
	k != "unknown"
	k != ""
	not k in {"alias/aws/sqs", "aws/sqs"}
	res := model.resolve(model.resources[p.queue.address], k, {"aws_kms_key"})
}

_key_address(res) := res.address if res.status == "found"

else := null

_key_literal(k) := k if not model.is_template(k)

else := null

_resource(p) := p.function.role.address if p.function.role.status == "found"

else := report.addr_or(p.function.address, p.mapping.address)

# why a grant could not be decided, for [[action, kind, target]]
# grants[i] is the grant result of checks[i] (see _sqs_grants, _kms_grants)
_grant_unknown(p, checks, grants) := p.function.role.why if {
	p.function.role.status != "found"
} else := what if {
	not is_string(p.queue.address)
	some g in grants
	g != "yes"
	what := concat("", ["the source queue is not in this document: ", p.mapping.why.queue])
} else := what if {
	not "no" in grants
	unknown := [c | some i, c in checks; grants[i] == "unknown"]
	count(unknown) > 0
	what := _unknown_text(p.function.role.address, unknown[0])
}

_unknown_text(role, c) := model.what_unknown(role) if model.what_unknown(role) != ""

else := concat("", ["whether ", role, " allows ", c[0], " on ", _target_text(c[2]), " (resource not resolvable)"])

_target_text(t) := t.address if is_string(t.address)

else := t.text
