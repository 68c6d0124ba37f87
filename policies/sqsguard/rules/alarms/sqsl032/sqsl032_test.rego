package sqsguard.rules.alarms.sqsl032_test

import data.sqsguard.test

_alarm_to_topic(key) := {
	"aws_sns_topic": {"t": object.union({"name": "alarms"}, key)},
	"aws_cloudwatch_metric_alarm": {"a": {
		"alarm_name": "dlq",
		"namespace": "AWS/SQS",
		"metric_name": "ApproximateNumberOfMessagesVisible",
		"threshold": 0,
		"dimensions": {"QueueName": "${aws_sqs_queue.dlq.name}"},
		"alarm_actions": ["${aws_sns_topic.t.arn}"],
	}},
}

test_aws_managed_key_warns if {
	"SQSL032:warn" in test.ids(test.mini({}, {}, {}, _alarm_to_topic({"kms_master_key_id": "alias/aws/sns"})))
	"SQSL032:warn" in test.ids(test.mini({}, {}, {}, _alarm_to_topic({"kms_master_key_id": "arn:aws:kms:us-east-1:111122223333:alias/aws/sns"})))
}

test_customer_key_and_no_key_pass if {
	ids := test.ids(test.mini({}, {}, {}, object.union(_alarm_to_topic({"kms_master_key_id": "${aws_kms_key.k.arn}"}), {"aws_kms_key": {"k": {}}})))
	not "SQSL032:warn" in ids
	not "SQSL032:undetermined" in ids
	not "SQSL032:warn" in test.ids(test.mini({}, {}, {}, _alarm_to_topic({})))
}

test_key_from_a_variable_is_undetermined if {
	doc := test.mini({}, {}, {}, _alarm_to_topic({"kms_master_key_id": "${var.key}"}))
	"SQSL032:undetermined" in test.ids(doc)
	{f.cause | some f in test.eval(doc); f.rule == "SQSL032"} == {"unknown_variable"}
}

_plan_alarm(expression) := {
	"resource_changes": [
		{"address": "aws_sns_topic.t", "mode": "managed", "type": "aws_sns_topic", "name": "t", "change": {"actions": ["create"], "after": {"name": "alarms", "kms_master_key_id": "alias/aws/sns"}, "after_unknown": {"arn": true}}},
		{"address": "aws_cloudwatch_metric_alarm.a", "mode": "managed", "type": "aws_cloudwatch_metric_alarm", "name": "a", "change": {"actions": ["create"], "after": {"alarm_name": "a"}, "after_unknown": {"alarm_actions": true}}},
	],
	"configuration": {"root_module": {"resources": [{"address": "aws_cloudwatch_metric_alarm.a", "expressions": {"alarm_actions": expression}}]}},
}

test_plan_reads_the_configured_actions_when_unknown if {
	refs := ["aws_sns_topic.t.arn", "aws_sns_topic.t"]
	"SQSL032:warn" in test.ids(_plan_alarm({"constant_value": ["${aws_sns_topic.t.arn}"], "references": refs}))
	"SQSL032:warn" in test.ids(_plan_alarm({"references": refs}))
	not "SQSL032:warn" in test.ids(_plan_alarm({}))
}

test_expression_fallback_when_an_action_is_unknown if {
	doc := test.mini({}, {}, {}, _alarm_to_topic({"kms_master_key_id": "alias/aws/sns"}))
	plan_like := json.patch(doc, [{"op": "replace", "path": "/resource/aws_cloudwatch_metric_alarm/a/alarm_actions", "value": "${aws_sns_topic.t.arn}"}])
	"SQSL032:warn" in test.ids(plan_like)
}
