package sqsguard.rules.redrive.sqsl007_test

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
	"SQSL007:undetermined" in ids
}

test_delay_counts_towards_expiry if {
	# 5 x 180 s = 900 s < 1000 s retention; + 120 s delay = 1020 s >= 1000 s
	queue := {"message_retention_seconds": 1000}
	not "SQSL007:deny" in test.ids(test.mini(queue, {}, {}, {}))
	fs := test.eval(test.mini(object.union(queue, {"delay_seconds": 120}), {}, {}, {}))
	some f in fs
	f.rule == "SQSL007"
	f.severity == "deny"
	startswith(f.message, "delay 120 s + maxReceiveCount 5")
}

test_unknown_delay_is_undetermined if {
	"SQSL007:undetermined" in test.ids(test.mini({"delay_seconds": "${var.d}"}, {}, {}, {}))
}
