# METADATA
# scope: package
# title: Event filtering deletes messages
# description: |
#   For SQS sources, Lambda deletes every message that matches none of a
#   mapping's filters. With two or more filtered mappings on one queue, a
#   message can be received by a mapping whose filter it does not match and is
#   deleted there; a filter keyed on anything but body and the documented
#   message metadata matches nothing, so every message is deleted. A single
#   filtered mapping discards everything outside its pattern by design (warn).
# custom:
#   id: SQSL030
#   severity: deny
#   remediation: Use one mapping per queue and filter upstream (SNS subscription filters, EventBridge rules, or one queue per consumer); key filter patterns on body or the documented metadata keys only.
#   url: https://docs.aws.amazon.com/lambda/latest/dg/with-sqs-filtering.html
package sqsguard.rules.mapping.sqsl030

import data.sqsguard.lib.alarms
import data.sqsguard.lib.settings
import data.sqsguard.lib.verdict

findings := verdict.findings(rego.metadata.chain(), violations, unsure) | _single_findings

# top-level keys of the SQS event record a filter can match
filterable := {
	"attributes", "awsRegion", "body", "eventSource", "eventSourceARN",
	"md5OfBody", "md5OfMessageAttributes", "messageAttributes", "messageId", "receiptHandle",
}

# queue -> its filtered mappings
_filtered[q] := [m | some m, _ in ms; settings.filters[m]] if {
	some q, ms in alarms.queue_mappings
}

violations contains verdict.violation(q, ms, msg) if {
	some q, ms in _filtered
	count(ms) > 1
	msg := concat("", [
		verdict.n(count(ms)), " filtered mappings read ", q,
		": a message received by a mapping whose filter it does not match is deleted (",
		verdict.list(ms), ")",
	])
}

violations contains verdict.violation(m, [], msg) if {
	some m, _ in settings.filters
	bad := _unmatchable[m]
	msg := concat("", [
		"filter pattern keyed on ", concat(", ", sort(bad)),
		", which SQS event filtering cannot match: every message is deleted",
	])
}

# mapping -> the pattern keys no SQS record has
_unmatchable[m] := bad if {
	some m, f in settings.filters
	bad := {k | some pattern in f.patterns; is_object(pattern); some k, _ in pattern; not k in filterable}
	count(bad) > 0
}

unsure contains verdict.unsure(m, [], f.why) if {
	some m, f in settings.filters
	"unknown" in f.patterns
}

# one filtered mapping on its queue: works as designed, but discards by design
_single_findings := verdict.at_severity(rego.metadata.chain(), _single, "warn")

_single contains verdict.violation(m, [q], msg) if {
	some q, ms in _filtered
	count(ms) == 1
	m := ms[0]
	not _unmatchable[m]
	msg := concat("", ["Lambda deletes every message of ", q, " that matches none of this mapping's filters (warn: one filtered consumer)"])
}
