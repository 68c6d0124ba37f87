package main

// The evaluated configuration as a `terraform show -json` plan: resource_changes with `after`
// where known and `after_unknown` where not, and `configuration` with constants, references and
// module calls, so the policy reads it exactly as it reads a plan.

import (
	"bytes"
	"encoding/json"
	"math/big"
	"regexp"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

func encodeJSON(v interface{}) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
	return strings.TrimSuffix(buf.String(), "\n")
}

func toJSON(v cty.Value) interface{} {
	v, _ = v.UnmarkDeep()
	if !v.IsKnown() || v.IsNull() {
		return nil
	}
	ty := v.Type()
	switch {
	case ty == cty.String:
		return v.AsString()
	case ty == cty.Bool:
		return v.True()
	case ty == cty.Number:
		return json.Number(numberText(v.AsBigFloat()))
	case ty.IsObjectType() || ty.IsMapType():
		out := map[string]interface{}{}
		for it := v.ElementIterator(); it.Next(); {
			k, e := it.Element()
			out[k.AsString()] = toJSON(e)
		}
		return out
	case ty.IsListType() || ty.IsTupleType() || ty.IsSetType():
		out := []interface{}{}
		for it := v.ElementIterator(); it.Next(); {
			_, e := it.Element()
			out = append(out, toJSON(e))
		}
		return out
	}
	return nil
}

func numberText(f *big.Float) string {
	if f.IsInt() {
		i, _ := f.Int(nil)
		return i.String()
	}
	return f.Text('g', -1)
}

// split: the known part of a value (unknown object attributes left out, unknown list elements
// null) and its after_unknown mirror (true leaves), nil when nothing is unknown. A jsonencode()
// whose constants are known beside values known after apply is written as a template, as
// synthesized Terraform JSON writes one ("${...}" tokens of resources in `module`).
func split(v cty.Value, module string) (known interface{}, hasKnown bool, unknown interface{}) {
	if t, ok := partialTemplate(v); ok {
		if resolved, ok := resolveTemplate(t, module); ok {
			return resolved, true, nil
		}
	}
	v, _ = v.Unmark()
	if !v.IsKnown() {
		return nil, false, true
	}
	if v.IsNull() {
		return nil, true, nil
	}
	ty := v.Type()
	switch {
	case ty.IsObjectType() || ty.IsMapType():
		k := map[string]interface{}{}
		u := map[string]interface{}{}
		for it := v.ElementIterator(); it.Next(); {
			key, e := it.Element()
			ek, eh, eu := split(e, module)
			if eh {
				k[key.AsString()] = ek
			}
			if eu != nil {
				u[key.AsString()] = eu
			}
		}
		if len(u) == 0 {
			return k, true, nil
		}
		return k, true, u
	case ty.IsListType() || ty.IsTupleType() || ty.IsSetType():
		k := []interface{}{}
		u := []interface{}{}
		any := false
		for it := v.ElementIterator(); it.Next(); {
			_, e := it.Element()
			if t, ok := referenceToken(e, module); ok {
				// an element that is one resource attribute known after apply (a document's json in
				// source_policy_documents): its "${...}" reference, as synthesized Terraform JSON writes it
				k = append(k, t)
				u = append(u, false)
				continue
			}
			ek, _, eu := split(e, module)
			k = append(k, ek)
			if eu != nil {
				any = true
				u = append(u, eu)
			} else {
				u = append(u, false)
			}
		}
		if !any {
			return k, true, nil
		}
		return k, true, u
	}
	return toJSON(v), true, nil
}

// referenceToken: "${type.name.attr}" for an unknown value that is an attribute of one resource
// of `module` itself (not derived from it), else ok false.
func referenceToken(v cty.Value, module string) (string, bool) {
	if v.IsKnown() {
		return "", false
	}
	plain, marks := v.Unmark()
	t, ok := tokenFor(plain, cty.Path{}, []cty.PathValueMarks{{Path: cty.Path{}, Marks: marks}})
	if !ok {
		return "", false
	}
	return resolveTemplate(t, module)
}

// partialTemplate: the template of an unknown jsonencode() result, if the value is one.
func partialTemplate(v cty.Value) (string, bool) {
	if v.IsKnown() {
		return "", false
	}
	for m := range v.Marks() {
		if p, ok := m.(partialMark); ok {
			return p.Template, true
		}
	}
	return "", false
}

// --- configuration ---------------------------------------------------------------------------

var keySuffix = regexp.MustCompile(`\[[^\]]*\]`)

func configPath(instancePath string) string { return keySuffix.ReplaceAllString(instancePath, "") }

// references in Terraform's form: aws_x.y[0].arn, aws_x.y[0], aws_x.y; var.x; module.m.out, module.m.
func references(expr hcl.Expression) []string {
	seen := map[string]bool{}
	var out []string
	add := func(s string) {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	for _, t := range expr.Variables() {
		parts := []string{}
		for _, s := range t {
			switch x := s.(type) {
			case hcl.TraverseRoot:
				parts = append(parts, x.Name)
			case hcl.TraverseAttr:
				parts = append(parts, "."+x.Name)
			case hcl.TraverseIndex:
				k, _ := x.Key.Unmark()
				if k.Type() == cty.String {
					parts = append(parts, "["+encodeJSON(k.AsString())+"]")
				} else if k.Type() == cty.Number {
					parts = append(parts, "["+numberText(k.AsBigFloat())+"]")
				}
			}
		}
		if len(parts) == 0 {
			continue
		}
		switch parts[0] {
		case "var", "local", "each", "count", "path", "terraform", "self":
			n := len(parts)
			if n > 2 {
				n = 2
			}
			add(strings.Join(parts[:n], ""))
			continue
		}
		n := 2 // type.name, module.name
		if parts[0] == "data" {
			n = 3
		}
		if len(parts) < n {
			add(strings.Join(parts, ""))
			continue
		}
		subject := strings.Join(parts[:n], "")
		rest := parts[n:]
		idx := ""
		if len(rest) > 0 && strings.HasPrefix(rest[0], "[") {
			idx, rest = rest[0], rest[1:]
		}
		if len(rest) > 0 && strings.HasPrefix(rest[0], ".") {
			add(subject + idx + rest[0])
		}
		if idx != "" {
			add(subject + idx)
		}
		add(subject)
	}
	return out
}

func exprJSON(expr hcl.Expression) map[string]interface{} {
	if len(expr.Variables()) == 0 {
		v, diags := expr.Value(&hcl.EvalContext{Functions: functionsFor(expr)})
		if !diags.HasErrors() && v.IsWhollyKnown() {
			return map[string]interface{}{"constant_value": toJSON(v)}
		}
		// Unknown without references (a function not run, e.g. file()): name what is not known,
		// so the policy reads it as unknown, not as an attribute left unset.
		return map[string]interface{}{"references": notEvaluated(expr)}
	}
	return map[string]interface{}{"references": references(expr)}
}

// notEvaluated: "file()" for each function call the reader does not run, else "unknown".
func notEvaluated(expr hcl.Expression) []string {
	var out []string
	if se, ok := expr.(hclsyntax.Expression); ok {
		_ = hclsyntax.VisitAll(se, func(n hclsyntax.Node) hcl.Diagnostics {
			if fc, ok := n.(*hclsyntax.FunctionCallExpr); ok {
				if _, known := baseFunctions[fc.Name]; !known {
					out = append(out, fc.Name+"()")
				}
			}
			return nil
		})
	}
	if len(out) == 0 {
		out = []string{"unknown"}
	}
	return out
}

func bodyExpressions(body hcl.Body) map[string]interface{} {
	out := map[string]interface{}{}
	sb, ok := body.(*hclsyntax.Body)
	if !ok {
		attrs, _ := body.JustAttributes()
		for n, a := range attrs {
			out[n] = exprJSON(a.Expr)
		}
		return out
	}
	for n, a := range sb.Attributes {
		if !isMeta(n) {
			out[n] = exprJSON(a.Expr)
		}
	}
	for _, b := range sb.Blocks {
		switch b.Type {
		case "lifecycle", "provisioner", "connection":
			continue
		case "dynamic":
			// the blocks depend on what for_each iterates: its references, as for an attribute
			if fe := b.Body.Attributes["for_each"]; fe != nil && len(b.Labels) == 1 {
				if _, seen := out[b.Labels[0]]; !seen {
					out[b.Labels[0]] = exprJSON(fe.Expr)
				}
			}
			continue
		}
		list, _ := out[b.Type].([]interface{})
		out[b.Type] = append(list, bodyExpressions(b.Body))
	}
	return out
}

type planBuilder struct {
	ev      *Evaluator
	changes []map[string]interface{}
	// config module path -> resource key -> attr -> what every instance's value is: a jsonencode()
	// template with "${...}" tokens, or null
	constants map[string]map[string]map[string]interface{}
	conflicts map[string]bool
	locations map[string]*Location
	paths     []string
}

type Loc struct {
	File string `json:"file"`
	Line int    `json:"line"`
}

type Location struct {
	Loc
	Attributes map[string]Loc `json:"attributes,omitempty"`
}

func (pb *planBuilder) noteConstant(mi *ModInst, key, attr string, value interface{}) {
	cp := configPath(mi.Path)
	if pb.constants[cp] == nil {
		pb.constants[cp] = map[string]map[string]interface{}{}
	}
	if pb.constants[cp][key] == nil {
		pb.constants[cp][key] = map[string]interface{}{}
	}
	id := cp + "\x00" + key + "\x00" + attr
	if old, ok := pb.constants[cp][key][attr]; ok && encodeJSON(old) != encodeJSON(value) {
		pb.conflicts[id] = true // instances disagree: no one constant for the block
	}
	pb.constants[cp][key][attr] = value
}

func (pb *planBuilder) instance(mi *ModInst, inst *Instance) {
	after := map[string]interface{}{}
	unknown := map[string]interface{}{}
	for n, v := range inst.Attrs {
		if t, ok := partialTemplate(v); ok {
			// the block's expression carries the template too when every instance agrees
			if resolved, ok := resolveTemplate(t, mi.Path); ok {
				pb.noteConstant(mi, inst.Res.Key(), n, resolved)
			}
		}
		k, has, u := split(v, mi.Path)
		// An unknown list element stays null in `after` and true in its after_unknown mirror, as
		// Terraform writes it: the policy fills it from the configuration or leaves it undecided.
		if has {
			after[n] = k
		}
		if u != nil {
			unknown[n] = u
		}
		if plain, _ := v.UnmarkDeep(); plain.IsKnown() && plain.IsNull() {
			// a plan shows a computed attribute configured null as unknown; the source says null
			pb.noteConstant(mi, inst.Res.Key(), n, nil)
		}
	}
	action := "create"
	if inst.Res.Mode == "data" {
		action = "read"
	}
	rc := map[string]interface{}{
		"address": inst.Address,
		"mode":    inst.Res.Mode,
		"type":    inst.Res.Type,
		"name":    inst.Res.Name,
		"change":  map[string]interface{}{"actions": []string{action}, "before": nil, "after": after, "after_unknown": unknown},
	}
	if mi.Path != "" {
		rc["module_address"] = mi.Path
	}
	if inst.Index != nil {
		rc["index"] = inst.Index
	}
	pb.changes = append(pb.changes, rc)
	loc := &Location{Loc: Loc{File: inst.Res.Decl.Filename, Line: inst.Res.Decl.Start.Line}, Attributes: map[string]Loc{}}
	for _, p := range pb.paths {
		if l, ok := attributeOrigin(inst, strings.Split(p, ".")); ok {
			loc.Attributes[p] = l
		}
	}
	pb.locations[inst.Address] = loc
}

func (pb *planBuilder) configModule(m *Module, cp string) map[string]interface{} {
	resources := []interface{}{}
	for _, r := range m.Resources {
		exprs := bodyExpressions(r.Body)
		for attr, t := range pb.constants[cp][r.Key()] {
			if pb.conflicts[cp+"\x00"+r.Key()+"\x00"+attr] {
				continue
			}
			e, _ := exprs[attr].(map[string]interface{})
			if e == nil {
				e = map[string]interface{}{}
			}
			e["constant_value"] = t
			exprs[attr] = e
		}
		res := map[string]interface{}{"address": r.Key(), "mode": r.Mode, "type": r.Type, "name": r.Name, "expressions": exprs}
		if r.Count != nil {
			res["count_expression"] = exprJSON(r.Count)
		}
		if r.ForEach != nil {
			res["for_each_expression"] = exprJSON(r.ForEach)
		}
		resources = append(resources, res)
	}
	out := map[string]interface{}{"resources": resources}
	if len(m.Variables) > 0 {
		vars := map[string]interface{}{}
		for n := range m.Variables {
			vars[n] = map[string]interface{}{}
		}
		out["variables"] = vars
	}
	if len(m.Outputs) > 0 {
		outputs := map[string]interface{}{}
		for n, a := range m.Outputs {
			outputs[n] = map[string]interface{}{"expression": exprJSON(a.Expr)}
		}
		out["outputs"] = outputs
	}
	if len(m.Calls) > 0 {
		calls := map[string]interface{}{}
		for _, c := range m.Calls {
			call := map[string]interface{}{"source": c.Source}
			exprs := map[string]interface{}{}
			for n, a := range c.Args {
				exprs[n] = exprJSON(a.Expr)
			}
			call["expressions"] = exprs
			if c.Count != nil {
				call["count_expression"] = exprJSON(c.Count)
			}
			if c.ForEach != nil {
				call["for_each_expression"] = exprJSON(c.ForEach)
			}
			if c.Module != nil {
				call["module"] = pb.configModule(c.Module, joinPath(cp, "module."+c.Name))
			}
			calls[c.Name] = call
		}
		out["module_calls"] = calls
	}
	return out
}

type Result struct {
	Plan      map[string]interface{} `json:"plan"`
	Locations map[string]*Location   `json:"locations"`
}

// BuildPlan: the plan-shaped document and, per resource instance, where it and the given attribute
// paths (e.g. "redrive_policy.maxReceiveCount") were written.
func BuildPlan(ev *Evaluator, paths []string) *Result {
	pb := &planBuilder{ev: ev, constants: map[string]map[string]map[string]interface{}{}, conflicts: map[string]bool{},
		locations: map[string]*Location{}, paths: paths}
	for _, mi := range ev.insts {
		for _, r := range mi.Mod.Resources {
			for _, inst := range mi.instances[r.Key()] {
				pb.instance(mi, inst)
			}
		}
	}
	sort.SliceStable(pb.changes, func(i, j int) bool {
		return pb.changes[i]["address"].(string) < pb.changes[j]["address"].(string)
	})
	changes := make([]interface{}, len(pb.changes))
	for i, c := range pb.changes {
		changes[i] = c
	}
	variables := map[string]interface{}{}
	for n, v := range ev.root.Vars {
		if plain, _ := v.UnmarkDeep(); plain.IsWhollyKnown() {
			variables[n] = map[string]interface{}{"value": toJSON(plain)}
		}
	}
	plan := map[string]interface{}{
		"format_version":    "1.2",
		"terraform_version": "sqsguard-hcl",
		"variables":         variables,
		"planned_values":    map[string]interface{}{"root_module": map[string]interface{}{}},
		"resource_changes":  changes,
		"configuration":     map[string]interface{}{"root_module": pb.configModule(ev.root.Mod, "")},
	}
	return &Result{Plan: plan, Locations: pb.locations}
}
