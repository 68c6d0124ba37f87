"""moto's server, with three SQS behaviours brought in line with AWS. Nothing else is changed.

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
See docs/emulator-gaps.md.

Usage: python3 moto_server.py -H 127.0.0.1 -p PORT   (the arguments of `moto_server`)
"""
import json
import sys

from moto.server import main
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

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
