#!/usr/bin/env bash
# Builds the policy artifacts:
#   policies/dist/policy.wasm  (extracted from the OPA wasm bundle: the JS SDK
#                               cannot read bundle.tar.gz)
#   policies/dist/rules.json   (catalogue from the rule packages' METADATA)
#   policies/dist/thresholds.json (threshold defaults and AWS limits, for the
#                               construct: the policy is their only source)
# Usage: scripts/build-policy.sh          build into policies/dist
#        scripts/build-policy.sh --check  rebuild in a temp dir, exit 1 if the
#                                         committed artifacts are stale
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
MODE="${1:-build}"

# shellcheck source=scripts/find-tool.sh
source "$ROOT/scripts/find-tool.sh"
OPA="$(find_tool opa)"

# Sources of the Wasm bundle: everything under policies/sqsguard except tests.
SRC=policies/sqsguard
ENTRYPOINTS=(sqsguard/main sqsguard/main/findings sqsguard/main/pipelines sqsguard/main/threshold_defaults)

build_into() { # build_into <out dir>
  local out="$1" tmp
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' RETURN
  local eps=()
  for e in "${ENTRYPOINTS[@]}"; do eps+=(-e "$e"); done
  "$OPA" build -t wasm "${eps[@]}" --ignore '*_test.rego' -o "$tmp/bundle.tar.gz" "$SRC" >/dev/null
  mkdir -p "$out"
  tar -xzf "$tmp/bundle.tar.gz" -C "$tmp" /policy.wasm 2>/dev/null || tar -xzf "$tmp/bundle.tar.gz" -C "$tmp" policy.wasm
  cp "$tmp/policy.wasm" "$out/policy.wasm"
  "$OPA" inspect -a --format json "$SRC" > "$tmp/inspect.json"
  "$OPA" eval --format raw -d policies/build/catalogue.rego -i "$tmp/inspect.json" \
    'json.marshal_with_options({"rules": data.build.rules}, {"pretty": true, "indent": "  "})' \
    > "$out/rules.json"
  "$OPA" eval --format raw -d "$SRC" --ignore '*_test.rego' -d policies/build/thresholds.rego \
    'json.marshal_with_options(data.build.thresholds_file, {"pretty": true, "indent": "  "})' \
    > "$out/thresholds.json"
}

if [ "$MODE" = "--check" ]; then
  tmpout="$(mktemp -d)"
  trap 'rm -rf "$tmpout"' EXIT
  build_into "$tmpout"
  for f in policy.wasm rules.json thresholds.json; do
    if ! cmp -s "$tmpout/$f" "policies/dist/$f"; then
      echo "build-policy.sh: policies/dist/$f is stale: run scripts/build-policy.sh and commit policies/dist" >&2
      exit 1
    fi
  done
  echo "build-policy.sh: policies/dist is up to date"
  exit 0
fi

"$OPA" fmt --fail --list policies/ >/dev/null || { echo "build-policy.sh: unformatted Rego: run '$OPA fmt -w policies/'" >&2; exit 1; }
"$OPA" check --strict policies/
build_into policies/dist
echo "build-policy.sh: wrote policies/dist/policy.wasm ($(wc -c < policies/dist/policy.wasm) bytes) policies/dist/rules.json ($(grep -c '"id"' policies/dist/rules.json) rules) and policies/dist/thresholds.json"
