package sqsguard.rules.concurrency_test

import data.sqsguard.test

test_violations if {
	every shape in ["synth", "plan"] {
		test.has(shape, "sqsl010_reserved_zero", "SQSL010", "deny")
		test.has(shape, "sqsl011_max_concurrency_above_reserved", "SQSL011", "warn")
	}
	test.has("synth", "sqsl012_max_concurrency_range", "SQSL012", "deny")
}

test_compliant_baseline_both_shapes if {
	every shape in ["synth", "plan"] {
		every rule in ["SQSL010", "SQSL011", "SQSL012"] {
			test.clean(shape, "baseline", rule)
		}
	}
}

test_unknown_concurrency_is_undetermined if {
	ids := test.ids(test.mini({}, {"reserved_concurrent_executions": "${var.r}"}, {"scaling_config": [{"maximum_concurrency": "${var.m}"}]}, {}))
	"SQSL010:undetermined" in ids
	"SQSL011:undetermined" in ids
	"SQSL012:undetermined" in ids
	ids2 := test.ids(test.mini({}, {}, {"scaling_config": "${var.s}"}, {}))
	"SQSL012:undetermined" in ids2
}
