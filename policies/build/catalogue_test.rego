package build_test

import data.build

_ann(id, file, row, title) := {
	"annotations": {"scope": "package", "title": title, "description": "d\n", "custom": {"id": id, "severity": "deny", "remediation": "r", "url": "u"}},
	"location": {"file": file, "row": row},
}

test_catalogue_one_entry_per_package_id_first_wins_rule_scope_ignored if {
	inspect := {"annotations": [
		_ann("SQSL002", "a.rego", 1, "two"),
		_ann("SQSL001", "a.rego", 9, "one (undetermined)"),
		_ann("SQSL001", "a.rego", 3, "one"),
		{"annotations": {"scope": "package", "title": "pkg"}, "location": {"file": "a.rego", "row": 0}},
		{"annotations": {"scope": "rule", "title": "rule", "custom": {"id": "SQSL003"}}, "location": {"file": "b.rego", "row": 1}},
	]}
	build.rules == [
		{"id": "SQSL001", "title": "one", "description": "d", "severity": "deny", "remediation": "r", "url": "u"},
		{"id": "SQSL002", "title": "two", "description": "d", "severity": "deny", "remediation": "r", "url": "u"},
	] with input as inspect
}
