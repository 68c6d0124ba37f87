# IAM and resource policies: statements normalised from JSON policy strings,
# aws_iam_policy_document data sources and known AWS managed policies, grouped
# by role and by queue; CloudWatch alarms grouped by queue and metric.
package sqsguard.lib.model

# --- policy documents ----------------------------------------------------------

# policy_doc(res, attr) -> {"status": "known", "statements": [...]} | {"status": "unknown", "why"}
policy_doc(res, attr) := _doc_from_value(res, val(res, attr), why(res, attr))

_doc_from_value(res, v, w) := {"status": "known", "statements": _statements(res, json.unmarshal(v))} if {
	is_string(v)
	json.is_valid(v)
} else := out if {
	is_template(v)
	target := resolve(res, v, {"data.aws_iam_policy_document"})
	target.status == "found"
	out := data_policy_docs[target.address]
} else := {"status": "unknown", "why": w, "cause": cause_of(v)}

_as_array(x) := x if is_array(x)

else := [] if x == null

else := [x]

_statements(res, doc) := [_stmt(res, s) | some s in _as_array(object.get(doc, "Statement", []))]

_stmt(res, s) := {
	"src": res.address,
	"from": res,
	"sid": object.get(s, "Sid", null),
	"effect": object.get(s, "Effect", "Allow"),
	"actions": [lower(a) | some a in _as_array(object.get(s, "Action", []))],
	"not_actions": [lower(a) | some a in _as_array(object.get(s, "NotAction", []))],
	"resources": _as_array(object.get(s, "Resource", [])),
	"not_resources": _as_array(object.get(s, "NotResource", [])),
	"principal_star": _principal_star(object.get(s, "Principal", null)),
	"conditions": object.get(s, "Condition", {}),
	"aws_managed": null,
}

_principal_star(p) if {
	p == "*"
} else if {
	is_object(p)
	some v in p
	"*" in _as_array(v)
} else := false

# an AWS managed policy by its documented contents (managed_policies.rego);
# its statements carry the policy name in aws_managed
_managed_doc(res, arn) := {"status": "known", "aws_managed": name, "statements": [object.union(st, {"aws_managed": name}) |
	some st in _statements(res, {"Statement": managed_policies[name]})
]} if {
	regex.match(`^arn:(aws[a-z-]*|\$\{[^}:]*\}):iam::aws:policy/`, arn)
	segs := split(arn, "/")
	name := segs[count(segs) - 1]
}

# a policy ARN (managed, aws_iam_policy in the document, or external)
# (an AWS managed policy ARN may name its partition with a data source:
# arn:${data.aws_partition.current.partition}:iam::aws:policy/...)
_policy_arn_doc(res, v) := doc if {
	is_string(v)
	doc := _managed_doc(res, v)
} else := doc if {
	target := resolve(res, v, {"aws_iam_policy"})
	target.status == "found"
	doc := policy_doc(resources[target.address], "policy")
} else := {"status": "unknown", "why": concat("", ["policy ", _text(v), " attached by ", res.address, " is not in this document"]), "cause": _arn_cause(v)}

_arn_cause(v) := cause_of(v) if is_template(v)

else := "not_in_document"

_text(v) := v if is_string(v)

else := json.marshal(v)

# --- role policies ---------------------------------------------------------------

# Looked up by computed keys (`role_policies[k]`): a complete rule over the partial one,
# so `opa eval` evaluates it once instead of once per key (topdown cannot index
# computed keys; the Wasm target evaluates rules once either way).
role_policies := _role_policies

# role_policies[role][source] := document
_role_policies[addr][src] := doc if {
	some addr, res in by_type.aws_iam_role
	some i, ip in _as_array(val(res, "inline_policy"))
	is_object(ip)
	src := concat("", [addr, ".inline_policy[", format_int(i, 10), "]"])
	doc := _doc_from_value(res, _inline_policy(res, ip), concat("", [src, ".policy"]))
}

# an inline_policy block's policy: known, else the configured expression of
# the block with the same name (a set: plan and configuration orders differ)
_inline_policy(res, ip) := ip.policy if {
	is_string(ip.policy)
} else := v if {
	some block in _as_array(object.get(res.config, "inline_policy", []))
	block.name.constant_value == ip.name
	v := _expr_value(block.policy)
} else := v if {
	blocks := _as_array(object.get(res.config, "inline_policy", []))
	count(blocks) == 1
	v := _expr_value(blocks[0].policy)
} else := null

_role_policies[addr][src] := doc if {
	some addr, res in by_type.aws_iam_role
	some arn in _as_array(val(res, "managed_policy_arns"))
	src := concat("", [addr, ".managed_policy_arns[", _text(arn), "]"])
	doc := _policy_arn_doc(res, arn)
}

_role_policies[role][addr] := policy_doc(res, "policy") if {
	some addr, res in by_type.aws_iam_role_policy
	target := resolve(res, val(res, "role"), {"aws_iam_role"})
	target.status == "found"
	role := target.address
}

_role_policies[role][addr] := _policy_arn_doc(res, val(res, "policy_arn")) if {
	some addr, res in by_type.aws_iam_role_policy_attachment
	target := resolve(res, val(res, "role"), {"aws_iam_role"})
	target.status == "found"
	role := target.address
}

# aws_iam_policy_attachment: one policy ARN, a list of roles (names or references)
_role_policies[role][addr] := _policy_arn_doc(res, val(res, "policy_arn")) if {
	some addr, res in by_type.aws_iam_policy_attachment
	some target in _attachment_roles(res)
	target.status == "found"
	role := target.address
}

_attachment_roles(res) := [resolve(res, r, {"aws_iam_role"}) | some r in v] if {
	v := val(res, "roles")
	is_array(v)
} else := [resolve(res, val(res, "roles"), {"aws_iam_role"})]

# role policies whose role cannot be resolved: they might belong to any role
unattributed_role_policies[addr] := target.why if {
	some t in ["aws_iam_role_policy", "aws_iam_role_policy_attachment"]
	some addr, res in by_type[t]
	target := resolve(res, val(res, "role"), {"aws_iam_role"})
	target.status in {"unknown", "external"}
}

unattributed_role_policies[addr] := target.why if {
	some addr, res in by_type.aws_iam_policy_attachment
	some target in _attachment_roles(res)
	target.status == "unknown"
}

# --- queue policies --------------------------------------------------------------

# Looked up by computed keys (`queue_policies[k]`): a complete rule over the partial one,
# so `opa eval` evaluates it once instead of once per key (topdown cannot index
# computed keys; the Wasm target evaluates rules once either way).
queue_policies := _queue_policies

_queue_policies[addr][addr] := policy_doc(res, "policy") if {
	some addr, res in by_type.aws_sqs_queue
	not val(res, "policy") in {null, ""}
}

_queue_policies[q][addr] := policy_doc(res, "policy") if {
	some addr, res in by_type.aws_sqs_queue_policy
	target := resolve(res, val(res, "queue_url"), {"aws_sqs_queue"})
	target.status == "found"
	q := target.address
}

unattributed_queue_policies[addr] := target.why if {
	some addr, res in by_type.aws_sqs_queue_policy
	target := resolve(res, val(res, "queue_url"), {"aws_sqs_queue"})
	target.status in {"unknown", "external"}
}

# --- statement matching ------------------------------------------------------------

# action_matches(stmt, action): the statement covers the (lower-case) action
action_matches(stmt, action) if {
	some pattern in stmt.actions
	glob.match(pattern, [], action)
}

action_matches(stmt, action) if {
	count(stmt.not_actions) > 0
	not _any_glob(stmt.not_actions, action)
}

_any_glob(patterns, s) if {
	some p in patterns
	glob.match(p, [], s)
}

# resource_match(stmt, kind, target) -> "yes" | "no" | "unknown"
#   kind "aws_sqs_queue": target is a queue view; kind "aws_kms_key": target is
#   {"address", "literal"} of the key.
resource_match(stmt, kind, target) := "yes" if {
	some r in stmt.resources
	_one_resource(stmt.from, r, kind, target) == "yes"
} else := "unknown" if {
	some r in stmt.resources
	_one_resource(stmt.from, r, kind, target) == "unknown"
} else := "yes" if {
	count(stmt.not_resources) > 0
	every r in stmt.not_resources {
		_one_resource(stmt.from, r, kind, target) == "no"
	}
} else := "no"

_one_resource(from, r, kind, target) := "yes" if {
	r == "*"
} else := out if {
	is_template(r)
	res := resolve(from, r, {kind})
	out := _token_match(res, target)
} else := _sqs_arn_match(r, target) if {
	kind == "aws_sqs_queue"
} else := _kms_literal_match(r, target) if {
	kind == "aws_kms_key"
} else := "no"

_token_match(res, target) := "yes" if {
	res.status == "found"
	res.address == target.address
} else := "no" if {
	res.status in {"found", "other"}
} else := "unknown"

_sqs_arn_match(r, q) := "yes" if {
	parts := split(r, ":")
	count(parts) == 6
	glob.match(parts[2], [], "sqs")
	is_string(q.name)
	glob.match(parts[5], [], q.name)
} else := "unknown" if {
	not is_string(q.name)
	contains(r, "sqs")
} else := "no"

_kms_literal_match(r, key) := "yes" if {
	is_string(key.literal)
	glob.match(r, [], key.literal)
} else := "yes" if {
	key.address != null
	_kms_ids[r][key.address]
} else := "unknown" if {
	key.literal == null
	contains(r, ":kms:")
} else := "no"

# --- alarms --------------------------------------------------------------------------

# Looked up by computed keys (`alarms[k]`): a complete rule over the partial one,
# so `opa eval` evaluates it once instead of once per key (topdown cannot index
# computed keys; the Wasm target evaluates rules once either way).
alarms := _alarms

# alarms[queue][metric][alarm] := {"threshold": n}
_alarms[q][metric][addr] := {"threshold": num(res, "threshold", "unknown")} if {
	some addr, res in by_type.aws_cloudwatch_metric_alarm
	some spec in _alarm_metrics(res)
	spec.namespace == "AWS/SQS"
	target := resolve(res, spec.queue, {"aws_sqs_queue"})
	target.status == "found"
	q := target.address
	metric := spec.metric
}

unattributed_alarms[addr] := spec.queue if {
	some addr, res in by_type.aws_cloudwatch_metric_alarm
	some spec in _alarm_metrics(res)
	spec.namespace in {"AWS/SQS", "unknown"}
	target := resolve(res, spec.queue, {"aws_sqs_queue"})
	target.status in {"unknown", "absent"}
}

_alarm_metrics(res) := [{
	"namespace": _str(val(res, "namespace")),
	"metric": _str(val(res, "metric_name")),
	"queue": _queue_dim(object.get(res.values, "dimensions", _expr_or_null(res, "dimensions"))),
}] if {
	not val(res, "metric_name") in {null, ""}
} else := [{"namespace": _str(m.namespace), "metric": _str(m.metric_name), "queue": _queue_dim(object.get(m, "dimensions", null))} |
	some mq in _as_array(val(res, "metric_query"))
	some m in _as_array(object.get(mq, "metric", []))
]

_expr_or_null(res, attr) := v if {
	v := _expr_of(res, attr)
} else := null

_str(v) := v if {
	is_string(v)
	not is_template(v)
} else := "unknown"

_queue_dim(d) := object.get(d, "QueueName", null) if is_object(d)

else := d if is_template(d)

else := null

# grant(role, action, kind, target) -> "yes" | "no" | "unknown": whether the
# role's policies allow the (lower-case) action on the target.
grant(role, action, kind, target) := "no" if {
	_denied(role, action, kind, target)
} else := "yes" if {
	some doc in object.get(role_policies, role, {})
	doc.status == "known"
	some stmt in doc.statements
	stmt.effect == "Allow"
	action_matches(stmt, action)
	resource_match(stmt, kind, target) == "yes"
} else := "unknown" if {
	_role_unknown(role, action, kind, target)
} else := "no"

_denied(role, action, kind, target) if {
	some doc in object.get(role_policies, role, {})
	doc.status == "known"
	some stmt in doc.statements
	stmt.effect == "Deny"
	action_matches(stmt, action)
	resource_match(stmt, kind, target) == "yes"
}

_role_unknown(role, _, _, _) if {
	some doc in object.get(role_policies, role, {})
	doc.status == "unknown"
}

_role_unknown(_, _, _, _) if count(unattributed_role_policies) > 0

_role_unknown(role, action, kind, target) if {
	some doc in object.get(role_policies, role, {})
	doc.status == "known"
	some stmt in doc.statements
	stmt.effect == "Allow"
	action_matches(stmt, action)
	resource_match(stmt, kind, target) == "unknown"
}

# role_unknown_cause(role): the cause code (see cause_of) of the first reason
# what_unknown lists, or "" when the role's permissions are fully known
role_unknown_cause(role) := c if {
	causes := sort([doc.cause | some doc in object.get(role_policies, role, {}); doc.status == "unknown"])
	c := causes[0]
} else := "unattributed_resource" if {
	count(unattributed_role_policies) > 0
} else := ""

# what_unknown(role): why the role's permissions are not fully known
what_unknown(role) := concat("; ", sort(array.concat(
	[doc.why | some doc in object.get(role_policies, role, {}); doc.status == "unknown"],
	array.slice(sort([concat("", [a, " attaches to ", w]) | some a, w in unattributed_role_policies]), 0, 3),
)))
