package main

// Loading: a Terraform module directory (its *.tf and *.tf.json files) parsed with HCL into the
// blocks sqsguard evaluates, and local module sources followed recursively.

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/typeexpr"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	hcljson "github.com/hashicorp/hcl/v2/json"
	"github.com/zclconf/go-cty/cty"
)

// Host gives the Go side the files it reads (Node's fs under Wasm, os natively).
type Host interface {
	// ReadDir lists a directory's entry names; a missing directory is an error.
	ReadDir(dir string) ([]string, error)
	ReadFile(file string) ([]byte, error)
	IsDir(p string) bool
}

// InputError is bad input: reported as one line naming the file and line.
type InputError struct {
	File    string
	Line    int
	Message string
}

func (e *InputError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Message)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Message)
}

func diagError(diags hcl.Diagnostics) error {
	for _, d := range diags {
		if d.Severity != hcl.DiagError {
			continue
		}
		msg := d.Summary
		if d.Detail != "" {
			msg += ": " + d.Detail
		}
		msg = strings.Join(strings.Fields(msg), " ")
		if d.Subject != nil {
			return &InputError{File: d.Subject.Filename, Line: d.Subject.Start.Line, Message: msg}
		}
		return &InputError{File: "?", Message: msg}
	}
	return nil
}

type Variable struct {
	Name     string
	Default  hcl.Expression // nil: required
	Type     cty.Type
	Defaults *typeexpr.Defaults
	Decl     hcl.Range
}

type Resource struct {
	Mode    string // "managed" | "data"
	Type    string
	Name    string
	Body    hcl.Body
	Count   hcl.Expression
	ForEach hcl.Expression
	Decl    hcl.Range
}

// Key is the address inside its module: type.name or data.type.name.
func (r *Resource) Key() string {
	if r.Mode == "data" {
		return "data." + r.Type + "." + r.Name
	}
	return r.Type + "." + r.Name
}

type Call struct {
	Name    string
	Source  string
	Args    map[string]*hcl.Attribute
	Count   hcl.Expression
	ForEach hcl.Expression
	Decl    hcl.Range
	Module  *Module // nil: not a local source (undetermined)
}

func (m *Module) findResource(key string) *Resource {
	for _, r := range m.Resources {
		if r.Key() == key {
			return r
		}
	}
	return nil
}

type Module struct {
	Dir       string
	Variables map[string]*Variable
	Locals    map[string]*hcl.Attribute
	Outputs   map[string]*hcl.Attribute
	Resources []*Resource
	Calls     []*Call
	// Region of the aws provider, when configured (for data.aws_region).
	ProviderRegion hcl.Expression
}

var fileSchema = &hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{
	{Type: "terraform"},
	{Type: "provider", LabelNames: []string{"name"}},
	{Type: "variable", LabelNames: []string{"name"}},
	{Type: "locals"},
	{Type: "output", LabelNames: []string{"name"}},
	{Type: "module", LabelNames: []string{"name"}},
	{Type: "resource", LabelNames: []string{"type", "name"}},
	{Type: "data", LabelNames: []string{"type", "name"}},
	{Type: "ephemeral", LabelNames: []string{"type", "name"}},
	{Type: "moved"},
	{Type: "import"},
	{Type: "removed"},
	{Type: "check", LabelNames: []string{"name"}},
}}

var variableSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "default"}, {Name: "type"}, {Name: "description"}, {Name: "sensitive"}, {Name: "nullable"}, {Name: "ephemeral"}},
	Blocks:     []hcl.BlockHeaderSchema{{Type: "validation"}},
}

var outputSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "value", Required: true}, {Name: "description"}, {Name: "sensitive"}, {Name: "depends_on"}, {Name: "ephemeral"}},
	Blocks:     []hcl.BlockHeaderSchema{{Type: "precondition"}},
}

// Meta-arguments of resource and module blocks: not resource attributes.
var resourceMetaSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "count"}, {Name: "for_each"}, {Name: "provider"}, {Name: "depends_on"}},
	Blocks:     []hcl.BlockHeaderSchema{{Type: "lifecycle"}, {Type: "provisioner", LabelNames: []string{"type"}}, {Type: "connection"}},
}

var moduleMetaNames = map[string]bool{"source": true, "version": true, "count": true, "for_each": true, "providers": true, "depends_on": true}

type loader struct {
	host    Host
	loading map[string]bool
}

// parseFile parses one configuration or tfvars file; `name` is used in every location.
func parseFile(host Host, name string) (*hcl.File, error) {
	src, err := host.ReadFile(name)
	if err != nil {
		return nil, &InputError{File: name, Message: "cannot read: " + err.Error()}
	}
	var f *hcl.File
	var diags hcl.Diagnostics
	if strings.HasSuffix(name, ".json") {
		f, diags = hcljson.Parse(src, name)
	} else {
		f, diags = hclsyntax.ParseConfig(src, name, hcl.Pos{Line: 1, Column: 1, Byte: 0})
	}
	if err := diagError(diags); err != nil {
		return nil, err
	}
	return f, nil
}

func isConfigFile(name string) bool {
	if strings.HasPrefix(name, ".") || strings.HasPrefix(name, "#") || strings.HasSuffix(name, "~") {
		return false
	}
	return strings.HasSuffix(name, ".tf") || strings.HasSuffix(name, ".tf.json")
}

// loadModule reads every configuration file of dir (sorted, as Terraform does) and the local
// modules it calls. `via` locates the module block that called it, for errors.
func (l *loader) loadModule(dir string, via *hcl.Range) (*Module, error) {
	if l.loading[dir] {
		return nil, &InputError{File: via.Filename, Line: via.Start.Line, Message: "module source " + dir + " calls itself"}
	}
	l.loading[dir] = true
	defer delete(l.loading, dir)
	names, err := l.host.ReadDir(dir)
	if err != nil {
		if via != nil {
			return nil, &InputError{File: via.Filename, Line: via.Start.Line, Message: "module source directory " + dir + " does not exist"}
		}
		return nil, &InputError{File: dir, Message: "cannot read directory: " + err.Error()}
	}
	sort.Strings(names)
	m := &Module{Dir: dir, Variables: map[string]*Variable{}, Locals: map[string]*hcl.Attribute{}, Outputs: map[string]*hcl.Attribute{}}
	found := false
	// override files last, merged into what the others declare (Terraform's order)
	for _, overrides := range []bool{false, true} {
		for _, n := range names {
			if !isConfigFile(n) || isOverrideFile(n) != overrides || l.host.IsDir(path.Join(dir, n)) {
				continue
			}
			found = true
			f, err := parseFile(l.host, path.Join(dir, n))
			if err != nil {
				return nil, err
			}
			if err := l.addFile(m, f, overrides); err != nil {
				return nil, err
			}
		}
	}
	if !found {
		if via != nil {
			return nil, &InputError{File: via.Filename, Line: via.Start.Line, Message: "module source directory " + dir + " holds no .tf files"}
		}
		return nil, &InputError{File: dir, Message: "no .tf or .tf.json files in this directory"}
	}
	return m, nil
}

func isOverrideFile(name string) bool {
	base := strings.TrimSuffix(strings.TrimSuffix(name, ".json"), ".tf")
	return base == "override" || strings.HasSuffix(base, "_override")
}

func duplicate(what string, at, first hcl.Range) error {
	return &InputError{File: at.Filename, Line: at.Start.Line, Message: fmt.Sprintf("duplicate %s: already declared at %s:%d", what, first.Filename, first.Start.Line)}
}

// mergeBodies: an override block's attributes replace the original's, and its nested blocks
// replace the original's blocks of the same type (Terraform's override rules).
func mergeBodies(base, over hcl.Body, at hcl.Range) (hcl.Body, error) {
	b, ok1 := base.(*hclsyntax.Body)
	o, ok2 := over.(*hclsyntax.Body)
	if !ok1 || !ok2 {
		return nil, &InputError{File: at.Filename, Line: at.Start.Line, Message: "overriding a block written in JSON syntax (or with one) is not supported"}
	}
	merged := &hclsyntax.Body{Attributes: hclsyntax.Attributes{}, SrcRange: b.SrcRange, EndRange: b.EndRange}
	for k, a := range b.Attributes {
		merged.Attributes[k] = a
	}
	for k, a := range o.Attributes {
		merged.Attributes[k] = a
	}
	blockType := func(bl *hclsyntax.Block) string {
		if bl.Type == "dynamic" && len(bl.Labels) == 1 {
			return bl.Labels[0]
		}
		return bl.Type
	}
	replaced := map[string]bool{}
	for _, bl := range o.Blocks {
		replaced[blockType(bl)] = true
	}
	for _, bl := range b.Blocks {
		if !replaced[blockType(bl)] {
			merged.Blocks = append(merged.Blocks, bl)
		}
	}
	merged.Blocks = append(merged.Blocks, o.Blocks...)
	return merged, nil
}

func (l *loader) addFile(m *Module, f *hcl.File, override bool) error {
	content, diags := f.Body.Content(fileSchema)
	if err := diagError(diags); err != nil {
		return err
	}
	for _, b := range content.Blocks {
		switch b.Type {
		case "variable":
			if err := addVariable(m, b, override); err != nil {
				return err
			}
		case "locals":
			attrs, diags := b.Body.JustAttributes()
			if err := diagError(diags); err != nil {
				return err
			}
			for n, a := range attrs {
				if prev := m.Locals[n]; prev != nil && !override {
					return duplicate("local value "+n, a.NameRange, prev.NameRange)
				}
				m.Locals[n] = a
			}
		case "output":
			c, _, diags := b.Body.PartialContent(outputSchema)
			if err := diagError(diags); err != nil {
				return err
			}
			if prev, seen := m.Outputs[b.Labels[0]]; seen && !override {
				first := b.DefRange
				if prev != nil {
					first = prev.Range
				}
				return duplicate("output "+b.Labels[0], b.DefRange, first)
			}
			if v := c.Attributes["value"]; v != nil || !override {
				m.Outputs[b.Labels[0]] = v
			}
		case "resource", "data":
			r := &Resource{Mode: "managed", Type: b.Labels[0], Name: b.Labels[1], Decl: b.DefRange}
			if b.Type == "data" {
				r.Mode = "data"
			}
			c, rest, diags := b.Body.PartialContent(resourceMetaSchema)
			if err := diagError(diags); err != nil {
				return err
			}
			if a := c.Attributes["count"]; a != nil {
				r.Count = a.Expr
			}
			if a := c.Attributes["for_each"]; a != nil {
				r.ForEach = a.Expr
			}
			r.Body = rest
			if sb, ok := b.Body.(*hclsyntax.Body); ok {
				r.Body = sb // attributes and blocks read directly, meta-arguments skipped by name
			}
			if prev := m.findResource(r.Key()); prev != nil {
				if !override {
					return duplicate(b.Type+" "+r.Key(), b.DefRange, prev.Decl)
				}
				body, err := mergeBodies(prev.Body, r.Body, b.DefRange)
				if err != nil {
					return err
				}
				prev.Body = body
				if r.Count != nil {
					prev.Count = r.Count
				}
				if r.ForEach != nil {
					prev.ForEach = r.ForEach
				}
				continue
			}
			m.Resources = append(m.Resources, r)
		case "module":
			if err := l.addCall(m, b, override); err != nil {
				return err
			}
		case "provider":
			if b.Labels[0] == "aws" {
				attrs, _ := b.Body.JustAttributes()
				if a := attrs["region"]; a != nil && m.ProviderRegion == nil {
					m.ProviderRegion = a.Expr
				}
			}
		}
	}
	return nil
}

func addVariable(m *Module, b *hcl.Block, override bool) error {
	c, _, diags := b.Body.PartialContent(variableSchema)
	if err := diagError(diags); err != nil {
		return err
	}
	v := &Variable{Name: b.Labels[0], Type: cty.DynamicPseudoType, Decl: b.DefRange}
	if prev := m.Variables[v.Name]; prev != nil {
		if !override {
			return duplicate("variable "+v.Name, b.DefRange, prev.Decl)
		}
		v = prev // an override replaces the default and type it sets
	}
	if a := c.Attributes["default"]; a != nil {
		v.Default = a.Expr
	}
	if a := c.Attributes["type"]; a != nil {
		ty, defaults, diags := typeexpr.TypeConstraintWithDefaults(a.Expr)
		if err := diagError(diags); err != nil {
			return err
		}
		v.Type, v.Defaults = ty, defaults
	}
	m.Variables[v.Name] = v
	return nil
}

func (l *loader) addCall(m *Module, b *hcl.Block, override bool) error {
	attrs, diags := b.Body.JustAttributes()
	if err := diagError(diags); err != nil {
		return err
	}
	call := &Call{Name: b.Labels[0], Args: map[string]*hcl.Attribute{}, Decl: b.DefRange}
	for _, prev := range m.Calls {
		if prev.Name != call.Name {
			continue
		}
		if !override {
			return duplicate("module "+call.Name, b.DefRange, prev.Decl)
		}
		if attrs["source"] != nil {
			return &InputError{File: b.DefRange.Filename, Line: b.DefRange.Start.Line, Message: "overriding a module's source is not supported"}
		}
		for n, a := range attrs {
			switch {
			case n == "count":
				prev.Count = a.Expr
			case n == "for_each":
				prev.ForEach = a.Expr
			case !moduleMetaNames[n]:
				prev.Args[n] = a
			}
		}
		return nil
	}
	src := attrs["source"]
	if src == nil {
		return &InputError{File: b.DefRange.Filename, Line: b.DefRange.Start.Line, Message: fmt.Sprintf("module %q has no source", call.Name)}
	}
	v, diags := src.Expr.Value(nil)
	if diags.HasErrors() || v.Type() != cty.String || v.IsNull() {
		return &InputError{File: src.Range.Filename, Line: src.Range.Start.Line, Message: fmt.Sprintf("module %q: source must be a literal string", call.Name)}
	}
	call.Source = v.AsString()
	for n, a := range attrs {
		switch n {
		case "count":
			call.Count = a.Expr
		case "for_each":
			call.ForEach = a.Expr
		default:
			if !moduleMetaNames[n] {
				call.Args[n] = a
			}
		}
	}
	if strings.HasPrefix(call.Source, "./") || strings.HasPrefix(call.Source, "../") {
		child, err := l.loadModule(path.Clean(path.Join(m.Dir, call.Source)), &src.Range)
		if err != nil {
			return err
		}
		call.Module = child
	}
	m.Calls = append(m.Calls, call)
	return nil
}
