package sqsguard.rules.iam.sqsl024_test

import data.sqsguard.test

test_managed_policies if {
	ids := test.ids(test.mini({}, {}, {}, test.attach("arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole")))
	not "SQSL024:deny" in ids
	ids2 := test.ids(test.mini({}, {}, {}, test.attach("arn:aws:iam::123456789012:policy/elsewhere")))
	"SQSL024:undetermined" in ids2
}

test_inline_policy_on_role if {
	role := {"aws_iam_role": {"r": {
		"name": "r",
		"inline_policy": [{"name": "i", "policy": test.allow(test.consume, "arn:aws:sqs:*:*:q")}],
		"managed_policy_arns": ["arn:aws:iam::aws:policy/AdministratorAccess"],
	}}}
	not "SQSL024:deny" in test.ids(test.mini({}, {}, {}, role))
}

test_deny_statement_and_not_action if {
	policy := json.marshal({"Statement": [
		{"Effect": "Allow", "NotAction": ["iam:*"], "Resource": "${aws_sqs_queue.q.arn}"},
		{"Effect": "Deny", "Action": "sqs:DeleteMessage", "Resource": "*"},
	]})
	ids := test.ids(test.mini({}, {}, {}, {"aws_iam_role_policy": {"p": {"role": "${aws_iam_role.r.id}", "policy": policy}}}))
	"SQSL024:deny" in ids
}

test_unknown_role_and_resources_are_undetermined if {
	ids := test.ids(test.mini({}, {"role": "${var.role}"}, {}, {}))
	"SQSL024:undetermined" in ids
	ids2 := test.ids(test.mini({}, {}, {}, {"aws_iam_role_policy": {"p": {"role": "${aws_iam_role.r.id}", "policy": test.allow(test.consume, "${var.queue_arn}")}}}))
	"SQSL024:undetermined" in ids2
	ids3 := test.ids(test.mini({}, {}, {}, {"aws_iam_role_policy": {"p": {"role": "${var.r}", "policy": "{}"}}}))
	"SQSL024:undetermined" in ids3
}
