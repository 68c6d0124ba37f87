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

# only the lists _filled_stmt fills: unknown principals or conditions stay
# unknown (left null, they would read as "no principal", "no condition")
_fillable_field(f) if f in {"actions", "not_actions", "resources", "not_resources"}

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

# source_policy_documents are merged first (the document's own statements
# replace source statements with the same sid), override_policy_documents last
# (their statements replace any with the same sid).
_with_sources(res, own) := own if {
	own.status != "known"
} else := own if {
	count(_doc_list(res, "source_policy_documents")) == 0
	count(_doc_list(res, "override_policy_documents")) == 0
} else := out if {
	sources := _doc_list(res, "source_policy_documents")
	overrides := _doc_list(res, "override_policy_documents")
	unknown := [d | some d in array.concat(sources, overrides); d.status != "known"]
	out := _merge_docs(own, sources, overrides, unknown)
}

# the documents listed in a source/override attribute: the known elements, and
# for unknown ones (documents read at apply time) the configured references
_doc_list(res, attr) := array.concat(
	[d | some x in _as_array(object.get(res.values, attr, [])); x != null; d := _source_doc(res, attr, x)],
	[d |
		_has_true(object.get(res.unknown, attr, false))
		refs := object.get(res.config, [attr, "references"], [])
		some r in refs
		not _moot_condition(res, attr, refs, r)
		d := _source_doc_or_condition(res, attr, refs, r)
	],
)

# A variable holding a boolean among the references of a document list read at
# apply time is the condition of a conditional element. When the plan's list
# holds as many elements as the documents referenced, every one of them is in
# the list and the condition is moot; otherwise which document it drops is only
# in the HCL.
_moot_condition(res, attr, refs, r) if {
	is_boolean(_var_value(res, r))
	count(_as_array(object.get(res.unknown, attr, []))) == count(_referenced_docs(refs))
}

_referenced_docs(refs) := {trim_suffix(r, ".json") | some r in refs; startswith(r, "data.aws_iam_policy_document.")}

_source_doc_or_condition(res, attr, refs, r) := {
	"status": "unknown",
	"why": concat("", [
		res.address, ".", attr, " lists ", format_int(count(_as_array(object.get(res.unknown, attr, []))), 10),
		" of the ", format_int(count(_referenced_docs(refs)), 10), " documents it references: which ones depends on ", r,
	]),
	"cause": "unrecorded_value",
} if {
	is_boolean(_var_value(res, r))
} else := _source_doc(res, attr, concat("", ["${", r, "}"]))

_merge_docs(own, sources, overrides, unknown) := {"status": "known", "statements": array.concat(
	_without_sids(array.concat(_without_sids([st | some d in sources; some st in d.statements], _sids(own.statements)), own.statements), over_sids),
	over,
)} if {
	count(unknown) == 0
	over := [st | some d in overrides; some st in d.statements]
	over_sids := _sids(over)
} else := unknown[0]

_sids(stmts) := {st.sid | some st in stmts; is_string(st.sid); st.sid != ""}

_without_sids(stmts, sids) := [st | some st in stmts; not st.sid in sids]

# a source or override policy document: a JSON string, or a reference to
# another aws_iam_policy_document (its own statements)
_source_doc(res, attr, x) := {"status": "known", "statements": _statements(res, json.unmarshal(x))} if {
	is_string(x)
	json.is_valid(x)
} else := d if {
	target := resolve(res, x, {"data.aws_iam_policy_document"})
	target.status == "found"
	d := _data_docs_own[target.address]
} else := {"status": "unknown", "why": concat("", [res.address, ".", attr, shown(_text(x))]), "cause": cause_of(x)}

_data_stmt(res, s) := {
	"src": res.address,
	"from": res,
	"sid": object.get(s, "sid", null),
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
