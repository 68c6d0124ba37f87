package sqsguard.rules.iam.sqsl023_test

import data.sqsguard.test

# AWS's own policy for SQS-fed functions grants the consumer actions on "*":
# a least-privilege warn that says why, not a deny; sqs:* stays a deny
test_managed_policies if {
	fs := test.eval(test.mini({}, {}, {}, test.attach("arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole")))
	[f] := [f | some f in fs; f.rule == "SQSL023"]
	f.severity == "warn"
	contains(f.message, "AWS managed policy AWSLambdaSQSQueueExecutionRole")
	contains(f.message, "least privilege")
	"SQSL023:deny" in test.ids(test.mini({}, {}, {}, test.attach("arn:aws:iam::aws:policy/AmazonSQSFullAccess")))
	ids2 := test.ids(test.mini({}, {}, {}, test.attach("arn:aws:iam::123456789012:policy/elsewhere")))
	"SQSL023:undetermined" in ids2
}

test_managed_arns_on_role if {
	role := {"aws_iam_role": {"r": {
		"name": "r",
		"inline_policy": [{"name": "i", "policy": test.allow(test.consume, "arn:aws:sqs:*:*:q")}],
		"managed_policy_arns": ["arn:aws:iam::aws:policy/AdministratorAccess"],
	}}}
	"SQSL023:deny" in test.ids(test.mini({}, {}, {}, role))
}

test_unknown_role_policy_is_undetermined if {
	ids := test.ids(test.mini({}, {}, {}, {"aws_iam_role_policy": {"p": {"role": "${var.r}", "policy": "{}"}}}))
	"SQSL023:undetermined" in ids
}

# a role policy that cannot be read is undetermined on that policy resource
# (where a violation would be), with its cause
test_unreadable_role_policy_is_undetermined_on_its_resource if {
	fs := test.eval(test.mini({}, {}, {}, {"aws_iam_role_policy": {"p": {"role": "${aws_iam_role.r.id}", "policy": "${var.p}"}}}))
	[f] := [f | some f in fs; f.rule == "SQSL023"]
	f.severity == "undetermined"
	f.resource == "aws_iam_role_policy.p"
	f.cause == "unknown_variable"
}

_inline(statement) := {"aws_iam_role_policy": {"p": {"role": "${aws_iam_role.r.id}", "policy": json.marshal({"Statement": [statement]})}}}

test_sqs_wildcard_action_denies if {
	stmt := {"Effect": "Allow", "Action": ["sqs:ReceiveMessage", "sqs:Delete*", "sqs:GetQueueAttributes"], "Resource": "${aws_sqs_queue.q.arn}"}
	some f in test.eval(test.mini({}, {}, {}, _inline(stmt)))
	f.rule == "SQSL023"
	f.message == "role aws_iam_role.r allows action sqs:delete*"
}

test_not_action_denies if {
	stmt := {"Effect": "Allow", "NotAction": ["iam:*"], "Resource": "*"}
	some f in test.eval(test.mini({}, {}, {}, _inline(stmt)))
	f.rule == "SQSL023"
	contains(f.message, "(NotAction)")
}

test_exact_actions_on_the_queue_pass if {
	stmt := {"Effect": "Allow", "Action": test.consume, "Resource": "${aws_sqs_queue.q.arn}"}
	not "SQSL023:deny" in test.ids(test.mini({}, {}, {}, _inline(stmt)))
}
