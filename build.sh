#!/usr/bin/env bash
# Builds everything and opens the page:
#   target/release/nianbao   the command line
#   dist/nianbao.html        the page as one file that works offline from disk
#   dist/www/                the page to serve (works offline after the first visit)
#   dist/pkg/                the JavaScript module with TypeScript declarations (embedding)
# Installs what is missing (the wasm32 target, wasm-bindgen at the Cargo.lock version, node),
# and may be run again at any time. `--no-open` (or CI=true) builds without opening a browser.
set -euo pipefail
cd "$(dirname "$0")"

open_page=1
for arg in "$@"; do
  case "$arg" in
    --no-open) open_page=0 ;;
    *) echo "用法：./build.sh [--no-open]" >&2; exit 2 ;;
  esac
done
if [ -n "${CI:-}" ]; then open_page=0; fi

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

if ! command -v cargo >/dev/null 2>&1; then
  if [ -x "$HOME/.cargo/bin/cargo" ]; then
    export PATH="$HOME/.cargo/bin:$PATH"
  else
    echo "需要 Rust 工具链：请先按 https://rustup.rs 的说明安装，然后重新运行 ./build.sh" >&2
    exit 1
  fi
fi
export PATH="$HOME/.cargo/bin:$PATH"

# apt-get is used only when something is missing, and only as root.
apt_install() {
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    if [ -z "${APT_UPDATED:-}" ]; then apt-get update -qq; APT_UPDATED=1; fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
  else
    echo "缺少 $*：请用系统的软件包管理器安装后重新运行。" >&2
    exit 1
  fi
}

if command -v rustup >/dev/null 2>&1; then
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "安装 wasm32-unknown-unknown 目标"
    rustup target add wasm32-unknown-unknown
  fi
fi

# wasm-bindgen (the CLI) must be exactly the version of the crate in Cargo.lock.
want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ]; then
  say "安装 wasm-bindgen-cli $want（当前：${have:-无}）"
  cargo install wasm-bindgen-cli --version "$want"
fi

if ! command -v node >/dev/null 2>&1; then
  say "安装 Node.js（用于组装网页）"
  apt_install nodejs npm
fi

say "编译命令行工具"
cargo build --release --bin nianbao

say "编译 WebAssembly 模块"
# Two modules from the one crate: the start module (engine and page, without the PDF and Word
# 97–2003 readers) and the readers module (those readers alone, `extract`), which the page
# instantiates when the first PDF or .doc arrives. Cargo writes both to the same path: copy each.
out=target/wasm32-unknown-unknown/wasm
# The start module is optimised for size but for the engine's hot functions (scripts/wasm-hot.txt).
# This crate is built at "s" (its dependencies at "z", Cargo.toml) with LLVM's `minsize` attribute
# forced onto every function, which makes it "z" in size and speed, and then taken off the hot
# functions: they are optimised as at "s", inlining what "s" would. A first build names them
# (mangled: --no-demangle), the second passes their names to LLVM. Only this crate is rebuilt.
start=(--lib --target wasm32-unknown-unknown --profile wasm --no-default-features --features web)
minsize=-Cllvm-args=-force-attribute=minsize
cargo rustc "${start[@]}" -- -C link-arg=--no-demangle "$minsize"
mapfile -t hot < <(node scripts/wasm-hot.mjs "$out/nianbao.wasm" scripts/wasm-hot.txt)
if [ "${#hot[@]}" -gt 0 ] && ! cargo rustc "${start[@]}" -- -C link-arg=--no-demangle "$minsize" "${hot[@]}"; then
  # An LLVM without the option: the module built first (all `minsize`) is used, slower but the same.
  echo "build.sh: the hot functions could not be built for speed; the start module stays all \"z\"" >&2
fi
cp "$out/nianbao.wasm" "$out/nianbao-start.wasm"
cargo build --lib --target wasm32-unknown-unknown --profile wasm-readers --no-default-features --features pdf,doc,docx,readers
cp target/wasm32-unknown-unknown/wasm-readers/nianbao.wasm "$out/nianbao-readers.wasm"
rm -rf target/pkg-nm target/pkg-web
for target in no-modules web; do
  dir=target/pkg-nm; ts=--no-typescript
  if [ "$target" = web ]; then dir=target/pkg-web; ts=; fi
  wasm-bindgen --target "$target" $ts --remove-name-section --out-dir "$dir" --out-name nianbao "$out/nianbao-start.wasm"
  wasm-bindgen --target "$target" $ts --remove-name-section --out-dir "$dir" --out-name nianbao_readers "$out/nianbao-readers.wasm"
done

say "组装网页"
node scripts/bundle.mjs target/pkg-nm target/pkg-web dist

echo
echo "命令行：target/release/nianbao check 报告.txt"
echo "网页（单文件，可离线）：dist/nianbao.html"
echo "网页（部署用）：dist/www/"

if [ "$open_page" = 1 ]; then
  page="$(pwd)/dist/nianbao.html"
  if command -v xdg-open >/dev/null 2>&1 && [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    xdg-open "$page" >/dev/null 2>&1 &
  elif command -v open >/dev/null 2>&1 && [ "$(uname)" = Darwin ]; then
    open "$page"
  else
    echo "请在浏览器中打开：file://$page"
  fi
fi
