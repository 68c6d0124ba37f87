package sqsguard.rules.redrive.sqsl003_test

import data.sqsguard.test

test_unknown_redrive_is_not_denied if {
	ids := test.ids(test.mini(
		{
			"redrive_policy": "${var.redrive}",
			"fifo_queue": "${var.fifo}",
			"message_retention_seconds": "${var.r}",
		},
		{}, {}, {},
	))
	not "SQSL003:deny" in ids
}

test_unattributed_redrive_resources_make_it_undetermined if {
	ids := test.ids(test.mini({"redrive_policy": null}, {}, {}, {"aws_sqs_queue_redrive_policy": {"x": {"queue_url": "${var.url}", "redrive_policy": "{}"}}}))
	"SQSL003:undetermined" in ids
}
