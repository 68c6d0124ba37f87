# METADATA
# title: Catalogue extraction (build time only)
# description: |
#   Turns `opa inspect -a --format json` output (the input) into the rule
#   catalogue written to policies/dist/rules.json: one entry per rule package
#   (package-scoped annotation with a custom id). Not part of the Wasm bundle.
package build

_rule_annotations := [a |
	some a in input.annotations
	a.annotations.scope == "package"
	is_string(a.annotations.custom.id)
]

_ids contains a.annotations.custom.id if {
	some a in _rule_annotations
}

# an id declared twice is caught by the catalogue test; the first (by file,
# row) keeps the build deterministic meanwhile
_first[id] := sorted[0] if {
	some id in _ids
	sorted := sort([[a.location.file, a.location.row, a] |
		some a in _rule_annotations
		a.annotations.custom.id == id
	])
}

rules := [entry |
	some id in sort(_ids)
	a := _first[id][2].annotations
	entry := {
		"id": id,
		"title": a.title,
		"description": trim_space(a.description),
		"severity": a.custom.severity,
		"remediation": a.custom.remediation,
		"url": a.custom.url,
	}
]
