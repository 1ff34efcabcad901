#!/usr/bin/env bash
# Every test: type check, build, unit, golden, oracle, property and fuzz tests, then the real
# workbench and browser tests. CI runs exactly this (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec node scripts/test-all.mjs
