package sqsguard.rules.concurrency.sqsl028_test

import data.sqsguard.test

test_reserved_without_maximum_warns if {
	ids := test.ids(test.mini({}, {"reserved_concurrent_executions": 10}, {}, {}))
	"SQSL028:warn" in ids
}

test_reserved_below_five_warns_even_with_maximum if {
	fs := test.eval(test.mini({}, {"reserved_concurrent_executions": 3}, {"scaling_config": [{"maximum_concurrency": 2}]}, {}))
	some f in fs
	f.rule == "SQSL028"
	f.resource == "aws_lambda_function.f"
}

test_reserved_with_maximum_passes if {
	ids := test.ids(test.mini({}, {"reserved_concurrent_executions": 10}, {"scaling_config": [{"maximum_concurrency": 10}]}, {}))
	not "SQSL028:warn" in ids
}

test_provisioned_mode_counts_as_bounded if {
	ids := test.ids(test.mini({}, {"reserved_concurrent_executions": 10}, {"provisioned_poller_config": [{"minimum_pollers": 2, "maximum_pollers": 5}]}, {}))
	not "SQSL028:warn" in ids
}

test_unreserved_and_zero_pass if {
	not "SQSL028:warn" in test.ids(test.mini({}, {}, {}, {}))
	not "SQSL028:warn" in test.ids(test.mini({}, {"reserved_concurrent_executions": 0}, {}, {}))
}

test_unknown_reservation_is_undetermined if {
	ids := test.ids(test.mini({}, {"reserved_concurrent_executions": "${var.r}"}, {}, {}))
	"SQSL028:undetermined" in ids
	{f.cause | some f in test.eval(test.mini({}, {"reserved_concurrent_executions": "${var.r}"}, {}, {})); f.rule == "SQSL028"} == {"unknown_variable"}
}
