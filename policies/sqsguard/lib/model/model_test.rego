package sqsguard.lib.model_test

import data.sqsguard.lib.model
import data.sqsguard.test

_rc(addr, rtype, after, unknown) := {
	"address": addr, "mode": "managed", "type": rtype, "name": regex.find_n(`[^.]+$`, addr, 1)[0],
	"change": {"actions": ["create"], "after": after, "after_unknown": unknown},
}

# a hand-written plan: HCL-style expressions (references only), a data source
# read during planning (prior_state), a nested module, a deleted resource and
# an alias between mapping and function.
_plan := {
	"format_version": "1.2",
	"resource_changes": [
		object.union(_rc("module.a.module.b.aws_sqs_queue.q", "aws_sqs_queue", {"name": "q", "visibility_timeout_seconds": 180, "policy": null}, {"redrive_policy": true}), {"module_address": "module.a.module.b"}),
		object.union(_rc("module.a.module.b.aws_sqs_queue.dlq", "aws_sqs_queue", {"name": "dlq", "message_retention_seconds": 1209600}, {}), {"module_address": "module.a.module.b"}),
		object.union(_rc("module.a.module.b.aws_lambda_event_source_mapping.m", "aws_lambda_event_source_mapping", {"batch_size": 10}, {"event_source_arn": true, "function_name": true}), {"module_address": "module.a.module.b"}),
		object.union(_rc("module.a.module.b.aws_lambda_alias.live", "aws_lambda_alias", {"name": "live"}, {"function_name": true}), {"module_address": "module.a.module.b"}),
		object.union(_rc("module.a.module.b.aws_lambda_function.f", "aws_lambda_function", {"function_name": "f", "timeout": 30, "role": "arn:aws:iam::1:role/r", "dead_letter_config": [{}]}, {"dead_letter_config": [{"target_arn": true}]}), {"module_address": "module.a.module.b"}),
		{"address": "aws_sqs_queue.gone", "mode": "managed", "type": "aws_sqs_queue", "name": "gone", "change": {"actions": ["delete"], "after": null}},
		_rc("aws_sqs_queue_policy.p", "aws_sqs_queue_policy", {"queue_url": "https://sqs.us-east-1.amazonaws.com/1/q"}, {"policy": true}),
	],
	"prior_state": {"values": {"root_module": {"resources": [{
		"address": "data.aws_iam_policy_document.tls", "mode": "data", "type": "aws_iam_policy_document", "name": "tls",
		"values": {"json": json.marshal({"Statement": [{"Effect": "Deny", "Principal": "*", "Action": "sqs:*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": false}}}]})},
	}]}}},
	"configuration": {"root_module": {
		"resources": [{"address": "aws_sqs_queue_policy.p", "mode": "managed", "type": "aws_sqs_queue_policy", "name": "p", "expressions": {"policy": {"references": ["data.aws_iam_policy_document.tls.json", "data.aws_iam_policy_document.tls"]}}}],
		"module_calls": {"a": {"module": {"module_calls": {"b": {"module": {"resources": [
			{"address": "aws_sqs_queue.q", "mode": "managed", "type": "aws_sqs_queue", "name": "q", "expressions": {"redrive_policy": {"references": ["aws_sqs_queue.dlq.arn", "aws_sqs_queue.dlq"]}}},
			{"address": "aws_lambda_event_source_mapping.m", "mode": "managed", "type": "aws_lambda_event_source_mapping", "name": "m", "expressions": {
				"event_source_arn": {"references": ["aws_sqs_queue.q.arn", "aws_sqs_queue.q"]},
				"function_name": {"references": ["aws_lambda_alias.live.arn", "aws_lambda_alias.live"]},
			}},
			{"address": "aws_lambda_alias.live", "mode": "managed", "type": "aws_lambda_alias", "name": "live", "expressions": {"function_name": {"references": ["aws_lambda_function.f.function_name", "aws_lambda_function.f"]}}},
		]}}}}}},
	}},
}

test_hand_written_plan if {
	ps := model.pipelines with input as _plan
	some p in ps
	p.queue == "module.a.module.b.aws_sqs_queue.q"
	p.function == "module.a.module.b.aws_lambda_function.f"
	p.dlq == "module.a.module.b.aws_sqs_queue.dlq"
	p.max_receive_count == "unknown"
	not model.resources["aws_sqs_queue.gone"] with input as _plan
	ids := test.ids(_plan)
	"SQSL014:warn" in ids
	"SQSL004:undetermined" in ids
	"SQSL024:undetermined" in ids
}

test_tls_policy_from_prior_state_data_source if {
	fs := test.eval(_plan)
	tls := {f.resource | some f in fs; f.rule == "SQSL022"}
	tls == {"module.a.module.b.aws_sqs_queue.dlq"}
}

test_literal_resolution if {
	r := {"address": "x", "module": "", "index": null}
	docs := {"resource": {
		"aws_sqs_queue": {"a": {"name": "dup"}, "b": {"name": "dup"}, "c": {"name": "c", "count": 2}},
		"aws_lambda_function": {"f": {"function_name": "f"}},
		"aws_iam_role": {"r": {"name": "r"}},
		"aws_iam_policy": {"p": {"name": "p"}},
		"aws_kinesis_stream": {"k": {"name": "k"}},
	}}
	out := {
		"dup": model.resolve(r, "arn:aws:sqs:us-east-1:1:dup", {"aws_sqs_queue"}),
		"url": model.resolve(r, "https://sqs.us-east-1.amazonaws.com/1/c", {"aws_sqs_queue"}),
		"fn": model.resolve(r, "arn:aws:lambda:us-east-1:1:function:f:live", {"aws_lambda_function"}),
		"role": model.resolve(r, "arn:aws:iam::1:role/path/r", {"aws_iam_role"}),
		"pol": model.resolve(r, "arn:aws:iam::1:policy/p", {"aws_iam_policy"}),
		"other": model.resolve(r, "${aws_kinesis_stream.k.arn}", {"aws_sqs_queue"}),
		"data": model.resolve(r, "${data.aws_sqs_queue.x.arn}", {"aws_sqs_queue"}),
		"arn": model.resolve(r, "arn:aws:kinesis:us-east-1:1:stream/k", {"aws_sqs_queue"}),
		"idx": model.resolve(r, "${aws_sqs_queue.c[1].arn}", {"aws_sqs_queue"}),
		"num": model.resolve(r, 5, {"aws_sqs_queue"}),
		"null": model.resolve(r, null, {"aws_sqs_queue"}),
	} with input as docs
	out.dup.status == "unknown"
	out.url == {"status": "found", "address": "aws_sqs_queue.c"}
	out.fn == {"status": "found", "address": "aws_lambda_function.f"}
	out.role == {"status": "found", "address": "aws_iam_role.r"}
	out.pol == {"status": "found", "address": "aws_iam_policy.p"}
	out.other == {"status": "other"}
	out.data.status == "unknown"
	out.arn == {"status": "other"}
	out.idx == {"status": "found", "address": "aws_sqs_queue.c"}
	out.num.status == "unknown"
	out.null == {"status": "absent"}
}

test_kinesis_mapping_is_not_a_pipeline if {
	doc := {"resource": {"aws_lambda_event_source_mapping": {
		"k": {"event_source_arn": "${var.stream}", "starting_position": "LATEST", "function_name": "f"},
		"e": {"event_source_arn": "arn:aws:kinesis:us-east-1:1:stream/s", "function_name": "f"},
	}}}
	count(model.pipelines) == 0 with input as doc
}

test_flags_and_numbers if {
	res := {"address": "x", "values": {"a": "true", "b": "false", "c": "12", "d": "${var.d}", "e": {"k": 1}}, "exprs": {}}
	model.flag(res, "a", false) == true
	model.flag(res, "b", true) == false
	model.flag(res, "d", true) == "unknown"
	model.num(res, "c", 0) == 12
	model.num(res, "d", 0) == "unknown"
	model.block(res, "e") == {"k": 1}
	model.block(res, "zz") == {}
	model.why(res, "zz") == "x.zz (known only after apply)"
}

# visibility_timeout_seconds = 5 + 0 * length(uuid()): unknown in the plan, and
# its expression keeps no reference ({}). Set but unreadable, not the default.
test_planned_unknown_with_empty_expression_is_unknown_not_default if {
	res := {"address": "aws_sqs_queue.q", "values": {}, "unknown": {"visibility_timeout_seconds": true, "fifo_queue": true}, "exprs": {}, "config": {"visibility_timeout_seconds": {}, "fifo_queue": {}}}
	model.num(res, "visibility_timeout_seconds", 30) == "unknown"
	model.flag(res, "fifo_queue", false) == "unknown"
	model.cause(res, "visibility_timeout_seconds") == "known_after_apply"
	model.why(res, "visibility_timeout_seconds") == "aws_sqs_queue.q.visibility_timeout_seconds (known only after apply)"
	unset := {"address": "aws_sqs_queue.q", "values": {}, "unknown": {}, "exprs": {}, "config": {}}
	model.num(unset, "visibility_timeout_seconds", 30) == 30
	computed := {"address": "aws_sqs_queue.q", "values": {}, "unknown": {"visibility_timeout_seconds": true}, "exprs": {}, "config": {}}
	model.num(computed, "visibility_timeout_seconds", 30) == 30
}

# a statement whose principals are known only after apply: _filled_stmt fills
# lists of actions and resources only, so the document is unknown, never a
# statement without a principal
test_unknown_principals_leave_the_document_unknown if {
	plan := {
		"format_version": "1.2",
		"resource_changes": [{
			"address": "data.aws_iam_policy_document.d", "mode": "data", "type": "aws_iam_policy_document", "name": "d",
			"change": {
				"actions": ["read"],
				"after": {"statement": [{"actions": ["sqs:SendMessage"], "principals": [{"identifiers": [null], "type": "AWS"}], "resources": ["*"]}]},
				"after_unknown": {"json": true, "statement": [{"principals": [{"identifiers": [true]}]}]},
			},
		}],
		"configuration": {"root_module": {"resources": [{
			"address": "data.aws_iam_policy_document.d", "mode": "data", "type": "aws_iam_policy_document", "name": "d",
			"expressions": {"statement": [{"actions": {"constant_value": ["sqs:SendMessage"]}, "principals": [{"identifiers": {"references": ["aws_iam_role.r.arn", "aws_iam_role.r"]}, "type": {"constant_value": "AWS"}}], "resources": {"constant_value": ["*"]}}]},
		}]}},
	}
	doc := model.data_policy_docs["data.aws_iam_policy_document.d"] with input as plan
	doc.status == "unknown"
	doc.cause == "data_source_apply_time"
}
