#!/usr/bin/env bash
# Builds the policy artifacts:
#   policies/dist/policy.wasm  (extracted from the OPA wasm bundle: the JS SDK
#                               cannot read bundle.tar.gz)
#   policies/dist/rules.json   (catalogue from the rule packages' METADATA)
#   policies/dist/thresholds.json (threshold defaults and AWS limits, for the
#                               construct: the policy is their only source)
#   policies/dist/bundle.tar.gz (OPA bundle, `opa build -b`: the catalogue
#                               without tests, .manifest root "sqsguard", for
#                               `opa eval -b` / OPA servers; docs/opa.md)
#   policies/conftest/sqsguard/ (the same catalogue as files, for
#                               `conftest test --policy policies/conftest`:
#                               conftest reads a directory, and tests break it;
#                               policies/conftest/main.rego is written by hand)
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
# The Rego the checks read: the catalogue and the build helpers. policies/conftest holds a copy of the
# catalogue (same packages), so it is checked on its own, never together with policies/sqsguard.
CHECKED=(policies/sqsguard policies/build)

# copy_catalogue <dir>: the catalogue's Rego without tests into <dir>/sqsguard
copy_catalogue() {
  local f
  rm -rf "$1/sqsguard"
  while IFS= read -r f; do
    mkdir -p "$1/$(dirname "$f")"
    cp "policies/$f" "$1/$f"
  done < <(cd policies && find sqsguard -name '*.rego' ! -name '*_test.rego' | LC_ALL=C sort)
}

build_into() { # build_into <out dir>
  local out tmp
  out="$(mkdir -p "$1" && cd "$1" && pwd)"
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
  # the bundle is built from inside its directory: OPA stores the paths as given
  mkdir -p "$tmp/bundle"
  copy_catalogue "$tmp/bundle"
  echo '{"roots": ["sqsguard"]}' > "$tmp/bundle/.manifest"
  (cd "$tmp/bundle" && "$OPA" build -b . -o "$out/bundle.tar.gz")
}

if [ "$MODE" = "--check" ]; then
  tmpout="$(mktemp -d)"
  trap 'rm -rf "$tmpout"' EXIT
  build_into "$tmpout"
  for f in policy.wasm rules.json thresholds.json bundle.tar.gz; do
    if ! cmp -s "$tmpout/$f" "policies/dist/$f"; then
      echo "build-policy.sh: policies/dist/$f is stale: run scripts/build-policy.sh and commit policies/dist" >&2
      exit 1
    fi
  done
  copy_catalogue "$tmpout/conftest"
  if ! diff -r -q "$tmpout/conftest/sqsguard" policies/conftest/sqsguard >/dev/null 2>&1; then
    echo "build-policy.sh: policies/conftest/sqsguard is stale: run scripts/build-policy.sh and commit policies/conftest" >&2
    exit 1
  fi
  echo "build-policy.sh: policies/dist and policies/conftest are up to date"
  exit 0
fi

"$OPA" fmt --fail --list policies/ >/dev/null || { echo "build-policy.sh: unformatted Rego: run '$OPA fmt -w policies/'" >&2; exit 1; }
"$OPA" check --strict "${CHECKED[@]}"
build_into policies/dist
copy_catalogue policies/conftest
"$OPA" check --strict policies/conftest
echo "build-policy.sh: wrote policies/dist/policy.wasm ($(wc -c < policies/dist/policy.wasm) bytes) policies/dist/rules.json ($(grep -c '"id"' policies/dist/rules.json) rules), policies/dist/thresholds.json, policies/dist/bundle.tar.gz and policies/conftest/sqsguard"
