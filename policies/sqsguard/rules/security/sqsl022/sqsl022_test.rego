package sqsguard.rules.security.sqsl022_test

import data.sqsguard.test

test_unknown_policies_are_undetermined if {
	extra := {
		"aws_sqs_queue": {"dlq": {"name": "dlq", "message_retention_seconds": 1209600, "sqs_managed_sse_enabled": "${var.sse}"}},
		"aws_sqs_queue_policy": {"p": {"queue_url": "${aws_sqs_queue.q.id}", "policy": "${var.p}"}},
	}
	"SQSL022:undetermined" in test.ids(test.mini({}, {}, {}, extra))
	ids2 := test.ids(test.mini({}, {}, {}, {"aws_sqs_queue_policy": {"p": {"queue_url": "${var.url}", "policy": "{}"}}}))
	"SQSL022:undetermined" in ids2
}
