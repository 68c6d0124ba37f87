# METADATA
# title: Mapping and queue settings the core model does not read
# description: |
#   Event filters, provisioned pollers, stream-only arguments of SQS event
#   source mappings, queue delays and the source queues a DLQ's redrive-allow
#   policy names; read with the model's public helpers (val, num, resolve), so
#   unknown values stay "unknown" with a why. Every view is keyed by address
#   and built once.
package sqsguard.lib.settings

import data.sqsguard.lib.model

# Arguments Lambda accepts only for stream and Kafka sources (rejected on an
# SQS mapping at create time; provider 5.100 lets them through at plan time).
stream_only := [
	"bisect_batch_on_function_error",
	"destination_config",
	"maximum_record_age_in_seconds",
	"maximum_retry_attempts",
	"parallelization_factor",
	"starting_position",
	"tumbling_window_in_seconds",
]

# sqs_sources[mapping] := queue resolution, for every mapping whose source is
# an SQS queue for certain (in the document, or a literal SQS ARN). Unlike
# model.mappings this keeps mappings with stream-only arguments.
sqs_sources[addr] := src if {
	some addr, res in model.by_type.aws_lambda_event_source_mapping
	src := model.resolve(res, model.val(res, "event_source_arn"), {"aws_sqs_queue"})
	_certainly_sqs(src)
}

_certainly_sqs(src) if src.status == "found"

_certainly_sqs(src) if {
	src.status == "external"
	contains(src.why, ":sqs:")
}

# stream_args[mapping]: the stream-only arguments the mapping sets
stream_args[addr] := args if {
	some addr, res in model.by_type.aws_lambda_event_source_mapping
	args := [a | some a in stream_only; _is_set(model.val(res, a))]
}

# unset: null, an empty block list, or false (a flag left at its default)
_is_set(v) := false if v in {null, [], false, ""}

else := true

# filters[mapping] := {"patterns": [parsed pattern or "unknown"], "why": text};
# no entry when the mapping has no filter_criteria.
filters[addr] := {"patterns": patterns, "why": model.why(res, "filter_criteria")} if {
	some addr, res in model.by_type.aws_lambda_event_source_mapping
	fc := model.val(res, "filter_criteria")
	not fc in {null, []}
	patterns := _patterns(fc)
	count(patterns) > 0
}

_patterns(fc) := ["unknown"] if model.is_template(fc)

else := [_pattern(f) | some block in _as_array(fc); some f in _as_array(object.get(block, "filter", []))]

_as_array(v) := v if is_array(v)

else := [v] if is_object(v)

else := []

_pattern(f) := json.unmarshal(f.pattern) if {
	is_string(f.pattern)
	not model.is_template(f.pattern)
	json.is_valid(f.pattern)
} else := "unknown"

# provisioned[mapping] := {"minimum_pollers", "maximum_pollers", "scaling_config", "why"}
provisioned[addr] := {
	"minimum_pollers": _pollers(res, "minimum_pollers"),
	"maximum_pollers": _pollers(res, "maximum_pollers"),
	"scaling_config": _is_set(model.val(res, "scaling_config")),
	"why": model.why(res, "provisioned_poller_config"),
} if {
	some addr, res in model.by_type.aws_lambda_event_source_mapping
	not model.val(res, "provisioned_poller_config") in {null, []}
}

_pollers(res, attr) := "unknown" if {
	model.is_template(model.val(res, "provisioned_poller_config"))
} else := "unknown" if {
	res.unknown.provisioned_poller_config[0][attr] == true
} else := model.num({"address": res.address, "values": block, "exprs": {}}, attr, null) if {
	block := model.block(res, "provisioned_poller_config")
}

# delay[queue]: delay_seconds (default 0) or "unknown"; why_delay[queue] names it
delay[addr] := model.num(res, "delay_seconds", 0) if {
	some addr, res in model.by_type.aws_sqs_queue
}

why_delay[addr] := model.why(res, "delay_seconds") if {
	some addr, res in model.by_type.aws_sqs_queue
}

# allowed_sources[allow resource] := {"queues": {address}, "unresolved": [text], "causes": [cause code]}
# for a byQueue redrive-allow policy whose document is readable
allowed_sources[addr] := {
	"queues": {r.address | some r in resolved; r.status == "found"},
	"unresolved": [r.why | some r in resolved; r.status in {"unknown", "external"}],
	"causes": [r.cause | some r in resolved; r.status in {"unknown", "external"}; is_string(r.cause)],
} if {
	some rtype in ["aws_sqs_queue", "aws_sqs_queue_redrive_allow_policy"]
	some addr, res in model.by_type[rtype]
	doc := _json(model.val(res, "redrive_allow_policy"))
	doc.redrivePermission == "byQueue"
	resolved := [model.resolve(res, arn, {"aws_sqs_queue"}) | some arn in _as_array_any(object.get(doc, "sourceQueueArns", []))]
}

_json(v) := json.unmarshal(v) if {
	is_string(v)
	json.is_valid(v)
} else := v if is_object(v)

_as_array_any(v) := v if is_array(v)

else := [v]
