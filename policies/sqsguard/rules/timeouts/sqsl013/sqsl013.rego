# METADATA
# scope: package
# title: Function timeout out of range
# description: Lambda function timeouts must be between 1 and 900 seconds.
# custom:
#   id: SQSL013
#   severity: deny
#   remediation: Set timeout on the function to a value between 1 and 900 seconds.
#   url: https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html
package sqsguard.rules.timeouts.sqsl013

import data.sqsguard.lib.pipeline
import data.sqsguard.lib.verdict

findings := verdict.findings(rego.metadata.chain(), violations, unsure)

violations contains verdict.violation(f.address, [], msg) if {
	lo := verdict.limits.function_timeout_min_seconds
	hi := verdict.limits.function_timeout_max_seconds
	some f in pipeline.sqs_functions
	is_number(f.timeout)
	not pipeline.between(f.timeout, lo, hi)
	msg := concat("", ["function timeout ", verdict.n(f.timeout), " s is outside ", verdict.n(lo), "–", verdict.n(hi), " s"])
}

unsure contains verdict.unsure_because(f.address, [], f.why.timeout, f.cause.timeout) if {
	some f in pipeline.sqs_functions
	f.timeout == "unknown"
}
