# METADATA
# title: Function rules
# description: Function settings that do not apply to SQS-fed functions.
package sqsguard.rules.function

import data.sqsguard.lib.model
import data.sqsguard.lib.report

# METADATA
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
findings contains report.finding(rego.metadata.rule(), f.address, _mappings(f.address), _msg) if {
	some f in _sqs_functions
	f.dead_letter_config
}

_msg := "function dead_letter_config is ignored for SQS event sources (it applies to asynchronous invocations only)"

_sqs_functions[addr] := model.functions[addr] if {
	some p in model.pipeline_facts
	addr := p.function.address
	is_string(addr)
}

_fn_mappings[f][m] if {
	some m, p in model.pipeline_facts
	f := p.function.address
	is_string(f)
}

_mappings(f) := [m | some m, _ in _fn_mappings[f]]
