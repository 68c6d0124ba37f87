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

_synth_resources[addr] := res if {
	not is_plan
	some rtype, name
	block := input.resource[rtype][name]
	is_object(block)
	addr := concat(".", [rtype, name])
	res := _synth_resource(addr, "managed", rtype, name, block)
}

_synth_resources[addr] := res if {
	not is_plan
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
}

# --- Terraform plan JSON -----------------------------------------------------

_root_module := object.get(input, ["configuration", "root_module"], {})

# Module configurations by module path without instance keys; nesting up to
# four levels (Rego has no recursion).
_config_modules[""] := _root_module

_config_modules[path] := mod if {
	some n1
	mod := _root_module.module_calls[n1].module
	path := concat("", ["module.", n1])
}

_config_modules[path] := mod if {
	some n1, n2
	mod := _root_module.module_calls[n1].module.module_calls[n2].module
	path := concat("", ["module.", n1, ".module.", n2])
}

_config_modules[path] := mod if {
	some n1, n2, n3
	mod := _root_module.module_calls[n1].module.module_calls[n2].module.module_calls[n3].module
	path := concat("", ["module.", n1, ".module.", n2, ".module.", n3])
}

_config_modules[path] := mod if {
	some n1, n2, n3, n4
	calls := _root_module.module_calls[n1].module.module_calls[n2].module.module_calls[n3].module.module_calls
	mod := calls[n4].module
	path := concat("", ["module.", n1, ".module.", n2, ".module.", n3, ".module.", n4])
}

_config_resources[key] := res if {
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

_config_key(module_address, rc) := key if {
	local := trim_prefix(trim_prefix(rc.address, module_address), ".")
	base := regex.find_all_string_submatch_n(`^(data\.)?[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+`, local, 1)[0][0]
	key := _join_module(config_module_path(module_address), base)
}

# Template strings of configured attributes (JSON-syntax configurations keep
# "${...}" templates in constant_value); HCL expressions become a template
# built from their references.
_exprs(cfg) := {attr: tmpl |
	some attr, expr in object.get(cfg, "expressions", {})
	tmpl := _expr_template(expr)
}

_expr_template(expr) := expr.constant_value if {
	is_string(expr.constant_value)
	contains(expr.constant_value, "${")
}

_expr_template(expr) := concat("", ["${", concat(" ", expr.references), "}"]) if {
	not "constant_value" in object.keys(expr)
	count(expr.references) > 0
}

_plan_resources[rc.address] := res if {
	is_plan
	some rc in input.resource_changes
	rc.change.after != null
	not "forget" in rc.change.actions
	mod := object.get(rc, "module_address", "")
	cfg := _config_of(mod, rc)
	unknown := {k | some k, v in object.get(rc.change, "after_unknown", {}); v == true}
	res := {
		"address": rc.address,
		"mode": object.get(rc, "mode", "managed"),
		"type": rc.type,
		"name": rc.name,
		"module": mod,
		"index": object.get(rc, "index", null),
		"values": object.remove(rc.change.after, unknown),
		"unknown": object.get(rc.change, "after_unknown", {}),
		"exprs": _exprs(cfg),
		"config": object.get(cfg, "expressions", {}),
		"construct_path": null,
	}
}

# Data sources read during planning live only in prior_state.
_prior_modules[""] := object.get(input, ["prior_state", "values", "root_module"], {})

_prior_modules[m.address] := m if {
	some m in input.prior_state.values.root_module.child_modules
}

_prior_modules[m.address] := m if {
	some c in input.prior_state.values.root_module.child_modules
	some m in c.child_modules
}

_plan_resources[pr.address] := res if {
	is_plan
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
		"exprs": _exprs(cfg),
		"config": object.get(cfg, "expressions", {}),
		"construct_path": null,
	}
}

_changed_addresses[rc.address] := true if {
	some rc in input.resource_changes
}

# --- the model ---------------------------------------------------------------

# resources: every checked resource (and data source) by address.
resources := _plan_resources if is_plan

else := _synth_resources

# by_type[type][address] := resource (data sources under "data.<type>")
by_type[key][addr] := res if {
	some addr, res in resources
	key := _type_key(res)
}

_type_key(res) := concat(".", ["data", res.type]) if res.mode == "data"

else := res.type

# groups of instances: module instance + type.name -> {address: true}
_groups[base][addr] if {
	some addr, res in resources
	base := _group_key(res)
}

_group_key(res) := concat("", [_module_prefix(res), _type_key(res), ".", res.name])

_module_prefix(res) := "" if res.module == ""

else := concat("", [res.module, "."])

# construct path (cdktf) of a resource, or null.
construct_path(addr) := object.get(resources, [addr, "construct_path"], null)
