package sqsguard.rules.security_test

import data.sqsguard.test

test_violations_both_shapes if {
	every shape in ["synth", "plan"] {
		test.has(shape, "sqsl020_unencrypted", "SQSL020", "deny")
		test.has(shape, "sqsl021_public_policy", "SQSL021", "deny")
		test.has(shape, "sqsl022_no_tls_policy", "SQSL022", "warn")
	}
}

test_compliant_both_shapes if {
	every shape in ["synth", "plan"] {
		every rule in ["SQSL020", "SQSL021", "SQSL022"] {
			test.clean(shape, "baseline", rule)
			test.clean(shape, "separate_resources", rule)
		}
	}
}

test_unknown_policies_are_undetermined if {
	extra := {
		"aws_sqs_queue": {"dlq": {"name": "dlq", "message_retention_seconds": 1209600, "sqs_managed_sse_enabled": "${var.sse}"}},
		"aws_sqs_queue_policy": {"p": {"queue_url": "${aws_sqs_queue.q.id}", "policy": "${var.p}"}},
	}
	ids := test.ids(test.mini({}, {}, {}, extra))
	"SQSL020:undetermined" in ids
	"SQSL021:undetermined" in ids
	"SQSL022:undetermined" in ids
	ids2 := test.ids(test.mini({}, {}, {}, {"aws_sqs_queue_policy": {"p": {"queue_url": "${var.url}", "policy": "{}"}}}))
	"SQSL022:undetermined" in ids2
}

test_public_principal_object_and_data_document if {
	policy := json.marshal({"Statement": {"Effect": "Allow", "Principal": {"AWS": ["*"]}, "Action": "sqs:*", "Resource": "*"}})
	ids := test.ids(test.mini({"policy": policy}, {}, {}, {}))
	"SQSL021:deny" in ids
	doc := {"aws_iam_policy_document": {"d": {"statement": [{
		"effect": "Allow", "actions": ["sqs:SendMessage"], "resources": ["*"],
		"principals": [{"type": "AWS", "identifiers": ["*"]}],
	}]}}}
	ids2 := test.ids(object.union(test.mini({"policy": "${data.aws_iam_policy_document.d.json}"}, {}, {}, {}), {"data": doc}))
	"SQSL021:deny" in ids2
}
