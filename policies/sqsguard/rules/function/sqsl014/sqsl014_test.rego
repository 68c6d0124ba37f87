package sqsguard.rules.function.sqsl014_test

import data.sqsguard.test

test_finding_names_function_and_mapping if {
	every shape in ["synth", "plan"] {
		some f in test.findings(shape, "sqsl014_function_dlq")
		f.rule == "SQSL014"
		f.severity == "warn"
		f.resource == "aws_lambda_function.orders"
		f.related == ["aws_lambda_event_source_mapping.orders"]
	}
}

test_object_block if {
	"SQSL014:warn" in test.ids(test.mini({}, {"dead_letter_config": {"target_arn": "x"}}, {}, {}))
}
