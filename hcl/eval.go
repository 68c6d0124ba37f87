package main

// Evaluation: what a reviewer could work out by reading the configuration. Literals, variables
// (defaults, tfvars), locals, the common functions, conditionals, count/for_each over known
// collections and local modules are evaluated; another resource's attribute stays an unknown
// value marked with the resource it points to; anything else is unknown (undetermined).

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/tryfunc"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
	ctyjson "github.com/zclconf/go-cty/cty/json"
)

// refMark: the value is (derived from) an attribute of a resource instance that is unknown before apply.
type refMark struct {
	Module string // module instance path, "" for the root module
	Addr   string // instance address inside that module, e.g. aws_sqs_queue.dlq[0]
	Attr   string
}

// partialMark: an unknown jsonencode() result whose constants are known; Template is its JSON
// with each unknown leaf written as a "${...}" token (see tokenFor).
type partialMark struct{ Template string }

type Evaluator struct {
	host     Host
	rootDir  string
	attrs    map[string]bool // every attribute name referenced anywhere: the resource objects' shape
	root     *ModInst
	insts    []*ModInst // every module instance, in creation order
	varFiles []tfvar
}

type tfvar struct {
	name string
	attr *hcl.Attribute
}

type cell struct {
	state int // 0 new, 1 evaluating, 2 done
	val   cty.Value
}

type ModInst struct {
	ev     *Evaluator
	Mod    *Module
	Path   string // e.g. module.a["x"].module.b; "" for the root module
	Vars   map[string]cty.Value
	varSrc map[string]source // where each variable's value was written, for locations
	locals map[string]*cell
	res    map[string]*cell
	calls  map[string]*cell
	// instances of each resource block, by resource key, once evaluated
	instances map[string][]*Instance
	children  map[string][]*ModInst
}

// source: an expression and the scope it is evaluated in (nil scope: a constant, as in tfvars).
type source struct {
	expr hcl.Expression
	sc   *scope
}

type scope struct {
	mi *ModInst
	// unknownInstance: an instance of a block whose count / for_each is not known (each.key,
	// each.value and count.index are unknown)
	unknownInstance bool
	eachKey         *cty.Value
	eachValue       cty.Value
	eachSource      *source // the for_each expression, for locations
	countIndex      *int
	countExpr       hcl.Expression
}

type Instance struct {
	Res     *Resource
	Address string // full address
	Local   string // address inside the module
	Index   interface{}
	Attrs   map[string]cty.Value
	sc      *scope
}

func unknownMarked(m interface{}) cty.Value { return cty.DynamicVal.Mark(m) }

type undetMark struct{ Why string }

// --- functions -------------------------------------------------------------------------------

var baseFunctions map[string]function.Function

func init() {
	baseFunctions = map[string]function.Function{
		"abs": stdlib.AbsoluteFunc, "ceil": stdlib.CeilFunc, "floor": stdlib.FloorFunc, "max": stdlib.MaxFunc, "min": stdlib.MinFunc,
		"log": stdlib.LogFunc, "pow": stdlib.PowFunc, "signum": stdlib.SignumFunc, "parseint": stdlib.ParseIntFunc,
		"chomp": stdlib.ChompFunc, "format": stdlib.FormatFunc, "formatlist": stdlib.FormatListFunc, "indent": stdlib.IndentFunc,
		"join": stdlib.JoinFunc, "lower": stdlib.LowerFunc, "upper": stdlib.UpperFunc, "regex": stdlib.RegexFunc, "regexall": stdlib.RegexAllFunc,
		"replace": stdlib.ReplaceFunc, "split": stdlib.SplitFunc, "strrev": stdlib.ReverseFunc, "substr": stdlib.SubstrFunc,
		"title": stdlib.TitleFunc, "trim": stdlib.TrimFunc, "trimprefix": stdlib.TrimPrefixFunc, "trimsuffix": stdlib.TrimSuffixFunc,
		"trimspace": stdlib.TrimSpaceFunc, "chunklist": stdlib.ChunklistFunc, "coalesce": terraformCoalesce,
		"coalescelist": stdlib.CoalesceListFunc, "compact": stdlib.CompactFunc, "concat": stdlib.ConcatFunc, "contains": stdlib.ContainsFunc,
		"distinct": stdlib.DistinctFunc, "element": stdlib.ElementFunc, "flatten": stdlib.FlattenFunc, "index": stdlib.IndexFunc,
		"keys": stdlib.KeysFunc, "length": stdlib.LengthFunc, "lookup": stdlib.LookupFunc, "merge": stdlib.MergeFunc,
		"range": stdlib.RangeFunc, "reverse": stdlib.ReverseListFunc, "setintersection": stdlib.SetIntersectionFunc,
		"setproduct": stdlib.SetProductFunc, "setsubtract": stdlib.SetSubtractFunc, "setunion": stdlib.SetUnionFunc,
		"slice": stdlib.SliceFunc, "sort": stdlib.SortFunc, "values": stdlib.ValuesFunc, "zipmap": stdlib.ZipmapFunc,
		"jsondecode": stdlib.JSONDecodeFunc, "jsonencode": partialJSONEncode, "csvdecode": stdlib.CSVDecodeFunc,
		"tobool": stdlib.MakeToFunc(cty.Bool), "tonumber": stdlib.MakeToFunc(cty.Number), "tostring": stdlib.MakeToFunc(cty.String),
		"tolist": stdlib.MakeToFunc(cty.List(cty.DynamicPseudoType)), "toset": stdlib.MakeToFunc(cty.Set(cty.DynamicPseudoType)),
		"tomap": stdlib.MakeToFunc(cty.Map(cty.DynamicPseudoType)),
		"try":   tryfunc.TryFunc, "can": tryfunc.CanFunc,
	}
}

// Functions the evaluator does not run (files, time, hashes, provider functions...) return an
// unknown value, so the rest of the expression is still evaluated.
func functionsFor(expr hcl.Expression) map[string]function.Function {
	var missing []string
	if se, ok := expr.(hclsyntax.Expression); ok {
		_ = hclsyntax.VisitAll(se, func(n hclsyntax.Node) hcl.Diagnostics {
			if fc, ok := n.(*hclsyntax.FunctionCallExpr); ok {
				if _, known := baseFunctions[fc.Name]; !known {
					missing = append(missing, fc.Name)
				}
			}
			return nil
		})
	}
	if len(missing) == 0 {
		return baseFunctions
	}
	fns := make(map[string]function.Function, len(baseFunctions)+len(missing))
	for k, v := range baseFunctions {
		fns[k] = v
	}
	for _, name := range missing {
		fns[name] = undeterminedFunction(name)
	}
	return fns
}

func undeterminedFunction(name string) function.Function {
	return function.New(&function.Spec{
		VarParam: &function.Parameter{Name: "args", Type: cty.DynamicPseudoType, AllowUnknown: true, AllowNull: true, AllowDynamicType: true, AllowMarked: true},
		Type:     function.StaticReturnType(cty.DynamicPseudoType),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			return unknownMarked(undetMark{Why: name + "() is not evaluated"}), nil
		},
	})
}

var partialJSONEncode = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "val", Type: cty.DynamicPseudoType, AllowUnknown: true, AllowDynamicType: true, AllowNull: true, AllowMarked: true}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		plain, pvm := args[0].UnmarkDeepWithPaths()
		all := cty.ValueMarks{}
		for _, p := range pvm {
			for m := range p.Marks {
				all[m] = struct{}{}
			}
		}
		if plain.IsWhollyKnown() {
			out, err := stdlib.JSONEncode(plain)
			if err != nil {
				return cty.UnknownVal(cty.String), err
			}
			return out.WithMarks(all), nil
		}
		if tree, ok := partialTree(plain, cty.Path{}, pvm); ok {
			all[partialMark{Template: encodeJSON(tree)}] = struct{}{}
		}
		return cty.UnknownVal(cty.String).RefineNotNull().WithMarks(all), nil
	},
})

// partialTree: the value as Go data, unknown leaves as tokens; ok false when a leaf has none.
func partialTree(v cty.Value, p cty.Path, pvm []cty.PathValueMarks) (interface{}, bool) {
	if !v.IsKnown() {
		return tokenFor(v, p, pvm)
	}
	if v.IsNull() {
		return nil, true
	}
	ty := v.Type()
	switch {
	case ty.IsObjectType() || ty.IsMapType():
		out := map[string]interface{}{}
		for it := v.ElementIterator(); it.Next(); {
			k, e := it.Element()
			x, ok := partialTree(e, p.Copy().GetAttr(k.AsString()), pvm)
			if !ok {
				return nil, false
			}
			out[k.AsString()] = x
		}
		return out, true
	case ty.IsListType() || ty.IsTupleType() || ty.IsSetType():
		out := []interface{}{}
		for it := v.ElementIterator(); it.Next(); {
			k, e := it.Element()
			x, ok := partialTree(e, p.Copy().Index(k), pvm)
			if !ok {
				return nil, false
			}
			out = append(out, x)
		}
		return out, true
	}
	return toJSON(v), true
}

// tokenFor writes an unknown leaf as "${MODULE|type.name[i].attr}" when it is a resource
// attribute itself (an unrefined unknown carrying one reference); ok false for any other unknown
// (derived from several values, a variable without a value, a function not run): then the whole
// jsonencode() stays unknown, so no document is judged with a guessed leaf.
// The module part is resolved when the template is emitted (see resolveTemplate).
func tokenFor(v cty.Value, p cty.Path, pvm []cty.PathValueMarks) (string, bool) {
	var refs []refMark
	for _, m := range pvm {
		if !m.Path.Equals(p) {
			continue
		}
		for mk := range m.Marks {
			if r, ok := mk.(refMark); ok {
				refs = append(refs, r)
			}
		}
	}
	if len(refs) == 1 && refs[0].Attr != "" && (v.Type() == cty.DynamicPseudoType || !v.Range().DefinitelyNotNull()) {
		r := refs[0]
		// hex: the module path's quotes would be escaped differently once the template is JSON
		return "${" + hex.EncodeToString([]byte(r.Module)) + "|" + r.Addr + "." + r.Attr + "}", true
	}
	return "", false
}

var tokenRE = regexp.MustCompile(`\$\{([0-9a-f]*)\|([^}]*)\}`)

// resolveTemplate keeps the tokens of resources in module instance `module` (the policy resolves
// references inside the referring resource's module); ok false when a token names a resource of
// another module instance (the template is then not used: the value stays unknown).
func resolveTemplate(t string, module string) (string, bool) {
	ok := true
	out := tokenRE.ReplaceAllStringFunc(t, func(tok string) string {
		m := tokenRE.FindStringSubmatch(tok)
		if m[1] != hex.EncodeToString([]byte(module)) {
			ok = false
		}
		return "${" + m[2] + "}"
	})
	return out, ok
}

// --- scopes and contexts ---------------------------------------------------------------------

func (sc *scope) eval(expr hcl.Expression) cty.Value {
	v, diags := expr.Value(sc.ctx(expr))
	if diags.HasErrors() {
		return unknownMarked(undetMark{Why: diagError(diags).Error()})
	}
	return v
}

func traversalName(t hcl.Traversal, i int) (string, bool) {
	if len(t) <= i {
		return "", false
	}
	if a, ok := t[i].(hcl.TraverseAttr); ok {
		return a.Name, true
	}
	return "", false
}

func (sc *scope) ctx(expr hcl.Expression) *hcl.EvalContext {
	mi := sc.mi
	vars := map[string]cty.Value{}
	locals := map[string]cty.Value{}
	modules := map[string]cty.Value{}
	data := map[string]map[string]cty.Value{}
	managed := map[string]map[string]cty.Value{}
	for _, t := range expr.Variables() {
		root := t.RootName()
		switch root {
		case "var":
			vars["var"] = cty.ObjectVal(mi.Vars)
		case "local":
			if n, ok := traversalName(t, 1); ok {
				locals[n] = mi.local(n)
			}
		case "each":
			if sc.eachKey != nil {
				vars["each"] = cty.ObjectVal(map[string]cty.Value{"key": *sc.eachKey, "value": sc.eachValue})
			} else if sc.unknownInstance {
				vars["each"] = cty.ObjectVal(map[string]cty.Value{"key": cty.UnknownVal(cty.String), "value": cty.DynamicVal})
			}
		case "count":
			if sc.countIndex != nil {
				vars["count"] = cty.ObjectVal(map[string]cty.Value{"index": cty.NumberIntVal(int64(*sc.countIndex))})
			} else if sc.unknownInstance {
				vars["count"] = cty.ObjectVal(map[string]cty.Value{"index": cty.UnknownVal(cty.Number)})
			}
		case "path":
			vars["path"] = cty.ObjectVal(map[string]cty.Value{
				"module": cty.StringVal(mi.Mod.Dir), "root": cty.StringVal(mi.ev.rootDir), "cwd": cty.StringVal("."),
			})
		case "terraform":
			vars["terraform"] = cty.ObjectVal(map[string]cty.Value{"workspace": cty.StringVal("default")})
		case "module":
			if n, ok := traversalName(t, 1); ok {
				modules[n] = mi.callValue(n)
			}
		case "data":
			typ, ok1 := traversalName(t, 1)
			name, ok2 := traversalName(t, 2)
			if ok1 && ok2 {
				if data[typ] == nil {
					data[typ] = map[string]cty.Value{}
				}
				data[typ][name] = mi.resourceValue("data." + typ + "." + name)
			}
		case "self":
		default:
			if name, ok := traversalName(t, 1); ok {
				if managed[root] == nil {
					managed[root] = map[string]cty.Value{}
				}
				managed[root][name] = mi.resourceValue(root + "." + name)
			}
		}
	}
	if len(locals) > 0 {
		vars["local"] = cty.ObjectVal(locals)
	}
	if len(modules) > 0 {
		vars["module"] = cty.ObjectVal(modules)
	}
	if len(data) > 0 {
		d := map[string]cty.Value{}
		for k, v := range data {
			d[k] = cty.ObjectVal(v)
		}
		vars["data"] = cty.ObjectVal(d)
	}
	for k, v := range managed {
		vars[k] = cty.ObjectVal(v)
	}
	return &hcl.EvalContext{Variables: vars, Functions: functionsFor(expr)}
}

// --- module instances ------------------------------------------------------------------------

func (ev *Evaluator) newInstance(mod *Module, path string) *ModInst {
	mi := &ModInst{ev: ev, Mod: mod, Path: path, Vars: map[string]cty.Value{}, varSrc: map[string]source{},
		locals: map[string]*cell{}, res: map[string]*cell{}, calls: map[string]*cell{},
		instances: map[string][]*Instance{}, children: map[string][]*ModInst{}}
	ev.insts = append(ev.insts, mi)
	return mi
}

// setVar converts a variable's value to its declared type (with optional() defaults), as Terraform does.
func (mi *ModInst) setVar(v *Variable, val cty.Value, src source) {
	if v.Defaults != nil {
		val = v.Defaults.Apply(val)
	}
	if v.Type != cty.DynamicPseudoType {
		if conv, err := convert.Convert(val, v.Type); err == nil {
			val = conv
		}
	}
	mi.Vars[v.Name] = val
	mi.varSrc[v.Name] = src
}

func (mi *ModInst) defaultVar(v *Variable) {
	if v.Default == nil {
		mi.Vars[v.Name] = unknownMarked(undetMark{Why: "var." + v.Name + " has no value"})
		return
	}
	val, diags := v.Default.Value(&hcl.EvalContext{Functions: baseFunctions})
	if diags.HasErrors() {
		val = unknownMarked(undetMark{Why: "var." + v.Name})
	}
	mi.setVar(v, val, source{expr: v.Default})
}

func (mi *ModInst) local(name string) cty.Value {
	c := mi.locals[name]
	if c == nil {
		c = &cell{}
		mi.locals[name] = c
	}
	switch c.state {
	case 2:
		return c.val
	case 1:
		return unknownMarked(undetMark{Why: "local." + name + " refers to itself"})
	}
	a := mi.Mod.Locals[name]
	if a == nil {
		c.state, c.val = 2, unknownMarked(undetMark{Why: "local." + name + " is not declared"})
		return c.val
	}
	c.state = 1
	c.val = (&scope{mi: mi}).eval(a.Expr)
	c.state = 2
	return c.val
}

// expansion: the instance keys of a count / for_each block; ok false when they are not known.
type instanceKey struct {
	index interface{} // nil, int, string
	each  *cty.Value
	value cty.Value
	count *int
}

func (sc *scope) expand(count, forEach hcl.Expression) ([]instanceKey, bool) {
	switch {
	case count != nil:
		v, _ := sc.eval(count).Unmark()
		if !v.IsKnown() || v.IsNull() || v.Type() != cty.Number {
			return nil, false
		}
		n, _ := v.AsBigFloat().Int64()
		out := []instanceKey{}
		for i := 0; i < int(n); i++ {
			i := i
			out = append(out, instanceKey{index: i, count: &i})
		}
		return out, true
	case forEach != nil:
		raw := sc.eval(forEach)
		v, _ := raw.Unmark() // shallow: each value keeps its marks
		if !v.IsKnown() || v.IsNull() {
			return nil, false
		}
		ty := v.Type()
		if !(ty.IsMapType() || ty.IsObjectType() || ty.IsSetType()) {
			return nil, false
		}
		out := []instanceKey{}
		for it := v.ElementIterator(); it.Next(); {
			k, e := it.Element()
			if ty.IsSetType() {
				plain, _ := e.Unmark()
				if !plain.IsKnown() || plain.Type() != cty.String {
					return nil, false
				}
				key := plain
				out = append(out, instanceKey{index: plain.AsString(), each: &key, value: e})
				continue
			}
			key := k
			out = append(out, instanceKey{index: k.AsString(), each: &key, value: e})
		}
		sort.Slice(out, func(i, j int) bool { return out[i].index.(string) < out[j].index.(string) })
		return out, true
	}
	return []instanceKey{{}}, true
}

func indexSuffix(index interface{}) string {
	switch i := index.(type) {
	case int:
		return "[" + strconv.Itoa(i) + "]"
	case string:
		return "[" + strconv.Quote(i) + "]"
	}
	return ""
}

func joinPath(module, addr string) string {
	if module == "" {
		return addr
	}
	return module + "." + addr
}

// resourceValue evaluates a resource block's instances (once) and returns what references to it see.
func (mi *ModInst) resourceValue(key string) cty.Value {
	c := mi.res[key]
	if c == nil {
		c = &cell{}
		mi.res[key] = c
	}
	switch c.state {
	case 2:
		return c.val
	case 1:
		return unknownMarked(refMark{Module: mi.Path, Addr: key})
	}
	r := mi.Mod.findResource(key)
	if r == nil {
		c.state, c.val = 2, unknownMarked(undetMark{Why: key + " is not declared"})
		return c.val
	}
	c.state = 1
	base := &scope{mi: mi}
	keys, known := base.expand(r.Count, r.ForEach)
	computed := localData(mi, r)
	if !known {
		// How many instances is not known: one, with unknown count.index / each, is checked
		// rather than none (a resource left out would be a silent pass).
		keys = []instanceKey{{}}
	}
	var insts []*Instance
	for _, k := range keys {
		sc := &scope{mi: mi, countIndex: k.count, countExpr: r.Count, unknownInstance: !known}
		if k.each != nil {
			sc.eachKey, sc.eachValue = k.each, k.value
			sc.eachSource = &source{expr: r.ForEach, sc: base}
		}
		local := key + indexSuffix(k.index)
		inst := &Instance{Res: r, Address: joinPath(mi.Path, local), Local: local, Index: k.index, sc: sc}
		inst.Attrs = sc.evalBody(r.Body)
		for n, v := range computed {
			inst.Attrs[n] = v
		}
		insts = append(insts, inst)
	}
	mi.instances[key] = insts
	objOf := func(inst *Instance) cty.Value {
		o := map[string]cty.Value{}
		for n := range mi.ev.attrs {
			o[n] = unknownMarked(refMark{Module: mi.Path, Addr: inst.Local, Attr: n})
		}
		for n, v := range inst.Attrs {
			o[n] = v
		}
		return cty.ObjectVal(o)
	}
	switch {
	case !known:
		c.val = unknownMarked(refMark{Module: mi.Path, Addr: key})
	case r.Count != nil:
		vals := []cty.Value{}
		for _, inst := range insts {
			vals = append(vals, objOf(inst))
		}
		c.val = cty.TupleVal(vals)
	case r.ForEach != nil:
		vals := map[string]cty.Value{}
		for _, inst := range insts {
			vals[inst.Index.(string)] = objOf(inst)
		}
		c.val = cty.ObjectVal(vals)
	default:
		c.val = objOf(insts[0])
	}
	c.state = 2
	return c.val
}

// localData: what Terraform's AWS provider computes for aws_partition and aws_region without
// calling AWS, from the root module's provider region (when it is known); nil for other resources.
func localData(mi *ModInst, r *Resource) map[string]cty.Value {
	if r.Mode != "data" || (r.Type != "aws_partition" && r.Type != "aws_region") || mi.ev.root.Mod.ProviderRegion == nil {
		return nil
	}
	region, _ := (&scope{mi: mi.ev.root}).eval(mi.ev.root.Mod.ProviderRegion).UnmarkDeep()
	if !region.IsKnown() || region.IsNull() || region.Type() != cty.String {
		return nil
	}
	name := region.AsString()
	if r.Type == "aws_region" {
		return map[string]cty.Value{"name": cty.StringVal(name), "id": cty.StringVal(name), "region": cty.StringVal(name)}
	}
	partition, suffix := "aws", "amazonaws.com"
	switch {
	case strings.HasPrefix(name, "cn-"):
		partition, suffix = "aws-cn", "amazonaws.com.cn"
	case strings.HasPrefix(name, "us-gov-"):
		partition = "aws-us-gov"
	case strings.HasPrefix(name, "us-iso-"), strings.HasPrefix(name, "us-isob-"), strings.HasPrefix(name, "eu-isoe-"), strings.HasPrefix(name, "us-isof-"):
		return nil // isolated partitions: not guessed
	}
	return map[string]cty.Value{"partition": cty.StringVal(partition), "id": cty.StringVal(partition), "dns_suffix": cty.StringVal(suffix)}
}

// evalBody: attributes and nested blocks (as lists of objects, as Terraform shows them).
func (sc *scope) evalBody(body hcl.Body) map[string]cty.Value {
	out := map[string]cty.Value{}
	sb, ok := body.(*hclsyntax.Body)
	if !ok {
		attrs, _ := body.JustAttributes()
		for n, a := range attrs {
			out[n] = sc.eval(a.Expr)
		}
		return out
	}
	for n, a := range sb.Attributes {
		if isMeta(n) {
			continue
		}
		out[n] = sc.eval(a.Expr)
	}
	blocks := map[string][]cty.Value{}
	var order []string
	add := func(t string, v cty.Value) {
		if _, seen := blocks[t]; !seen {
			order = append(order, t)
		}
		blocks[t] = append(blocks[t], v)
	}
	for _, b := range sb.Blocks {
		switch b.Type {
		case "lifecycle", "provisioner", "connection":
			continue
		case "dynamic":
			if len(b.Labels) != 1 {
				continue
			}
			for _, v := range sc.dynamicBlock(b) {
				add(b.Labels[0], v)
			}
			if _, seen := blocks[b.Labels[0]]; !seen {
				blocks[b.Labels[0]] = []cty.Value{}
				order = append(order, b.Labels[0])
			}
			continue
		}
		add(b.Type, cty.ObjectVal(sc.evalBody(b.Body)))
	}
	for _, t := range order {
		vs := blocks[t]
		if len(vs) == 1 && !vs[0].IsKnown() {
			out[t] = vs[0]
			continue
		}
		out[t] = cty.TupleVal(vs)
	}
	return out
}

func isMeta(n string) bool {
	switch n {
	case "count", "for_each", "provider", "depends_on":
		return true
	}
	return false
}

// dynamicBlock expands `dynamic "x" { for_each = ...; content { ... } }`; unknown for_each: one unknown block.
func (sc *scope) dynamicBlock(b *hclsyntax.Block) []cty.Value {
	fe := b.Body.Attributes["for_each"]
	iterName := b.Labels[0]
	if it := b.Body.Attributes["iterator"]; it != nil {
		if t, diags := hcl.AbsTraversalForExpr(it.Expr); !diags.HasErrors() {
			iterName = t.RootName()
		}
	}
	var content *hclsyntax.Block
	for _, cb := range b.Body.Blocks {
		if cb.Type == "content" {
			content = cb
		}
	}
	if fe == nil || content == nil {
		return nil
	}
	coll := sc.eval(fe.Expr)
	plain, _ := coll.Unmark()
	if !plain.IsKnown() || plain.IsNull() || !plain.CanIterateElements() {
		return []cty.Value{unknownMarked(undetMark{Why: "dynamic " + iterName})}
	}
	var out []cty.Value
	for it := plain.ElementIterator(); it.Next(); {
		k, v := it.Element()
		inner := &iterScope{scope: sc, name: iterName, val: cty.ObjectVal(map[string]cty.Value{"key": k, "value": v})}
		out = append(out, cty.ObjectVal(inner.evalBody(content.Body)))
	}
	return out
}

// iterScope evaluates a dynamic block's content with its iterator variable.
type iterScope struct {
	*scope
	name string
	val  cty.Value
}

func (is *iterScope) evalBody(body *hclsyntax.Body) map[string]cty.Value {
	out := map[string]cty.Value{}
	for n, a := range body.Attributes {
		ctx := is.scope.ctx(a.Expr)
		ctx.Variables[is.name] = is.val
		v, diags := a.Expr.Value(ctx)
		if diags.HasErrors() {
			v = unknownMarked(undetMark{Why: "dynamic " + is.name})
		}
		out[n] = v
	}
	for _, b := range body.Blocks {
		out[b.Type] = cty.TupleVal([]cty.Value{cty.ObjectVal(is.evalBody(b.Body))})
	}
	return out
}

// callValue evaluates a module call's instances (once) and returns what `module.<name>` sees.
func (mi *ModInst) callValue(name string) cty.Value {
	c := mi.calls[name]
	if c == nil {
		c = &cell{}
		mi.calls[name] = c
	}
	switch c.state {
	case 2:
		return c.val
	case 1:
		return unknownMarked(undetMark{Why: "module." + name + " refers to itself"})
	}
	var call *Call
	for _, cl := range mi.Mod.Calls {
		if cl.Name == name {
			call = cl
		}
	}
	if call == nil || call.Module == nil {
		why := "module." + name + " is not declared"
		if call != nil {
			why = "module." + name + " has a remote source (" + call.Source + ")"
		}
		c.state, c.val = 2, unknownMarked(undetMark{Why: why})
		return c.val
	}
	c.state = 1
	base := &scope{mi: mi}
	keys, known := base.expand(call.Count, call.ForEach)
	if !known {
		keys = []instanceKey{{}} // one instance with unknown keys, as for resources
	}
	var outs []cty.Value
	outMap := map[string]cty.Value{}
	for _, k := range keys {
		sc := &scope{mi: mi, countIndex: k.count, countExpr: call.Count, unknownInstance: !known}
		if k.each != nil {
			sc.eachKey, sc.eachValue = k.each, k.value
			sc.eachSource = &source{expr: call.ForEach, sc: base}
		}
		child := mi.ev.newInstance(call.Module, joinPath(mi.Path, "module."+name+indexSuffix(k.index)))
		mi.children[name] = append(mi.children[name], child)
		for vn, v := range call.Module.Variables {
			if a := call.Args[vn]; a != nil {
				child.setVar(v, sc.eval(a.Expr), source{expr: a.Expr, sc: sc})
			} else {
				child.defaultVar(v)
			}
		}
		o := map[string]cty.Value{}
		for on, oa := range call.Module.Outputs {
			o[on] = (&scope{mi: child}).eval(oa.Expr)
		}
		child.evaluateAll()
		if s, isStr := k.index.(string); isStr {
			outMap[s] = cty.ObjectVal(o)
		} else {
			outs = append(outs, cty.ObjectVal(o))
		}
	}
	switch {
	case !known:
		c.val = unknownMarked(undetMark{Why: "module." + name + " instances are not known"})
	case call.Count != nil:
		c.val = cty.TupleVal(outs)
	case call.ForEach != nil:
		c.val = cty.ObjectVal(outMap)
	default:
		c.val = outs[0]
	}
	c.state = 2
	return c.val
}

// evaluateAll forces every resource and module call of the instance (those nothing refers to too).
func (mi *ModInst) evaluateAll() {
	for _, r := range mi.Mod.Resources {
		mi.resourceValue(r.Key())
	}
	for _, c := range mi.Mod.Calls {
		mi.callValue(c.Name)
	}
}

// --- root ------------------------------------------------------------------------------------

// collectAttrNames: every attribute name that follows a resource reference in the configuration.
func collectAttrNames(m *Module, into map[string]bool) {
	visit := func(e hcl.Expression) {
		se, ok := e.(hclsyntax.Expression)
		if !ok {
			for _, t := range e.Variables() {
				skip := 2
				if t.RootName() == "data" {
					skip = 3
				}
				for i, s := range t {
					if a, ok := s.(hcl.TraverseAttr); ok && i >= skip {
						into[a.Name] = true
					}
				}
			}
			return
		}
		_ = hclsyntax.VisitAll(se, func(n hclsyntax.Node) hcl.Diagnostics {
			var tr hcl.Traversal
			switch x := n.(type) {
			case *hclsyntax.ScopeTraversalExpr:
				// not the names of resources themselves: type.name (data.type.name), var.x, ...
				skip := 2
				if x.Traversal.RootName() == "data" {
					skip = 3
				}
				if len(x.Traversal) > skip {
					tr = x.Traversal[skip:]
				}
			case *hclsyntax.RelativeTraversalExpr:
				tr = x.Traversal
			}
			for _, s := range tr {
				if a, ok := s.(hcl.TraverseAttr); ok {
					into[a.Name] = true
				}
			}
			return nil
		})
	}
	var body func(b hcl.Body)
	body = func(b hcl.Body) {
		if sb, ok := b.(*hclsyntax.Body); ok {
			for _, a := range sb.Attributes {
				visit(a.Expr)
			}
			for _, bl := range sb.Blocks {
				body(bl.Body)
			}
			return
		}
		attrs, _ := b.JustAttributes()
		for _, a := range attrs {
			visit(a.Expr)
		}
	}
	for _, r := range m.Resources {
		body(r.Body)
	}
	for _, a := range m.Locals {
		visit(a.Expr)
	}
	for _, a := range m.Outputs {
		visit(a.Expr)
	}
	for _, c := range m.Calls {
		for _, a := range c.Args {
			visit(a.Expr)
		}
		if c.Module != nil {
			collectAttrNames(c.Module, into)
		}
	}
	// reserved names of the resource objects themselves are not attributes
	for _, n := range []string{"each", "count"} {
		delete(into, n)
	}
}

// loadVarFiles: terraform.tfvars, *.auto.tfvars (and .json) in the root, then the given files, in
// Terraform's order (later files win).
func loadVarFiles(host Host, dir string, extra []string) ([]tfvar, error) {
	names, _ := host.ReadDir(dir)
	sort.Strings(names)
	var files []string
	for _, n := range []string{"terraform.tfvars", "terraform.tfvars.json"} {
		for _, x := range names {
			if x == n {
				files = append(files, dir+"/"+n)
			}
		}
	}
	for _, x := range names {
		if strings.HasSuffix(x, ".auto.tfvars") || strings.HasSuffix(x, ".auto.tfvars.json") {
			files = append(files, dir+"/"+x)
		}
	}
	files = append(files, extra...)
	var out []tfvar
	for _, f := range files {
		file, err := parseFile(host, f)
		if err != nil {
			return nil, err
		}
		attrs, diags := file.Body.JustAttributes()
		if err := diagError(diags); err != nil {
			return nil, err
		}
		var sorted []*hcl.Attribute
		for _, a := range attrs {
			sorted = append(sorted, a)
		}
		sort.Slice(sorted, func(i, j int) bool { return sorted[i].Range.Start.Byte < sorted[j].Range.Start.Byte })
		for _, a := range sorted {
			out = append(out, tfvar{name: a.Name, attr: a})
		}
	}
	return out, nil
}

func Evaluate(host Host, dir string, varFiles []string, given map[string]json.RawMessage) (*Evaluator, error) {
	l := &loader{host: host, loading: map[string]bool{}}
	mod, err := l.loadModule(dir, nil)
	if err != nil {
		return nil, err
	}
	tfvars, err := loadVarFiles(host, dir, varFiles)
	if err != nil {
		return nil, err
	}
	ev := &Evaluator{host: host, rootDir: dir, attrs: map[string]bool{}, varFiles: tfvars}
	collectAttrNames(mod, ev.attrs)
	root := ev.newInstance(mod, "")
	ev.root = root
	set := map[string]tfvar{}
	for _, tv := range tfvars {
		set[tv.name] = tv // later files win
	}
	for name, v := range mod.Variables {
		tv, inFile := set[name]
		if raw, ok := given[name]; ok {
			// the plan's value; its location is still where the files set it, else the default
			val, err := decodeJSONValue(raw)
			if err != nil {
				return nil, &InputError{File: dir, Message: "variable " + name + ": " + err.Error()}
			}
			src := source{expr: v.Default}
			if inFile {
				src = source{expr: tv.attr.Expr}
			}
			if src.expr == nil {
				src.expr = hcl.StaticExpr(val, v.Decl)
			}
			root.setVar(v, val, src)
			continue
		}
		if inFile {
			val, diags := tv.attr.Expr.Value(&hcl.EvalContext{Functions: baseFunctions})
			if diags.HasErrors() {
				return nil, diagError(diags)
			}
			root.setVar(v, val, source{expr: tv.attr.Expr})
		} else {
			root.defaultVar(v)
		}
	}
	root.evaluateAll()
	return ev, nil
}

func decodeJSONValue(raw json.RawMessage) (cty.Value, error) {
	ty, err := ctyjson.ImpliedType(raw)
	if err != nil {
		return cty.NilVal, err
	}
	return ctyjson.Unmarshal(raw, ty)
}

// terraformCoalesce is Terraform's coalesce(), not cty's: the first argument neither null nor ""
// (cty's returns a "" that Terraform skips). Arguments are unified to one type first.
var terraformCoalesce = function.New(&function.Spec{
	VarParam:     &function.Parameter{Name: "vals", Type: cty.DynamicPseudoType, AllowUnknown: true, AllowDynamicType: true, AllowNull: true},
	RefineResult: func(b *cty.RefinementBuilder) *cty.RefinementBuilder { return b.NotNull() },
	Type: func(args []cty.Value) (cty.Type, error) {
		types := make([]cty.Type, len(args))
		for i, a := range args {
			types[i] = a.Type()
		}
		t, _ := convert.UnifyUnsafe(types)
		if t == cty.NilType {
			return cty.NilType, errors.New("all arguments must have the same type")
		}
		return t, nil
	},
	Impl: func(args []cty.Value, retType cty.Type) (cty.Value, error) {
		for _, a := range args {
			a, _ = convert.Convert(a, retType)
			if !a.IsKnown() {
				return cty.UnknownVal(retType), nil
			}
			if a.IsNull() || (retType == cty.String && a.RawEquals(cty.StringVal(""))) {
				continue
			}
			return a, nil
		}
		return cty.NilVal, errors.New("no non-null, non-empty-string arguments")
	},
})
