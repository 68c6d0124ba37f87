#!/usr/bin/env bash
# The whole test suite (`npm test`): type-check and build, the policy suite (fmt, check, Regal,
# opa test with coverage, stale-artifact check), the HCL reader's stale-artifact check, then every jest
# suite — unit, construct, offline terraform validate, policy differential, CLI, the package installed
# by a consumer, the end-to-end deploy against moto; then the Node-only suites again under Node 22 and 24.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

echo "== tsc (type-check; build dist/ and dist-dev/)"
npm run --silent build

echo "== policy suite"
# OPA and Regal, pinned: installed into .tools/bin with go install when missing (a no-op after).
PATH="$(bash scripts/tools.sh):$PATH"
export PATH
bash scripts/test-policy.sh

echo "== HCL reader (stale-artifact check of the committed hcl/dist)"
bash scripts/build-hcl.sh --check

echo "== jest"
npx jest --ci "$@"

echo "== Node 22 and 24 (check, report, CLI, construct and matcher suites)"
bash scripts/test-node-versions.sh "$@"
