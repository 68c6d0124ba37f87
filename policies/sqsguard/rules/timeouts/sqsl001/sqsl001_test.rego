package sqsguard.rules.timeouts.sqsl001_test

import data.sqsguard.test

test_unknown_timeout_is_undetermined if {
	ids := test.ids(test.mini({}, {"timeout": "${var.t}"}, {"maximum_batching_window_in_seconds": "${var.w}"}, {}))
	"SQSL001:undetermined" in ids
	not "SQSL001:deny" in ids
}
