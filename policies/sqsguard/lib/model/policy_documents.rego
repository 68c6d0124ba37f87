# aws_iam_policy_document data sources as normalised policy documents: the
# json a plan knows, else the statement blocks (unknown parts filled from the
# configuration), plus the statements of source_policy_documents.
package sqsguard.lib.model

# aws_iam_policy_document data sources, as normalised documents: their own
# statements plus those of source_policy_documents (one level: no recursion).
data_policy_docs[addr] := _with_sources(res, _data_own_doc(res)) if {
	some addr, res in by_type["data.aws_iam_policy_document"]
}

_data_docs_own := {addr: _data_own_doc(res) | some addr, res in by_type["data.aws_iam_policy_document"]}

# The json a plan knows (read during planning), else the statement blocks: a
# plan knows every literal part of them and marks the parts that refer to
# resources created in this apply unknown; those come from the configuration
# expressions (references), statement by statement.
_data_own_doc(res) := {"status": "known", "statements": _statements(res, json.unmarshal(j))} if {
	j := res.values.json
	is_string(j)
	json.is_valid(j)
} else := {"status": "known", "statements": [_data_stmt(res, _filled_stmt(res, i, s)) | some i, s in stmts]} if {
	stmts := _as_array(object.get(res.values, "statement", []))
	not _unfillable_statements(res, stmts)
} else := {
	"status": "unknown",
	"why": concat("", [res.address, " statements known only after apply"]),
	"cause": "data_source_apply_time",
}

# unknown parts that the configuration cannot supply: the whole statement list,
# or statement blocks that do not line up with the configured ones (dynamic)
_unfillable_statements(res, _) if res.unknown.statement == true

_unfillable_statements(res, _) if {
	some s in res.unknown.statement
	some field, u in s
	_has_true(u)
	not _fillable_field(field)
}

_unfillable_statements(res, stmts) if {
	count(_as_array(object.get(res.config, "statement", []))) != count(stmts)
	some s in res.unknown.statement
	some field, u in s
	_has_true(u)
	_fillable_field(field)
}

_fillable_field(f) if f in {"actions", "not_actions", "resources", "not_resources"}

_fillable_field(f) if f in {"principals", "not_principals", "condition"}

# a true leaf in an after_unknown value (statement parts nest three levels:
# principals[i].identifiers[j]); no recursion in Rego
_has_true(true)

_has_true(u) if {
	some x in _elements(u)
	x == true
}

_has_true(u) if {
	some x in _elements(u)
	some y in _elements(x)
	y == true
}

_has_true(u) if {
	some x in _elements(u)
	some y in _elements(x)
	some z in _elements(y)
	z == true
}

_elements(u) := [x | some x in u] if is_array(u)

else := [x | some x in u] if is_object(u)

else := []

# a statement block with its unknown list elements replaced by one template
# per reference of the configured expression
_filled_stmt(res, i, s) := s if {
	not _has_true(object.get(res.unknown, ["statement", i], false))
} else := object.union(s, {field: _filled_list(s[field], cfg[field]) |
	u := res.unknown.statement[i]
	cfg := _as_array(object.get(res.config, "statement", []))[i]
	some field in ["actions", "not_actions", "resources", "not_resources"]
	_has_true(object.get(u, field, false))
})

_filled_list(known, expr) := array.concat(
	[x | some x in _as_array(known); x != null],
	[concat("", ["${", r, "}"]) | some r in object.get(expr, "references", [])],
)

_with_sources(res, own) := own if {
	own.status != "known"
} else := own if {
	object.get(res.values, "source_policy_documents", null) in {null, []}
	not _has_true(object.get(res.unknown, "source_policy_documents", false))
} else := out if {
	docs := array.concat(
		[d | some x in _as_array(object.get(res.values, "source_policy_documents", [])); x != null; d := _source_doc(res, x)],
		[d | some r in object.get(res.config, ["source_policy_documents", "references"], []); d := _source_doc(res, concat("", ["${", r, "}"]))],
	)
	unknown := [d | some d in docs; d.status != "known"]
	out := _merge_docs(own, docs, unknown)
}

_merge_docs(own, docs, unknown) := {"status": "known", "statements": array.concat(
	[st | some d in docs; some st in d.statements],
	own.statements,
)} if {
	count(unknown) == 0
} else := unknown[0]

# a source policy document: a JSON string, or a reference to another
# aws_iam_policy_document (its own statements)
_source_doc(res, x) := {"status": "known", "statements": _statements(res, json.unmarshal(x))} if {
	is_string(x)
	json.is_valid(x)
} else := d if {
	is_template(x)
	some m in _refs(x)
	_ref_type(m) == "data.aws_iam_policy_document"
	target := _instance(res, m)
	target.status == "found"
	d := _data_docs_own[target.address]
} else := {"status": "unknown", "why": concat("", [res.address, ".source_policy_documents = ", _text(x)]), "cause": "unresolved_reference"} if {
	not json.is_valid(x)
}

_data_stmt(res, s) := {
	"src": res.address,
	"from": res,
	"effect": _effect(object.get(s, "effect", null)),
	"actions": [lower(a) | some a in _as_array(object.get(s, "actions", []))],
	"not_actions": [lower(a) | some a in _as_array(object.get(s, "not_actions", []))],
	"resources": _as_array(object.get(s, "resources", [])),
	"not_resources": _as_array(object.get(s, "not_resources", [])),
	"principal_star": _data_principal_star(s),
	"conditions": {c.test: {c.variable: c.values} |
		some c in _as_array(object.get(s, "condition", []))
	},
	"aws_managed": null,
}

_data_principal_star(s) if {
	some p in _as_array(object.get(s, "principals", []))
	"*" in _as_array(p.identifiers)
} else := false

# a statement block's effect: a plan shows an unset effect as null
_effect(e) := e if is_string(e)

else := "Allow"
