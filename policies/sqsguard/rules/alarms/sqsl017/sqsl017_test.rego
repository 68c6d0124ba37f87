package sqsguard.rules.alarms.sqsl017_test

import data.sqsguard.test

test_unattributed_alarms_are_undetermined if {
	alarm := {"aws_cloudwatch_metric_alarm": {"a": {
		"namespace": "AWS/SQS", "metric_name": "ApproximateAgeOfOldestMessage",
		"dimensions": {"QueueName": "${var.q}"}, "threshold": 60,
	}}}
	ids := test.ids(test.mini({}, {}, {}, alarm))
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
	not "SQSL017:warn" in ids
}

test_alarm_threshold_above_the_age_limit_warns if {
	alarm := {"aws_cloudwatch_metric_alarm": {"a": {
		"namespace": "AWS/SQS", "metric_name": "ApproximateAgeOfOldestMessage",
		"dimensions": {"QueueName": "q"}, "threshold": 400000,
	}}}
	msgs := {f.message | some f in test.eval(test.mini({}, {}, {}, alarm)); f.rule == "SQSL017"}
	msgs == {"ApproximateAgeOfOldestMessage alarm threshold ≥ 86400 s: it fires too late (retention or oldest_message_age_alarm_max_seconds)"}
}
