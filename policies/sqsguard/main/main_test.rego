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

# every violation fixture raises its rule in both shapes (synth only where the
# provider rejects the setting at plan time)
test_violation_fixtures if {
	every name, rule in _expected {
		test.has("synth", name, rule[0], rule[1])
		_plan_ok(name, rule)
	}
}

_plan_ok(name, _) if name in _synth_only

_plan_ok(name, rule) if test.has("plan", name, rule[0], rule[1])

_synth_only := {"sqsl012_max_concurrency_range", "sqsl013_timeout_range"}

_expected := {
	"sqsl001_vt_below_timeout": ["SQSL001", "deny"],
	"sqsl002_vt_below_6x": ["SQSL002", "deny"],
	"sqsl003_no_dlq": ["SQSL003", "deny"],
	"sqsl004_max_receive_count": ["SQSL004", "warn"],
	"sqsl005_dlq_retention": ["SQSL005", "deny"],
	"sqsl006_fifo_mix": ["SQSL006", "deny"],
	"sqsl007_expire_before_dlq": ["SQSL007", "deny"],
	"sqsl008_no_partial_batch": ["SQSL008", "warn"],
	"sqsl009_batch_without_window": ["SQSL009", "deny"],
	"sqsl010_reserved_zero": ["SQSL010", "deny"],
	"sqsl011_max_concurrency_above_reserved": ["SQSL011", "warn"],
	"sqsl012_max_concurrency_range": ["SQSL012", "deny"],
	"sqsl013_timeout_range": ["SQSL013", "deny"],
	"sqsl014_function_dlq": ["SQSL014", "warn"],
	"sqsl015_no_redrive_allow": ["SQSL015", "warn"],
	"sqsl016_no_dlq_alarm": ["SQSL016", "warn"],
	"sqsl017_no_age_alarm": ["SQSL017", "warn"],
	"sqsl018_mapping_disabled": ["SQSL018", "warn"],
	"sqsl019_dlq_retention_short": ["SQSL019", "warn"],
	"sqsl020_unencrypted": ["SQSL020", "deny"],
	"sqsl021_public_policy": ["SQSL021", "deny"],
	"sqsl022_no_tls_policy": ["SQSL022", "warn"],
	"sqsl023_broad_role": ["SQSL023", "deny"],
	"sqsl024_missing_permissions": ["SQSL024", "deny"],
	"sqsl025_kms_without_decrypt": ["SQSL025", "deny"],
	"separate_resources": ["SQSL004", "warn"],
	"literal_arns": ["SQSL002", "deny"],
}

# each violation fixture raises nothing else that is a deny, except the rules
# that follow from the same setting
test_violation_fixtures_are_focused if {
	every name, rule in _expected {
		every shape in ["synth", "plan"] {
			_focused(shape, name, rule[0])
		}
	}
}

_also := {
	"SQSL001": {"SQSL002"},
	"SQSL005": {"SQSL019"},
	"SQSL007": {"SQSL017"},
}

_focused(shape, name, rule) if {
	extra := {f.rule | some f in test.findings(shape, name); f.rule != rule}
	count(extra - object.get(_also, rule, set())) == 0
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
