#!/usr/bin/env bash
# The main job: build GradLens, then open a real VS Code workbench (code-server) on 127.0.0.1 with
# the extension installed and examples/ open. Prints the URL; Ctrl+C stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
node scripts/build.mjs
exec node scripts/workbench/serve.mjs "$@"
