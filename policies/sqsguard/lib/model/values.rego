# Value access and reference resolution for the model.
#   Reads attributes with AWS defaults, tells known from unknown values, and
#   resolves "${...}" tokens, literal ARNs, names and URLs to addresses.
package sqsguard.lib.model

# val: known value, else the template of the configured expression, else null
# (not configured: the provider's default applies).
# (Lookups by key, not `attr in object.keys(...)`: that builds a set of every
# attribute name on each call. Assignment keeps null and false values.)
val(res, attr) := v if {
	v := res.values[attr]
} else := v if {
	v := _expr_of(res, attr)
} else := null

# shown(v): a value as message text after an attribute name. A plan keeps only
# the references of an expression (the model joins them into "${a b c}"): those
# are listed, most specific first, never printed as if they were the expression.
shown(v) := concat("", [", computed from ", concat(", ", _specific_refs(v))]) if {
	regex.match(`^\$\{[A-Za-z0-9_.\["\]-]+( [A-Za-z0-9_.\["\]-]+)*\}$`, v)
} else := concat("", [" = ", v])

# references without those that a longer one extends (a.b[0].arn covers a.b[0] and a.b)
_specific_refs(v) := [r |
	refs := split(trim_suffix(trim_prefix(v, "${"), "}"), " ")
	some i, r in refs
	not _extended(r, refs)
	not r in array.slice(refs, 0, i)
]

_extended(r, refs) if {
	some o in refs
	o != r
	some sep in [".", "["]
	startswith(o, concat("", [r, sep]))
}

is_template(v) if {
	is_string(v)
	contains(v, "${")
}

# num: a number, the default when unset, else "unknown".
num(res, attr, dflt) := dflt if {
	val(res, attr) == null
	not planned_unknown(res, attr)
} else := v if {
	v := val(res, attr)
	is_number(v)
} else := to_number(v) if {
	v := val(res, attr)
	is_string(v)
	regex.match(`^-?[0-9]+(\.[0-9]+)?$`, v)
} else := "unknown"

# flag: a boolean, the default when unset, else "unknown".
flag(res, attr, dflt) := dflt if {
	val(res, attr) == null
	not planned_unknown(res, attr)
} else := v if {
	v := val(res, attr)
	is_boolean(v)
} else if {
	val(res, attr) == "true"
} else := false if {
	val(res, attr) == "false"
} else := "unknown"

# planned_unknown: configured, and known only after apply. Its configuration
# expression may be empty (`5 + 0 * length(uuid())` keeps no reference), so
# val is null: set, but not readable, never the default. (Unconfigured
# Optional+Computed attributes, sqs_managed_sse_enabled, are unknown too.)
planned_unknown(res, attr) if {
	res.unknown[attr] == true
	_has_key(res.config, attr)
}

# why: names what could not be seen for an unknown attribute.
why(res, attr) := concat("", [res.address, ".", attr, shown(val(res, attr))]) if {
	is_string(val(res, attr))
} else := concat("", [res.address, ".", attr, " (known only after apply)"])

# cause: a machine-readable code for why a value is undetermined, next to the
# `why` text (the report can group undetermined findings by it):
#   apply_time_jsonencode  computed at apply time: jsonencode() (or another
#                          function) with the ARN of a resource this plan creates
#   unknown_variable       a variable the document gives no value for (a
#                          plan's variables hold every root value: a template
#                          naming only those falls through to the next codes)
#   unrecorded_value       local.*, each.*, count.* or a condition: the plan
#                          records no value for them
#   remote_module          a module output the document does not define (a
#                          synthesized config calling a registry module) or
#                          that the model could not follow
#   data_source_apply_time a data source read at apply time
#   not_in_document        names something outside the document
#   known_after_apply      computed by the provider at apply time
#   ambiguous_name         a literal name or ARN matching several resources
#   unattributed_resource  a separate resource (redrive, role policy) whose
#                          target cannot be resolved might apply here
cause_of(v) := "unknown_variable" if {
	is_template(v)
	some m in regex.find_all_string_submatch_n(`var\.([A-Za-z0-9_-]+)`, v, -1)
	not _has_key(_plan_variables, m[1])
} else := "unknown_variable" if {
	is_template(v)
	contains(v, "var.")
	count(_refs(v)) == 0
	not regex.match(`(local|each|count)\.`, v)
}

else := "unrecorded_value" if {
	is_template(v)
	regex.match(`(local|each|count)\.`, v)
} else := "remote_module" if {
	is_template(v)
	contains(v, "module.")
} else := "data_source_apply_time" if {
	is_template(v)
	contains(v, "data.")
} else := "apply_time_jsonencode" if {
	is_template(v)
} else := "not_in_document" if {
	is_string(v)
} else := "known_after_apply"

default _plan_variables := {}

_plan_variables := input.variables if is_object(input.variables)

# cause(res, attr): the cause code of an attribute whose value is not known
# (see why), null when the plan or the document knows it
cause(res, attr) := cause_of(v) if {
	v := res.values[attr]
	is_template(v)
} else := null if {
	_has_key(res.values, attr)
} else := cause_of(v) if {
	v := _expr_of(res, attr)
	is_template(v)
} else := "known_after_apply" if {
	_has_true(object.get(res, ["unknown", attr], false))
} else := null

# first element of a block list attribute, or {}.
block(res, attr) := b if {
	v := val(res, attr)
	is_array(v)
	b := v[0]
	is_object(b)
} else := b if {
	b := val(res, attr)
	is_object(b)
} else := {}

# --- resolution --------------------------------------------------------------
#
# resolve(res, s, types) -> {"status": "found", "address": a}
#                         | {"status": "unknown", "why": text}  (var, data, local, ambiguous)
#                         | {"status": "external", "why": text} (literal not in the document)
#                         | {"status": "other"}                 (refers to another kind of thing)
#                         | {"status": "absent"}                (not set)

_ref_re := `(data\.)?(aws_[a-z0-9_]+)\.([A-Za-z_][A-Za-z0-9_-]*)(\[[^\]]*\])?`

_refs(s) := regex.find_all_string_submatch_n(_ref_re, s, -1)

resolve(from, s, types) := _resolve_here(from, s, types) if {
	not _followable(s)
} else := _resolve_here(h4[0], h4[1], types) if {
	h1 := _hop([from, s], types)
	h2 := _hop(h1, types)
	h3 := _hop(h2, types)
	h4 := _hop(h3, types)
}

# --- following module outputs, module variables and for_each values -----------
#
# _hop([from, s], types): when the template s names no resource of the wanted
# types but a module output (module.m.out), a module variable (var.x inside a
# module), a root variable or each.value of a resource whose for_each is a
# resource, s is replaced by the expression that defines it, read where it is
# defined (from moves to that module). Rego has no recursion: resolve applies
# four hops, which follows an output through four module levels.
_hop(fs, types) := fs if {
	not _followable(fs[1])
} else := fs if {
	some m in _refs(fs[1])
	_ref_type(m) in types
} else := out if {
	out := _follow(fs[0], fs[1])
	is_string(out[1])
} else := fs

# one hop that may end in any value (a variable holding a number or an object)
_value_hop(fs) := out if {
	_followable(fs[1])
	out := _follow(fs[0], fs[1])
} else := fs

_followable(s) if {
	is_template(s)
	some word in ["module.", "var.", "each."]
	contains(s, word)
}

_module_ref_re := `module\.([A-Za-z0-9_-]+)(\[[^\]]*\])?\.([A-Za-z0-9_-]+)`

_follow(from, s) := [inner, t] if {
	m := regex.find_all_string_submatch_n(_module_ref_re, s, 1)[0]
	module := concat("", [_module_prefix(from), "module.", m[1], m[2]])
	expr := _config_modules[config_module_path(module)].outputs[m[3]].expression
	t := _expr_value(expr)
	inner := {"address": from.address, "module": module, "index": null}
} else := [outer, t] if {
	from.module != ""
	v := regex.find_all_string_submatch_n(`var\.([A-Za-z0-9_-]+)`, s, 1)[0][1]
	call := regex.find_all_string_submatch_n(`^(.*?)\.?module\.([A-Za-z0-9_-]+)(\[[^\]]*\])?$`, from.module, 1)[0]
	parent_cfg := _config_modules[config_module_path(call[1])]
	t := _expr_value(parent_cfg.module_calls[call[2]].expressions[v])
	outer := {"address": from.address, "module": call[1], "index": _instance_key(call[3])}
} else := [from, value] if {
	from.module == ""
	v := regex.find_all_string_submatch_n(`var\.([A-Za-z0-9_-]+)`, s, 1)[0][1]
	value := input.variables[v].value
} else := [from, t] if {
	contains(s, "each.value")
	refs := object.get(resources, [from.address, "for_each", "references"], [])
	count(refs) > 0
	t := concat("", ["${", refs[0], "}"])
}

_instance_key("") := null

_instance_key(k) := json.unmarshal(trim_suffix(trim_prefix(k, "["), "]")) if k != ""

# the value of a configuration expression: a constant, else the template of its
# references
_expr_value(expr) := expr.constant_value if {
	_has_key(expr, "constant_value")
} else := _expr_template(expr)

_resolve_here(from, s, types) := {"status": "absent"} if {
	s == null
} else := {"status": "absent"} if {
	s == ""
} else := out if {
	is_template(s)
	cands := [m | some m in _refs(s); _ref_type(m) in types]
	count(cands) > 0
	out := _first_instance(from, cands)
} else := {"status": "other"} if {
	is_template(s)
	count(_refs(s)) > 0
	not _opaque_token(s)
	not _data_ref_only(s)
} else := {"status": "unknown", "why": trim_prefix(trim_prefix(shown(s), " = "), ", "), "cause": cause_of(s)} if {
	is_template(s)
} else := out if {
	is_string(s)
	out := _literal(s, types)
} else := {"status": "unknown", "why": "a non-string value", "cause": "known_after_apply"}

# the first candidate reference that names a resource in the document (an
# output like try(aws_sqs_queue.this[0].arn, aws_sqs_queue.fifo[0].arn) names
# instances that do not all exist), else the first one's resolution
_first_instance(from, cands) := out if {
	count(cands) == 1
	out := _instance(from, cands[0])
} else := out if {
	found := [o | some m in cands; o := _instance(from, m); o.status == "found"]
	out := found[0]
} else := _instance(from, cands[0])

_ref_type(m) := concat("", [m[1], m[2]]) if m[1] == ""

else := concat("", ["data.", m[2]])

_opaque_token(s) if regex.match(`\$\{[^}]*(var\.|local\.|module\.|each\.value)`, s)

_data_ref_only(s) if {
	some m in _refs(s)
	m[1] != ""
}

_instance(from, m) := out if {
	base := concat("", [_module_prefix(from), _ref_type(m), ".", m[3]])
	out := _pick_instance(from, base, m[4])
}

_pick_instance(from, base, idx) := {"status": "found", "address": addr} if {
	idx != ""
	not regex.match(`(count|each)\.`, idx)
	addr := concat("", [base, idx])
	resources[addr]
} else := {"status": "found", "address": addr} if {
	group := _group(base)
	count(group) == 1
	some addr, _ in group
} else := {"status": "found", "address": addr} if {
	from.index != null
	addr := concat("", [base, "[", json.marshal(from.index), "]"])
	_group(base)[addr]
} else := {"status": "unknown", "why": concat("", [base, idx, " (", from.address, " refers to it; instance not resolvable)"]), "cause": "unrecorded_value"}

# --- literals: ARNs, URLs and names ------------------------------------------

_literal(s, types) := out if {
	"aws_sqs_queue" in types
	name := _sqs_name(s)
	out := _by_name(_queue_names, name, s)
} else := out if {
	some t in ["aws_lambda_function", "aws_lambda_alias"]
	t in types
	name := _lambda_name(s)
	out := _by_name(_function_names, name, s)
} else := out if {
	"aws_iam_role" in types
	name := _iam_name(s, "role")
	out := _by_name(_role_names, name, s)
} else := out if {
	"aws_iam_policy" in types
	name := _iam_name(s, "policy")
	out := _by_name(_policy_names, name, s)
} else := out if {
	"aws_kms_key" in types
	out := _by_name(_kms_ids, s, s)
} else := {"status": "other"} if {
	startswith(s, "arn:")
} else := {"status": "external", "why": s, "cause": "not_in_document"}

_by_name(index, name, s) := {"status": "found", "address": addr} if {
	group := object.get(index, name, {})
	count(group) == 1
	some addr, _ in group
} else := {"status": "unknown", "why": concat("", [s, " matches several resources"]), "cause": "ambiguous_name"} if {
	count(object.get(index, name, {})) > 1
} else := {"status": "external", "why": concat("", [s, " (not in this document)"]), "cause": "not_in_document"}

_sqs_name(s) := parts[5] if {
	parts := split(s, ":")
	count(parts) == 6
	parts[0] == "arn"
	parts[2] == "sqs"
} else := name if {
	regex.match(`^https://(sqs|queue)\.`, s)
	parts := split(s, "/")
	name := parts[count(parts) - 1]
} else := s if {
	not contains(s, ":")
	not contains(s, "/")
}

_lambda_name(s) := parts[6] if {
	parts := split(s, ":")
	count(parts) >= 7
	parts[0] == "arn"
	parts[2] == "lambda"
} else := s if {
	not contains(s, ":")
	not contains(s, "/")
}

_iam_name(s, kind) := name if {
	parts := split(s, ":")
	count(parts) == 6
	parts[2] == "iam"
	startswith(parts[5], concat("", [kind, "/"]))
	segs := split(parts[5], "/")
	name := segs[count(segs) - 1]
} else := s if {
	kind == "role"
	not contains(s, ":")
	not contains(s, "/")
}

_queue_names[name][addr] if {
	some addr, res in by_type.aws_sqs_queue
	name := val(res, "name")
	is_string(name)
	not is_template(name)
}

_function_names[name][addr] if {
	some addr, res in by_type.aws_lambda_function
	name := val(res, "function_name")
	is_string(name)
	not is_template(name)
}

_role_names[name][addr] if {
	some addr, res in by_type.aws_iam_role
	name := val(res, "name")
	is_string(name)
	not is_template(name)
}

_policy_names[name][addr] if {
	some addr, res in by_type.aws_iam_policy
	name := val(res, "name")
	is_string(name)
	not is_template(name)
}

# Looked up by computed keys (`_kms_ids[k]`): a complete rule over the partial one,
# so `opa eval` evaluates it once instead of once per key (topdown cannot index
# computed keys; the Wasm target evaluates rules once either way).
_kms_ids := _kms_id_entries

_kms_id_entries[id][addr] if {
	some addr, res in by_type.aws_kms_key
	some attr in ["arn", "key_id", "id"]
	id := val(res, attr)
	is_string(id)
	not is_template(id)
}

_kms_id_entries[name][addr] if {
	some res in by_type.aws_kms_alias
	name := val(res, "name")
	is_string(name)
	not is_template(name)
	target := val(res, "target_key_id")
	is_template(target)
	some m in _refs(target)
	_ref_type(m) == "aws_kms_key"
	out := _instance(res, m)
	out.status == "found"
	addr := out.address
}
