package sqsguard.rules.batching_test

import data.sqsguard.test

test_violations_both_shapes if {
	every shape in ["synth", "plan"] {
		test.has(shape, "sqsl008_no_partial_batch", "SQSL008", "warn")
		test.has(shape, "sqsl009_batch_without_window", "SQSL009", "deny")
		test.has(shape, "sqsl018_mapping_disabled", "SQSL018", "warn")
	}
}

test_compliant_baseline_both_shapes if {
	every shape in ["synth", "plan"] {
		every rule in ["SQSL008", "SQSL009", "SQSL018"] {
			test.clean(shape, "baseline", rule)
		}
	}
}

test_fifo_and_range_limits if {
	fifo := {"name": "q.fifo", "fifo_queue": true}
	dlq := {"aws_sqs_queue": {"dlq": {"name": "dlq.fifo", "fifo_queue": true, "message_retention_seconds": 1209600}}}
	msgs := {f.message |
		some f in test.eval(test.mini(fifo, {}, {"batch_size": 20, "maximum_batching_window_in_seconds": 5}, dlq))
		f.rule == "SQSL009"
	}
	msgs == {"FIFO source: batch size 20 > 10", "FIFO source: batching window 5 s is not allowed"}
	big := {f.message |
		some f in test.eval(test.mini({}, {}, {"batch_size": 20000, "maximum_batching_window_in_seconds": 400}, {}))
		f.rule == "SQSL009"
	}
	big == {"batch size 20000 > 10000", "batching window 400 s > 300 s"}
}

test_unknown_batching_is_undetermined if {
	ids := test.ids(test.mini({}, {}, {"batch_size": "${var.b}", "enabled": "${var.e}", "function_response_types": ["${var.t}"]}, {}))
	"SQSL008:undetermined" in ids
	"SQSL009:undetermined" in ids
	"SQSL018:undetermined" in ids
}

test_string_values_and_other_response_types if {
	ids := test.ids(test.mini({}, {}, {"batch_size": "5", "enabled": "false", "function_response_types": []}, {}))
	"SQSL008:warn" in ids
	"SQSL018:warn" in ids
	ids2 := test.ids(test.mini({}, {}, {"enabled": "true", "function_response_types": ["Other"]}, {}))
	"SQSL008:warn" in ids2
	not "SQSL018:warn" in ids2
}
