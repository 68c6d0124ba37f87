#!/usr/bin/env bash
# Installs the pinned policy tool chain (OPA, Regal, conftest) into <repo>/.tools/bin
# with `go install`, unless the pinned version is already there or on PATH.
# Prints the bin directory on stdout (progress goes to stderr).
#
#   scripts/tools.sh            # install if needed, print the bin dir
#   eval "$(scripts/tools.sh --env)"   # export PATH with the tools first
set -euo pipefail

OPA_VERSION="${SQSGUARD_OPA_VERSION:-v1.22.2}"
OPA_MODULE="github.com/open-policy-agent/opa"
REGAL_VERSION="${SQSGUARD_REGAL_VERSION:-v0.42.0}"
REGAL_MODULE="github.com/open-policy-agent/regal"
# conftest: the tests run policies/conftest with it (it embeds its own OPA; see docs/opa.md)
CONFTEST_VERSION="${SQSGUARD_CONFTEST_VERSION:-v0.71.1}"
CONFTEST_MODULE="github.com/open-policy-agent/conftest"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN="$ROOT/.tools/bin"
mkdir -p "$BIN"

log() { echo "tools.sh: $*" >&2; }

# version_of <binary> -> prints a "vX.Y.Z" version or nothing
version_of() {
  local bin="$1" v
  # opa and regal print "Version: X"; conftest has no version command and prints "Conftest: X" for --version
  v="$({ "$bin" version 2>/dev/null || "$bin" --version 2>/dev/null; } | awk -F': *' 'tolower($1) ~ /^(version|conftest)$/ {print $2; exit}')" || true
  v="${v#v}"
  [ -n "$v" ] && echo "v$v"
}

# ensure <name> <module> <version> <main package suffix>
ensure() {
  local name="$1" module="$2" version="$3" pkg="$4" have cand
  for cand in "$BIN/$name" "$(command -v "$name" 2>/dev/null || true)"; do
    [ -n "$cand" ] && [ -x "$cand" ] || continue
    have="$(version_of "$cand")"
    # binaries built outside `go install` report no version: trust our marker
    if [ "$cand" = "$BIN/$name" ] && [ -f "$BIN/.$name.version" ] &&
       [ "$(cat "$BIN/.$name.version")" = "$version" ]; then
      have="$version"
    fi
    if [ "$have" = "$version" ]; then
      if [ "$cand" != "$BIN/$name" ]; then ln -sf "$cand" "$BIN/$name"; fi
      log "$name $version present ($cand)"
      return 0
    fi
  done
  if ! command -v go >/dev/null 2>&1; then
    echo "tools.sh: cannot install $name $version: Go toolchain not found (install Go >= 1.26)" >&2
    return 1
  fi
  rm -f "$BIN/$name"
  log "installing $name $version (go install $module$pkg@$version, takes a few minutes)"
  if ! GOBIN="$BIN" GOFLAGS="${GOFLAGS:-} -buildvcs=false" go install "$module$pkg@$version"; then
    # Some proxies refuse the module's version list, which `go install` reads
    # for its deprecation notice; building from a throw-away module avoids it.
    log "go install $module$pkg@$version failed; retrying via a temporary module"
    local tmp
    tmp="$(mktemp -d)"
    if ! (cd "$tmp" && go mod init sqsguard-tools >/dev/null 2>&1 &&
          go get "$module@$version" &&
          GOFLAGS="${GOFLAGS:-} -buildvcs=false" go build -o "$BIN/$name" "$module$pkg"); then
      rm -rf "$tmp"
      echo "tools.sh: FAILED: go install $module$pkg@$version (and go build from a temporary module)" >&2
      return 1
    fi
    rm -rf "$tmp"
  fi
  { "$BIN/$name" version || "$BIN/$name" --version; } >/dev/null 2>&1 || { echo "tools.sh: FAILED: $BIN/$name does not run" >&2; return 1; }
  echo "$version" > "$BIN/.$name.version"
}

rc=0
if [ "${1:-}" != "--env" ] || [ ! -x "$BIN/opa" ] || [ ! -x "$BIN/regal" ] || [ ! -x "$BIN/conftest" ]; then
  ensure opa "$OPA_MODULE" "$OPA_VERSION" "" || rc=1
  ensure regal "$REGAL_MODULE" "$REGAL_VERSION" "" || rc=1
  ensure conftest "$CONFTEST_MODULE" "$CONFTEST_VERSION" "" || rc=1
fi
[ "$rc" -eq 0 ] || exit 1

if [ "${1:-}" = "--env" ]; then
  echo "export PATH=\"$BIN:\$PATH\""
else
  echo "$BIN"
fi
