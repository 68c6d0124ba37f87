#!/usr/bin/env bash
# Policy checks (npm run test:policy): format, strict check, Regal lint,
# `opa test` with coverage (fails below 95 %), then artifact freshness.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
MIN_COVERAGE="${SQSGUARD_MIN_COVERAGE:-95}"

# shellcheck source=scripts/find-tool.sh
source "$ROOT/scripts/find-tool.sh"
OPA="$(find_tool opa)"
REGAL="$(find_tool regal)"

"$OPA" fmt --fail --list policies/ >/dev/null || { echo "test-policy.sh: unformatted Rego: run '$OPA fmt -w policies/'" >&2; exit 1; }
# policies/conftest holds a copy of the catalogue (same packages): checked on its own
CHECKED=(policies/sqsguard policies/build)
"$OPA" check --strict "${CHECKED[@]}"
"$OPA" check --strict policies/conftest
"$REGAL" lint --config-file policies/.regal/config.yaml "${CHECKED[@]}" policies/conftest/main.rego

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
# The tests read every fixture as data.testdata.fixtures.{plan,synth}.<name> and the
# expected-results table as data.testdata.expected. OPA puts a data file at the path
# of its directory, so each file gets a directory named after it (built here, not committed).
for shape in plan synth; do
  for f in fixtures/"$shape"/*.json; do
    d="$tmp/data/testdata/fixtures/$shape/$(basename "$f" .json)"
    mkdir -p "$d"
    cp "$f" "$d/data.json"
  done
done
mkdir -p "$tmp/data/testdata/expected"
cp fixtures/expected.json "$tmp/data/testdata/expected/data.json"

# One run gives both the verdict (exit status) and the coverage report. The
# expected-results test evaluates every fixture in one test: more than the
# default 5 s per test on a loaded machine.
TIMEOUT=120s
if ! "$OPA" test --timeout "$TIMEOUT" --coverage --format json "${CHECKED[@]}" "$tmp/data" > "$tmp/coverage.json"; then
  # failed: run again, verbosely, only to name the failing tests
  "$OPA" test --timeout "$TIMEOUT" -v "${CHECKED[@]}" "$tmp/data" | grep -v ': PASS (\|^PASS: ' | tail -n 60 >&2 || true
  echo "test-policy.sh: opa test failed" >&2
  exit 1
fi
coverage="$("$OPA" eval --format raw -i "$tmp/coverage.json" 'format_int(floor(input.coverage), 10)')"
exact="$("$OPA" eval --format raw -i "$tmp/coverage.json" 'format_int(floor(input.coverage * 100), 10)')"
echo "test-policy.sh: opa test passed; policy coverage ${exact:0:-2}.${exact: -2}% (minimum ${MIN_COVERAGE}%)"
if [ "$coverage" -lt "$MIN_COVERAGE" ]; then
  "$OPA" eval --format pretty -i "$tmp/coverage.json" \
    '{f: input.files[f].coverage | some f in object.keys(input.files); input.files[f].coverage < 100}' >&2
  echo "test-policy.sh: coverage ${coverage}% is below ${MIN_COVERAGE}%" >&2
  exit 1
fi
scripts/build-policy.sh --check
