# METADATA
# scope: package
# title: Queue without a TLS-only policy
# description: |
#   Without a Deny statement on aws:SecureTransport = false the queue accepts
#   requests over plain HTTP.
# custom:
#   id: SQSL022
#   severity: warn
#   remediation: Add a queue policy statement Effect Deny, Principal "*", Action "sqs:*", Condition Bool aws:SecureTransport "false".
#   url: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-security-best-practices.html
package sqsguard.rules.security.sqsl022

import data.sqsguard.lib.model
import data.sqsguard.lib.verdict

findings := verdict.findings(rego.metadata.chain(), violations, unsure)

violations contains verdict.violation(addr, [], "queue has no policy statement denying requests without TLS (aws:SecureTransport)") if {
	some addr, _ in model.queues
	not _tls_only(addr)
	not _policy_unknown(addr)
}

unsure contains verdict.unsure_because(addr, [], what, _policy_cause(addr)) if {
	some addr, _ in model.queues
	not _tls_only(addr)
	what := _policy_unknown(addr)
}

_tls_only(q) if {
	some doc in model.queue_policies[q]
	doc.status == "known"
	some stmt in doc.statements
	stmt.effect == "Deny"
	some key, vars in stmt.conditions
	lower(key) in {"bool", "boolifexists"}
	some var, v in vars
	lower(var) == "aws:securetransport"
	some x in _as_array(v)
	lower(format_bool(x)) == "false"
}

_policy_unknown(q) := concat("; ", [doc.why | some doc in model.queue_policies[q]; doc.status == "unknown"]) if {
	some doc in model.queue_policies[q]
	doc.status == "unknown"
} else := concat("", ["queue policies whose queue cannot be resolved: ", verdict.list([a | some a, _ in model.unattributed_queue_policies])]) if {
	count(model.unattributed_queue_policies) > 0
}

_policy_cause(q) := c if {
	some doc in model.queue_policies[q]
	doc.status == "unknown"
	c := object.get(doc, "cause", "unspecified")
} else := "unattributed_resource"

_as_array(x) := x if is_array(x)

else := [x]

format_bool(x) := x if is_string(x)

else := "true" if x == true

else := "false" if x == false

else := "other"
