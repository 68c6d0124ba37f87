# METADATA
# scope: package
# title: Function dead-letter config on an SQS-fed function
# description: |
#   dead_letter_config only applies to asynchronous invocations; an SQS event
#   source mapping invokes synchronously, so failed messages never reach it.
#   The queue's redrive policy is the DLQ that matters.
# custom:
#   id: SQSL014
#   severity: warn
#   remediation: Remove dead_letter_config from the function and configure a redrive policy on the source queue instead.
#   url: https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html
package sqsguard.rules.function.sqsl014

import data.sqsguard.lib.pipeline
import data.sqsguard.lib.verdict

# dead_letter_config is a plain boolean in the model: never undetermined
findings := verdict.findings(rego.metadata.chain(), violations, set())

violations contains verdict.violation(f.address, _mappings(f.address), _msg) if {
	some f in pipeline.sqs_functions
	f.dead_letter_config
}

_msg := "function dead_letter_config is ignored for SQS event sources (it applies to asynchronous invocations only)"

_mappings(f) := [m | some m, _ in pipeline.function_mappings[f]]
