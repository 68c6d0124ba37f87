package sqsguard.rules.mapping.sqsl027_test

import data.sqsguard.test

_pp(block) := {"provisioned_poller_config": [block]}

test_with_scaling_config_denies if {
	ids := test.ids(test.mini({}, {}, object.union(_pp({"minimum_pollers": 2, "maximum_pollers": 10}), {"scaling_config": [{"maximum_concurrency": 5}]}), {}))
	"SQSL027:deny" in ids
}

test_one_minimum_poller_denies if {
	ids := test.ids(test.mini({}, {}, _pp({"minimum_pollers": 1, "maximum_pollers": 10}), {}))
	"SQSL027:deny" in ids
}

test_maximum_below_minimum_denies if {
	ids := test.ids(test.mini({}, {}, _pp({"minimum_pollers": 5, "maximum_pollers": 3}), {}))
	"SQSL027:deny" in ids
}

test_valid_provisioned_mode_passes if {
	ids := test.ids(test.mini({}, {}, _pp({"minimum_pollers": 2, "maximum_pollers": 10}), {}))
	not "SQSL027:deny" in ids
	not "SQSL027:undetermined" in ids
}

test_unknown_pollers_are_undetermined if {
	ids := test.ids(test.mini({}, {}, _pp({"minimum_pollers": "${var.min}", "maximum_pollers": 10}), {}))
	"SQSL027:undetermined" in ids
}

test_templated_block_is_undetermined if {
	ids := test.ids(test.mini({}, {}, {"provisioned_poller_config": "${var.pp}"}, {}))
	"SQSL027:undetermined" in ids
}
