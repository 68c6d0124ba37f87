# METADATA
# title: Test helpers
# description: |
#   Shared helpers for the policy tests. scripts/test-policy.sh loads every
#   fixture as data.testdata.fixtures.{plan,synth}.<name> and the table
#   fixtures/expected.json as data.testdata.expected.
package sqsguard.test

import data.sqsguard.main

fixtures := data.testdata.fixtures

# expected(shape, name): the "RULE:severity" set the fixture must raise in that
# shape, exactly. A row of fixtures/expected.json is {"RULE": "severity"} for
# every shape, or {"plan": {...}, "synth": {...}} when the shapes differ.
expected(shape, name) := {concat(":", [id, sev]) | some id, sev in _row(shape, name)}

_row(shape, name) := data.testdata.expected[name][shape] if _per_shape(data.testdata.expected[name])

else := data.testdata.expected[name]

_per_shape(row) if {
	some key, _ in row
	key in {"plan", "synth"}
}

# raised(shape, name): the "RULE:severity" set the fixture raises
raised(shape, name) := {concat(":", [f.rule, f.severity]) | some f in findings(shape, name)}

# all findings of a fixture
findings(shape, name) := fs if {
	fs := main.findings with input as fixtures[shape][name]
}

# all pipelines of a fixture
pipelines(shape, name) := ps if {
	ps := main.pipelines with input as fixtures[shape][name]
}

# has(shape, name, rule, severity): the fixture raises the rule at that severity
has(shape, name, rule, severity) if {
	some f in findings(shape, name)
	f.rule == rule
	f.severity == severity
}

# findings of an inline input
eval(doc) := fs if {
	fs := main.findings with input as doc
}

# mini: a small synthesized config: queue q (DLQ dlq), function f (role r),
# mapping m; each argument is merged over the defaults; extra adds resources.
mini(queue, function, mapping, extra) := {"resource": object.union(
	{
		"aws_sqs_queue": {
			"q": object.union(_queue, queue),
			"dlq": {"name": "dlq", "message_retention_seconds": 1209600},
		},
		"aws_lambda_function": {"f": object.union(_function, function)},
		"aws_lambda_event_source_mapping": {"m": object.union(_mapping, mapping)},
		"aws_iam_role": {"r": {"name": "r"}},
	},
	extra,
)}

_queue := {
	"name": "q",
	"visibility_timeout_seconds": 180,
	"redrive_policy": "{\"deadLetterTargetArn\":\"${aws_sqs_queue.dlq.arn}\",\"maxReceiveCount\":5}",
}

_function := {"function_name": "f", "timeout": 30, "role": "${aws_iam_role.r.arn}"}

_mapping := {
	"event_source_arn": "${aws_sqs_queue.q.arn}",
	"function_name": "${aws_lambda_function.f.arn}",
	"function_response_types": ["ReportBatchItemFailures"],
}

# ids of an inline input's findings as "RULE:severity"
ids(doc) := {concat(":", [f.rule, f.severity]) | some f in eval(doc)}

# IAM test inputs: a policy document allowing actions on a resource, a managed
# policy attachment on role r, and the actions Lambda needs on its queue
allow(actions, resource) := json.marshal({"Statement": [{"Effect": "Allow", "Action": actions, "Resource": resource}]})

attach(arn) := {"aws_iam_role_policy_attachment": {"a": {"role": "r", "policy_arn": arn}}}

consume := ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"]
