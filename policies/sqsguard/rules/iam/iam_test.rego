package sqsguard.rules.iam_test

import data.sqsguard.test

test_violations_both_shapes if {
	every shape in ["synth", "plan"] {
		test.has(shape, "sqsl023_broad_role", "SQSL023", "deny")
		test.has(shape, "sqsl024_missing_permissions", "SQSL024", "deny")
		test.has(shape, "sqsl025_kms_without_decrypt", "SQSL025", "deny")
	}
}

test_compliant_both_shapes if {
	every shape in ["synth", "plan"] {
		every rule in ["SQSL023", "SQSL024", "SQSL025"] {
			test.clean(shape, "baseline", rule)
			test.clean(shape, "separate_resources", rule)
			test.clean(shape, "literal_arns", rule)
		}
	}
}

_allow(actions, resource) := json.marshal({"Statement": [{"Effect": "Allow", "Action": actions, "Resource": resource}]})

_attach(arn) := {"aws_iam_role_policy_attachment": {"a": {"role": "r", "policy_arn": arn}}}

_consume := ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"]

test_managed_policies if {
	ids := test.ids(test.mini({}, {}, {}, _attach("arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole")))
	"SQSL023:deny" in ids
	not "SQSL024:deny" in ids
	ids2 := test.ids(test.mini({}, {}, {}, _attach("arn:aws:iam::123456789012:policy/elsewhere")))
	"SQSL023:undetermined" in ids2
	"SQSL024:undetermined" in ids2
}

test_inline_and_managed_arns_on_role if {
	role := {"aws_iam_role": {"r": {
		"name": "r",
		"inline_policy": [{"name": "i", "policy": _allow(_consume, "arn:aws:sqs:*:*:q")}],
		"managed_policy_arns": ["arn:aws:iam::aws:policy/AdministratorAccess"],
	}}}
	ids := test.ids(test.mini({}, {}, {}, role))
	not "SQSL024:deny" in ids
	"SQSL023:deny" in ids
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
	ids2 := test.ids(test.mini({}, {}, {}, {"aws_iam_role_policy": {"p": {"role": "${aws_iam_role.r.id}", "policy": _allow(_consume, "${var.queue_arn}")}}}))
	"SQSL024:undetermined" in ids2
	ids3 := test.ids(test.mini({}, {}, {}, {"aws_iam_role_policy": {"p": {"role": "${var.r}", "policy": "{}"}}}))
	"SQSL024:undetermined" in ids3
	"SQSL023:undetermined" in ids3
}

test_kms_cases if {
	key := {"aws_kms_key": {"k": {"description": "k"}}, "aws_kms_alias": {"a": {"name": "alias/orders", "target_key_id": "${aws_kms_key.k.key_id}"}}}
	grant := {"aws_iam_role_policy": {"p": {"role": "r", "policy": json.marshal({"Statement": [
		{"Effect": "Allow", "Action": _consume, "Resource": "${aws_sqs_queue.q.arn}"},
		{"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "${aws_kms_key.k.arn}"},
	]})}}}
	ok := test.ids(test.mini({"kms_master_key_id": "${aws_kms_key.k.arn}"}, {}, {}, object.union(key, grant)))
	not "SQSL025:deny" in ok
	alias := test.ids(test.mini({"kms_master_key_id": "alias/orders"}, {}, {}, object.union(key, grant)))
	not "SQSL025:deny" in alias
	literal := test.ids(test.mini({"kms_master_key_id": "arn:aws:kms:us-east-1:1:key/x"}, {}, {}, {"aws_iam_role_policy": {"p": {"role": "r", "policy": _allow(_consume, "*")}}}))
	"SQSL025:deny" in literal
	unknown := test.ids(test.mini({"kms_master_key_id": "${var.key}"}, {}, {}, grant))
	"SQSL025:undetermined" in unknown
	managed := test.ids(test.mini({"kms_master_key_id": "alias/aws/sqs"}, {}, {}, grant))
	not "SQSL025:deny" in managed
}
