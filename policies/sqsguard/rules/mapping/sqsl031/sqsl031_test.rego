package sqsguard.rules.mapping.sqsl031_test

import data.sqsguard.test

test_two_mappings_on_one_queue_deny if {
	doc := json.patch(test.mini({}, {}, {}, {}), [{"op": "add", "path": "/resource/aws_lambda_event_source_mapping/m2", "value": {
		"event_source_arn": "${aws_sqs_queue.q.arn}",
		"function_name": "${aws_lambda_function.f.arn}",
	}}])
	"SQSL031:deny" in test.ids(doc)
}

test_mapping_and_pipe_deny if {
	pipe := {"aws_pipes_pipe": {"p": {"name": "p", "source": "${aws_sqs_queue.q.arn}", "target": "arn:aws:events:us-east-1:111122223333:event-bus/default", "role_arn": "${aws_iam_role.r.arn}"}}}
	"SQSL031:deny" in test.ids(test.mini({}, {}, {}, pipe))
}

test_one_consumer_passes if {
	not "SQSL031:deny" in test.ids(test.mini({}, {}, {}, {}))
}
