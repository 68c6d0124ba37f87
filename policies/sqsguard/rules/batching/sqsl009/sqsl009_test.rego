package sqsguard.rules.batching.sqsl009_test

import data.sqsguard.test

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
	"SQSL009:undetermined" in ids
}
