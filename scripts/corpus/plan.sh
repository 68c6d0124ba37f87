#!/usr/bin/env bash
# Plans the Terraform root modules under corpus/ offline and writes each case's plan.json.
#   bash scripts/corpus/plan.sh [case...]           # (re)write corpus/<case>/plan.json (all cases when none given)
#   bash scripts/corpus/plan.sh --check [case...]   # re-plan and diff against the committed plan.json (exit 1 on drift)
# Every case is planned from scratch in a temporary copy of corpus/ (so `.terraform/`, lock files and
# binary plans never land in the work tree), with hashicorp/aws from the filesystem mirror only.
# The JSON is normalized for stable diffs: `timestamp` dropped, `relevant_attributes` and every list of
# addressed objects (child_modules, resources, resource_changes) sorted, object keys sorted.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CORPUS="$ROOT/corpus"
CHECK=0
if [ "${1:-}" = "--check" ]; then CHECK=1; shift; fi

command -v terraform >/dev/null || { echo "plan.sh: terraform not found: install Terraform 1.11.4 (https://releases.hashicorp.com/terraform/1.11.4/)" >&2; exit 2; }

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
bash "$ROOT/scripts/provider-mirror.sh" --cli-config "$WORK/terraform.rc" >/dev/null 2>&1 \
  || { echo "plan.sh: no filesystem mirror of hashicorp/aws 5.100.0: on a machine with internet run \`terraform providers mirror <dir>\` in a config requiring hashicorp/aws 5.100.0, then set SQSGUARD_PROVIDER_MIRROR=<dir> (see scripts/provider-mirror.sh)" >&2; exit 2; }
export TF_CLI_CONFIG_FILE="$WORK/terraform.rc" CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1 TF_INPUT=0
version="$(terraform version -json | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).terraform_version))')"
[ "$version" = "1.11.4" ] || { echo "plan.sh: terraform $version found, the corpus is planned with 1.11.4 (https://releases.hashicorp.com/terraform/1.11.4/)" >&2; exit 2; }

# the provider block in every case skips credential checks; keep any real credentials out of it
unset AWS_PROFILE AWS_SESSION_TOKEN
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=us-east-1 AWS_EC2_METADATA_DISABLED=true

if [ "$#" -gt 0 ]; then
  cases=("$@")
else
  cases=()
  for dir in "$CORPUS"/*/; do
    name="$(basename "$dir")"
    case "$name" in _*) continue ;; esac # _modules, _shared: not cases
    cases+=("$name")
  done
fi

for name in "${cases[@]}"; do
  case "$name" in _*|*/*|.*|'') echo "plan.sh: not a case name: '$name'" >&2; exit 2 ;; esac
  [ -d "$CORPUS/$name" ] || { echo "plan.sh: no case corpus/$name" >&2; exit 2; }
done

# a copy of the whole corpus keeps relative module sources (../_modules/...) and ../_shared paths working
mkdir -p "$WORK/corpus"
(cd "$CORPUS" && tar --exclude='plan.json' --exclude='.terraform' --exclude='.terraform.lock.hcl' -cf - .) | (cd "$WORK/corpus" && tar -xf -)

normalize() { # normalize <raw show -json> <out>
  node -e '
    const fs = require("fs");
    const plan = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
    delete plan.timestamp;
    if (Array.isArray(plan.relevant_attributes)) {
      const key = (r) => JSON.stringify([r.resource, r.attribute]);
      plan.relevant_attributes.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
    }
    // Terraform lists child modules (and sometimes their resources) in varying order between runs
    const byAddress = (a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0);
    const sortAddressed = (v) => {
      if (Array.isArray(v)) {
        const items = v.map(sortAddressed);
        return items.length > 0 && items.every((x) => x && typeof x === "object" && typeof x.address === "string")
          ? items.sort(byAddress) : items;
      }
      return v && typeof v === "object"
        ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, sortAddressed(x)])) : v;
    };
    const sortKeys = (v) => Array.isArray(v) ? v.map(sortKeys)
      : v && typeof v === "object" ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys(v[k])])) : v;
    fs.writeFileSync(process.argv[2], JSON.stringify(sortKeys(sortAddressed(plan)), null, 1) + "\n");
  ' "$1" "$2"
}

drift=0
for name in "${cases[@]}"; do
  src="$CORPUS/$name"
  dir="$WORK/corpus/$name"
  log="$WORK/$name.log"
  echo "plan.sh: $name" >&2
  if ! { terraform -chdir="$dir" init -input=false -no-color \
         && terraform -chdir="$dir" plan -input=false -lock=false -refresh=false -no-color -out=tfplan \
         && terraform -chdir="$dir" show -json tfplan > "$WORK/$name.raw.json"; } > "$log" 2>&1; then
    cat "$log" >&2
    echo "plan.sh: planning corpus/$name failed (log above)" >&2
    exit 1
  fi
  normalize "$WORK/$name.raw.json" "$WORK/$name.json"
  if [ "$CHECK" = 1 ]; then
    if ! diff -u "$src/plan.json" "$WORK/$name.json" > "$WORK/$name.diff" 2>&1; then
      echo "plan.sh: corpus/$name/plan.json drifted from a fresh plan:" >&2
      head -40 "$WORK/$name.diff" >&2
      drift=1
    fi
  else
    cp "$WORK/$name.json" "$src/plan.json"
  fi
done
exit "$drift"
