package sqsguard.rules.alarms_test

import data.sqsguard.test

test_violations_both_shapes if {
	every shape in ["synth", "plan"] {
		test.has(shape, "sqsl016_no_dlq_alarm", "SQSL016", "warn")
		test.has(shape, "sqsl017_no_age_alarm", "SQSL017", "warn")
	}
}

test_compliant_baseline_both_shapes if {
	every shape in ["synth", "plan"] {
		test.clean(shape, "baseline", "SQSL016")
		test.clean(shape, "baseline", "SQSL017")
	}
}

test_unattributed_alarms_are_undetermined if {
	alarm := {"aws_cloudwatch_metric_alarm": {"a": {
		"namespace": "AWS/SQS", "metric_name": "ApproximateAgeOfOldestMessage",
		"dimensions": {"QueueName": "${var.q}"}, "threshold": 60,
	}}}
	ids := test.ids(test.mini({}, {}, {}, alarm))
	"SQSL016:undetermined" in ids
	"SQSL017:undetermined" in ids
}

test_metric_query_alarm_counts if {
	alarm := {"aws_cloudwatch_metric_alarm": {
		"a": {"threshold": 60, "metric_query": [{"id": "m1", "metric": [{
			"namespace": "AWS/SQS", "metric_name": "ApproximateAgeOfOldestMessage",
			"dimensions": {"QueueName": "q"},
		}]}]},
		"b": {"threshold": 0, "namespace": "AWS/SQS", "metric_name": "ApproximateNumberOfMessagesVisible", "dimensions": {"QueueName": "${aws_sqs_queue.dlq.name}"}},
	}}
	ids := test.ids(test.mini({}, {}, {}, alarm))
	not "SQSL016:warn" in ids
	not "SQSL017:warn" in ids
}
