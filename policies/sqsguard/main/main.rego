# METADATA
# title: sqsguard entrypoints
# description: |
#   Public contract. findings: set of finding objects from every rule package.
#   pipelines: one object per SQS event source mapping.
# entrypoint: true
package sqsguard.main

import data.sqsguard.lib.model
import data.sqsguard.lib.report
import data.sqsguard.rules.alarms
import data.sqsguard.rules.batching
import data.sqsguard.rules.concurrency
import data.sqsguard.rules.function
import data.sqsguard.rules.iam
import data.sqsguard.rules.redrive
import data.sqsguard.rules.security
import data.sqsguard.rules.timeouts

# one term per rule package
findings := ((((((timeouts.findings | redrive.findings) | batching.findings) | concurrency.findings) | function.findings) | alarms.findings) | security.findings) | iam.findings

pipelines := model.pipelines

# the thresholds data.sqsguard_thresholds may override, with their defaults (the CLI rejects others)
threshold_defaults := report.default_thresholds
