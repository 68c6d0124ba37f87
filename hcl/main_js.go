//go:build js && wasm

// Wasm entry point (GOOS=js): lib/hcl/wasm.ts sets globalThis.sqsguardHcl = {request, readDir,
// readFile, isDir} with synchronous Node fs calls, runs the module, and reads `response`. Files
// are read through the host's synchronous functions (Go's own fs under js is asynchronous), so
// the whole run completes inside go.run's first, synchronous step.
package main

import (
	"errors"
	"fmt"
	"syscall/js"
)

type jsHost struct{ obj js.Value }

func (h jsHost) call(fn string, arg string) (js.Value, error) {
	r := h.obj.Call(fn, arg)
	if e := r.Get("error"); e.Truthy() {
		return js.Undefined(), errors.New(e.String())
	}
	return r.Get("value"), nil
}

func (h jsHost) ReadDir(dir string) ([]string, error) {
	v, err := h.call("readDir", dir)
	if err != nil {
		return nil, err
	}
	out := make([]string, v.Length())
	for i := range out {
		out[i] = v.Index(i).String()
	}
	return out, nil
}

func (h jsHost) ReadFile(f string) ([]byte, error) {
	v, err := h.call("readFile", f)
	if err != nil {
		return nil, err
	}
	return []byte(v.String()), nil
}

func (h jsHost) IsDir(p string) bool {
	v, err := h.call("isDir", p)
	return err == nil && v.Bool()
}

func main() {
	obj := js.Global().Get("sqsguardHcl")
	defer func() {
		if r := recover(); r != nil { // an internal error still answers in one line
			obj.Set("response", string(mustJSON(Response{Error: &InputError{File: "<hcl reader>", Message: fmt.Sprint("internal error: ", r)}})))
		}
	}()
	resp := handle(jsHost{obj: obj}, []byte(obj.Get("request").String()))
	obj.Set("response", string(resp))
}
