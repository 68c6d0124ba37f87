package sqsguard.rules.mapping.sqsl026_test

import data.sqsguard.test

test_stream_arguments_on_sqs_mapping_deny if {
	ids := test.ids(test.mini({}, {}, {"maximum_retry_attempts": 2, "starting_position": "LATEST"}, {}))
	"SQSL026:deny" in ids
}

test_literal_sqs_arn_counts_as_sqs if {
	ids := test.ids(test.mini({}, {}, {"event_source_arn": "arn:aws:sqs:us-east-1:111122223333:other", "destination_config": [{"on_failure": [{"destination_arn": "x"}]}]}, {}))
	"SQSL026:deny" in ids
}

test_unset_defaults_pass if {
	ids := test.ids(test.mini({}, {}, {"bisect_batch_on_function_error": false, "destination_config": []}, {}))
	not "SQSL026:deny" in ids
	not "SQSL026:undetermined" in ids
}

test_unknown_source_with_stream_arguments_is_undetermined if {
	ids := test.ids(test.mini({}, {}, {"event_source_arn": "${var.source}", "parallelization_factor": 2}, {}))
	"SQSL026:undetermined" in ids
	not "SQSL026:deny" in ids
	{f.cause | some f in test.eval(test.mini({}, {}, {"event_source_arn": "${var.source}", "parallelization_factor": 2}, {})); f.rule == "SQSL026"} == {"unknown_variable"}
}

test_stream_source_passes if {
	ids := test.ids(test.mini({}, {}, {"event_source_arn": "arn:aws:kinesis:us-east-1:111122223333:stream/s", "maximum_retry_attempts": 2}, {}))
	not "SQSL026:deny" in ids
	not "SQSL026:undetermined" in ids
}
