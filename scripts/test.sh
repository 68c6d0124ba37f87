#!/usr/bin/env bash
# The whole test suite (`npm test`): type-check and build, the policy suite (fmt, check, Regal,
# opa test with coverage, stale-artifact check), then every jest suite — unit, construct, offline
# terraform validate, policy differential, CLI, and the end-to-end deploy against moto.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

echo "== tsc (type-check; build dist/ and dist-dev/)"
npm run --silent build

echo "== policy suite"
# OPA and Regal, pinned: installed into .tools/bin with go install when missing (a no-op after).
PATH="$(bash scripts/tools.sh):$PATH"
export PATH
bash scripts/test-policy.sh

echo "== jest"
npx jest --ci "$@"
