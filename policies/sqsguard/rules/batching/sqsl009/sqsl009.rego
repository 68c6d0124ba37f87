# METADATA
# scope: package
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
package sqsguard.rules.batching.sqsl009

import data.sqsguard.lib.model
import data.sqsguard.lib.pipeline
import data.sqsguard.lib.verdict

findings := verdict.findings(rego.metadata.chain(), violations, unsure)

violations contains verdict.violation(p.mapping.address, pipeline.related(p), msg) if {
	some p in model.pipeline_facts
	some msg in _batch_errors(p.mapping.batch_size, p.mapping.batching_window, p.queue.fifo)
}

unsure contains verdict.unsure_because(p.mapping.address, pipeline.related(p), what, pipeline.first_cause(p, [["mapping", "batch_size"], ["mapping", "batching_window"], ["queue", "fifo"]])) if {
	some p in model.pipeline_facts
	count(_batch_errors(p.mapping.batch_size, p.mapping.batching_window, p.queue.fifo)) == 0
	whats := array.concat(
		pipeline.unknown_fields(p.mapping, ["batch_size", "batching_window"]),
		[p.queue.why.fifo | p.queue.fifo == "unknown"],
	)
	count(whats) > 0
	what := concat("; ", whats)
}

_batch_errors(b, w, fifo) := (((_too_big(b) | _too_wide(w)) | _fifo_batch(b, fifo)) | _fifo_window(w, fifo)) | _no_window(b, w, fifo)

_too_big(b) := {concat("", ["batch size ", verdict.n(b), " > 10000"])} if {
	is_number(b)
	b > 10000
} else := set()

_too_wide(w) := {concat("", ["batching window ", verdict.n(w), " s > 300 s"])} if {
	is_number(w)
	w > 300
} else := set()

_fifo_batch(b, fifo) := {concat("", ["FIFO source: batch size ", verdict.n(b), " > 10"])} if {
	fifo == true
	is_number(b)
	b > 10
} else := set()

_fifo_window(w, fifo) := {concat("", ["FIFO source: batching window ", verdict.n(w), " s is not allowed"])} if {
	fifo == true
	is_number(w)
	w > 0
} else := set()

_no_window(b, w, fifo) := {concat("", ["batch size ", verdict.n(b), " > 10 needs a batching window ≥ 1 s, got ", verdict.n(w), " s"])} if {
	fifo == false
	is_number(b)
	is_number(w)
	b > 10
	w < 1
} else := set()
