package sqsguard.rules.redrive_test

import data.sqsguard.test

test_violations_both_shapes if {
	every shape in ["synth", "plan"] {
		test.has(shape, "sqsl003_no_dlq", "SQSL003", "deny")
		test.has(shape, "sqsl004_max_receive_count", "SQSL004", "warn")
		test.has(shape, "sqsl005_dlq_retention", "SQSL005", "deny")
		test.has(shape, "sqsl006_fifo_mix", "SQSL006", "deny")
		test.has(shape, "sqsl007_expire_before_dlq", "SQSL007", "deny")
		test.has(shape, "sqsl015_no_redrive_allow", "SQSL015", "warn")
		test.has(shape, "sqsl019_dlq_retention_short", "SQSL019", "warn")
		test.has(shape, "separate_resources", "SQSL004", "warn")
	}
}

test_compliant_baseline_both_shapes if {
	every shape in ["synth", "plan"] {
		every rule in ["SQSL003", "SQSL004", "SQSL005", "SQSL006", "SQSL007", "SQSL015", "SQSL019"] {
			test.clean(shape, "baseline", rule)
		}
	}
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
	"SQSL004:undetermined" in ids
	"SQSL006:undetermined" in ids
	not "SQSL003:deny" in ids
}

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
	every id in ["SQSL004", "SQSL005", "SQSL006", "SQSL007", "SQSL019"] {
		concat(":", [id, "undetermined"]) in ids
	}
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

test_unattributed_redrive_resources_make_sqsl003_undetermined if {
	ids := test.ids(test.mini({"redrive_policy": null}, {}, {}, {"aws_sqs_queue_redrive_policy": {"x": {"queue_url": "${var.url}", "redrive_policy": "{}"}}}))
	"SQSL003:undetermined" in ids
}

test_allow_policy_unknown_or_unattributed if {
	ids := test.ids(test.mini({}, {}, {}, {"aws_sqs_queue_redrive_allow_policy": {"x": {"queue_url": "${var.url}", "redrive_allow_policy": "{}"}}}))
	"SQSL015:undetermined" in ids
	ids2 := test.ids(test.mini({}, {}, {}, {"aws_sqs_queue": {"dlq": {"name": "dlq", "message_retention_seconds": 1209600, "redrive_allow_policy": "${var.p}"}}}))
	"SQSL015:undetermined" in ids2
	ids3 := test.ids(test.mini({}, {}, {}, {"aws_sqs_queue": {"dlq": {"name": "dlq", "message_retention_seconds": 1209600, "redrive_allow_policy": "{\"redrivePermission\":\"denyAll\"}"}}}))
	not "SQSL015:warn" in ids3
}
