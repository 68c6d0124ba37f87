package sqsguard.rules.concurrency.sqsl012_test

import data.sqsguard.test

test_unknown_concurrency_is_undetermined if {
	ids := test.ids(test.mini({}, {"reserved_concurrent_executions": "${var.r}"}, {"scaling_config": [{"maximum_concurrency": "${var.m}"}]}, {}))
	"SQSL012:undetermined" in ids
}

test_unknown_scaling_config_is_undetermined if {
	ids := test.ids(test.mini({}, {}, {"scaling_config": "${var.s}"}, {}))
	"SQSL012:undetermined" in ids
}

test_message_names_the_limits if {
	some f in test.findings("synth", "sqsl012_max_concurrency_range")
	f.rule == "SQSL012"
	endswith(f.message, " is outside 2–1000")
}
