#!/usr/bin/env bash
# Plan review, as .github/workflows/plan-review.yml runs it (and the test suite, offline):
#   cdktf synth -> terraform init/plan per stack -> terraform show -json -> sqsguard check
# Usage: scripts/plan-review.sh [out dir]   (default: a new temp dir; its path is printed)
# Writes into the out dir:
#   cdktf.out/            the synthesized stacks
#   plans/<stack>.json    terraform show -json of each stack's plan
#   review.md             Markdown for a PR comment / $GITHUB_STEP_SUMMARY (appended there when set)
#   sqsguard.sarif        SARIF 2.1.0 for github/codeql-action/upload-sarif
#   sqsguard.json, junit.xml
# Exits with sqsguard's exit code (0 no deny findings, 1 deny findings, 2 input error).
# Environment:
#   SQSGUARD_OFFLINE=1         plan without AWS: the provider skips credential checks
#                              (SQSGUARD_AWS_OFFLINE=1 at synth, fake credentials) and hashicorp/aws
#                              comes from the filesystem mirror (scripts/provider-mirror.sh)
#   SQSGUARD_SKIP_BUILD=1      use the existing dist/ (npm run build otherwise)
#   SQSGUARD_CHECK_ARGS        extra arguments for sqsguard check (e.g. "--strict --suppressions s.json")
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${1:-$(mktemp -d)}"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
cd "$ROOT"
export CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1 TF_INPUT=0

if [ "${SQSGUARD_SKIP_BUILD:-}" != "1" ]; then
  echo "plan-review: npm run build" >&2
  npm run --silent build >&2
fi

if [ "${SQSGUARD_OFFLINE:-}" = "1" ]; then
  bash scripts/provider-mirror.sh --cli-config "$OUT/terraform.rc" >/dev/null
  export TF_CLI_CONFIG_FILE="$OUT/terraform.rc" SQSGUARD_AWS_OFFLINE=1
  export AWS_ACCESS_KEY_ID="${AWS_ACCESS_KEY_ID:-test}" AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY:-test}"
  export AWS_REGION="${AWS_REGION:-us-east-1}"
fi

echo "plan-review: cdktf synth -> $OUT/cdktf.out" >&2
rm -rf "$OUT/cdktf.out"
# keep state out of the work tree: this is a review, nothing is applied
SQSGUARD_STATE_DIR="$OUT/state" CI=1 FORCE_COLOR=0 npx --no-install cdktf synth --output "$OUT/cdktf.out" >&2

mkdir -p "$OUT/plans"
for dir in "$OUT"/cdktf.out/stacks/*/; do
  stack="$(basename "$dir")"
  echo "plan-review: terraform plan $stack" >&2
  terraform -chdir="$dir" init -input=false -no-color >&2
  terraform -chdir="$dir" plan -input=false -lock=false -no-color -out=tfplan >&2
  terraform -chdir="$dir" show -json tfplan > "$OUT/plans/$stack.json"
done

cd "$OUT" # report paths relative to the out dir: plans/<stack>.json
SQSGUARD=(node "$ROOT/dist/bin/sqsguard.js" check plans/*.json)
# shellcheck disable=SC2206
EXTRA=(${SQSGUARD_CHECK_ARGS:-})
status=0
"${SQSGUARD[@]}" "${EXTRA[@]}" --format markdown --output "$OUT/review.md" || status=$?
if [ "$status" -ge 2 ]; then echo "plan-review: sqsguard could not evaluate the plans" >&2; exit "$status"; fi
"${SQSGUARD[@]}" "${EXTRA[@]}" --format sarif --output "$OUT/sqsguard.sarif" || true
"${SQSGUARD[@]}" "${EXTRA[@]}" --format json --output "$OUT/sqsguard.json" || true
"${SQSGUARD[@]}" "${EXTRA[@]}" --format junit --output "$OUT/junit.xml" || true
"${SQSGUARD[@]}" "${EXTRA[@]}" --format text --no-color >&2 || true

if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then cat "$OUT/review.md" >> "$GITHUB_STEP_SUMMARY"; fi
echo "$OUT"
exit "$status"
