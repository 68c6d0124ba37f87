package sqsguard.rules.timeouts.sqsl013_test

import data.sqsguard.test

test_message_names_the_limits if {
	some f in test.findings("synth", "sqsl013_timeout_range")
	f.rule == "SQSL013"
	endswith(f.message, " s is outside 1–900 s")
}

test_unknown_timeout_is_undetermined if {
	ids := test.ids(test.mini({}, {"timeout": "${var.t}"}, {"maximum_batching_window_in_seconds": "${var.w}"}, {}))
	"SQSL013:undetermined" in ids
}
