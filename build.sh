#!/usr/bin/env bash
# Builds the command line (target/release/nianbao). Installs what is missing, idempotently.
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v cargo >/dev/null 2>&1; then
  echo "需要 Rust 工具链（https://rustup.rs）" >&2
  exit 1
fi
cargo build --release --bin nianbao
echo "命令行：target/release/nianbao"
