package main

// Origins: where the value of an attribute was written. A reference is followed to what it names
// (a variable to its tfvars entry, module argument or default; a local to its definition; each.value
// into the for_each collection), a constructor or jsonencode()/merge() into the key asked for,
// coalesce() to the argument it returns, and a
// conditional to its condition (the value that decides). Anything else is its own location.

import (
	"strconv"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

const maxOriginDepth = 64

func locOf(r hcl.Range) Loc { return Loc{File: r.Filename, Line: r.Start.Line} }

// attributeOrigin: path[0] is an attribute or a nested block type of the resource.
func attributeOrigin(inst *Instance, path []string) (Loc, bool) {
	sb, ok := inst.Res.Body.(*hclsyntax.Body)
	if !ok {
		attrs, _ := inst.Res.Body.JustAttributes()
		if a := attrs[path[0]]; a != nil {
			return originOrSelf(a.Expr, path[1:], inst.sc), true
		}
		return Loc{}, false
	}
	if a := sb.Attributes[path[0]]; a != nil {
		return originOrSelf(a.Expr, path[1:], inst.sc), true
	}
	for _, b := range sb.Blocks {
		if b.Type != path[0] {
			continue
		}
		if len(path) == 1 {
			return locOf(b.DefRange()), true
		}
		if a := b.Body.Attributes[path[1]]; a != nil {
			return originOrSelf(a.Expr, path[2:], inst.sc), true
		}
		return locOf(b.DefRange()), true
	}
	return Loc{}, false
}

func originOrSelf(expr hcl.Expression, path []string, sc *scope) Loc {
	if l, ok := origin(expr, path, sc, 0); ok {
		return l
	}
	return locOf(expr.Range())
}

func keyString(v cty.Value) (string, bool) {
	v, _ = v.Unmark()
	if !v.IsKnown() || v.IsNull() {
		return "", false
	}
	switch v.Type() {
	case cty.String:
		return v.AsString(), true
	case cty.Number:
		return numberText(v.AsBigFloat()), true
	}
	return "", false
}

func traversalKeys(t hcl.Traversal) ([]string, bool) {
	var out []string
	for _, s := range t {
		switch x := s.(type) {
		case hcl.TraverseAttr:
			out = append(out, x.Name)
		case hcl.TraverseIndex:
			k, ok := keyString(x.Key)
			if !ok {
				return nil, false
			}
			out = append(out, k)
		default:
			return nil, false
		}
	}
	return out, true
}

func concatPath(a, b []string) []string {
	out := make([]string, 0, len(a)+len(b))
	return append(append(out, a...), b...)
}

// origin: ok false when `path` leads nowhere inside expr (so merge() can try its other arguments).
func origin(expr hcl.Expression, path []string, sc *scope, depth int) (Loc, bool) {
	self := locOf(expr.Range())
	if depth > maxOriginDepth {
		return self, len(path) == 0
	}
	switch e := expr.(type) {
	case *hclsyntax.ScopeTraversalExpr:
		return traversalOrigin(e, path, sc, depth)
	case *hclsyntax.ParenthesesExpr:
		return origin(e.Expression, path, sc, depth+1)
	case *hclsyntax.TemplateWrapExpr:
		return origin(e.Wrapped, path, sc, depth+1)
	case *hclsyntax.ObjectConsExpr:
		if len(path) == 0 {
			return self, true
		}
		for _, item := range e.Items {
			k, diags := item.KeyExpr.Value(nil)
			if diags.HasErrors() {
				continue
			}
			if ks, ok := keyString(k); ok && ks == path[0] {
				return origin(item.ValueExpr, path[1:], sc, depth+1)
			}
		}
		return self, false
	case *hclsyntax.TupleConsExpr:
		if len(path) == 0 {
			return self, true
		}
		i, err := strconv.Atoi(path[0])
		if err != nil || i < 0 || i >= len(e.Exprs) {
			return self, false
		}
		return origin(e.Exprs[i], path[1:], sc, depth+1)
	case *hclsyntax.FunctionCallExpr:
		if e.Name == "coalesce" && sc != nil {
			// the first argument neither null nor "" is the value; an unknown one before it decides nothing
			for _, arg := range e.Args {
				v, _ := sc.eval(arg).Unmark()
				if !v.IsKnown() {
					break
				}
				if v.IsNull() || (v.Type() == cty.String && v.AsString() == "") {
					continue
				}
				return origin(arg, path, sc, depth+1)
			}
		}
		if len(path) == 0 {
			return self, true
		}
		switch e.Name {
		case "jsonencode", "tomap", "tolist", "toset", "jsondecode":
			if len(e.Args) == 1 {
				return origin(e.Args[0], path, sc, depth+1)
			}
		case "merge":
			for i := len(e.Args) - 1; i >= 0; i-- { // the last argument setting the key wins
				if l, ok := origin(e.Args[i], path, sc, depth+1); ok {
					return l, true
				}
			}
		}
		return self, false
	case *hclsyntax.ConditionalExpr:
		if len(path) > 0 && sc != nil {
			c, _ := sc.eval(e.Condition).Unmark()
			if c.IsKnown() && !c.IsNull() && c.Type() == cty.Bool {
				branch := e.FalseResult
				if c.True() {
					branch = e.TrueResult
				}
				if l, ok := origin(branch, path, sc, depth+1); ok {
					return l, true
				}
			}
		}
		return origin(e.Condition, nil, sc, depth+1)
	case *hclsyntax.BinaryOpExpr:
		// a && b that is false, or a || b that is true: the operand that decides
		if len(path) == 0 && sc != nil && (e.Op == hclsyntax.OpLogicalAnd || e.Op == hclsyntax.OpLogicalOr) {
			deciding := e.Op == hclsyntax.OpLogicalOr
			for _, side := range []hclsyntax.Expression{e.LHS, e.RHS} {
				v, _ := sc.eval(side).Unmark()
				if v.IsKnown() && !v.IsNull() && v.Type() == cty.Bool && v.True() == deciding {
					return origin(side, nil, sc, depth+1)
				}
			}
		}
	case *hclsyntax.UnaryOpExpr:
		if e.Op == hclsyntax.OpLogicalNot && len(path) == 0 {
			return origin(e.Val, nil, sc, depth+1)
		}
	case *hclsyntax.IndexExpr:
		if sc != nil {
			if k, ok := keyString(sc.eval(e.Key)); ok {
				return origin(e.Collection, concatPath([]string{k}, path), sc, depth+1)
			}
		}
	case *hclsyntax.RelativeTraversalExpr:
		if keys, ok := traversalKeys(e.Traversal); ok {
			return origin(e.Source, concatPath(keys, path), sc, depth+1)
		}
	}
	return self, len(path) == 0
}

func traversalOrigin(e *hclsyntax.ScopeTraversalExpr, path []string, sc *scope, depth int) (Loc, bool) {
	self := locOf(e.Range())
	if sc == nil {
		return self, len(path) == 0
	}
	t := e.Traversal
	keys, ok := traversalKeys(t[1:])
	if !ok || len(keys) == 0 {
		return self, len(path) == 0
	}
	mi := sc.mi
	switch t.RootName() {
	case "var":
		src, ok := mi.varSrc[keys[0]]
		if !ok {
			if v := mi.Mod.Variables[keys[0]]; v != nil {
				return locOf(v.Decl), true // required variable with no value: its declaration
			}
			return self, len(path) == 0
		}
		return origin(src.expr, concatPath(keys[1:], path), src.sc, depth+1)
	case "local":
		a := mi.Mod.Locals[keys[0]]
		if a == nil {
			return self, len(path) == 0
		}
		return origin(a.Expr, concatPath(keys[1:], path), &scope{mi: mi}, depth+1)
	case "each":
		if sc.eachSource == nil || sc.eachKey == nil {
			return self, len(path) == 0
		}
		if keys[0] == "value" {
			k, _ := keyString(*sc.eachKey)
			return origin(sc.eachSource.expr, concatPath(append([]string{k}, keys[1:]...), path), sc.eachSource.sc, depth+1)
		}
		return locOf(sc.eachSource.expr.Range()), len(path) == 0
	case "count":
		if sc.countExpr != nil {
			return locOf(sc.countExpr.Range()), len(path) == 0
		}
	case "module":
		// module.<name>[key].<output>: the output's expression in that child instance
		var call *Call
		for _, c := range mi.Mod.Calls {
			if c.Name == keys[0] {
				call = c
			}
		}
		rest := keys[1:]
		var child *ModInst
		switch {
		case call == nil:
		case call.Count != nil || call.ForEach != nil:
			if len(rest) == 0 {
				break
			}
			var key interface{} = rest[0]
			if call.Count != nil {
				if i, err := strconv.Atoi(rest[0]); err == nil {
					key = i
				}
			}
			want := joinPath(mi.Path, "module."+keys[0]+indexSuffix(key))
			for _, c := range mi.children[keys[0]] {
				if c.Path == want {
					child = c
				}
			}
			rest = rest[1:]
		case len(mi.children[keys[0]]) == 1:
			child = mi.children[keys[0]][0]
		}
		if child == nil || len(rest) == 0 {
			return self, len(path) == 0
		}
		out := child.Mod.Outputs[rest[0]]
		if out == nil {
			return self, len(path) == 0
		}
		return origin(out.Expr, concatPath(rest[1:], path), &scope{mi: child}, depth+1)
	}
	return self, len(path) == 0
}
