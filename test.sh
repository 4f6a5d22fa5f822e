#!/usr/bin/env bash
# Runs every test: unit and integration tests of the engine and the command line.
set -euo pipefail
cd "$(dirname "$0")"
./build.sh --no-open
cargo test --all-targets
