package sqsguard.rules.batching.sqsl008_test

import data.sqsguard.test

test_unknown_batching_is_undetermined if {
	ids := test.ids(test.mini({}, {}, {"batch_size": "${var.b}", "enabled": "${var.e}", "function_response_types": ["${var.t}"]}, {}))
	"SQSL008:undetermined" in ids
}

test_string_values_and_other_response_types if {
	ids := test.ids(test.mini({}, {}, {"batch_size": "5", "enabled": "false", "function_response_types": []}, {}))
	"SQSL008:warn" in ids
	ids2 := test.ids(test.mini({}, {}, {"enabled": "true", "function_response_types": ["Other"]}, {}))
	"SQSL008:warn" in ids2
}
