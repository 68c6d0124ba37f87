# METADATA
# title: Execution role grants shared by the IAM rules
# description: |
#   The roles of SQS-fed functions and what they are granted on their queue
#   and its KMS key, computed once per pipeline.
package sqsguard.lib.grants

import data.sqsguard.lib.model
import data.sqsguard.lib.verdict

# the actions Lambda needs on the source queue (lower case, as model.grant compares)
required := ["sqs:receivemessage", "sqs:deletemessage", "sqs:getqueueattributes"]

display := {
	"sqs:receivemessage": "sqs:ReceiveMessage",
	"sqs:deletemessage": "sqs:DeleteMessage",
	"sqs:getqueueattributes": "sqs:GetQueueAttributes",
}

# roles of SQS-fed functions: role -> {mapping: true}
roles[role][m] if {
	some m, p in model.pipeline_facts
	p.function.role.status == "found"
	role := p.function.role.address
}

# Grant results per pipeline, computed once: the Wasm target memoizes no
# function calls, and each finding rule and its undetermined variant ask for
# the same grants.
sqs_grants[m] := {a: model.grant(p.function.role.address, a, "aws_sqs_queue", p.queue) | some a in required} if {
	some m, p in model.pipeline_facts
	p.function.role.status == "found"
}

# the customer managed key of a pipeline's queue: {"address", "literal", "text"}
kms_keys[m] := _kms_key(p) if {
	some m, p in model.pipeline_facts
}

kms_grants[m] := model.grant(p.function.role.address, "kms:decrypt", "aws_kms_key", kms_keys[m]) if {
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

# role_or_function(p): the role when found, else the function (or mapping)
role_or_function(p) := p.function.role.address if p.function.role.status == "found"

else := verdict.addr_or(p.function.address, p.mapping.address)

# the cause code of an undecided grant: the role's unresolved reference, the
# unknown source queue, else the role's unknown policies
grant_cause(p) := object.get(p.function.role, "cause", "unspecified") if {
	p.function.role.status != "found"
} else := object.get(p.queue.cause, "fifo", "not_in_document") if {
	not is_string(p.queue.address)
} else := c if {
	c := model.role_unknown_cause(p.function.role.address)
	c != ""
} else := "unspecified"

# why a grant could not be decided, for [[action, kind, target]]
# grants[i] is the grant result of checks[i] (see sqs_grants, kms_grants)
grant_unknown(p, checks, grants) := p.function.role.why if {
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
