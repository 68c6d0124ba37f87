package sqsguard.rules.batching.sqsl018_test

import data.sqsguard.test

test_unknown_enabled_is_undetermined if {
	ids := test.ids(test.mini({}, {}, {"batch_size": "${var.b}", "enabled": "${var.e}", "function_response_types": ["${var.t}"]}, {}))
	"SQSL018:undetermined" in ids
}

test_string_values if {
	ids := test.ids(test.mini({}, {}, {"batch_size": "5", "enabled": "false", "function_response_types": []}, {}))
	"SQSL018:warn" in ids
	ids2 := test.ids(test.mini({}, {}, {"enabled": "true", "function_response_types": ["Other"]}, {}))
	not "SQSL018:warn" in ids2
}
