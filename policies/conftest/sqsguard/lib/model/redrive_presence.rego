# Whether a queue has a redrive policy, and its maxReceiveCount, when the plan
# holds the policy as unknown and its configuration keeps only references.
package sqsguard.lib.model

# Whether the redrive policy exists. An inline redrive_policy is optional and
# computed: the plan marks it unknown both when the configuration sets it from
# a resource created in this apply and when a condition leaves it null. Its
# expression keeps only references:
#   none     every queue it references has no instance in the plan (count 0 /
#            empty for_each) and nothing else it references can carry an ARN
#            (variables holding no string, locals that toggle those queues'
#            count): a redrive policy needs a DLQ ARN, so it is null;
#   unknown  it references something else (a condition on each.value, a
#            variable holding a string, any other local): whether there is a
#            DLQ at all is undetermined;
#   set      otherwise.
_redrive_presence(res, attr) := "none" if {
	res.type == "aws_sqs_queue"
	not _has_key(res.values, attr)
	refs := object.get(res.config, [attr, "references"], [])
	queue_refs := [r | some r in refs; startswith(r, "aws_sqs_queue.")]
	count(queue_refs) > 0
	every r in queue_refs {
		_configured_queue(res, r)
		count(_group(_queue_base(res, r))) == 0
	}

	# a for_each key is a string: it could be the DLQ ARN
	every r in refs {
		_plain_redrive_ref(res, r)
		r != "each.key"
	}
} else := "unknown" if {
	res.type == "aws_sqs_queue"
	not _has_key(res.values, attr)
	some r in object.get(res.config, [attr, "references"], [])
	not _plain_redrive_ref(res, r)
} else := "set"

_plain_redrive_ref(_, r) if regex.match(`^(aws_sqs_queue\.|each\.key$|count\.index$)`, r)

_plain_redrive_ref(res, r) if _holds_no_string(_var_value(res, r))

# a local in the count of a queue the expression references: a count toggle
# (a bool or number), not an ARN
_plain_redrive_ref(res, r) if {
	startswith(r, "local.")
	some q in object.get(res.config, ["redrive_policy", "references"], [])
	startswith(q, "aws_sqs_queue.")
	r in object.get(_configured_queue(res, q), ["count_expression", "references"], [])
}

# the queue base address (module instance + type.name) of a reference aws_sqs_queue.x[...]...
_queue_base(res, r) := concat("", [_module_prefix(res), "aws_sqs_queue.", regex.find_all_string_submatch_n(`^aws_sqs_queue\.([A-Za-z0-9_-]+)`, r, 1)[0][1]])

# the configuration block of a referenced queue (in the referring module)
_configured_queue(res, r) := cfg if {
	name := regex.find_all_string_submatch_n(`^aws_sqs_queue\.([A-Za-z0-9_-]+)`, r, 1)[0][1]
	cfg := _config_resources[_join_module(config_module_path(res.module), concat(".", ["aws_sqs_queue", name]))]
}

_holds_no_string(v) if is_number(v)

_holds_no_string(v) if is_boolean(v)

_holds_no_string(v) if {
	is_object(v)
	every x in v {
		not is_string(x)
		not is_object(x)
		not is_array(x)
	}
}

# the value of var.x (from the root variables or through module call arguments), or undefined
_var_value(res, r) := h[1] if {
	startswith(r, "var.")
	h := _value_hop(_value_hop(_value_hop([res, concat("", ["${", r, "}"])])))
	not is_string(h[1])
}

# maxReceiveCount, else the key of a variable object merged into the document
# (terraform-aws-modules/sqs merges var.redrive_policy), else "unknown". A
# variable holding a bare number is not enough: which key it fills (or whether
# it is a condition) is only in the HCL.
_redrive_mrc_or_var(res, attr, v) := n if {
	n := _redrive_mrc(v)
	n != "unknown"
} else := n if {
	nums := {_mrc_in(x) | some r in object.get(res.config, [attr, "references"], []); x := _var_value(res, r)} - {null}
	count(nums) == 1
	some n in nums
} else := "unknown"

_mrc_in(x) := x.maxReceiveCount if is_number(x.maxReceiveCount)

else := null
