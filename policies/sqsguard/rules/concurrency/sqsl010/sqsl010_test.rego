package sqsguard.rules.concurrency.sqsl010_test

import data.sqsguard.test

test_unknown_concurrency_is_undetermined if {
	ids := test.ids(test.mini({}, {"reserved_concurrent_executions": "${var.r}"}, {"scaling_config": [{"maximum_concurrency": "${var.m}"}]}, {}))
	"SQSL010:undetermined" in ids
}

test_reserved_zero_denies_on_the_function if {
	some f in test.eval(test.mini({}, {"reserved_concurrent_executions": 0}, {}, {}))
	f.rule == "SQSL010"
	f.severity == "deny"
	f.resource == "aws_lambda_function.f"
}
