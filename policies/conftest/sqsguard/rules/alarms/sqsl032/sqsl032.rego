# METADATA
# scope: package
# title: Alarm notifies an SNS topic encrypted with aws/sns
# description: |
#   CloudWatch can publish alarm notifications to an encrypted SNS topic only
#   when the key policy lets cloudwatch.amazonaws.com use the key. The AWS
#   managed key alias/aws/sns has a policy nobody can change, so an alarm
#   whose action is such a topic fires into silence.
# custom:
#   id: SQSL032
#   severity: warn
#   remediation: Encrypt the alarm topic with a customer managed KMS key whose key policy allows cloudwatch.amazonaws.com kms:Decrypt and kms:GenerateDataKey*.
#   url: https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html
package sqsguard.rules.alarms.sqsl032

import data.sqsguard.lib.model
import data.sqsguard.lib.verdict

findings := verdict.findings(rego.metadata.chain(), violations, unsure)

_action_attrs := ["alarm_actions", "ok_actions", "insufficient_data_actions"]

# topics[alarm][topic]: the SNS topics in the document an alarm notifies
_topics[alarm][topic] if {
	some alarm, res in model.by_type.aws_cloudwatch_metric_alarm
	some attr in _action_attrs
	some ref in _refs(res, attr)
	r := model.resolve(res, ref, {"aws_sns_topic"})
	r.status == "found"
	topic := r.address
}

# the action strings: known elements, else the configured expression
# (a plan leaves the ARN of a topic created in the same apply unknown)
_refs(res, attr) := [a | some a in v; is_string(a)] if {
	v := model.val(res, attr)
	is_array(v)
	every a in v {
		is_string(a)
	}
} else := [v] if {
	v := model.val(res, attr)
	is_string(v)
} else := [s | some s in res.config[attr].constant_value; is_string(s)] if {
	is_array(res.config[attr].constant_value)
} else := [concat("", ["${", concat(" ", refs), "}"])] if {
	refs := res.config[attr].references
	count(refs) > 0
} else := []

_aws_managed(k) if k in {"alias/aws/sns", "aws/sns"}

_aws_managed(k) if endswith(k, ":alias/aws/sns")

violations contains verdict.violation(alarm, [topic], msg) if {
	some alarm, topics in _topics
	some topic, _ in topics
	k := model.val(model.resources[topic], "kms_master_key_id")
	is_string(k)
	_aws_managed(k)
	msg := concat("", ["alarm notifies ", topic, ", encrypted with the AWS managed key ", k, ": CloudWatch cannot publish to it"])
}

unsure contains verdict.unsure_because(alarm, [topic], what, model.cause(res, "kms_master_key_id")) if {
	some alarm, topics in _topics
	some topic, _ in topics
	res := model.resources[topic]
	k := model.val(res, "kms_master_key_id")
	model.is_template(k)
	not contains(k, "aws_kms_")
	what := model.why(res, "kms_master_key_id")
}
