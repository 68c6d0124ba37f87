package sqsguard.rules.iam.sqsl025_test

import data.sqsguard.test

test_kms_cases if {
	key := {"aws_kms_key": {"k": {"description": "k"}}, "aws_kms_alias": {"a": {"name": "alias/orders", "target_key_id": "${aws_kms_key.k.key_id}"}}}
	grant := {"aws_iam_role_policy": {"p": {"role": "r", "policy": json.marshal({"Statement": [
		{"Effect": "Allow", "Action": test.consume, "Resource": "${aws_sqs_queue.q.arn}"},
		{"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "${aws_kms_key.k.arn}"},
	]})}}}
	ok := test.ids(test.mini({"kms_master_key_id": "${aws_kms_key.k.arn}"}, {}, {}, object.union(key, grant)))
	not "SQSL025:deny" in ok
	alias := test.ids(test.mini({"kms_master_key_id": "alias/orders"}, {}, {}, object.union(key, grant)))
	not "SQSL025:deny" in alias
	literal := test.ids(test.mini({"kms_master_key_id": "arn:aws:kms:us-east-1:1:key/x"}, {}, {}, {"aws_iam_role_policy": {"p": {"role": "r", "policy": test.allow(test.consume, "*")}}}))
	"SQSL025:deny" in literal
	unknown := test.ids(test.mini({"kms_master_key_id": "${var.key}"}, {}, {}, grant))
	"SQSL025:undetermined" in unknown
	managed := test.ids(test.mini({"kms_master_key_id": "alias/aws/sqs"}, {}, {}, grant))
	not "SQSL025:deny" in managed
}
