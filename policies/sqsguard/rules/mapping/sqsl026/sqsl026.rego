# METADATA
# scope: package
# title: Stream-only arguments on an SQS mapping
# description: |
#   maximum_retry_attempts, bisect_batch_on_function_error, destination_config,
#   maximum_record_age_in_seconds, parallelization_factor, starting_position and
#   tumbling_window_in_seconds apply to stream and Kafka sources only: Lambda
#   rejects them on an SQS event source mapping when it is created (provider
#   5.100 lets them through at plan time). There is no on-failure destination
#   for SQS mappings: failed messages go to the queue's dead-letter queue.
# custom:
#   id: SQSL026
#   severity: deny
#   remediation: Remove the stream-only arguments from the SQS mapping; put retries in the queue's redrive policy (maxReceiveCount) and the failure destination on the queue as its DLQ.
#   url: https://docs.aws.amazon.com/lambda/latest/api/API_CreateEventSourceMapping.html
package sqsguard.rules.mapping.sqsl026

import data.sqsguard.lib.model
import data.sqsguard.lib.settings
import data.sqsguard.lib.verdict

findings := verdict.findings(rego.metadata.chain(), violations, unsure)

violations contains verdict.violation(m, [_queue(src)], msg) if {
	some m, src in settings.sqs_sources
	args := settings.stream_args[m]
	count(args) > 0
	msg := concat("", ["SQS mapping sets stream-only arguments: ", concat(", ", args)])
}

# a mapping whose source may be SQS (a variable, a data source) and that sets
# stream-only arguments: valid for a stream, rejected for a queue
unsure contains verdict.unsure_because(m, [], what, object.get(src, "cause", null)) if {
	some m, src in _maybe_sqs
	args := settings.stream_args[m]
	count(args) > 0
	what := concat("", ["whether the source is an SQS queue (", src.why, ") that would reject ", concat(", ", args)])
}

_maybe_sqs[m] := src if {
	some m, res in model.by_type.aws_lambda_event_source_mapping
	not settings.sqs_sources[m]
	src := model.resolve(res, model.val(res, "event_source_arn"), {"aws_sqs_queue"})
	src.status == "unknown"
}

_queue(src) := src.address if src.status == "found"

else := null
