package sqsguard.rules.concurrency.sqsl010_test

import data.sqsguard.test

test_unknown_concurrency_is_undetermined if {
	ids := test.ids(test.mini({}, {"reserved_concurrent_executions": "${var.r}"}, {"scaling_config": [{"maximum_concurrency": "${var.m}"}]}, {}))
	"SQSL010:undetermined" in ids
}
