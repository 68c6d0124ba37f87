# METADATA
# title: sqsguard input model
# description: |
#   Normalises both input shapes (synthesized Terraform JSON and
#   `terraform show -json` plans) into one model: resources keyed by address,
#   with known values, template expressions and lookup indexes built once.
package sqsguard.lib.model

# --- input shape -------------------------------------------------------------

is_plan if {
	is_object(input)
	some key in ["resource_changes", "planned_values"]
	key in object.keys(input)
}

_meta_keys := {"//", "count", "for_each", "depends_on", "lifecycle", "provider", "provisioner", "connection"}

# --- synthesized Terraform JSON ----------------------------------------------

# Per-resource collections are object comprehensions, not partial object rules:
# `opa eval` (topdown) pays per result of a partial rule in proportion to the
# rule's size, which made 12k-resource inputs quadratic; comprehensions are
# linear in both engines. Managed and data addresses cannot collide.
_synth_resources := object.union(_synth_managed, _synth_data) if not is_plan

_synth_managed := {addr: res |
	some rtype, name
	block := input.resource[rtype][name]
	is_object(block)
	addr := concat(".", [rtype, name])
	res := _synth_resource(addr, "managed", rtype, name, block)
}

_synth_data := {addr: res |
	some rtype, name
	block := input.data[rtype][name]
	is_object(block)
	addr := concat(".", ["data", rtype, name])
	res := _synth_resource(addr, "data", rtype, name, block)
}

_synth_resource(addr, mode, rtype, name, block) := {
	"address": addr,
	"mode": mode,
	"type": rtype,
	"name": name,
	"module": "",
	"index": null,
	"values": object.remove(block, _meta_keys),
	"exprs": {},
	"config": {},
	"construct_path": object.get(block, ["//", "metadata", "path"], null),
	"type_key": _type_key_of(mode, rtype),
}

# --- Terraform plan JSON -----------------------------------------------------

_root_module := object.get(input, ["configuration", "root_module"], {})

# Module configurations by module path without instance keys, for every module
# that holds a planned resource and every module above one (outputs are read
# on the way). object.get with a key path reaches any depth without recursion.
_config_modules := object.union(
	{"": _root_module},
	{p: m |
		some p in _config_paths
		m := object.get(_root_module, _config_keys(p), null)
		m != null
	},
)

_config_paths := {p |
	some a in _module_addresses
	names := [m[1] | some m in regex.find_all_string_submatch_n(`module\.([A-Za-z0-9_-]+)`, a, -1)]
	some i in numbers.range(1, count(names))
	p := concat(".", [concat("", ["module.", n]) | some n in array.slice(names, 0, i)])
}

_module_addresses := {a |
	some rc in input.resource_changes
	a := object.get(rc, "module_address", "")
	a != ""
} | {a | some a, _ in _prior_modules; a != ""}

# module.a.module.b -> ["module_calls", "a", "module", "module_calls", "b", "module"]
_config_keys(p) := [k |
	some n in split(trim_prefix(p, "module."), ".module.")
	some k in ["module_calls", n, "module"]
]

_config_resources := {key: res |
	some path, mod in _config_modules
	some res in mod.resources
	key := _join_module(path, res.address)
}

_join_module("", addr) := addr

_join_module(path, addr) := concat(".", [path, addr]) if path != ""

# module path without instance keys: module.a[0].module.b["x"] -> module.a.module.b
config_module_path(module_address) := concat(".", [concat("", ["module.", m[1]]) |
	some m in regex.find_all_string_submatch_n(`module\.([A-Za-z0-9_-]+)`, module_address, -1)
])

_config_of(module_address, rc) := object.get(_config_resources, _config_key(module_address, rc), {})

# Root-module resource without an instance key: its address is the key (fast
# path: no regex per resource; Terraform names match [A-Za-z0-9_-]+).
_config_key("", rc) := rc.address if {
	not contains(rc.address, "[")
} else := key if {
	key := _config_key_slow("", rc)
}

_config_key(module_address, rc) := _config_key_slow(module_address, rc) if module_address != ""

_config_key_slow(module_address, rc) := key if {
	local := trim_prefix(trim_prefix(rc.address, module_address), ".")
	base := regex.find_all_string_submatch_n(`^(data\.)?[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+`, local, 1)[0][0]
	key := _join_module(config_module_path(module_address), base)
}

# after without the attributes known only after apply. Terraform leaves those
# out of `after` already, so the copy is skipped unless one is there.
_known_values(after, unknown) := after if {
	not _any_key(after, unknown)
} else := object.remove(after, unknown)

_any_key(obj, keys) if {
	some k in keys
	_has_key(obj, k)
}

# Template string of a configured attribute (JSON-syntax configurations keep
# "${...}" templates in constant_value); HCL expressions become a template
# built from their references. Computed on lookup (see val), not per resource.
_expr_of(res, attr) := v if {
	v := res.exprs[attr]
} else := _expr_template(res.config[attr])

_expr_template(expr) := expr.constant_value if {
	is_string(expr.constant_value)
	contains(expr.constant_value, "${")
}

_has_key(obj, key) if {
	_ = obj[key]
}

_expr_template(expr) := concat("", ["${", concat(" ", expr.references), "}"]) if {
	not _has_key(expr, "constant_value")
	count(expr.references) > 0
}

# resource changes, plus data sources read during planning (disjoint addresses)
_plan_resources := object.union(_planned, _prior_data) if is_plan

_planned := {rc.address: res |
	some rc in input.resource_changes
	rc.change.after != null
	not "forget" in rc.change.actions
	mod := object.get(rc, "module_address", "")
	cfg := _config_of(mod, rc)
	unknown := {k | some k, v in object.get(rc.change, "after_unknown", {}); v == true}
	mode := object.get(rc, "mode", "managed")
	res := {
		"address": rc.address,
		"mode": mode,
		"type": rc.type,
		"name": rc.name,
		"module": mod,
		"index": object.get(rc, "index", null),
		"values": _known_values(rc.change.after, unknown),
		"unknown": object.get(rc.change, "after_unknown", {}),
		"exprs": {},
		"config": object.get(cfg, "expressions", {}),
		"for_each": object.get(cfg, "for_each_expression", null),
		"construct_path": null,
		"type_key": _type_key_of(mode, rc.type),
	}
}

# Data sources read during planning live only in prior_state.
_prior_root := object.get(input, ["prior_state", "values", "root_module"], {})

# prior_state modules by address, unrolled to eight levels (see _config_modules)
_prior_modules := object.union_n([
	{"": _prior_root},
	_prior1, _prior2, _prior3, _prior4, _prior5, _prior6, _prior7, _prior8,
])

_prior1 := _children({"": _prior_root})

_prior2 := _children(_prior1)

_prior3 := _children(_prior2)

_prior4 := _children(_prior3)

_prior5 := _children(_prior4)

_prior6 := _children(_prior5)

_prior7 := _children(_prior6)

_prior8 := _children(_prior7)

_children(parents) := {m.address: m |
	some parent in parents
	some m in parent.child_modules
}

_prior_data := {pr.address: res |
	some mod, pm in _prior_modules
	some pr in pm.resources
	pr.mode == "data"
	not _changed_addresses[pr.address]
	cfg := _config_of(mod, pr)
	res := {
		"address": pr.address,
		"mode": "data",
		"type": pr.type,
		"name": pr.name,
		"module": mod,
		"index": object.get(pr, "index", null),
		"values": pr.values,
		"unknown": {},
		"exprs": {},
		"config": object.get(cfg, "expressions", {}),
		"construct_path": null,
		"type_key": _type_key_of("data", pr.type),
	}
}

_changed_addresses := {rc.address | some rc in input.resource_changes}

# --- the model ---------------------------------------------------------------

# resources: every checked resource (and data source) by address.
resources := _plan_resources if is_plan

else := _synth_resources

# by_type[type][address] := resource (data sources under "data.<type>"). A
# complete rule over a partial one (lookups like `by_type.aws_lambda_alias[a]`
# then cost one evaluation in `opa eval`); iterating a virtual document, the
# partial rule stays linear there, and it is one pass in Wasm.
by_type := _by_type

_by_type[res.type_key][addr] := res if {
	some addr, res in resources
}

_type_key(res) := res.type_key

_type_key_of(mode, rtype) := concat(".", ["data", rtype]) if mode == "data"

else := rtype

# _group(base): the instances of module instance + type.name, {address: true}.
# A resource without an instance key is alone in its group, and its address is
# the group key (Terraform's address format); only instances of count /
# for_each resources are grouped, so no per-resource index is built.
_group(base) := g if {
	g := _indexed_groups[base]
} else := {base: true} if {
	resources[base].index == null
} else := {}

# Looked up by computed keys: a complete rule over the partial one, so
# `opa eval` evaluates it once instead of once per key.
_indexed_groups := _indexed_group_members

_indexed_group_members[base][addr] if {
	some addr, res in resources
	res.index != null
	base := _group_key(res)
}

_group_key(res) := concat("", [_module_prefix(res), _type_key(res), ".", res.name])

_module_prefix(res) := "" if res.module == ""

else := concat("", [res.module, "."])

# construct path (cdktf) of a resource, or null.
construct_path(addr) := object.get(resources, [addr, "construct_path"], null)
