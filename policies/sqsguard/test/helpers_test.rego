# METADATA
# title: Test helpers
# description: |
#   Shared helpers for the policy tests. Fixtures are loaded as data with
#   `opa test policies/ fixtures/opa/` (data.testdata.fixtures.{plan,synth}.<name>).
package sqsguard.test

import data.sqsguard.main

fixtures := data.testdata.fixtures

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

# clean(shape, name, rule): the rule raises nothing on the fixture
clean(shape, name, rule) if {
	not _any(shape, name, rule)
}

_any(shape, name, rule) if {
	some f in findings(shape, name)
	f.rule == rule
}
