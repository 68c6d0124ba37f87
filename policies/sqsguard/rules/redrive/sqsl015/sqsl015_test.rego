package sqsguard.rules.redrive.sqsl015_test

import data.sqsguard.test

test_allow_policy_unknown_or_unattributed if {
	ids := test.ids(test.mini({}, {}, {}, {"aws_sqs_queue_redrive_allow_policy": {"x": {"queue_url": "${var.url}", "redrive_allow_policy": "{}"}}}))
	"SQSL015:undetermined" in ids
	ids2 := test.ids(test.mini({}, {}, {}, {"aws_sqs_queue": {"dlq": {"name": "dlq", "message_retention_seconds": 1209600, "redrive_allow_policy": "${var.p}"}}}))
	"SQSL015:undetermined" in ids2
	ids3 := test.ids(test.mini({}, {}, {}, {"aws_sqs_queue": {"dlq": {"name": "dlq", "message_retention_seconds": 1209600, "redrive_allow_policy": "{\"redrivePermission\":\"denyAll\"}"}}}))
	not "SQSL015:warn" in ids3
}
