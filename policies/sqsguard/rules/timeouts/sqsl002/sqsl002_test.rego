package sqsguard.rules.timeouts.sqsl002_test

import data.sqsguard.test

test_message_quotes_numbers if {
	some f in test.findings("plan", "sqsl002_vt_below_6x")
	f.rule == "SQSL002"
	f.message == "visibility timeout 60 s < 6 × function timeout 30 s + batching window 5 s = 185 s"
	f.resource == "aws_sqs_queue.orders"
	f.related == ["aws_lambda_event_source_mapping.orders", "aws_lambda_function.orders"]
	f.remediation != ""
}

test_threshold_override if {
	fs := test.findings("synth", "baseline") with data.sqsguard_thresholds as {"visibility_timeout_multiplier": 7}
	some f in fs
	f.rule == "SQSL002"
}

test_unknown_timeout_is_undetermined if {
	ids := test.ids(test.mini({}, {"timeout": "${var.t}"}, {"maximum_batching_window_in_seconds": "${var.w}"}, {}))
	"SQSL002:undetermined" in ids
}
