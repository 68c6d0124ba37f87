package main

import (
	"encoding/json"
	"errors"
)

// Request: what the TypeScript side asks for (lib/hcl/wasm.ts).
type Request struct {
	Dir      string   `json:"dir"`
	VarFiles []string `json:"varFiles"`
	// Attribute paths to locate on every resource instance, e.g. "redrive_policy.maxReceiveCount".
	Paths []string `json:"paths"`
	// Root variable values that win over tfvars and defaults: a plan's own `variables`.
	Variables map[string]json.RawMessage `json:"variables"`
}

type Response struct {
	Result *Result     `json:"result,omitempty"`
	Error  *InputError `json:"error,omitempty"`
}

func handle(host Host, raw []byte) []byte {
	var req Request
	if err := json.Unmarshal(raw, &req); err != nil {
		return mustJSON(Response{Error: &InputError{File: "<request>", Message: err.Error()}})
	}
	ev, err := Evaluate(host, req.Dir, req.VarFiles, req.Variables)
	if err != nil {
		var ie *InputError
		if !errors.As(err, &ie) {
			ie = &InputError{File: req.Dir, Message: err.Error()}
		}
		return mustJSON(Response{Error: ie})
	}
	return mustJSON(Response{Result: BuildPlan(ev, req.Paths)})
}

func mustJSON(v interface{}) []byte {
	return []byte(encodeJSON(v))
}
