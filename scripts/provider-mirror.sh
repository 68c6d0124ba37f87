#!/usr/bin/env bash
# Prints a Terraform filesystem mirror directory holding hashicorp/aws 5.100.0 for this platform.
# Looks where lib/toolchain.ts looks (SQSGUARD_PROVIDER_MIRROR, then the usual plugin roots) and
# fails with what to do when there is none. (The provider cannot be built with `go install`: its
# v5 tags are not valid Go module versions, so the Go module proxy does not serve them.)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VERSION=5.100.0
case "$(uname -m)" in x86_64) ARCH=amd64 ;; aarch64|arm64) ARCH=arm64 ;; *) ARCH="$(uname -m)" ;; esac
PLATFORM="$(uname -s | tr '[:upper:]' '[:lower:]')_$ARCH"
REL="registry.terraform.io/hashicorp/aws/$VERSION/$PLATFORM"

is_mirror() { [ -d "$1/$REL" ] && ls "$1/$REL"/terraform-provider-aws_* >/dev/null 2>&1; }

if [ -n "${SQSGUARD_PROVIDER_MIRROR:-}" ]; then
  is_mirror "$SQSGUARD_PROVIDER_MIRROR" || { echo "provider-mirror.sh: SQSGUARD_PROVIDER_MIRROR=$SQSGUARD_PROVIDER_MIRROR holds no $REL" >&2; exit 1; }
  echo "$SQSGUARD_PROVIDER_MIRROR"; exit 0
fi
for root in "$HOME/.terraform.d/plugins" "$HOME/.local/share/terraform/plugins" /usr/local/share/terraform/plugins \
            /usr/share/terraform/plugins /opt /usr/local/share /usr/local/lib; do
  [ -d "$root" ] || continue
  for candidate in "$root" "$root"/* "$root"/*/plugins; do
    if is_mirror "$candidate"; then echo "$candidate"; exit 0; fi
  done
done

echo "provider-mirror.sh: no filesystem mirror of hashicorp/aws $VERSION ($PLATFORM) found. Put one in place (on a machine with internet: a terraform config requiring hashicorp/aws $VERSION, then \`terraform providers mirror <dir>\`) and set SQSGUARD_PROVIDER_MIRROR=<dir>" >&2
exit 1
