# METADATA
# title: sqsguard findings and thresholds
# description: |
#   Builds finding objects (the public contract) from rule METADATA, holds the
#   threshold defaults and formats numbers for messages without sprintf (not
#   available natively in Wasm).
package sqsguard.lib.report

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

# finding: a finding at the rule's own severity (from its METADATA).
finding(meta, resource, related, message) := _make(meta, meta.custom.severity, resource, related, message)

# undetermined: the rule could not decide; message names what it could not see.
undetermined(meta, resource, related, what) := _make(
	meta, "undetermined", resource, related,
	concat("", [meta.title, ": cannot decide, ", what]),
)

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
