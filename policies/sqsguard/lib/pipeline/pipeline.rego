# METADATA
# title: Pipeline helpers shared by rules
# description: |
#   Small views over data.sqsguard.lib.model.pipeline_facts that several rule
#   packages need: related addresses, fallback resources, unknown-field reasons.
package sqsguard.lib.pipeline

import data.sqsguard.lib.model
import data.sqsguard.lib.verdict

# related(p): the addresses of a pipeline's mapping, function and queue
related(p) := [p.mapping.address, p.function.address, p.queue.address]

# related_with_dlq(p): related(p) plus the DLQ when the queue has one
related_with_dlq(p) := [p.mapping.address, p.function.address, p.queue.address, object.get(object.get(p, "dlq", {}), "address", null)] if p.dlq != null

else := related(p)

# queue_or_mapping(p): the source queue, or the mapping when the queue is not in the document
queue_or_mapping(p) := verdict.addr_or(p.queue.address, p.mapping.address)

# function_or_mapping(p): the function, or the mapping when the function is not in the document
function_or_mapping(p) := verdict.addr_or(p.function.address, p.mapping.address)

# unknown_fields(obj, fields): the reasons of obj's fields that are "unknown"
unknown_fields(obj, fields) := [w | some f in fields; obj[f] == "unknown"; w := obj.why[f]]

# unknowns(p, [[part, field]]): the reasons of p's fields that are "unknown"
unknowns(p, fields) := [p[part].why[field] |
	some pair in fields
	[part, field] := pair
	p[part][field] == "unknown"
]

# first_cause(p, [[part, field]]): the cause code (see cause_of in lib/model) of
# the first of p's fields that is "unknown", or "unspecified"
first_cause(p, fields) := cs[0] if {
	cs := [c |
		some pair in fields
		[part, field] := pair
		p[part][field] == "unknown"
		c := object.get(p[part], ["cause", field], null)
		is_string(c)
	]
	count(cs) > 0
} else := "unspecified"

between(x, lo, hi) if {
	x >= lo
	x <= hi
}

# dlq_sources(dlq): the source queues that redrive into dlq
dlq_sources(dlq) := [q | some q, _ in model.dlq_sources[dlq]]

# sqs_functions: address -> function view, for functions fed by an SQS mapping
sqs_functions[addr] := model.functions[addr] if {
	some p in model.pipeline_facts
	addr := p.function.address
	is_string(addr)
}

# function_mappings[function][mapping]: the SQS mappings of each function
function_mappings[f][m] if {
	some m, p in model.pipeline_facts
	f := p.function.address
	is_string(f)
}
