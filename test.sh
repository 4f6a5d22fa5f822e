#!/usr/bin/env bash
# Runs every test: the engine and the command line (cargo test), the WebAssembly bindings and
# DOM rendering in headless Chromium (wasm-bindgen-test), and the page end to end, served and
# from disk (playwright-core). Installs Chromium with apt-get when it is missing.
set -euo pipefail
cd "$(dirname "$0")"
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

./build.sh --no-open

say "格式与静态检查（rustfmt、clippy：本机与 wasm32）"
if ! cargo fmt --version >/dev/null 2>&1; then rustup component add rustfmt; fi
if ! cargo clippy --version >/dev/null 2>&1; then rustup component add clippy; fi
cargo fmt --check
cargo clippy --all-targets -- -D warnings
# The wasm32 build: the library (with src/web) and the browser tests.
cargo clippy --lib --test browser --target wasm32-unknown-unknown -- -D warnings
# The two modules build.sh ships: the start module and the readers module (PDF, .doc).
cargo clippy --lib --target wasm32-unknown-unknown --no-default-features --features web -- -D warnings
cargo clippy --lib --target wasm32-unknown-unknown --no-default-features --features pdf,doc,docx,readers -- -D warnings

say "cargo test（引擎、命令行、HTML 渲染、层次、文档）"
cargo test --all-targets

if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  say "安装 Chromium（仅用于测试）"
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver
  else
    echo "需要 /usr/bin/chromium 和 /usr/bin/chromedriver：请安装 chromium 和 chromium-driver。" >&2
    exit 1
  fi
fi

say "wasm-bindgen-test（无界面 Chromium）"
# Never -q: the runner's output is how a failing browser test explains itself.
CHROMEDRIVER=/usr/bin/chromedriver \
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test --target wasm32-unknown-unknown --test browser

say "端到端测试（playwright-core，网页与单文件）"
(cd tests/browser && npm ci --no-audit --no-fund --loglevel=error && npm test)
