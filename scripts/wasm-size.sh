#!/usr/bin/env bash
# Measures what the engine costs in the browser (with every reader, without the page's bindings, feature `web`): builds a one-export wrapper crate around the
# library (check bytes -> JSON, the path the page uses) for wasm32 in release mode, runs
# wasm-bindgen --target web --remove-name-section, and prints the gzip -9 size of the .wasm.
# Usage: scripts/wasm-size.sh [CRATE_DIR]   (default: this repository)
set -euo pipefail
crate="$(cd "${1:-$(dirname "$0")/..}" && pwd)"
# One work folder per measured tree: cargo would otherwise reuse the other tree's build.
work="${TMPDIR:-/tmp}/nianbao-wasm-size-$(printf %s "$crate" | cksum | cut -d' ' -f1)"
mkdir -p "$work/src"
cat > "$work/Cargo.toml" <<TOML
[package]
name = "nianbao-size"
version = "0.0.0"
edition = "2021"
[lib]
crate-type = ["cdylib"]
[dependencies]
nianbao = { path = "$crate", default-features = false, features = ["pdf", "doc", "docx"] }
wasm-bindgen = "=0.2.130"
[profile.release]
opt-level = "s"
lto = true
codegen-units = 1
panic = "unwind"
[workspace]
TOML
cat > "$work/src/lib.rs" <<'RS'
use wasm_bindgen::prelude::*;
#[wasm_bindgen]
pub fn check(bytes: &[u8]) -> String {
    let outcome = nianbao::check(bytes, &nianbao::Options::default());
    let named = nianbao::render::Named { file: "input", outcome: &outcome };
    nianbao::render::json::single(&named).to_string()
}
RS
cargo build --quiet --release --target wasm32-unknown-unknown --manifest-path "$work/Cargo.toml" \
  --target-dir "$work/target"
wasm-bindgen --target web --remove-name-section --out-dir "$work/pkg" \
  "$work/target/wasm32-unknown-unknown/release/nianbao_size.wasm"
raw=$(stat -c %s "$work/pkg/nianbao_size_bg.wasm")
gz=$(gzip -9 -c "$work/pkg/nianbao_size_bg.wasm" | wc -c)
echo "wasm after wasm-bindgen: $raw bytes; gzip -9: $gz bytes ($((gz / 1024)) KB)"
