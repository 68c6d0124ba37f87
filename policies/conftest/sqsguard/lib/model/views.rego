# Typed views over the model: queues, redrive policies, functions, event
# source mappings and pipelines. Every view is an object keyed by address,
# built once; lookups between them are O(1).
package sqsguard.lib.model

# --- queues --------------------------------------------------------------------

queues[addr] := object.union(q, {"cause": _causes(res, q, _queue_attrs)}) if {
	some addr, res in by_type.aws_sqs_queue
	q := {
		"address": addr,
		"name": _literal_string(val(res, "name")),
		"fifo": flag(res, "fifo_queue", false),
		"visibility_timeout": num(res, "visibility_timeout_seconds", 30),
		"retention": num(res, "message_retention_seconds", 345600),
		"kms_key": val(res, "kms_master_key_id"),
		"sse": flag(res, "sqs_managed_sse_enabled", true),
		"why": {
			"fifo": why(res, "fifo_queue"),
			"visibility_timeout": why(res, "visibility_timeout_seconds"),
			"retention": why(res, "message_retention_seconds"),
			"kms_key": why(res, "kms_master_key_id"),
			"sse": why(res, "sqs_managed_sse_enabled"),
		},
	}
}

_queue_attrs := {
	"fifo": "fifo_queue",
	"visibility_timeout": "visibility_timeout_seconds",
	"retention": "message_retention_seconds",
	"kms_key": "kms_master_key_id",
	"sse": "sqs_managed_sse_enabled",
}

# cause codes (see cause_of) of a view's fields that are not known: "unknown"
# numbers and flags, templates, unresolved references; null for the others.
# Computed from the field values, so known fields cost one comparison.
_causes(res, view, attrs) := {k: _field_cause(view[k], res, attr) | some k, attr in attrs}

_field_cause(v, res, attr) := cause(res, attr) if {
	v == "unknown"
} else := cause(res, attr) if {
	is_template(v)
} else := object.get(v, "cause", "not_in_document") if {
	is_object(v)
	v.status in {"unknown", "external"}
} else := null

_literal_string(v) := v if {
	is_string(v)
	not is_template(v)
} else := null

# a queue that is not in the document (or cannot be resolved)
unseen_queue(reason) := _unseen_queue(reason, cause_of(reason))

_unseen_queue(reason, code) := {
	"address": null,
	"name": null,
	"fifo": "unknown",
	"visibility_timeout": "unknown",
	"retention": "unknown",
	"kms_key": "unknown",
	"sse": "unknown",
	"why": {k: reason | some k in ["fifo", "visibility_timeout", "retention", "kms_key", "sse"]},
	"cause": {k: code | some k in ["fifo", "visibility_timeout", "retention", "kms_key", "sse"]},
}

# --- redrive policies (inline or aws_sqs_queue_redrive_policy) ----------------

# Looked up by computed keys (`redrive[k]`): a complete rule over the partial one,
# so `opa eval` evaluates it once instead of once per key (topdown cannot index
# computed keys; the Wasm target evaluates rules once either way).
redrive := _redrive

# redrive[queue][source] := {"source", "dlq": resolution, "max_receive_count", "why"}
_redrive[addr][addr] := _redrive_entry(res, "redrive_policy") if {
	some addr, res in by_type.aws_sqs_queue
	not val(res, "redrive_policy") in {null, ""}
}

_redrive[q][addr] := _redrive_entry(res, "redrive_policy") if {
	some addr, res in by_type.aws_sqs_queue_redrive_policy
	target := resolve(res, val(res, "queue_url"), {"aws_sqs_queue"})
	target.status == "found"
	q := target.address
}

# separate redrive resources whose queue cannot be resolved
unattributed_redrive[addr] := target if {
	some addr, res in by_type.aws_sqs_queue_redrive_policy
	target := resolve(res, val(res, "queue_url"), {"aws_sqs_queue"})
	target.status != "found"
}

_redrive_entry(res, attr) := {
	"source": res.address,
	"dlq": resolve(res, _redrive_target(v), {"aws_sqs_queue"}),
	"max_receive_count": mrc,
	"presence": _redrive_presence(res, attr),
	"why": why(res, attr),
	"cause": _redrive_cause(res, attr),
} if {
	v := val(res, attr)
	mrc := _redrive_mrc_or_var(res, attr, v)
}

# machine-readable cause of an unknown redrive policy part (see cause codes in model.rego)
_redrive_cause(res, attr) := "unrecorded_value" if {
	_redrive_presence(res, attr) == "unknown"
} else := "apply_time_jsonencode" if {
	not _has_key(res.values, attr)
} else := null

_redrive_doc(v) := json.unmarshal(v) if {
	is_string(v)
	json.is_valid(v)
} else := v if {
	is_object(v)
}

_redrive_target(v) := object.get(_redrive_doc(v), "deadLetterTargetArn", null) if {
	_redrive_doc(v)
} else := v

_redrive_mrc(v) := n if {
	n := _redrive_doc(v).maxReceiveCount
	is_number(n)
} else := to_number(n) if {
	n := _redrive_doc(v).maxReceiveCount
	is_string(n)
	regex.match(`^[0-9]+$`, n)
} else := to_number(m[0][1]) if {
	is_string(v)
	m := regex.find_all_string_submatch_n(`maxReceiveCount"?\s*[=:]\s*"?([0-9]+)`, v, 1)
	count(m) == 1
} else := "unknown"

# --- redrive-allow policies ---------------------------------------------------

# Looked up by computed keys (`redrive_allow[k]`): a complete rule over the partial one,
# so `opa eval` evaluates it once instead of once per key (topdown cannot index
# computed keys; the Wasm target evaluates rules once either way).
redrive_allow := _redrive_allow

_redrive_allow[addr][addr] := _allow_entry(res, "redrive_allow_policy") if {
	some addr, res in by_type.aws_sqs_queue
	not val(res, "redrive_allow_policy") in {null, ""}
}

_redrive_allow[q][addr] := _allow_entry(res, "redrive_allow_policy") if {
	some addr, res in by_type.aws_sqs_queue_redrive_allow_policy
	target := resolve(res, val(res, "queue_url"), {"aws_sqs_queue"})
	target.status == "found"
	q := target.address
}

unattributed_redrive_allow[addr] := target if {
	some addr, res in by_type.aws_sqs_queue_redrive_allow_policy
	target := resolve(res, val(res, "queue_url"), {"aws_sqs_queue"})
	target.status != "found"
}

_allow_entry(res, attr) := {"source": res.address, "permission": p, "why": why(res, attr), "cause": cause(res, attr)} if {
	v := val(res, attr)
	p := _allow_permission(v)
}

_allow_permission(v) := p if {
	doc := _redrive_doc(v)
	p := doc.redrivePermission
	is_string(p)
	not is_template(p)
} else := "unknown"

# Looked up by computed keys (`dlq_sources[k]`): a complete rule over the partial one,
# so `opa eval` evaluates it once instead of once per key (topdown cannot index
# computed keys; the Wasm target evaluates rules once either way).
dlq_sources := _dlq_sources

# dlq_sources[dlq][source_queue] := true
_dlq_sources[dlq][q] if {
	some q, entries in redrive
	some entry in entries
	entry.dlq.status == "found"
	dlq := entry.dlq.address
}

# --- functions ----------------------------------------------------------------

functions[addr] := object.union(f, {"cause": _causes(res, f, _function_attrs)}) if {
	some addr, res in by_type.aws_lambda_function
	f := {
		"address": addr,
		"name": _literal_string(val(res, "function_name")),
		"timeout": num(res, "timeout", 3),
		"reserved_concurrency": _reserved(res),
		"role": resolve(res, val(res, "role"), {"aws_iam_role"}),
		"dead_letter_config": _has_block(res, "dead_letter_config"),
		"why": {
			"timeout": why(res, "timeout"),
			"reserved_concurrency": why(res, "reserved_concurrent_executions"),
			"role": why(res, "role"),
		},
	}
}

_function_attrs := {"timeout": "timeout", "reserved_concurrency": "reserved_concurrent_executions", "role": "role"}

_has_block(res, attr) if {
	v := val(res, attr)
	is_array(v)
	count(v) > 0
} else if {
	is_object(val(res, attr))
} else := false

_reserved(res) := null if {
	num(res, "reserved_concurrent_executions", -1) == -1
} else := num(res, "reserved_concurrent_executions", -1)

unseen_function(reason) := _unseen_function(reason, cause_of(reason))

_unseen_function(reason, code) := {
	"address": null,
	"name": null,
	"timeout": "unknown",
	"reserved_concurrency": "unknown",
	"role": {"status": "unknown", "why": reason},
	"dead_letter_config": false,
	"why": {k: reason | some k in ["timeout", "reserved_concurrency", "role"]},
	"cause": {k: code | some k in ["timeout", "reserved_concurrency", "role"]},
}

# --- event source mappings ----------------------------------------------------

_kinesis_like := ["starting_position", "topics", "self_managed_event_source", "amazon_managed_kafka_event_source_config"]

# SQS event source mappings: mapping address -> raw facts
mappings[addr] := object.union(m, {"cause": _causes(res, m, _mapping_attrs)}) if {
	some addr, res in by_type.aws_lambda_event_source_mapping
	src := resolve(res, val(res, "event_source_arn"), {"aws_sqs_queue"})
	_is_sqs_source(res, src)
	fn := _mapping_function(res)
	m := {
		"address": addr,
		"queue": src,
		"function": fn,
		"enabled": flag(res, "enabled", true),
		"batch_size": num(res, "batch_size", 10),
		"batching_window": num(res, "maximum_batching_window_in_seconds", 0),
		"maximum_concurrency": _max_concurrency(res),
		"report_batch_item_failures": _rbif(res),
		"why": {
			"queue": why(res, "event_source_arn"),
			"function": why(res, "function_name"),
			"enabled": why(res, "enabled"),
			"batch_size": why(res, "batch_size"),
			"batching_window": why(res, "maximum_batching_window_in_seconds"),
			"maximum_concurrency": why(res, "scaling_config"),
			"report_batch_item_failures": why(res, "function_response_types"),
		},
	}
}

_mapping_attrs := {
	"queue": "event_source_arn",
	"function": "function_name",
	"enabled": "enabled",
	"batch_size": "batch_size",
	"batching_window": "maximum_batching_window_in_seconds",
	"maximum_concurrency": "scaling_config",
	"report_batch_item_failures": "function_response_types",
}

_is_sqs_source(_, src) if src.status == "found"

_is_sqs_source(res, src) if {
	src.status in {"unknown", "external"}
	not _other_source(res, src)
}

_other_source(_, src) if {
	src.status == "external"
	not contains(src.why, ":sqs:")
}

_other_source(res, _) if {
	some attr in _kinesis_like
	not val(res, attr) in {null, []}
}

_mapping_function(res) := out if {
	first := resolve(res, val(res, "function_name"), {"aws_lambda_function", "aws_lambda_alias"})
	out := _through_alias(first)
}

_through_alias(r) := out if {
	r.status == "found"
	alias := by_type.aws_lambda_alias[r.address]
	out := resolve(alias, val(alias, "function_name"), {"aws_lambda_function"})
} else := r

_max_concurrency(res) := null if {
	val(res, "scaling_config") in {null, []}
} else := "unknown" if {
	is_template(val(res, "scaling_config"))
} else := "unknown" if {
	res.unknown.scaling_config[0].maximum_concurrency == true
} else := num(sc, "maximum_concurrency", null) if {
	sc := {"address": res.address, "values": block(res, "scaling_config"), "exprs": {}}
} else := "unknown"

_rbif(res) := false if {
	val(res, "function_response_types") in {null, []}
} else if {
	v := val(res, "function_response_types")
	is_array(v)
	"ReportBatchItemFailures" in v
} else := false if {
	v := val(res, "function_response_types")
	is_array(v)
	not _any_template(v)
} else := "unknown"

_any_template(arr) if {
	some x in arr
	is_template(x)
}

# --- pipelines ----------------------------------------------------------------

# pipeline_facts[mapping] := resolved queue, dlq, function and numbers.
pipeline_facts[addr] := p if {
	some addr, m in mappings
	q := _queue_of(m.queue)
	f := _function_of(m.function)
	rd := _redrive_of(m.queue)
	dlq := _dlq_of(rd)
	p := {
		"mapping": m,
		"queue": q,
		"function": f,
		"redrive": rd,
		"dlq": dlq,
	}
}

_queue_of(src) := queues[src.address] if {
	src.status == "found"
} else := _unseen_queue(src.why, _cause_of_resolution(src))

_function_of(src) := functions[src.address] if {
	src.status == "found"
	functions[src.address]
} else := _unseen_function(object.get(src, "why", "function not in this document"), _cause_of_resolution(src))

# the cause code of a resolution that found nothing in the document
_cause_of_resolution(src) := c if {
	c := src.cause
} else := "not_in_document"

# the redrive state of a mapping's queue
_redrive_of(src) := {"status": "unknown", "why": src.why, "cause": object.get(src, "cause", "unrecorded_value")} if {
	src.status != "found"
} else := {"status": "none"} if {
	count(object.get(redrive, src.address, {})) == 0
	count(unattributed_redrive) == 0
} else := {"status": "unknown", "why": concat(", ", array.slice(sort([k | some k, _ in unattributed_redrive]), 0, 3)), "cause": "unattributed_resource"} if {
	count(object.get(redrive, src.address, {})) == 0
} else := {"status": "none"} if {
	count(unattributed_redrive) == 0
	every e in redrive[src.address] {
		e.presence == "none"
	}
} else := {"status": "set", "entry": e} if {
	entries := [e | some e in redrive[src.address]; e.presence == "set"]
	e := entries[0]
} else := {"status": "unknown", "why": e.why, "cause": e.cause} if {
	entries := [e | some e in redrive[src.address]]
	e := entries[0]
}

_dlq_of(rd) := queues[rd.entry.dlq.address] if {
	rd.status == "set"
	rd.entry.dlq.status == "found"
} else := _unseen_queue(rd.entry.dlq.why, _cause_of_resolution(rd.entry.dlq)) if {
	rd.status == "set"
} else := null

# public pipeline objects (contract: data.sqsguard.main.pipelines)
pipelines contains {
	"mapping": addr,
	"queue": object.get(p.queue, "address", null),
	"function": object.get(p.function, "address", null),
	"dlq": _dlq_address(p),
	"fifo": p.queue.fifo,
	"max_receive_count": _mrc(p),
	"visibility_timeout": p.queue.visibility_timeout,
	"function_timeout": p.function.timeout,
	"batch_size": p.mapping.batch_size,
	"batching_window": p.mapping.batching_window,
	"source_retention": p.queue.retention,
	"dlq_retention": _dlq_retention(p),
	"maximum_concurrency": p.mapping.maximum_concurrency,
	"reserved_concurrency": p.function.reserved_concurrency,
	"report_batch_item_failures": p.mapping.report_batch_item_failures,
} if {
	some addr, p in pipeline_facts
}

_dlq_address(p) := p.dlq.address if p.dlq != null

else := null

_dlq_retention(p) := p.dlq.retention if p.dlq != null

else := null

_mrc(p) := p.redrive.entry.max_receive_count if p.redrive.status == "set"

else := "unknown" if p.redrive.status == "unknown"

else := null
