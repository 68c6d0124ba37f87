package sqsguard.rules.concurrency.sqsl011_test

import data.sqsguard.test

test_unknown_concurrency_is_undetermined if {
	ids := test.ids(test.mini({}, {"reserved_concurrent_executions": "${var.r}"}, {"scaling_config": [{"maximum_concurrency": "${var.m}"}]}, {}))
	"SQSL011:undetermined" in ids
}

test_single_mapping_above_reserved_warns if {
	ids := test.ids(test.mini({}, {"reserved_concurrent_executions": 5}, {"scaling_config": [{"maximum_concurrency": 10}]}, {}))
	"SQSL011:warn" in ids
}

_second_mapping(mc) := {"aws_lambda_event_source_mapping": {"m2": {
	"event_source_arn": "${aws_sqs_queue.q.arn}",
	"function_name": "${aws_lambda_function.f.arn}",
	"scaling_config": [{"maximum_concurrency": mc}],
}}}

test_sum_over_mappings_above_reserved_warns_on_function if {
	doc := test.mini({}, {"reserved_concurrent_executions": 10}, {"scaling_config": [{"maximum_concurrency": 6}]}, {})
	two := json.patch(doc, [{"op": "add", "path": "/resource/aws_lambda_event_source_mapping/m2", "value": _second_mapping(6).aws_lambda_event_source_mapping.m2}])
	some f in test.eval(two)
	f.rule == "SQSL011"
	f.resource == "aws_lambda_function.f"
}

test_sum_within_reserved_passes if {
	doc := test.mini({}, {"reserved_concurrent_executions": 12}, {"scaling_config": [{"maximum_concurrency": 6}]}, {})
	two := json.patch(doc, [{"op": "add", "path": "/resource/aws_lambda_event_source_mapping/m2", "value": _second_mapping(6).aws_lambda_event_source_mapping.m2}])
	not "SQSL011:warn" in test.ids(two)
}
