package sqsguard.main_test

import data.sqsguard.test

# the safe baseline is clean in both shapes and has one pipeline
test_baseline_clean_in_both_shapes if {
	every shape in ["synth", "plan"] {
		count(test.findings(shape, "baseline")) == 0
		count(test.pipelines(shape, "baseline")) == 1
	}
}

test_baseline_pipeline_numbers if {
	every shape in ["synth", "plan"] {
		some p in test.pipelines(shape, "baseline")
		p == {
			"mapping": "aws_lambda_event_source_mapping.orders",
			"queue": "aws_sqs_queue.orders",
			"function": "aws_lambda_function.orders",
			"dlq": "aws_sqs_queue.orders_dlq",
			"fifo": false,
			"max_receive_count": 5,
			"visibility_timeout": 180,
			"function_timeout": 30,
			"batch_size": 10,
			"batching_window": 0,
			"source_retention": 345600,
			"dlq_retention": 1209600,
			"maximum_concurrency": null,
			"reserved_concurrency": null,
			"report_batch_item_failures": true,
		}
	}
}

# every fixture raises exactly the rules (and severities) of its row in
# fixtures/expected.json, in every shape it exists in
test_every_fixture_raises_exactly_its_expected_rules if {
	every shape, by_name in test.fixtures {
		every name, _ in by_name {
			test.raised(shape, name) == test.expected(shape, name)
		}
	}
}

test_every_fixture_has_an_expected_row if {
	every _, by_name in test.fixtures {
		every name, _ in by_name {
			data.testdata.expected[name]
		}
	}
}

test_every_expected_row_has_a_fixture if {
	every name, _ in data.testdata.expected {
		some by_name in test.fixtures
		by_name[name]
	}
}

test_expected_rows_by_shape if {
	test.expected("plan", "sqsl003_no_dlq") == {"SQSL003:deny"}
	test.expected("synth", "unknown_values") - test.expected("plan", "unknown_values") == {"SQSL007:undetermined"}
}

test_module_and_count_instances if {
	ps := test.pipelines("plan", "module_count")
	{p.queue | some p in ps} == {"module.orders.aws_sqs_queue.orders[0]", "module.orders.aws_sqs_queue.orders[1]"}
	{p.dlq | some p in ps} == {"module.orders.aws_sqs_queue.orders_dlq[0]", "module.orders.aws_sqs_queue.orders_dlq[1]"}
	some f in test.findings("plan", "module_count")
	f.rule == "SQSL002"
	f.resource == "module.orders.aws_sqs_queue.orders[0]"
	f.message == "visibility timeout 60 s < 6 × function timeout 30 s + batching window 0 s = 180 s"
	{g.rule | some g in test.findings("plan", "module_count")} == {"SQSL002"}
}

test_literal_arns_resolve if {
	every shape in ["synth", "plan"] {
		some p in test.pipelines(shape, "literal_arns")
		p.queue == "aws_sqs_queue.orders"
		p.dlq == "aws_sqs_queue.orders_dlq"
		p.function == "aws_lambda_function.orders"
	}
}

test_unknown_values_are_undetermined_never_denied if {
	every shape in ["synth", "plan"] {
		fs := test.findings(shape, "unknown_values")
		count([f | some f in fs; f.severity == "deny"]) == 0
		test.has(shape, "unknown_values", "SQSL003", "undetermined")
		test.has(shape, "unknown_values", "SQSL024", "undetermined")
	}
	test.has("synth", "unknown_values", "SQSL002", "undetermined")
	test.has("plan", "unknown_values", "SQSL010", "undetermined")
}

test_external_queue_pipeline_fields_unknown if {
	some p in test.pipelines("plan", "unknown_values")
	p.mapping == "aws_lambda_event_source_mapping.external"
	p.queue == null
	p.visibility_timeout == "unknown"
	p.max_receive_count == "unknown"
}

test_threshold_defaults_are_exposed if {
	threshold_defaults := data.sqsguard.main.threshold_defaults
	threshold_defaults.visibility_timeout_multiplier == 6
	threshold_defaults.max_receive_count_min == 5
}

# the aggregator unions what the rule packages of every concern return
# (__tests__/policy/catalogue.test.ts probes every package)
test_findings_are_discovered_across_concerns if {
	data.sqsguard.main.findings == {{"rule": "A"}, {"rule": "B"}} with data.sqsguard.rules.redrive.sqsl003.findings as {{"rule": "A"}}
		with data.sqsguard.rules.iam.sqsl025.findings as {{"rule": "B"}}
		with input as {}
}
