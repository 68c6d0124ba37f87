#!/usr/bin/env bash
# The suites that exercise Node itself (check, report, CLI, construct, matchers) under each Node major
# sqsguard supports besides the one running `npm test`: Node 22 and 24, from the npm packages
# node22/node24 (devDependencies, real Node binaries, no install script). Extra arguments go to jest.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

SUITES=(__tests__/engine __tests__/format __tests__/golden __tests__/cli __tests__/lib/queue-worker __tests__/lib/jest)
# The Node running this script: the cdktf CLI falls back to it where it cannot start (below).
outer_node="$(command -v node)"
# node-pty as the cdktf CLI resolves it (from its own directory), loaded the way the CLI loads it.
CAN_LOAD_PTY="require(require.resolve('@cdktf/node-pty-prebuilt-multiarch', { paths: [require('path').dirname(require('fs').realpathSync('node_modules/.bin/cdktf'))] }))"

for major in 22 24; do
  node_dir="$PWD/node_modules/node${major}/bin"
  if [[ ! -x "$node_dir/node" ]]; then
    echo "test-node-versions: $node_dir/node is missing: run npm ci" >&2
    exit 2
  fi
  echo "== jest under Node $("$node_dir/node" --version)"
  # cdktf-cli 0.21 loads node-pty at start, which ships prebuilt binaries only up to Node 22 (ABI
  # 127): on a newer Node the CLI itself runs on $outer_node, while the app it synthesizes, sqsguard's
  # CLI and every test still run on this version (first on PATH).
  cdktf_node=""
  if ! "$node_dir/node" -e "$CAN_LOAD_PTY" >/dev/null 2>&1; then
    cdktf_node="$outer_node"
    echo "   (the cdktf CLI cannot start on Node ${major}: it runs on $("$outer_node" --version); the synthesized app runs on Node ${major})"
  fi
  start=$(date +%s)
  PATH="$node_dir:$PATH" SQSGUARD_CDKTF_NODE="$cdktf_node" \
    "$node_dir/node" node_modules/jest/bin/jest.js --ci "${SUITES[@]}" "$@"
  echo "== Node ${major}: $(($(date +%s) - start)) s"
done
