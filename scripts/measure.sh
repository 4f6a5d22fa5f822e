#!/usr/bin/env bash
# Size and speed figures of the page (design.md budgets). Run ./build.sh first.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/size-report.sh
echo
(cd tests/browser && { [ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error; } && node timing.mjs "${1:-15}")
