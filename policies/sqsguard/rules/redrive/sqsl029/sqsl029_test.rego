package sqsguard.rules.redrive.sqsl029_test

import data.sqsguard.test

_allow(policy) := {"aws_sqs_queue_redrive_allow_policy": {"a": {"queue_url": "${aws_sqs_queue.dlq.id}", "redrive_allow_policy": json.marshal(policy)}}}

test_deny_all_denies if {
	"SQSL029:deny" in test.ids(test.mini({}, {}, {}, _allow({"redrivePermission": "denyAll"})))
}

test_by_queue_without_source_denies if {
	policy := {"redrivePermission": "byQueue", "sourceQueueArns": ["${aws_sqs_queue.other.arn}"]}
	extra := object.union(_allow(policy), {"aws_sqs_queue": {"other": {"name": "other"}}})
	doc := test.mini({}, {}, {}, {})
	full := json.patch(doc, [
		{"op": "add", "path": "/resource/aws_sqs_queue/other", "value": extra.aws_sqs_queue.other},
		{"op": "add", "path": "/resource/aws_sqs_queue_redrive_allow_policy", "value": extra.aws_sqs_queue_redrive_allow_policy},
	])
	"SQSL029:deny" in test.ids(full)
}

test_by_queue_with_source_passes if {
	ids := test.ids(test.mini({}, {}, {}, _allow({"redrivePermission": "byQueue", "sourceQueueArns": ["${aws_sqs_queue.q.arn}"]})))
	not "SQSL029:deny" in ids
	not "SQSL029:undetermined" in ids
}

test_inline_by_queue_with_literal_arn_passes if {
	allow := json.marshal({"redrivePermission": "byQueue", "sourceQueueArns": ["arn:aws:sqs:us-east-1:111122223333:q"]})
	doc := json.patch(test.mini({}, {}, {}, {}), [{"op": "add", "path": "/resource/aws_sqs_queue/dlq/redrive_allow_policy", "value": allow}])
	not "SQSL029:deny" in test.ids(doc)
}

test_unresolved_source_arns_are_undetermined if {
	ids := test.ids(test.mini({}, {}, {}, _allow({"redrivePermission": "byQueue", "sourceQueueArns": ["${var.source_arn}"]})))
	"SQSL029:undetermined" in ids
	not "SQSL029:deny" in ids
}

test_unknown_permission_is_undetermined if {
	"SQSL029:undetermined" in test.ids(test.mini({}, {}, {}, _allow({"redrivePermission": "${var.p}"})))
}
