#!/usr/bin/env bash
# Prints a Terraform filesystem mirror directory holding hashicorp/aws 5.100.0 for this platform
# (another version with SQSGUARD_AWS_PROVIDER_VERSION, e.g. 6.x for CDK Terrain's bindings: docs/cdktn.md).
# Looks where scripts/dev/toolchain.ts looks (SQSGUARD_PROVIDER_MIRROR, then the usual plugin roots) and
# fails with what to do when there is none. (The provider cannot be built with `go install`: its
# v5 tags are not valid Go module versions, so the Go module proxy does not serve them.)
#   bash scripts/provider-mirror.sh                      # print the mirror dir
#   bash scripts/provider-mirror.sh --cli-config FILE    # also write a Terraform CLI config to FILE
#                                                        # that installs hashicorp/aws from it only
set -euo pipefail
CLI_CONFIG=""
if [ "${1:-}" = "--cli-config" ]; then CLI_CONFIG="${2:?--cli-config needs a file}"; fi
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VERSION="${SQSGUARD_AWS_PROVIDER_VERSION:-5.100.0}"
case "$(uname -m)" in x86_64) ARCH=amd64 ;; aarch64|arm64) ARCH=arm64 ;; *) ARCH="$(uname -m)" ;; esac
PLATFORM="$(uname -s | tr '[:upper:]' '[:lower:]')_$ARCH"
REL="registry.terraform.io/hashicorp/aws/$VERSION/$PLATFORM"

found() { # found <mirror dir>: print it, and write the CLI config when asked
  if [ -n "$CLI_CONFIG" ]; then
    cat > "$CLI_CONFIG" <<RC
provider_installation {
  filesystem_mirror {
    path    = "$1"
    include = ["registry.terraform.io/hashicorp/aws"]
  }
  direct {
    exclude = ["registry.terraform.io/hashicorp/aws"]
  }
}
RC
  fi
  echo "$1"
  exit 0
}

is_mirror() { [ -d "$1/$REL" ] && ls "$1/$REL"/terraform-provider-aws_* >/dev/null 2>&1; }

if [ -n "${SQSGUARD_PROVIDER_MIRROR:-}" ]; then
  is_mirror "$SQSGUARD_PROVIDER_MIRROR" || { echo "provider-mirror.sh: SQSGUARD_PROVIDER_MIRROR=$SQSGUARD_PROVIDER_MIRROR holds no $REL" >&2; exit 1; }
  found "$SQSGUARD_PROVIDER_MIRROR"
fi
for root in "$HOME/.terraform.d/plugins" "$HOME/.local/share/terraform/plugins" /usr/local/share/terraform/plugins \
            /usr/share/terraform/plugins /opt /usr/local/share /usr/local/lib; do
  [ -d "$root" ] || continue
  for candidate in "$root" "$root"/* "$root"/*/plugins; do
    if is_mirror "$candidate"; then found "$candidate"; fi
  done
done

echo "provider-mirror.sh: no filesystem mirror of hashicorp/aws $VERSION ($PLATFORM) found. Put one in place (on a machine with internet: a terraform config requiring hashicorp/aws $VERSION, then \`terraform providers mirror <dir>\`) and set SQSGUARD_PROVIDER_MIRROR=<dir>" >&2
exit 1
