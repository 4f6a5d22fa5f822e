#!/usr/bin/env bash
# Sizes of what the page ships, against design.md's budgets (run ./build.sh first).
set -euo pipefail
cd "$(dirname "$0")/.."
gz() { gzip -9 -c "$1" | wc -c; }
kb() { awk -v b="$1" 'BEGIN { printf "%.1f KB", b / 1024 }'; }
row() { printf '%-44s %12s %14s %s\n' "$1" "$(kb "$2")" "$(kb "$3")" "$4"; }
wasm=dist/pkg/nianbao_bg.wasm
page=dist/nianbao.html
[ -f "$wasm" ] && [ -f "$page" ] || { echo "先运行 ./build.sh" >&2; exit 1; }
printf '%-44s %12s %14s %s\n' "file" "raw" "gzip -9" "budget"
w=$(gzip -9 -c "$wasm" | wc -c)
row "wasm module (after wasm-bindgen)" "$(wc -c < "$wasm")" "$w" "≤ 250 KB gzip: $([ "$w" -le 256000 ] && echo ok || echo OVER)"
readers=dist/pkg/nianbao_readers_bg.wasm
row "readers module (PDF, .doc; on first use)" "$(wc -c < "$readers")" "$(gz "$readers")" "not in the first load"
p=$(gz "$page")
row "single file dist/nianbao.html" "$(wc -c < "$page")" "$p" "≤ 350 KB gzip: $([ "$p" -le 358400 ] && echo ok || echo OVER)"
for f in dist/www/*; do
  row "  served: ${f#dist/www/}" "$(wc -c < "$f")" "$(gz "$f")" ""
done
total=0
for f in dist/www/*; do total=$((total + $(gz "$f"))); done
row "served page, all files" "$(cat dist/www/* | wc -c)" "$total" "(each file gzipped)"
lazy=$(( $(gz dist/www/nianbao-readers-glue.js) + $(gz dist/www/nianbao-readers-wasm.js) ))
lazy_raw=$(cat dist/www/nianbao-readers-glue.js dist/www/nianbao-readers-wasm.js | wc -c)
row "served page, first load (no readers module)" "$(( $(cat dist/www/* | wc -c) - lazy_raw ))" "$((total - lazy))" "(the service worker fetches the rest in the background)"
