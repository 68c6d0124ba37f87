# Shared thresholds and limits (build time only): the document written to
# policies/dist/thresholds.json, the policy's threshold defaults and AWS
# limits, read by the construct so that both sides use the same numbers.
# Not part of the Wasm bundle.
package build

import data.sqsguard.lib.verdict

thresholds_file := {"thresholds": verdict.default_thresholds, "limits": verdict.limits}
