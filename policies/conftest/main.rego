# METADATA
# title: sqsguard for conftest
# description: |
#   conftest's namespace (main): one deny per deny finding, one warn per warn
#   or undetermined finding of data.sqsguard.main.findings, so that
#   `conftest test --policy policies/conftest plan.json` fails exactly when
#   `sqsguard check plan.json` does (without --strict). Each result carries the
#   finding as metadata (conftest --output json). The sqsguard/ directory
#   beside this file is the catalogue, copied without its tests by
#   scripts/build-policy.sh: do not edit it here.
package main

import data.sqsguard.main

deny contains _result(f) if {
	some f in main.findings
	f.severity == "deny"
}

# undetermined: the policy could not decide (a value known only after apply);
# sqsguard check fails on these only with --strict, so they warn here
warn contains _result(f) if {
	some f in main.findings
	f.severity in {"warn", "undetermined"}
}

_result(f) := {
	"msg": concat("", [f.rule, " ", f.resource, ": ", f.message]),
	"rule": f.rule,
	"severity": f.severity,
	"resource": f.resource,
	"remediation": f.remediation,
}
