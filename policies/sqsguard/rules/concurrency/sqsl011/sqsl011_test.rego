package sqsguard.rules.concurrency.sqsl011_test

import data.sqsguard.test

test_unknown_concurrency_is_undetermined if {
	ids := test.ids(test.mini({}, {"reserved_concurrent_executions": "${var.r}"}, {"scaling_config": [{"maximum_concurrency": "${var.m}"}]}, {}))
	"SQSL011:undetermined" in ids
}
