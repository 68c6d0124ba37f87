package sqsguard.rules.redrive.sqsl004_test

import data.sqsguard.test

test_unknown_redrive_is_undetermined if {
	ids := test.ids(test.mini(
		{
			"redrive_policy": "${var.redrive}",
			"fifo_queue": "${var.fifo}",
			"message_retention_seconds": "${var.r}",
		},
		{}, {}, {},
	))
	"SQSL004:undetermined" in ids
}

test_unknown_count_is_undetermined if {
	"SQSL004:undetermined" in test.ids(test.mini(
		{"redrive_policy": "{\"deadLetterTargetArn\":\"${aws_sqs_queue.dlq.arn}\",\"maxReceiveCount\":\"${var.n}\"}"},
		{}, {}, {},
	))
}

test_hcl_style_redrive_and_string_count if {
	ids := test.ids(test.mini(
		{"redrive_policy": "${jsonencode({deadLetterTargetArn = aws_sqs_queue.dlq.arn, maxReceiveCount = 3})}"},
		{}, {}, {},
	))
	"SQSL004:warn" in ids
	ids2 := test.ids(test.mini({"redrive_policy": "{\"deadLetterTargetArn\":\"${aws_sqs_queue.dlq.arn}\",\"maxReceiveCount\":\"60\"}"}, {}, {}, {}))
	"SQSL004:warn" in ids2
}
