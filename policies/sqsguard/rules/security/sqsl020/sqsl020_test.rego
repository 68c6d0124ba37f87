package sqsguard.rules.security.sqsl020_test

import data.sqsguard.test

test_unknown_sse_is_undetermined if {
	extra := {
		"aws_sqs_queue": {"dlq": {"name": "dlq", "message_retention_seconds": 1209600, "sqs_managed_sse_enabled": "${var.sse}"}},
		"aws_sqs_queue_policy": {"p": {"queue_url": "${aws_sqs_queue.q.id}", "policy": "${var.p}"}},
	}
	"SQSL020:undetermined" in test.ids(test.mini({}, {}, {}, extra))
}
