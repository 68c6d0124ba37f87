package sqsguard.rules.mapping.sqsl030_test

import data.sqsguard.test

_filter(patterns) := {"filter_criteria": [{"filter": [{"pattern": json.marshal(p)} | some p in patterns]}]}

_with_second(doc, mapping) := json.patch(doc, [{"op": "add", "path": "/resource/aws_lambda_event_source_mapping/m2", "value": object.union(
	{"event_source_arn": "${aws_sqs_queue.q.arn}", "function_name": "${aws_lambda_function.f.arn}"},
	mapping,
)}])

test_single_filtered_mapping_warns if {
	ids := test.ids(test.mini({}, {}, _filter([{"body": {"type": ["order"]}}]), {}))
	"SQSL030:warn" in ids
	not "SQSL030:deny" in ids
}

test_two_filtered_mappings_deny if {
	doc := _with_second(test.mini({}, {}, _filter([{"body": {"type": ["order"]}}]), {}), _filter([{"body": {"type": ["refund"]}}]))
	ids := test.ids(doc)
	"SQSL030:deny" in ids
	not "SQSL030:warn" in ids
}

test_unfilterable_key_denies if {
	"SQSL030:deny" in test.ids(test.mini({}, {}, _filter([{"data": {"type": ["order"]}}]), {}))
}

test_object_form_of_filter_criteria_reads if {
	mapping := {"filter_criteria": {"filter": [{"pattern": json.marshal({"detail": {"x": [1]}})}]}}
	"SQSL030:deny" in test.ids(test.mini({}, {}, mapping, {}))
}

test_unfiltered_mapping_passes if {
	ids := test.ids(test.mini({}, {}, {}, {}))
	not "SQSL030:deny" in ids
	not "SQSL030:warn" in ids
	not "SQSL030:undetermined" in ids
}

test_unknown_pattern_is_undetermined if {
	"SQSL030:undetermined" in test.ids(test.mini({}, {}, {"filter_criteria": [{"filter": [{"pattern": "${var.p}"}]}]}, {}))
	"SQSL030:undetermined" in test.ids(test.mini({}, {}, {"filter_criteria": "${var.fc}"}, {}))
}
