"""moto's server, with three SQS behaviours and one CloudWatch behaviour brought in line with AWS.
Nothing else is changed.

1. moto (5.2.x) does not know the queue attribute RedriveAllowPolicy: SetQueueAttributes drops it and
   GetQueueAttributes rejects the name, so Terraform's aws_sqs_queue_redrive_allow_policy waits for
   it until its timeout. AWS stores the attribute as given, returns it verbatim, and stops returning
   it once it is set to ""; so does this.
2. moto's SetQueueAttributes clears the queue's Policy whenever the call does not name Policy (it
   assigns `attributes.get("Policy")`). AWS changes only the attributes a call names. Without the
   fix, setting the DLQ's RedriveAllowPolicy erases its TLS-only queue policy, depending on which of
   the two Terraform applies last.
3. moto returns RedrivePolicy re-serialized with spaces (`{"deadLetterTargetArn": "…"}`); AWS
   returns it compact (`{"deadLetterTargetArn":"…","maxReceiveCount":5}`), as Terraform set it, so
   with moto every later plan showed an in-place update of the source queue.
4. moto's CloudWatch alarms never act: a state change (SetAlarmState included) notifies nobody. AWS
   publishes a JSON notification to each SNS topic among the actions of the new state (AlarmActions
   for ALARM, OKActions for OK, InsufficientDataActions for INSUFFICIENT_DATA) when the state
   changes and ActionsEnabled is true; so does this, through moto's own SNS backend (which delivers
   to subscribed SQS queues). moto still checks no KMS key policy: see docs/emulator-gaps.md.
See docs/emulator-gaps.md.

Usage: python3 moto_server.py -H 127.0.0.1 -p PORT   (the arguments of `moto_server`)
"""
import json
import sys

from moto.cloudwatch.models import Alarm
from moto.server import main
from moto.sns.models import sns_backends
from moto.sqs.models import Queue

REDRIVE_ALLOW_POLICY = "RedriveAllowPolicy"
REDRIVE_POLICY = "RedrivePolicy"

if REDRIVE_ALLOW_POLICY not in Queue.BASE_ATTRIBUTES:
    Queue.BASE_ATTRIBUTES = Queue.BASE_ATTRIBUTES + [REDRIVE_ALLOW_POLICY]
    Queue.redrive_allow_policy = None  # moto sets attributes by their snake_case names
    _attributes = Queue.attributes.fget

    def _attributes_like_aws(self):
        result = _attributes(self)
        if not result.get(REDRIVE_ALLOW_POLICY):  # unset, or cleared with ""
            result.pop(REDRIVE_ALLOW_POLICY, None)
        if result.get(REDRIVE_POLICY):
            result[REDRIVE_POLICY] = json.dumps(self.redrive_policy, separators=(",", ":"))
        return result

    Queue.attributes = property(_attributes_like_aws)

_set_attributes = Queue._set_attributes


def _set_attributes_keeping_policy(self, attributes, now=None):
    previous = getattr(self, "policy", None)
    _set_attributes(self, attributes, now)
    if "Policy" not in attributes and previous is not None:
        self.policy = previous


Queue._set_attributes = _set_attributes_keeping_policy

_update_state = Alarm.update_state
if not getattr(_update_state, "publishes_to_sns", False):

    def _actions_for(alarm, state):
        return {"ALARM": alarm.alarm_actions, "OK": alarm.ok_actions}.get(state, alarm.insufficient_data_actions) or []

    def _update_state_and_notify(self, reason, reason_data, state_value):
        old_state = self.state_value
        _update_state(self, reason, reason_data, state_value)
        if state_value == old_state or not self.actions_enabled:
            return
        account_id = self.alarm_arn.split(":")[4]
        message = json.dumps(
            {
                "AlarmName": self.name,
                "AlarmDescription": self.description,
                "AWSAccountId": account_id,
                "NewStateValue": state_value,
                "NewStateReason": reason,
                "StateChangeTime": self.state_updated_timestamp.strftime("%Y-%m-%dT%H:%M:%S.000+0000"),
                "Region": self.region_name,
                "AlarmArn": self.alarm_arn,
                "OldStateValue": old_state,
                "Trigger": {
                    "MetricName": self.metric_name,
                    "Namespace": self.namespace,
                    "Statistic": (self.statistic or "").upper(),
                    "Dimensions": [{"name": d.name, "value": d.value} for d in self.dimensions],
                    "Period": self.period,
                    "EvaluationPeriods": self.evaluation_periods,
                    "ComparisonOperator": self.comparison_operator,
                    "Threshold": self.threshold,
                },
            }
        )
        subject = f'{state_value}: "{self.name}" in {self.region_name}'[:100]
        for action in _actions_for(self, state_value):
            parts = action.split(":")
            if len(parts) >= 6 and parts[2] == "sns":  # other actions (Auto Scaling, EC2, SSM) are not emulated
                sns_backends[parts[4]][parts[3]].publish(message, arn=action, subject=subject)

    _update_state_and_notify.publishes_to_sns = True
    Alarm.update_state = _update_state_and_notify

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
