# METADATA
# title: Alarm helpers shared by the alarm rules
# description: Which queues have CloudWatch alarms on which metric, and what stays unattributed.
package sqsguard.lib.alarms

import data.sqsguard.lib.model
import data.sqsguard.lib.verdict

has_alarm(q, metric) if count(model.alarms[q][metric]) > 0

# why alarm rules cannot decide: alarms whose queue is not resolvable
unattributed := concat("", [
	"alarms whose queue cannot be resolved: ",
	verdict.list([a | some a, _ in model.unattributed_alarms]),
])

# queue_mappings[queue][mapping]: the SQS mappings reading each source queue
queue_mappings[q][m] if {
	some m, p in model.pipeline_facts
	q := p.queue.address
	is_string(q)
}

# mappings_of(q): the mappings reading q
mappings_of(q) := [m | some m, _ in queue_mappings[q]]

# age_limit(q): the highest useful ApproximateAgeOfOldestMessage threshold for q
age_limit(q) := min({r, verdict.thresholds.oldest_message_age_alarm_max_seconds}) if {
	r := model.queues[q].retention
	is_number(r)
} else := verdict.thresholds.oldest_message_age_alarm_max_seconds
