#!/usr/bin/env bash
# Sizes of what the page ships, against design.md's budgets (run ./build.sh first): the start
# module ≤ 250 KB, the single file ≤ 350 KB plus the on-demand modules it embeds (the readers
# module, which the budget leaves out and this script subtracts).
set -euo pipefail
cd "$(dirname "$0")/.."
gz() { gzip -9 -c "$1" | wc -c; }
kb() { awk -v b="$1" 'BEGIN { printf "%.1f KB", b / 1024 }'; }
row() { printf '%-44s %12s %14s %s\n' "$1" "$(kb "$2")" "$(kb "$3")" "$4"; }
wasm=dist/pkg/nianbao_bg.wasm
page=dist/nianbao.html
[ -f "$wasm" ] && [ -f "$page" ] || { echo "先运行 ./build.sh" >&2; exit 1; }
tmp_page=$(mktemp)
trap 'rm -f "$tmp_page"' EXIT
printf '%-44s %12s %14s %s\n' "file" "raw" "gzip -9" "budget"
w=$(gzip -9 -c "$wasm" | wc -c)
row "wasm module (after wasm-bindgen)" "$(wc -c < "$wasm")" "$w" "≤ 250 KB gzip: $([ "$w" -le 256000 ] && echo ok || echo OVER)"
readers=dist/pkg/nianbao_readers_bg.wasm
row "readers module (Word, PDF, RTF; on first use)" "$(wc -c < "$readers")" "$(gz "$readers")" "not in the first load"
p=$(gz "$page")
row "single file dist/nianbao.html" "$(wc -c < "$page")" "$p" "(with the readers module inside)"
# The budget is 350 KB plus the on-demand modules the single file embeds: the page without the
# readers module's data block (its base64 of the gzipped module, which gzip cannot shrink).
node -e '
  const fs = require("fs");
  const html = fs.readFileSync(process.argv[1], "utf8");
  const out = html.replace(/<script type="application\/octet-stream" id="nb-readers-wasm"[^>]*>[^<]*<\/script>/, "");
  if (out === html) { console.error("size-report.sh: no #nb-readers-wasm block in " + process.argv[1]); process.exit(1); }
  fs.writeFileSync(process.argv[2], out);
' "$page" "$tmp_page"
s=$(gz "$tmp_page")
row "  without the embedded readers module" "$(wc -c < "$tmp_page")" "$s" "≤ 350 KB gzip: $([ "$s" -le 358400 ] && echo ok || echo OVER)"
for f in dist/www/*; do
  row "  served: ${f#dist/www/}" "$(wc -c < "$f")" "$(gz "$f")" ""
done
total=0
for f in dist/www/*; do total=$((total + $(gz "$f"))); done
row "served page, all files" "$(cat dist/www/* | wc -c)" "$total" "(each file gzipped)"
lazy=$(( $(gz dist/www/nianbao-readers-glue.js) + $(gz dist/www/nianbao-readers-wasm.js) ))
lazy_raw=$(cat dist/www/nianbao-readers-glue.js dist/www/nianbao-readers-wasm.js | wc -c)
row "served page, first load (no readers module)" "$(( $(cat dist/www/* | wc -c) - lazy_raw ))" "$((total - lazy))" "(the service worker fetches the rest in the background)"
