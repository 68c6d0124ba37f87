package sqsguard.rules.security.sqsl021_test

import data.sqsguard.test

test_unknown_policy_is_undetermined if {
	extra := {
		"aws_sqs_queue": {"dlq": {"name": "dlq", "message_retention_seconds": 1209600, "sqs_managed_sse_enabled": "${var.sse}"}},
		"aws_sqs_queue_policy": {"p": {"queue_url": "${aws_sqs_queue.q.id}", "policy": "${var.p}"}},
	}
	"SQSL021:undetermined" in test.ids(test.mini({}, {}, {}, extra))
}

test_public_principal_object_and_data_document if {
	policy := json.marshal({"Statement": {"Effect": "Allow", "Principal": {"AWS": ["*"]}, "Action": "sqs:*", "Resource": "*"}})
	ids := test.ids(test.mini({"policy": policy}, {}, {}, {}))
	"SQSL021:deny" in ids
	doc := {"aws_iam_policy_document": {"d": {"statement": [{
		"effect": "Allow", "actions": ["sqs:SendMessage"], "resources": ["*"],
		"principals": [{"type": "AWS", "identifiers": ["*"]}],
	}]}}}
	ids2 := test.ids(object.union(test.mini({"policy": "${data.aws_iam_policy_document.d.json}"}, {}, {}, {}), {"data": doc}))
	"SQSL021:deny" in ids2
}
