# METADATA
# title: sqsguard findings and thresholds
# description: |
#   Builds finding objects (the public contract) from the annotation of a
#   rule package, holds the threshold defaults and AWS limits, and formats
#   numbers for messages without sprintf (not available natively in Wasm).
package sqsguard.lib.verdict

# Defaults; override with data.sqsguard_thresholds (a flat object).
default_thresholds := {
	"visibility_timeout_multiplier": 6,
	"max_receive_count_min": 5,
	"max_receive_count_max": 50,
	"dlq_retention_min_seconds": 1209600,
	"oldest_message_age_alarm_max_seconds": 86400,
}

default _overrides := {}

_overrides := data.sqsguard_thresholds if is_object(data.sqsguard_thresholds)

thresholds := object.union(default_thresholds, _overrides)

# AWS's accepted ranges (not thresholds: never overridden). SQSL012 and SQSL013
# read them; policies/dist/thresholds.json exports them to the construct.
limits := {
	"function_timeout_min_seconds": 1,
	"function_timeout_max_seconds": 900,
	"maximum_concurrency_min": 2,
	"maximum_concurrency_max": 1000,
}

# violation: a verdict at the rule's own severity
violation(resource, related, message) := {"resource": resource, "related": related, "message": message}

# violation_at: a verdict at another severity than the rule's (e.g. SQSL023
# downgrades a grant that only an AWS managed policy makes to a warn)
violation_at(resource, related, message, severity) := object.union(violation(resource, related, message), {"severity": severity})

# unsure: the rule could not decide; what names what it could not see. Its
# cause is "unspecified"; unsure_because gives the model's cause code (see
# cause_of in lib/model), by which the report groups undetermined findings.
unsure(resource, related, what) := unsure_because(resource, related, what, "unspecified")

unsure_because(resource, related, what, code) := {"resource": resource, "related": related, "what": what, "cause": _cause_code(code)}

_cause_code(code) := code if is_string(code)

else := "unspecified"

# findings(chain, violations, unsures): a rule package's verdicts as findings.
# chain is the rule's rego.metadata.chain(): its package annotation (the one
# with custom.id) gives id, severity, remediation and, for undetermined
# findings, the title. The compiler folds chain() into a constant, so this
# works in the Wasm target.
findings(chain, violations, unsures) := {_make(meta, object.get(v, "severity", meta.custom.severity), v.resource, v.related, v.message) | some v in violations} | {object.union(_make(meta, "undetermined", u.resource, u.related, concat("", [meta.title, ": cannot decide, ", u.what])), {"cause": object.get(u, "cause", "unspecified")}) | some u in unsures} if {
	meta := [e.annotations | some e in chain; is_string(e.annotations.custom.id)][0]
}

# at_severity(chain, violations, severity): verdicts of a rule that has a
# milder case than its METADATA severity (e.g. SQSL030's single filter: warn)
at_severity(chain, violations, severity) := {_make(meta, severity, v.resource, v.related, v.message) | some v in violations} if {
	meta := [e.annotations | some e in chain; is_string(e.annotations.custom.id)][0]
}

_make(meta, severity, resource, related, message) := {
	"rule": meta.custom.id,
	"severity": severity,
	"resource": resource,
	"related": sort({a | some a in related; is_string(a); a != resource}),
	"message": message,
	"remediation": meta.custom.remediation,
}

# n: a number as text (integers without a fraction).
n(x) := format_int(x, 10) if {
	is_number(x)
	x == round(x)
} else := json.marshal(x) if {
	is_number(x)
} else := x if {
	is_string(x)
} else := json.marshal(x)

# first of an address or a fallback
addr_or(a, _) := a if is_string(a)

addr_or(a, fallback) := fallback if not is_string(a)

# list(names): a short, sorted list for messages (at most 3 names)
list(names) := concat(", ", sorted) if {
	sorted := sort(names)
	count(sorted) <= 3
} else := concat("", [concat(", ", array.slice(sort(names), 0, 3)), " and ", format_int(count(names) - 3, 10), " more"])
