#!/usr/bin/env bash
# Plan review, as .github/workflows/plan-review.yml runs it (and the test suite, offline):
#   cdktf synth -> terraform init/plan per stack -> terraform show -json -> sqsguard check
# Usage: scripts/plan-review.sh [out dir]   (default: a new temp dir; its path is printed)
#        scripts/plan-review.sh --terraform-dir <dir> [out dir]
#          no credentials, no terraform, no cdktf: checks the Terraform root module <dir> (plain
#          .tf files) directly, for pull requests from forks, which get no secrets. Findings point
#          at .tf lines relative to the working directory (run it from the repository root so
#          code scanning annotates them); SQSGUARD_VAR_FILES adds -var-files (space-separated).
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

report() { # report <out dir> <sqsguard check arguments...>: every format into the out dir
  local out="$1" status=0
  shift
  # shellcheck disable=SC2206
  local extra=(${SQSGUARD_CHECK_ARGS:-})
  local sqsguard=(node "$ROOT/dist/bin/sqsguard.js" check "$@" "${extra[@]}")
  "${sqsguard[@]}" --format markdown --output "$out/review.md" || status=$?
  if [ "$status" -ge 2 ]; then echo "plan-review: sqsguard could not evaluate the input" >&2; exit "$status"; fi
  "${sqsguard[@]}" --format sarif --output "$out/sqsguard.sarif" || true
  "${sqsguard[@]}" --format json --output "$out/sqsguard.json" || true
  "${sqsguard[@]}" --format junit --output "$out/junit.xml" || true
  "${sqsguard[@]}" --format text --no-color >&2 || true
  if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then cat "$out/review.md" >> "$GITHUB_STEP_SUMMARY"; fi
  echo "$out"
  exit "$status"
}

if [ "${1:-}" = "--terraform-dir" ]; then
  [ -n "${2:-}" ] || { echo "plan-review: --terraform-dir needs a directory" >&2; exit 2; }
  src="$2"
  OUT="${3:-$(mktemp -d)}"
  mkdir -p "$OUT"
  OUT="$(cd "$OUT" && pwd)"
  if [ "${SQSGUARD_SKIP_BUILD:-}" != "1" ]; then
    echo "plan-review: npm run build" >&2
    (cd "$ROOT" && npm run --silent build >&2)
  fi
  varfiles=()
  for f in ${SQSGUARD_VAR_FILES:-}; do varfiles+=(--var-file "$f"); done
  echo "plan-review: sqsguard check $src (no plan, no credentials)" >&2
  report "$OUT" "$src" "${varfiles[@]}"
fi

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
report "$OUT" plans/*.json
