#!/usr/bin/env bash
# Builds the HCL reader: hcl/*.go (hashicorp/hcl/v2 + go-cty, pinned in hcl/go.mod and go.sum)
# compiled for GOOS=js GOARCH=wasm into hcl/dist/hcl.wasm, beside Go's hcl/dist/wasm_exec.js that
# runs it under Node. Both are committed, so checking a Terraform directory needs only Node.
# The build is byte-reproducible with the toolchain pinned in hcl/go.mod (-trimpath, no VCS stamp).
# Usage: scripts/build-hcl.sh          build into hcl/dist
#        scripts/build-hcl.sh --check  rebuild in a temp dir, exit 1 if hcl/dist is stale
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MODE="${1:-build}"
GO="${SQSGUARD_GO:-go}"
command -v "$GO" >/dev/null || { echo "build-hcl.sh: go not found: install Go $(sed -n 's/^toolchain go//p' "$ROOT/hcl/go.mod") (https://go.dev/dl/)" >&2; exit 1; }

build_into() { # build_into <out dir>
  local out="$1"
  mkdir -p "$out"
  (cd "$ROOT/hcl" && GOOS=js GOARCH=wasm CGO_ENABLED=0 GOFLAGS=-mod=readonly \
    "$GO" build -trimpath -buildvcs=false -ldflags='-s -w -buildid=' -o "$out/hcl.wasm" .)
  cp "$(cd "$ROOT/hcl" && "$GO" env GOROOT)/lib/wasm/wasm_exec.js" "$out/wasm_exec.js"
}

if [ "$MODE" = "--check" ]; then
  tmpout="$(mktemp -d)"
  trap 'rm -rf "$tmpout"' EXIT
  build_into "$tmpout"
  for f in hcl.wasm wasm_exec.js; do
    if ! cmp -s "$tmpout/$f" "$ROOT/hcl/dist/$f"; then
      echo "build-hcl.sh: hcl/dist/$f is stale (or built with another Go than $(cd "$ROOT/hcl" && "$GO" version)): run scripts/build-hcl.sh and commit hcl/dist" >&2
      exit 1
    fi
  done
  echo "build-hcl.sh: hcl/dist is up to date"
  exit 0
fi

build_into "$ROOT/hcl/dist"
echo "build-hcl.sh: wrote hcl/dist/hcl.wasm ($(wc -c < "$ROOT/hcl/dist/hcl.wasm") bytes) and hcl/dist/wasm_exec.js"
