#!/usr/bin/env bash
# Builds policy fixtures with real Terraform, offline:
#   fixtures/src/<name>/main.tf.json  (input configs; extra dirs may be passed)
#   -> fixtures/plan/<name>.json      (terraform show -json of a plan)
#   -> fixtures/synth/<name>.json     (the config itself: synthesized shape;
#                                      skipped for configs that call modules)
# Usage: scripts/make-fixtures.sh [config dir ...]
#   With no arguments every fixtures/src/* dir is built. An argument is a dir
#   holding main.tf.json (or cdk.tf.json, as written by `cdktf synth`); its
#   basename names the fixture. A SYNTH_ONLY file in a dir (saying why) skips
#   the plan: for settings the AWS provider already rejects at plan time.
# Needs terraform and the hashicorp/aws 5.100.0 provider in a filesystem
# mirror (found by scripts/provider-mirror.sh).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

command -v terraform >/dev/null 2>&1 || { echo "make-fixtures.sh: terraform not found: install Terraform >= 1.5" >&2; exit 1; }
command -v node >/dev/null 2>&1 || { echo "make-fixtures.sh: node not found: install Node.js >= 20" >&2; exit 1; }

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
bash "$ROOT/scripts/provider-mirror.sh" --cli-config "$WORK/terraform.rc" >/dev/null
mkdir -p "$WORK/plugin-cache" fixtures/plan fixtures/synth

tf() { # terraform with the offline CLI config, for terraform commands only
  TF_CLI_CONFIG_FILE="$WORK/terraform.rc" TF_PLUGIN_CACHE_DIR="$WORK/plugin-cache" \
    TF_IN_AUTOMATION=1 TF_INPUT=0 CHECKPOINT_DISABLE=1 terraform "$@"
}

# JSON normaliser: drops volatile fields, pretty-prints deterministically
normalise() { # normalise <in> <out>
  node -e '
    const fs = require("fs");
    const doc = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
    delete doc.timestamp;
    // Terraform lists relevant_attributes in no stable order: sort them so fixtures only change
    // when their content does.
    if (Array.isArray(doc.relevant_attributes)) {
      doc.relevant_attributes.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    }
    fs.writeFileSync(process.argv[2], JSON.stringify(doc, null, 2) + "\n");
  ' "$1" "$2"
}

if [ "$#" -gt 0 ]; then
  DIRS=("$@")
else
  # hand-written configs, plus the project's own construct with unsafe overrides
  # (scripts/fixtures/construct-app.ts; needs `npm run build`)
  [ -f dist-dev/scripts/fixtures/construct-app.js ] || { echo "make-fixtures.sh: run npm run build first" >&2; exit 1; }
  node dist-dev/scripts/fixtures/construct-app.js "$WORK/construct.out"
  DIRS=(fixtures/src/*/ "$WORK/construct.out/stacks"/*/)
fi

for dir in "${DIRS[@]}"; do
  dir="${dir%/}"
  name="$(basename "$dir")"
  cfg=""
  for f in main.tf.json cdk.tf.json; do [ -f "$dir/$f" ] && cfg="$dir/$f" && break; done
  [ -n "$cfg" ] || { echo "make-fixtures.sh: $dir has no main.tf.json or cdk.tf.json" >&2; exit 1; }
  echo "make-fixtures.sh: $name" >&2
  if [ -f "$dir/SYNTH_ONLY" ]; then
    # the provider itself rejects this config at plan time (see the file)
    rm -f "fixtures/plan/$name.json"
    normalise "$cfg" "fixtures/synth/$name.json"
    continue
  fi
  w="$WORK/$name"
  rm -rf "$w"; mkdir -p "$w"
  cp -R "$dir/." "$w/"
  rm -rf "$w/.terraform" "$w/.terraform.lock.hcl" "$w"/terraform.tfstate*
  if ! (cd "$w" && tf init -input=false -no-color >"$w.init.log" 2>&1 &&
        tf plan -input=false -refresh=false -lock=false -no-color -out=plan.bin >"$w.plan.log" 2>&1 &&
        tf show -json plan.bin >"$w.plan.json"); then
    echo "make-fixtures.sh: terraform failed for $name:" >&2
    cat "$w.init.log" "$w.plan.log" 2>/dev/null | tail -n 30 >&2
    exit 1
  fi
  normalise "$w.plan.json" "fixtures/plan/$name.json"
  if grep -q '"module"' "$cfg"; then
    rm -f "fixtures/synth/$name.json"
  else
    normalise "$cfg" "fixtures/synth/$name.json"
  fi
done
echo "make-fixtures.sh: wrote ${#DIRS[@]} fixture(s) to fixtures/plan and fixtures/synth" >&2
