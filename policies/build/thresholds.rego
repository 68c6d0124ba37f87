# Shared thresholds and limits (build time only): the document written to
# policies/dist/thresholds.json, the policy's threshold defaults and AWS
# limits, read by the construct so that both sides use the same numbers.
# Not part of the Wasm bundle.
package build

import data.sqsguard.lib.report

thresholds_file := {"thresholds": report.default_thresholds, "limits": report.limits}
