//go:build !js

// Native entry point, for development: `go run . '{"dir": "..."}'` prints the response.
package main

import (
	"fmt"
	"os"
)

type osHost struct{}

func (osHost) ReadDir(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names, nil
}

func (osHost) ReadFile(f string) ([]byte, error) { return os.ReadFile(f) }

func (osHost) IsDir(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}

func main() {
	fmt.Println(string(handle(osHost{}, []byte(os.Args[1]))))
}
