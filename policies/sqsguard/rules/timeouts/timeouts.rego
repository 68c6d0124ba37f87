# METADATA
# title: Timeout rules
# description: Visibility timeout versus function timeout, and function timeout limits.
package sqsguard.rules.timeouts

import data.sqsguard.lib.model
import data.sqsguard.lib.report

# METADATA
# title: Visibility timeout shorter than function timeout
# description: |
#   Lambda refuses to create an SQS event source mapping when the queue's
#   visibility timeout is shorter than the function's timeout.
# custom:
#   id: SQSL001
#   severity: deny
#   remediation: Set visibility_timeout_seconds on the source queue to at least the function timeout (better 6 times it plus the batching window).
#   url: https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html
findings contains report.finding(rego.metadata.rule(), q.address, _related(p), msg) if {
	some p in model.pipeline_facts
	q := p.queue
	is_number(q.visibility_timeout)
	is_number(p.function.timeout)
	q.visibility_timeout < p.function.timeout
	msg := concat("", [
		"visibility timeout ", report.n(q.visibility_timeout), " s < function timeout ",
		report.n(p.function.timeout), " s: Lambda rejects the event source mapping",
	])
}

# METADATA
# title: Visibility timeout shorter than function timeout
# description: Undetermined variant of SQSL001.
# custom:
#   id: SQSL001
#   severity: deny
#   remediation: Set visibility_timeout_seconds on the source queue to at least the function timeout (better 6 times it plus the batching window).
#   url: https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html
findings contains report.undetermined(rego.metadata.rule(), _resource(p), _related(p), what) if {
	some p in model.pipeline_facts
	what := _unknown_timeouts(p)
}

# METADATA
# title: Visibility timeout below 6 x function timeout + batching window
# description: |
#   AWS recommends a source queue visibility timeout of at least six times the
#   function timeout plus the maximum batching window, so that throttled or
#   retried invocations do not make messages visible again while in flight.
# custom:
#   id: SQSL002
#   severity: deny
#   remediation: Raise visibility_timeout_seconds to at least 6 x the function timeout + maximum_batching_window_in_seconds, or lower the function timeout.
#   url: https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html
findings contains report.finding(rego.metadata.rule(), q.address, _related(p), msg) if {
	mult := report.thresholds.visibility_timeout_multiplier
	some p in model.pipeline_facts
	q := p.queue
	is_number(q.visibility_timeout)
	is_number(p.function.timeout)
	is_number(p.mapping.batching_window)
	need := (mult * p.function.timeout) + p.mapping.batching_window
	q.visibility_timeout < need
	msg := concat("", [
		"visibility timeout ", report.n(q.visibility_timeout), " s < ", report.n(mult),
		" × function timeout ", report.n(p.function.timeout), " s + batching window ",
		report.n(p.mapping.batching_window), " s = ", report.n(need), " s",
	])
}

# METADATA
# title: Visibility timeout below 6 x function timeout + batching window
# description: Undetermined variant of SQSL002.
# custom:
#   id: SQSL002
#   severity: deny
#   remediation: Raise visibility_timeout_seconds to at least 6 x the function timeout + maximum_batching_window_in_seconds, or lower the function timeout.
#   url: https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html
findings contains report.undetermined(rego.metadata.rule(), _resource(p), _related(p), what) if {
	some p in model.pipeline_facts
	whats := array.concat(
		_unknowns(p, [["queue", "visibility_timeout"], ["function", "timeout"]]),
		_unknowns(p, [["mapping", "batching_window"]]),
	)
	count(whats) > 0
	what := concat("; ", whats)
}

# METADATA
# title: Function timeout out of range
# description: Lambda function timeouts must be between 1 and 900 seconds.
# custom:
#   id: SQSL013
#   severity: deny
#   remediation: Set timeout on the function to a value between 1 and 900 seconds.
#   url: https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html
findings contains report.finding(rego.metadata.rule(), f.address, [], msg) if {
	some f in _sqs_functions
	is_number(f.timeout)
	not _in_range(f.timeout, 1, 900)
	msg := concat("", ["function timeout ", report.n(f.timeout), " s is outside 1–900 s"])
}

# METADATA
# title: Function timeout out of range
# description: Undetermined variant of SQSL013.
# custom:
#   id: SQSL013
#   severity: deny
#   remediation: Set timeout on the function to a value between 1 and 900 seconds.
#   url: https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html
findings contains report.undetermined(rego.metadata.rule(), f.address, [], f.why.timeout) if {
	some f in _sqs_functions
	f.timeout == "unknown"
}

_sqs_functions[addr] := model.functions[addr] if {
	some p in model.pipeline_facts
	addr := p.function.address
	is_string(addr)
}

_in_range(x, lo, hi) if {
	x >= lo
	x <= hi
}

_related(p) := [p.mapping.address, p.function.address, p.queue.address]

_resource(p) := report.addr_or(p.queue.address, p.mapping.address)

_unknown_timeouts(p) := concat("; ", whats) if {
	whats := _unknowns(p, [["queue", "visibility_timeout"], ["function", "timeout"]])
	count(whats) > 0
}

# _unknowns(p, [[part, field]]) -> reasons for the fields that are "unknown"
_unknowns(p, fields) := [p[part].why[field] |
	some pair in fields
	[part, field] := pair
	p[part][field] == "unknown"
]
