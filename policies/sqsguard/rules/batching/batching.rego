# METADATA
# title: Batching rules
# description: Batch size, batching window, partial batch responses and disabled mappings.
package sqsguard.rules.batching

import data.sqsguard.lib.model
import data.sqsguard.lib.report

# METADATA
# title: Batches without partial batch responses
# description: |
#   With batch_size > 1 and no ReportBatchItemFailures, one failing message
#   makes the whole batch visible again: healthy messages are reprocessed and
#   count towards maxReceiveCount.
# custom:
#   id: SQSL008
#   severity: warn
#   remediation: Add "ReportBatchItemFailures" to function_response_types and return batchItemFailures from the handler, or use batch_size 1.
#   url: https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html
findings contains report.finding(rego.metadata.rule(), p.mapping.address, _related(p), msg) if {
	some p in model.pipeline_facts
	is_number(p.mapping.batch_size)
	p.mapping.batch_size > 1
	p.mapping.report_batch_item_failures == false
	msg := concat("", ["batch size ", report.n(p.mapping.batch_size), " without ReportBatchItemFailures: one failure retries the whole batch"])
}

# METADATA
# title: Batches without partial batch responses
# description: Undetermined variant of SQSL008.
# custom:
#   id: SQSL008
#   severity: warn
#   remediation: Add "ReportBatchItemFailures" to function_response_types and return batchItemFailures from the handler, or use batch_size 1.
#   url: https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html
findings contains report.undetermined(rego.metadata.rule(), p.mapping.address, _related(p), what) if {
	some p in model.pipeline_facts
	whats := _unknown_fields(p.mapping, ["batch_size", "report_batch_item_failures"])
	count(whats) > 0
	what := concat("; ", whats)
}

# METADATA
# title: Batch settings that AWS rejects
# description: |
#   SQS mappings accept batch_size up to 10 without a batching window, up to
#   10000 with a window of at least 1 s (standard queues only); FIFO queues
#   allow at most 10 and no window; the window is at most 300 s.
# custom:
#   id: SQSL009
#   severity: deny
#   remediation: Keep batch_size <= 10 (FIFO, or no batching window), set maximum_batching_window_in_seconds >= 1 for larger batches, never above 10000 / 300 s.
#   url: https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html
findings contains report.finding(rego.metadata.rule(), p.mapping.address, _related(p), msg) if {
	some p in model.pipeline_facts
	some msg in _batch_errors(p.mapping.batch_size, p.mapping.batching_window, p.queue.fifo)
}

# METADATA
# title: Batch settings that AWS rejects
# description: Undetermined variant of SQSL009.
# custom:
#   id: SQSL009
#   severity: deny
#   remediation: Keep batch_size <= 10 (FIFO, or no batching window), set maximum_batching_window_in_seconds >= 1 for larger batches, never above 10000 / 300 s.
#   url: https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html
findings contains report.undetermined(rego.metadata.rule(), p.mapping.address, _related(p), what) if {
	some p in model.pipeline_facts
	count(_batch_errors(p.mapping.batch_size, p.mapping.batching_window, p.queue.fifo)) == 0
	whats := array.concat(
		_unknown_fields(p.mapping, ["batch_size", "batching_window"]),
		[p.queue.why.fifo | p.queue.fifo == "unknown"],
	)
	count(whats) > 0
	what := concat("; ", whats)
}

_batch_errors(b, w, fifo) := (((_too_big(b) | _too_wide(w)) | _fifo_batch(b, fifo)) | _fifo_window(w, fifo)) | _no_window(b, w, fifo)

_too_big(b) := {concat("", ["batch size ", report.n(b), " > 10000"])} if {
	is_number(b)
	b > 10000
} else := set()

_too_wide(w) := {concat("", ["batching window ", report.n(w), " s > 300 s"])} if {
	is_number(w)
	w > 300
} else := set()

_fifo_batch(b, fifo) := {concat("", ["FIFO source: batch size ", report.n(b), " > 10"])} if {
	fifo == true
	is_number(b)
	b > 10
} else := set()

_fifo_window(w, fifo) := {concat("", ["FIFO source: batching window ", report.n(w), " s is not allowed"])} if {
	fifo == true
	is_number(w)
	w > 0
} else := set()

_no_window(b, w, fifo) := {concat("", ["batch size ", report.n(b), " > 10 needs a batching window ≥ 1 s, got ", report.n(w), " s"])} if {
	fifo == false
	is_number(b)
	is_number(w)
	b > 10
	w < 1
} else := set()

# METADATA
# title: Event source mapping disabled
# description: A disabled mapping leaves messages piling up in the queue until they expire.
# custom:
#   id: SQSL018
#   severity: warn
#   remediation: Set enabled = true on the event source mapping (or remove the mapping if the queue is unused).
#   url: https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html
findings contains report.finding(rego.metadata.rule(), p.mapping.address, _related(p), "event source mapping is disabled: messages accumulate until they expire") if {
	some p in model.pipeline_facts
	p.mapping.enabled == false
}

# METADATA
# title: Event source mapping disabled
# description: Undetermined variant of SQSL018.
# custom:
#   id: SQSL018
#   severity: warn
#   remediation: Set enabled = true on the event source mapping (or remove the mapping if the queue is unused).
#   url: https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html
findings contains report.undetermined(rego.metadata.rule(), p.mapping.address, _related(p), p.mapping.why.enabled) if {
	some p in model.pipeline_facts
	p.mapping.enabled == "unknown"
}

_related(p) := [p.function.address, p.queue.address]

_unknown_fields(obj, fields) := [w | some f in fields; obj[f] == "unknown"; w := obj.why[f]]
