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
# mirror: SQSGUARD_PROVIDER_MIRROR=<dir containing registry.terraform.io/>.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

command -v terraform >/dev/null 2>&1 || { echo "make-fixtures.sh: terraform not found: install Terraform >= 1.5" >&2; exit 1; }
command -v node >/dev/null 2>&1 || { echo "make-fixtures.sh: node not found: install Node.js >= 20" >&2; exit 1; }

find_mirror() {
  if [ -n "${SQSGUARD_PROVIDER_MIRROR:-}" ]; then
    if [ -d "$SQSGUARD_PROVIDER_MIRROR/registry.terraform.io/hashicorp/aws/5.100.0" ]; then
      echo "$SQSGUARD_PROVIDER_MIRROR"; return 0
    fi
    echo "make-fixtures.sh: SQSGUARD_PROVIDER_MIRROR=$SQSGUARD_PROVIDER_MIRROR has no registry.terraform.io/hashicorp/aws/5.100.0" >&2
    return 1
  fi
  local root hit
  for root in /opt /usr/local/share /usr/share "$HOME/.terraform.d" "$HOME/.local/share"; do
    [ -d "$root" ] || continue
    hit="$(find "$root" -maxdepth 6 -type d -path '*/registry.terraform.io/hashicorp/aws/5.100.0' 2>/dev/null | head -n 1)"
    if [ -n "$hit" ]; then echo "${hit%/registry.terraform.io/hashicorp/aws/5.100.0}"; return 0; fi
  done
  echo "make-fixtures.sh: hashicorp/aws 5.100.0 provider mirror not found: install it (terraform providers mirror <dir>) and set SQSGUARD_PROVIDER_MIRROR=<dir>" >&2
  return 1
}
MIRROR="$(find_mirror)"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cat > "$WORK/terraform.rc" <<RC
provider_installation {
  filesystem_mirror {
    path    = "$MIRROR"
    include = ["registry.terraform.io/hashicorp/aws"]
  }
  direct {
    exclude = ["registry.terraform.io/hashicorp/aws"]
  }
}
RC
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
    fs.writeFileSync(process.argv[2], JSON.stringify(doc, null, 2) + "\n");
  ' "$1" "$2"
}

if [ "$#" -gt 0 ]; then DIRS=("$@"); else DIRS=(fixtures/src/*/); fi

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
# One data document for `opa test policies/ fixtures/opa/`:
#   data.testdata.fixtures.{plan,synth}.<name>
mkdir -p fixtures/opa/testdata/fixtures
node -e '
  const fs = require("fs"), path = require("path");
  const out = {};
  for (const shape of ["plan", "synth"]) {
    out[shape] = {};
    for (const f of fs.readdirSync(path.join("fixtures", shape)).filter((f) => f.endsWith(".json")).sort()) {
      out[shape][f.slice(0, -5)] = JSON.parse(fs.readFileSync(path.join("fixtures", shape, f), "utf8"));
    }
  }
  fs.writeFileSync("fixtures/opa/testdata/fixtures/data.json", JSON.stringify(out) + "\n");
'
echo "make-fixtures.sh: wrote ${#DIRS[@]} fixture(s) to fixtures/plan and fixtures/synth, and fixtures/opa/testdata/fixtures/data.json" >&2
