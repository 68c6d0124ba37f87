package sqsguard.rules.redrive.sqsl019_test

import data.sqsguard.test

test_unknown_fields_are_undetermined if {
	ids := test.ids(test.mini(
		{
			"redrive_policy": "{\"deadLetterTargetArn\":\"${aws_sqs_queue.dlq.arn}\",\"maxReceiveCount\":\"${var.n}\"}",
			"fifo_queue": "${var.fifo}",
			"message_retention_seconds": "${var.r}",
		},
		{}, {},
		{"aws_sqs_queue": {"dlq": {"name": "dlq", "message_retention_seconds": "${var.d}", "fifo_queue": "${var.f}"}}},
	))
	"SQSL019:undetermined" in ids
}
