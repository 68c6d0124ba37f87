package sqsguard.lib.model_test

# Redrive presence and document lists read at apply time, in plan shapes cut
# down from the corpus (corpus/count-toggle-dlq-*, sqs-module-*, queue-policy-*).

import data.sqsguard.lib.model
import data.sqsguard.lib.verdict
import data.sqsguard.test

_queue_change(addr, name, index, after) := object.union(
	{"address": addr, "mode": "managed", "type": "aws_sqs_queue", "name": name, "change": {
		"actions": ["create"],
		"after": object.union({"name": addr, "visibility_timeout_seconds": 180, "message_retention_seconds": 345600}, after),
		"after_unknown": {"arn": true, "redrive_policy": true, "policy": true},
	}},
	{"index": index | index != null},
)

_mapping_change := {"address": "aws_lambda_event_source_mapping.m", "mode": "managed", "type": "aws_lambda_event_source_mapping", "name": "m", "change": {"actions": ["create"], "after": {"enabled": true, "function_response_types": ["ReportBatchItemFailures"]}, "after_unknown": {"event_source_arn": true}}}

_function_change := {"address": "aws_lambda_function.f", "mode": "managed", "type": "aws_lambda_function", "name": "f", "change": {"actions": ["create"], "after": {"function_name": "f", "timeout": 30}, "after_unknown": {"role": true}}}

# redrive_policy = var.enable_dlq ? jsonencode({... aws_sqs_queue.dlq[0].arn, var.max_receive_count}) : null
_toggle_plan(enable) := {
	"planned_values": {},
	"variables": {"enable_dlq": {"value": enable}, "max_receive_count": {"value": 5}},
	"resource_changes": array.concat(
		[_queue_change("aws_sqs_queue.q", "q", null, {}), _mapping_change, _function_change],
		[_queue_change("aws_sqs_queue.dlq[0]", "dlq", 0, {"message_retention_seconds": 1209600}) | enable],
	),
	"configuration": {"root_module": {"resources": [
		{"address": "aws_sqs_queue.q", "expressions": {"redrive_policy": {"references": ["var.enable_dlq", "aws_sqs_queue.dlq[0].arn", "aws_sqs_queue.dlq[0]", "aws_sqs_queue.dlq", "var.max_receive_count"]}}},
		{"address": "aws_sqs_queue.dlq", "expressions": {}, "count_expression": {"references": ["var.enable_dlq"]}},
		{"address": "aws_lambda_event_source_mapping.m", "expressions": {"event_source_arn": {"references": ["aws_sqs_queue.q.arn", "aws_sqs_queue.q"]}, "function_name": {"references": ["aws_lambda_function.f.arn", "aws_lambda_function.f"]}}},
		{"address": "aws_lambda_function.f", "expressions": {}},
	]}},
}

test_redrive_referencing_only_a_queue_with_no_instance_is_none if {
	fs := test.eval(_toggle_plan(false))
	[f] := [f | some f in fs; f.rule == "SQSL003"]
	f.severity == "deny"
	f.resource == "aws_sqs_queue.q"
}

test_redrive_referencing_a_created_queue_is_set if {
	fs := test.eval(_toggle_plan(true))
	not "SQSL003:deny" in {concat(":", [f.rule, f.severity]) | some f in fs}
	not "SQSL003:undetermined" in {concat(":", [f.rule, f.severity]) | some f in fs}
	[f] := [f | some f in fs; f.rule == "SQSL004"]
	f.severity == "undetermined"
	f.cause == "apply_time_jsonencode"
}

# a variable that may hold an ARN keeps presence undetermined
test_redrive_with_a_string_variable_stays_unknown if {
	doc := json.patch(_toggle_plan(false), [{"op": "add", "path": "/variables/max_receive_count/value", "value": "arn:aws:sqs:us-east-1:1:x"}])
	fs := test.eval(doc)
	[f] := [f | some f in fs; f.rule == "SQSL003"]
	f.severity == "undetermined"
}

# a for_each key is a string that could be the DLQ ARN: never "none" beside it
test_redrive_beside_a_for_each_key_is_not_none if {
	doc := json.patch(_toggle_plan(false), [{"op": "add", "path": "/configuration/root_module/resources/0/expressions/redrive_policy/references/-", "value": "each.key"}])
	ids := test.ids(doc)
	not "SQSL003:deny" in ids
	"SQSL004:undetermined" in ids
}

# terraform-aws-modules/sqs shape: local.create_dlq toggles the DLQ's count and
# the redrive; var.redrive_policy merges maxReceiveCount in
_module_plan(create, mrc_arg) := {
	"planned_values": {},
	"resource_changes": array.concat(
		[
			object.union(_queue_change("module.sq.aws_sqs_queue.this[0]", "this", 0, {}), {"module_address": "module.sq"}),
			object.union(_mapping_change, {"change": {"actions": ["create"], "after": {"enabled": true, "function_response_types": ["ReportBatchItemFailures"]}, "after_unknown": {"event_source_arn": true}}}),
			_function_change,
		],
		[object.union(_queue_change("module.sq.aws_sqs_queue.dlq[0]", "dlq", 0, {"message_retention_seconds": 1209600}), {"module_address": "module.sq"}) | create],
	),
	"configuration": {"root_module": {
		"resources": [
			{"address": "aws_lambda_event_source_mapping.m", "expressions": {"event_source_arn": {"references": ["module.sq.queue_arn", "module.sq"]}, "function_name": {"references": ["aws_lambda_function.f.arn", "aws_lambda_function.f"]}}},
			{"address": "aws_lambda_function.f", "expressions": {}},
		],
		"module_calls": {"sq": {"expressions": {"create_dlq": {"constant_value": create}, "redrive_policy": mrc_arg}, "module": {
			"resources": [
				{"address": "aws_sqs_queue.this", "expressions": {"redrive_policy": {"references": ["local.create_dlq", "var.redrive_policy", "aws_sqs_queue.dlq[0].arn", "aws_sqs_queue.dlq[0]", "aws_sqs_queue.dlq"]}}, "count_expression": {"references": ["var.create"]}},
				{"address": "aws_sqs_queue.dlq", "expressions": {}, "count_expression": {"references": ["local.create_dlq"]}},
			],
			"outputs": {"queue_arn": {"expression": {"references": ["aws_sqs_queue.this[0].arn", "aws_sqs_queue.this[0]", "aws_sqs_queue.this"]}}},
			"variables": {"redrive_policy": {"default": {}}},
		}}},
	}},
}

test_module_count_toggle_without_dlq_is_none if {
	fs := test.eval(_module_plan(false, {"constant_value": {"maxReceiveCount": 10}}))
	[f] := [f | some f in fs; f.rule == "SQSL003"]
	f.severity == "deny"
	f.resource == "module.sq.aws_sqs_queue.this[0]"
}

test_module_merged_max_receive_count_is_read if {
	fs := test.eval(_module_plan(true, {"constant_value": {"maxReceiveCount": 1000}}))
	[f] := [f | some f in fs; f.rule == "SQSL004"]
	f.severity == "warn"
	contains(f.message, "1000")
}

# { maxReceiveCount = var.mrc } in the module call: the plan keeps only the
# reference, so which key the number fills is only in the HCL
test_module_max_receive_count_through_a_call_expression_is_undetermined if {
	doc := json.patch(_module_plan(true, {"references": ["var.mrc"]}), [{"op": "add", "path": "/variables", "value": {"mrc": {"value": 1}}}])
	fs := test.eval(doc)
	[f] := [f | some f in fs; f.rule == "SQSL004"]
	f.severity == "undetermined"
	f.cause == "apply_time_jsonencode"
}

# source_policy_documents = concat([publish.json], var.tls ? [tls.json] : [])
_policy_list_plan(tls) := {
	"planned_values": {},
	"variables": {"tls": {"value": tls}},
	"resource_changes": [
		_queue_change("aws_sqs_queue.q", "q", null, {}),
		{"address": "aws_sqs_queue_policy.p", "mode": "managed", "type": "aws_sqs_queue_policy", "name": "p", "change": {"actions": ["create"], "after": {}, "after_unknown": {"policy": true, "queue_url": true}}},
		{"address": "data.aws_iam_policy_document.queue", "mode": "data", "type": "aws_iam_policy_document", "name": "queue", "change": {"actions": ["read"], "after": {"source_policy_documents": [null | some _ in numbers.range(1, 1 + to_number(tls))]}, "after_unknown": {"json": true, "source_policy_documents": [true | some _ in numbers.range(1, 1 + to_number(tls))]}}},
		{"address": "data.aws_iam_policy_document.publish", "mode": "data", "type": "aws_iam_policy_document", "name": "publish", "change": {"actions": ["read"], "after": {"statement": [{"actions": ["sqs:SendMessage"], "effect": "Allow", "principals": [{"identifiers": ["arn:aws:iam::1:root"], "type": "AWS"}], "resources": [null]}]}, "after_unknown": {"json": true, "statement": [{"resources": [true]}]}}},
		{"address": "data.aws_iam_policy_document.tls", "mode": "data", "type": "aws_iam_policy_document", "name": "tls", "change": {"actions": ["read"], "after": {"statement": [{"actions": ["sqs:*"], "effect": "Deny", "principals": [{"identifiers": ["*"], "type": "*"}], "condition": [{"test": "Bool", "variable": "aws:SecureTransport", "values": ["false"]}], "resources": [null]}]}, "after_unknown": {"json": true, "statement": [{"resources": [true]}]}}},
	],
	"configuration": {"root_module": {"resources": [
		{"address": "aws_sqs_queue.q", "expressions": {}},
		{"address": "aws_sqs_queue_policy.p", "expressions": {"queue_url": {"references": ["aws_sqs_queue.q.id", "aws_sqs_queue.q"]}, "policy": {"references": ["data.aws_iam_policy_document.queue.json", "data.aws_iam_policy_document.queue"]}}},
		{"address": "data.aws_iam_policy_document.queue", "expressions": {"source_policy_documents": {"references": ["data.aws_iam_policy_document.publish.json", "data.aws_iam_policy_document.publish", "var.tls", "data.aws_iam_policy_document.tls.json", "data.aws_iam_policy_document.tls"]}}},
		{"address": "data.aws_iam_policy_document.publish", "expressions": {"statement": [{"resources": {"references": ["aws_sqs_queue.q.arn", "aws_sqs_queue.q"]}}]}},
		{"address": "data.aws_iam_policy_document.tls", "expressions": {"statement": [{"resources": {"references": ["aws_sqs_queue.q.arn", "aws_sqs_queue.q"]}}]}},
	]}},
}

# the list holds as many documents as it references: every one is in it
test_source_documents_all_listed_despite_a_condition if {
	fs := test.eval(_policy_list_plan(true))
	[f | some f in fs; f.rule in {"SQSL021", "SQSL022"}] == []
}

# fewer elements than documents: which one the condition drops is only in the HCL
test_source_documents_dropped_by_a_condition_are_undetermined if {
	fs := test.eval(_policy_list_plan(false))
	[f] := [f | some f in fs; f.rule == "SQSL022"]
	f.severity == "undetermined"
	f.cause == "unrecorded_value"
	contains(f.message, "lists 1 of the 2 documents it references: which ones depends on var.tls")
}

# verdict.unsure keeps working for rules that give no cause
test_unsure_without_a_cause_is_unspecified if {
	verdict.unsure("a", [], "x").cause == "unspecified"
	verdict.unsure_because("a", [], "x", null).cause == "unspecified"
	verdict.unsure_because("a", [], "x", "known_after_apply").cause == "known_after_apply"
}

test_plan_variables_are_not_unknown_variables if {
	model.cause_of("${var.x aws_sqs_queue.q.arn}") == "apply_time_jsonencode" with input as {"variables": {"x": {"value": 1}}}
	model.cause_of("${var.y aws_sqs_queue.q.arn}") == "unknown_variable" with input as {"variables": {"x": {"value": 1}}}
}
