# METADATA
# title: Redrive (dead-letter queue) rules
# description: Dead-letter queue presence, receive counts, retention and queue types.
package sqsguard.rules.redrive

import data.sqsguard.lib.model
import data.sqsguard.lib.report

# METADATA
# title: Source queue without a dead-letter queue
# description: |
#   Without a redrive policy a message that keeps failing is retried until it
#   expires and is then lost silently.
# custom:
#   id: SQSL003
#   severity: deny
#   remediation: Give the source queue a redrive_policy (inline or aws_sqs_queue_redrive_policy) with a deadLetterTargetArn and maxReceiveCount.
#   url: https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html
findings contains report.finding(rego.metadata.rule(), p.queue.address, _related(p), msg) if {
	some p in model.pipeline_facts
	p.redrive.status == "none"
	msg := concat("", ["source queue ", p.queue.address, " has no redrive policy: failing messages are lost when they expire"])
}

# METADATA
# title: Source queue without a dead-letter queue
# description: Undetermined variant of SQSL003.
# custom:
#   id: SQSL003
#   severity: deny
#   remediation: Give the source queue a redrive_policy (inline or aws_sqs_queue_redrive_policy) with a deadLetterTargetArn and maxReceiveCount.
#   url: https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html
findings contains report.undetermined(rego.metadata.rule(), _resource(p), _related(p), p.redrive.why) if {
	some p in model.pipeline_facts
	p.redrive.status == "unknown"
}

# METADATA
# title: maxReceiveCount outside the recommended range
# description: |
#   A low maxReceiveCount sends healthy messages to the DLQ when the function
#   is throttled; a very high one turns a poison message into a retry storm.
# custom:
#   id: SQSL004
#   severity: warn
#   remediation: Set maxReceiveCount in the redrive policy between 5 and 50 (thresholds max_receive_count_min / max_receive_count_max).
#   url: https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html
findings contains report.finding(rego.metadata.rule(), p.redrive.entry.source, _related(p), msg) if {
	lo := report.thresholds.max_receive_count_min
	hi := report.thresholds.max_receive_count_max
	some p in model.pipeline_facts
	mrc := p.redrive.entry.max_receive_count
	is_number(mrc)
	not _between(mrc, lo, hi)
	msg := concat("", ["maxReceiveCount ", report.n(mrc), " is outside ", report.n(lo), "–", report.n(hi)])
}

# METADATA
# title: maxReceiveCount outside the recommended range
# description: Undetermined variant of SQSL004.
# custom:
#   id: SQSL004
#   severity: warn
#   remediation: Set maxReceiveCount in the redrive policy between 5 and 50 (thresholds max_receive_count_min / max_receive_count_max).
#   url: https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html
findings contains report.undetermined(rego.metadata.rule(), p.redrive.entry.source, _related(p), what) if {
	some p in model.pipeline_facts
	p.redrive.entry.max_receive_count == "unknown"
	what := concat("", ["maxReceiveCount of ", p.redrive.entry.why])
}

# METADATA
# title: Standard DLQ retention shorter than source retention
# description: |
#   A standard DLQ keeps each message's original enqueue timestamp, so a DLQ
#   with a shorter retention than its source deletes redriven messages early.
# custom:
#   id: SQSL005
#   severity: deny
#   remediation: Set message_retention_seconds on the DLQ to at least the source queue's (ideally the 14-day maximum, 1209600 s).
#   url: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html
findings contains report.finding(rego.metadata.rule(), p.dlq.address, _related(p), msg) if {
	some p in model.pipeline_facts
	p.queue.fifo == false
	is_number(p.dlq.retention)
	is_number(p.queue.retention)
	p.dlq.retention < p.queue.retention
	msg := concat("", [
		"DLQ retention ", report.n(p.dlq.retention), " s < source retention ",
		report.n(p.queue.retention), " s (a standard DLQ keeps the original enqueue time)",
	])
}

# METADATA
# title: Standard DLQ retention shorter than source retention
# description: Undetermined variant of SQSL005.
# custom:
#   id: SQSL005
#   severity: deny
#   remediation: Set message_retention_seconds on the DLQ to at least the source queue's (ideally the 14-day maximum, 1209600 s).
#   url: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html
findings contains report.undetermined(rego.metadata.rule(), _resource(p), _related(p), what) if {
	some p in model.pipeline_facts
	p.dlq != null
	p.queue.fifo != true
	whats := array.concat(
		_unknown_fields(p.queue, ["fifo", "retention"]),
		[p.dlq.why.retention | p.dlq.retention == "unknown"],
	)
	count(whats) > 0
	what := concat("; ", whats)
}

# METADATA
# title: FIFO and standard queues mixed in a redrive pair
# description: |
#   The dead-letter queue of a FIFO queue must be FIFO, and the DLQ of a
#   standard queue must be standard; AWS rejects the mixed redrive policy.
# custom:
#   id: SQSL006
#   severity: deny
#   remediation: Make the DLQ the same type as its source queue (fifo_queue on both, or on neither).
#   url: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html
findings contains report.finding(rego.metadata.rule(), p.dlq.address, _related(p), msg) if {
	some p in model.pipeline_facts
	is_boolean(p.queue.fifo)
	is_boolean(p.dlq.fifo)
	p.queue.fifo != p.dlq.fifo
	msg := concat("", ["source queue is ", _kind(p.queue.fifo), " but its DLQ is ", _kind(p.dlq.fifo)])
}

# METADATA
# title: FIFO and standard queues mixed in a redrive pair
# description: Undetermined variant of SQSL006.
# custom:
#   id: SQSL006
#   severity: deny
#   remediation: Make the DLQ the same type as its source queue (fifo_queue on both, or on neither).
#   url: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html
findings contains report.undetermined(rego.metadata.rule(), _resource(p), _related(p), what) if {
	some p in model.pipeline_facts
	p.dlq != null
	whats := [q.why.fifo | some q in [p.queue, p.dlq]; q.fifo == "unknown"]
	count(whats) > 0
	what := concat("; ", whats)
}

# METADATA
# title: Messages can expire before reaching the DLQ
# description: |
#   Each receive keeps a message invisible for the visibility timeout; when
#   maxReceiveCount x visibility timeout reaches the source retention, a
#   failing message expires before it is moved to the DLQ.
# custom:
#   id: SQSL007
#   severity: deny
#   remediation: Lower maxReceiveCount or the visibility timeout, or raise message_retention_seconds on the source queue.
#   url: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html
findings contains report.finding(rego.metadata.rule(), p.queue.address, _related(p), msg) if {
	some p in model.pipeline_facts
	mrc := p.redrive.entry.max_receive_count
	is_number(mrc)
	is_number(p.queue.visibility_timeout)
	is_number(p.queue.retention)
	total := mrc * p.queue.visibility_timeout
	total >= p.queue.retention
	msg := concat("", [
		"maxReceiveCount ", report.n(mrc), " × visibility timeout ", report.n(p.queue.visibility_timeout),
		" s = ", report.n(total), " s ≥ source retention ", report.n(p.queue.retention), " s",
	])
}

# METADATA
# title: Messages can expire before reaching the DLQ
# description: Undetermined variant of SQSL007.
# custom:
#   id: SQSL007
#   severity: deny
#   remediation: Lower maxReceiveCount or the visibility timeout, or raise message_retention_seconds on the source queue.
#   url: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html
findings contains report.undetermined(rego.metadata.rule(), _resource(p), _related(p), what) if {
	some p in model.pipeline_facts
	p.redrive.status == "set"
	whats := array.concat(
		[p.redrive.entry.why | p.redrive.entry.max_receive_count == "unknown"],
		_unknown_fields(p.queue, ["visibility_timeout", "retention"]),
	)
	count(whats) > 0
	what := concat("; ", whats)
}

# METADATA
# title: DLQ accepts messages from any queue
# description: |
#   Without a redrive-allow policy (byQueue), any queue in the account can use
#   the DLQ, mixing failures of unrelated pipelines.
# custom:
#   id: SQSL015
#   severity: warn
#   remediation: Add redrive_allow_policy (or aws_sqs_queue_redrive_allow_policy) with redrivePermission byQueue listing the source queues.
#   url: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html
findings contains report.finding(rego.metadata.rule(), dlq, _sources(dlq), msg) if {
	some dlq, _ in model.dlq_sources
	perms := {e.permission | some e in object.get(model.redrive_allow, dlq, {})}
	not "unknown" in perms
	not _restricted(perms)
	_allow_attributed(perms)
	msg := concat("", ["DLQ ", dlq, " has no redrive-allow policy restricting its source queues"])
}

# METADATA
# title: DLQ accepts messages from any queue
# description: Undetermined variant of SQSL015.
# custom:
#   id: SQSL015
#   severity: warn
#   remediation: Add redrive_allow_policy (or aws_sqs_queue_redrive_allow_policy) with redrivePermission byQueue listing the source queues.
#   url: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html
findings contains report.undetermined(rego.metadata.rule(), dlq, _sources(dlq), what) if {
	some dlq, _ in model.dlq_sources
	perms := {e.permission | some e in object.get(model.redrive_allow, dlq, {})}
	not _restricted(perms)
	what := _allow_unknown(dlq, perms)
}

# METADATA
# title: DLQ retention below 14 days
# description: |
#   A DLQ is where failed messages wait for a person; keep them for the
#   14-day maximum so that a long weekend does not lose them.
# custom:
#   id: SQSL019
#   severity: warn
#   remediation: Set message_retention_seconds on the DLQ to 1209600 (threshold dlq_retention_min_seconds).
#   url: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html
findings contains report.finding(rego.metadata.rule(), dlq, _sources(dlq), msg) if {
	floor_s := report.thresholds.dlq_retention_min_seconds
	some dlq, _ in model.dlq_sources
	r := model.queues[dlq].retention
	is_number(r)
	r < floor_s
	msg := concat("", ["DLQ retention ", report.n(r), " s < ", report.n(floor_s), " s"])
}

# METADATA
# title: DLQ retention below 14 days
# description: Undetermined variant of SQSL019.
# custom:
#   id: SQSL019
#   severity: warn
#   remediation: Set message_retention_seconds on the DLQ to 1209600 (threshold dlq_retention_min_seconds).
#   url: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html
findings contains report.undetermined(rego.metadata.rule(), dlq, _sources(dlq), q.why.retention) if {
	some dlq, _ in model.dlq_sources
	q := model.queues[dlq]
	q.retention == "unknown"
}

_restricted(perms) if "byQueue" in perms

_restricted(perms) if "denyAll" in perms

_allow_attributed(perms) if count(perms) > 0

_allow_attributed(perms) if {
	count(perms) == 0
	count(model.unattributed_redrive_allow) == 0
}

_allow_unknown(dlq, perms) := concat("; ", [e.why |
	some e in model.redrive_allow[dlq]
	e.permission == "unknown"
]) if {
	"unknown" in perms
} else := concat("", ["redrive-allow policies with unresolved queues: ", report.list([k | some k, _ in model.unattributed_redrive_allow])]) if {
	count(perms) == 0
	count(model.unattributed_redrive_allow) > 0
}

_sources(dlq) := [q | some q, _ in model.dlq_sources[dlq]]

_between(x, lo, hi) if {
	x >= lo
	x <= hi
}

_kind(true) := "FIFO"

_kind(false) := "standard"

_related(p) := [p.mapping.address, p.function.address, p.queue.address, object.get(object.get(p, "dlq", {}), "address", null)] if p.dlq != null

else := [p.mapping.address, p.function.address, p.queue.address]

_resource(p) := report.addr_or(p.queue.address, p.mapping.address)

_unknown_fields(obj, fields) := [w | some f in fields; obj[f] == "unknown"; w := obj.why[f]]
