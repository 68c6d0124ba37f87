#!/usr/bin/env bash
# The steps of the sqsguard GitHub Action (action.yml), runnable anywhere: the action calls it, the
# test suite runs it end to end on temporary projects. It reviews the USER's project — the working
# directory — never this repository's stacks.
#
#   1. produce the inputs, by SQSGUARD_MODE:
#        cdktf           install the app's dependencies, run SQSGUARD_BUILD_COMMAND, `cdktf synth`;
#                        with credentials (SQSGUARD_PLAN=true) also terraform init/plan/show -json of
#                        every stack
#        terraform-plan  terraform init/plan/show -json in the working directory
#        terraform-dir   no credentials: `sqsguard check <dir>` reads the Terraform files
#        files           the given files (cdk.tf.json, plan JSON, cdktf.out)
#      SQSGUARD_NO_CREDENTIALS=1 (a fork's pull request: no secrets, no OIDC) turns the planning modes
#      into their credential-free forms, with a ::notice:: saying so
#   2. install sqsguard (SQSGUARD_VERSION: an npm version, a .tgz path, or `local` = npm pack of the
#      checkout this script lives in, after step 1 so that `uses: ./` on a cdktf app has its
#      node_modules) into a private prefix: the user's project is not touched
#   3. sqsguard check -> review.md, sqsguard.sarif, sqsguard.json in the out dir; comment.md (review.md
#      behind a marker, for the sticky PR comment); review.md appended to $GITHUB_STEP_SUMMARY; counts
#      and paths appended to $GITHUB_OUTPUT
#   4. exit by SQSGUARD_FAIL_ON: deny (exit 1 on deny findings, or undetermined with strict), warn
#      (also on warn findings), never (0). Exit 2: bad input, or sqsguard could not evaluate.
#
# Environment (the action's inputs): SQSGUARD_MODE, SQSGUARD_WORKING_DIRECTORY (default .),
# SQSGUARD_FILES (whitespace-separated, relative to the working directory), SQSGUARD_CONFIG,
# SQSGUARD_SUPPRESSIONS (relative to the directory the script is started in), SQSGUARD_STRICT
# (true|false), SQSGUARD_FAIL_ON, SQSGUARD_VERSION (default local), SQSGUARD_PLAN (cdktf: plan the
# stacks, true|false), SQSGUARD_BUILD_COMMAND (cdktf: run before synth, e.g. `npm run build`),
# SQSGUARD_NO_CREDENTIALS, SQSGUARD_OUT (default $RUNNER_TEMP/sqsguard or a temp dir).
set -euo pipefail

ACTION_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
START_DIR="$(pwd)"
export CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1 TF_INPUT=0

fail() { echo "sqsguard-action: $*" >&2; exit 2; }
log() { echo "sqsguard-action: $*" >&2; }
is_true() { case "${1:-}" in true|1|yes) return 0 ;; false|0|no|"") return 1 ;; *) fail "not a boolean: $1" ;; esac; }
abs() { case "$1" in /*) echo "$1" ;; *) echo "$START_DIR/$1" ;; esac; }

MODE="${SQSGUARD_MODE:-}"
FAIL_ON="${SQSGUARD_FAIL_ON:-deny}"
VERSION="${SQSGUARD_VERSION:-local}"
case "$MODE" in cdktf|terraform-plan|terraform-dir|files) ;; *) fail "mode must be cdktf, terraform-plan, terraform-dir or files (got '${MODE}')" ;; esac
case "$FAIL_ON" in deny|warn|never) ;; *) fail "fail-on must be deny, warn or never (got '$FAIL_ON')" ;; esac
WORKDIR="$(abs "${SQSGUARD_WORKING_DIRECTORY:-.}")"
[ -d "$WORKDIR" ] || fail "working-directory $WORKDIR is not a directory"
WORKDIR="$(cd "$WORKDIR" && pwd)"
if [ "$MODE" = files ] && [ -z "$(echo "${SQSGUARD_FILES:-}" | tr -d " \n\t")" ]; then fail "mode files needs files"; fi

OUT="${SQSGUARD_OUT:-${RUNNER_TEMP:+$RUNNER_TEMP/sqsguard}}"
OUT="${OUT:-$(mktemp -d)}"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"

CHECK_ARGS=()
if [ -n "${SQSGUARD_CONFIG:-}" ]; then CHECK_ARGS+=(--config "$(abs "$SQSGUARD_CONFIG")"); fi
if [ -n "${SQSGUARD_SUPPRESSIONS:-}" ]; then CHECK_ARGS+=(--suppressions "$(abs "$SQSGUARD_SUPPRESSIONS")"); fi
if is_true "${SQSGUARD_STRICT:-false}"; then CHECK_ARGS+=(--strict); fi
PLAN_STACKS=false
if is_true "${SQSGUARD_PLAN:-false}"; then PLAN_STACKS=true; fi
NO_CREDENTIALS=false
if is_true "${SQSGUARD_NO_CREDENTIALS:-false}"; then NO_CREDENTIALS=true; fi

# --- 1. the inputs ------------------------------------------------------------------------------
# a step that fails (npm ci, the build, cdktf synth, terraform) is not a verdict on the project: exit 2
set -E
trap 'echo "sqsguard-action: failed (exit $?): $BASH_COMMAND" >&2; exit 2' ERR
terraform_plan() { # terraform_plan <dir> <out json>
  terraform -chdir="$1" init -input=false -no-color >&2
  terraform -chdir="$1" plan -input=false -lock=false -no-color -out="$OUT/tfplan" >&2
  terraform -chdir="$1" show -json "$OUT/tfplan" > "$2"
  rm -f "$OUT/tfplan"
}

# paths are handed to sqsguard relative to where it runs (the working directory, or the out dir
# for plans), so reports name the user's files as they know them
INPUTS=()
CHECK_DIR="$WORKDIR"
case "$MODE" in
  cdktf)
    cd "$WORKDIR"
    [ -f cdktf.json ] || fail "mode cdktf: no cdktf.json in $WORKDIR"
    if [ -f package-lock.json ]; then log "npm ci"; npm ci --no-audit --no-fund >&2
    elif [ -f package.json ]; then log "npm install"; npm install --no-audit --no-fund >&2; fi
    if [ -n "${SQSGUARD_BUILD_COMMAND:-}" ]; then log "$SQSGUARD_BUILD_COMMAND"; bash -c "$SQSGUARD_BUILD_COMMAND" >&2; fi
    # the app's own cdktf CLI, else one on PATH, else the registry's
    if [ -x node_modules/.bin/cdktf ]; then CDKTF=(node_modules/.bin/cdktf)
    elif command -v cdktf >/dev/null 2>&1; then CDKTF=(cdktf)
    else CDKTF=(npx --yes "cdktf-cli@${SQSGUARD_CDKTF_CLI_VERSION:-0.21.0}"); fi
    log "cdktf synth -> $OUT/cdktf.out"
    rm -rf "$OUT/cdktf.out"
    CI=1 FORCE_COLOR=0 "${CDKTF[@]}" synth --output "$OUT/cdktf.out" >&2
    if [ "$PLAN_STACKS" = true ] && [ "$NO_CREDENTIALS" = true ]; then
      echo "::notice title=sqsguard::no AWS credentials (pull request from a fork): checking the synthesized stacks without terraform plan"
      PLAN_STACKS=false
    fi
    CHECK_DIR="$OUT"
    if [ "$PLAN_STACKS" = true ]; then
      mkdir -p "$OUT/plans"
      for dir in "$OUT"/cdktf.out/stacks/*/; do
        stack="$(basename "$dir")"
        log "terraform plan $stack"
        terraform_plan "$dir" "$OUT/plans/$stack.json"
        INPUTS+=("plans/$stack.json")
      done
    else
      INPUTS+=(cdktf.out)
    fi ;;
  terraform-plan)
    if [ "$NO_CREDENTIALS" = true ]; then
      echo "::notice title=sqsguard::no AWS credentials (pull request from a fork): checking the Terraform files without a plan (mode terraform-dir)"
      INPUTS+=(.)
    else
      mkdir -p "$OUT/plans"
      log "terraform plan in $WORKDIR"
      terraform_plan "$WORKDIR" "$OUT/plans/plan.json"
      CHECK_DIR="$OUT"
      INPUTS+=(plans/plan.json)
    fi ;;
  terraform-dir)
    INPUTS+=(.) ;;
  files)
    read -r -a INPUTS <<< "$(echo "$SQSGUARD_FILES" | tr '\n' ' ')" ;;
esac

# --- 2. sqsguard, in its own prefix ------------------------------------------------------------
PREFIX="$OUT/.sqsguard"
rm -rf "$PREFIX"
mkdir -p "$PREFIX"
case "$VERSION" in
  local)
    log "npm pack $ACTION_ROOT"
    PACKAGE="$(cd "$ACTION_ROOT" && npm pack --silent --pack-destination "$PREFIX" | tail -n 1)"
    PACKAGE="$PREFIX/$PACKAGE" ;;
  *.tgz) PACKAGE="$(abs "$VERSION")" ;;
  *) PACKAGE="sqsguard@$VERSION" ;;
esac
log "installing $PACKAGE"
# a private prefix: the user's package.json and lock file stay as they are
echo '{"private": true}' > "$PREFIX/package.json"
(cd "$PREFIX" && npm install --silent --no-audit --no-fund --omit=dev --omit=peer "$PACKAGE" >&2) || fail "cannot install $PACKAGE"
SQSGUARD=(node "$PREFIX/node_modules/sqsguard/dist/bin/sqsguard.js")
log "sqsguard $("${SQSGUARD[@]}" --version)"

# --- 3. check and report --------------------------------------------------------------------------
cd "$CHECK_DIR"
status=0
"${SQSGUARD[@]}" check "${INPUTS[@]}" "${CHECK_ARGS[@]}" --format json --output "$OUT/sqsguard.json" || status=$?
if [ "$status" -ge 2 ]; then echo "sqsguard-action: sqsguard could not evaluate ${INPUTS[*]}" >&2; exit 2; fi
"${SQSGUARD[@]}" check "${INPUTS[@]}" "${CHECK_ARGS[@]}" --format markdown --output "$OUT/review.md" || true
"${SQSGUARD[@]}" check "${INPUTS[@]}" "${CHECK_ARGS[@]}" --format sarif --output "$OUT/sqsguard.sarif" || true
"${SQSGUARD[@]}" check "${INPUTS[@]}" "${CHECK_ARGS[@]}" --format text --no-color >&2 || true

# the marker finds the previous comment to update (one sticky comment per pull request)
{ echo '<!-- sqsguard-plan-review -->'; cat "$OUT/review.md"; } > "$OUT/comment.md"
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then cat "$OUT/review.md" >> "$GITHUB_STEP_SUMMARY"; fi

read -r DENY WARN UNDETERMINED SUPPRESSED < <(node -e '
  const s = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).summary;
  console.log(s.deny, s.warn, s.undetermined, s.suppressed);' "$OUT/sqsguard.json")

verdict=0
case "$FAIL_ON" in
  deny) verdict="$status" ;;
  warn) if [ "$status" -ne 0 ] || [ "$WARN" -gt 0 ]; then verdict=1; fi ;;
  never) verdict=0 ;;
esac

if [ -n "${GITHUB_OUTPUT:-}" ]; then
  {
    echo "deny=$DENY"
    echo "warn=$WARN"
    echo "undetermined=$UNDETERMINED"
    echo "suppressed=$SUPPRESSED"
    echo "exit-code=$verdict"
    echo "out-dir=$OUT"
    echo "markdown=$OUT/review.md"
    echo "comment=$OUT/comment.md"
    echo "sarif=$OUT/sqsguard.sarif"
    echo "json=$OUT/sqsguard.json"
  } >> "$GITHUB_OUTPUT"
fi
log "$DENY deny, $WARN warn, $UNDETERMINED undetermined, $SUPPRESSED suppressed (fail-on $FAIL_ON: exit $verdict); reports in $OUT"
exit "$verdict"
