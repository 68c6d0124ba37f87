package sqsguard.rules.redrive.sqsl006_test

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
	"SQSL006:undetermined" in ids
}

test_unknown_redrive_is_undetermined if {
	ids := test.ids(test.mini(
		{
			"redrive_policy": "${var.redrive}",
			"fifo_queue": "${var.fifo}",
			"message_retention_seconds": "${var.r}",
		},
		{}, {}, {},
	))
	"SQSL006:undetermined" in ids
}
