# METADATA
# title: Queue security rules
# description: Encryption, public queue policies and TLS-only access for every queue.
package sqsguard.rules.security

import data.sqsguard.lib.model
import data.sqsguard.lib.report

# METADATA
# title: Queue not encrypted at rest
# description: |
#   Queues must be encrypted with SSE-SQS or a KMS key. Provider 5.x enables
#   SSE-SQS by default; this finds queues where it was switched off without a key.
# custom:
#   id: SQSL020
#   severity: deny
#   remediation: Remove sqs_managed_sse_enabled = false, or set kms_master_key_id.
#   url: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-server-side-encryption.html
findings contains report.finding(rego.metadata.rule(), addr, [], "queue is not encrypted: sqs_managed_sse_enabled = false and no kms_master_key_id") if {
	some addr, q in model.queues
	q.kms_key in {null, ""}
	q.sse == false
}

# METADATA
# title: Queue not encrypted at rest
# description: Undetermined variant of SQSL020.
# custom:
#   id: SQSL020
#   severity: deny
#   remediation: Remove sqs_managed_sse_enabled = false, or set kms_master_key_id.
#   url: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-server-side-encryption.html
findings contains report.undetermined(rego.metadata.rule(), addr, [], q.why.sse) if {
	some addr, q in model.queues
	q.kms_key in {null, ""}
	q.sse == "unknown"
}

# METADATA
# title: Queue policy open to everyone
# description: |
#   An Allow statement with Principal "*" and no Condition lets any AWS
#   account (or anonymous caller) use the queue.
# custom:
#   id: SQSL021
#   severity: deny
#   remediation: Name the principals in the queue policy, or narrow the statement with a Condition (aws:SourceArn, aws:SourceAccount, aws:PrincipalOrgID).
#   url: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-security-best-practices.html
findings contains report.finding(rego.metadata.rule(), stmt.src, [q], msg) if {
	some q, docs in model.queue_policies
	some doc in docs
	doc.status == "known"
	some stmt in doc.statements
	stmt.effect == "Allow"
	stmt.principal_star == true
	count(stmt.conditions) == 0
	msg := concat("", ["policy on ", q, " allows Principal \"*\" without a Condition (actions: ", concat(", ", stmt.actions), ")"])
}

# METADATA
# title: Queue policy open to everyone
# description: Undetermined variant of SQSL021.
# custom:
#   id: SQSL021
#   severity: deny
#   remediation: Name the principals in the queue policy, or narrow the statement with a Condition (aws:SourceArn, aws:SourceAccount, aws:PrincipalOrgID).
#   url: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-security-best-practices.html
findings contains report.undetermined(rego.metadata.rule(), src, [q], doc.why) if {
	some q, docs in model.queue_policies
	some src, doc in docs
	doc.status == "unknown"
}

# METADATA
# title: Queue without a TLS-only policy
# description: |
#   Without a Deny statement on aws:SecureTransport = false the queue accepts
#   requests over plain HTTP.
# custom:
#   id: SQSL022
#   severity: warn
#   remediation: Add a queue policy statement Effect Deny, Principal "*", Action "sqs:*", Condition Bool aws:SecureTransport "false".
#   url: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-security-best-practices.html
findings contains report.finding(rego.metadata.rule(), addr, [], "queue has no policy statement denying requests without TLS (aws:SecureTransport)") if {
	some addr, _ in model.queues
	not _tls_only(addr)
	not _policy_unknown(addr)
}

# METADATA
# title: Queue without a TLS-only policy
# description: Undetermined variant of SQSL022.
# custom:
#   id: SQSL022
#   severity: warn
#   remediation: Add a queue policy statement Effect Deny, Principal "*", Action "sqs:*", Condition Bool aws:SecureTransport "false".
#   url: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-security-best-practices.html
findings contains report.undetermined(rego.metadata.rule(), addr, [], what) if {
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
} else := concat("", ["queue policies whose queue cannot be resolved: ", report.list([a | some a, _ in model.unattributed_queue_policies])]) if {
	count(model.unattributed_queue_policies) > 0
}

_as_array(x) := x if is_array(x)

else := [x]

format_bool(x) := x if is_string(x)

else := "true" if x == true

else := "false" if x == false

else := "other"
