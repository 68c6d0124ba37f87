#!/usr/bin/env bash
# The one place that finds OPA, Regal and the other pinned tools: the project-local .tools/bin first
# (where scripts/tools.sh installs them), then PATH.
#   source scripts/find-tool.sh; OPA="$(find_tool opa)"   (in a script; errors name that script)
#   bash scripts/find-tool.sh opa                          (prints the path; scripts/dev/toolchain.ts)
FIND_TOOL_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

find_tool() { # find_tool <name>: project-local first, then PATH
  if [ -x "$FIND_TOOL_ROOT/.tools/bin/$1" ]; then echo "$FIND_TOOL_ROOT/.tools/bin/$1"
  elif command -v "$1" >/dev/null 2>&1; then command -v "$1"
  else echo "$(basename "$0"): $1 not found: run scripts/tools.sh" >&2; exit 1; fi
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  [ $# -eq 1 ] || { echo "usage: find-tool.sh <name>" >&2; exit 2; }
  find_tool "$1"
fi
