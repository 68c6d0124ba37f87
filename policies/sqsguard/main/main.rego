# METADATA
# title: sqsguard entrypoints
# description: |
#   Public contract. findings: set of finding objects from every rule package.
#   pipelines: one object per SQS event source mapping.
# entrypoint: true
package sqsguard.main

import data.sqsguard.lib.model
import data.sqsguard.lib.verdict

# every rule package under data.sqsguard.rules.<concern>.<id> contributes its
# findings: adding a rule needs no edit here
findings contains f if {
	some concern, rule
	rule_findings := data.sqsguard.rules[concern][rule].findings
	some f in rule_findings
}

pipelines := model.pipelines

# the thresholds data.sqsguard_thresholds may override, with their defaults (the CLI rejects others)
threshold_defaults := verdict.default_thresholds
