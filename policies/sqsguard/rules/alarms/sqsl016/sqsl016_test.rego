package sqsguard.rules.alarms.sqsl016_test

import data.sqsguard.test

test_unattributed_alarms_are_undetermined if {
	alarm := {"aws_cloudwatch_metric_alarm": {"a": {
		"namespace": "AWS/SQS", "metric_name": "ApproximateAgeOfOldestMessage",
		"dimensions": {"QueueName": "${var.q}"}, "threshold": 60,
	}}}
	ids := test.ids(test.mini({}, {}, {}, alarm))
	"SQSL016:undetermined" in ids
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
}

test_number_of_messages_sent_alarm_is_no_dlq_alarm if {
	sent := {"aws_cloudwatch_metric_alarm": {"a": {
		"namespace": "AWS/SQS",
		"metric_name": "NumberOfMessagesSent",
		"threshold": 0,
		"dimensions": {"QueueName": "${aws_sqs_queue.dlq.name}"},
	}}}
	some f in test.eval(test.mini({}, {}, {}, sent))
	f.rule == "SQSL016"
	f.severity == "warn"
	endswith(f.message, "(its NumberOfMessagesSent alarm does not count messages moved there by a redrive policy)")
}
