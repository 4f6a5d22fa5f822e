#!/usr/bin/env bash
# Every speed and size figure of design.md's budgets, each beside its budget, in one run:
#   1. the engine natively (cargo bench --bench check): the seed, the real reports, 5 MB of text;
#      the readers (cargo bench --bench readers): .docx, .doc, saved pages, PDFs
#   2. the command line on 1000+ report files (~50 MB of texts and saved pages), wall time
#   3. what the page ships (scripts/size-report.sh)
#   4. the page in headless Chromium (tests/browser/timing.mjs), and with big inputs
#      (tests/browser/timing-big.mjs: a 10 MB paste, typing meanwhile, a 49 MB file, 100 files)
# Figures, never assertions: on a shared machine look at the minimum as well as the median.
# Usage: scripts/measure.sh [page-runs, default 7]   (page figures need ./build.sh first; skipped
# without dist/)
set -euo pipefail
cd "$(dirname "$0")/.."

section() { printf '\n== %s\n' "$*"; }
ms() { awk -v n="$1" 'BEGIN { printf "%.0f", n * 1000 }'; }

section "Engine, native (cargo bench --bench check)"
cargo bench --quiet --bench check

section "Readers, native (cargo bench --bench readers; the 6-page PDF budget is ≤ 10 ms)"
cargo bench --quiet --bench readers

section "Command line: 1000+ report files, target/release/nianbao check --format json"
cargo build --quiet --release --bin nianbao
corpus=../shared/corpus
sources=()
if [ -d "$corpus" ]; then
  for f in "$corpus"/seed/*.txt "$corpus"/real/text/* "$corpus"/real/html/*; do
    [ -f "$f" ] && sources+=("$f")
  done
else
  echo "(../shared/corpus is absent: the repository's fixtures are used instead)"
  for f in tests/fixtures/*.txt tests/fixtures/html/*.html; do
    [ -f "$f" ] && sources+=("$f")
  done
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/in"
bytes=0
for f in "${sources[@]}"; do bytes=$((bytes + $(wc -c < "$f"))); done
# Copies of the whole set up to 1000 files and ~50 MB, whichever needs more.
copies=$(( (1000 + ${#sources[@]} - 1) / ${#sources[@]} ))
by_size=$(( (50 * 1000 * 1000 + bytes - 1) / bytes ))
[ "$by_size" -gt "$copies" ] && copies=$by_size
for ((k = 0; k < copies; k++)); do
  for f in "${sources[@]}"; do
    base=$(basename "$f")
    cp "$f" "$tmp/in/$k-$base"
  done
done
files=("$tmp"/in/*)
total=$(cat "${files[@]}" | wc -c)
printf '%d files, %.1f MB (%d copies of %d reports), %d cores\n' "${#files[@]}" \
  "$(awk -v b="$total" 'BEGIN { print b / 1e6 }')" "$copies" "${#sources[@]}" "$(nproc)"
runs=7
times=()
target/release/nianbao check --format json "${files[@]}" > "$tmp/out.json" || true # warm the cache
for ((r = 0; r < runs; r++)); do
  start=$EPOCHREALTIME
  target/release/nianbao check --format json "${files[@]}" > "$tmp/out.json" || true
  end=$EPOCHREALTIME
  times+=("$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')")
done
sorted=$(printf '%s\n' "${times[@]}" | sort -g)
min=$(head -1 <<< "$sorted")
median=$(sed -n "$(( (runs + 1) / 2 ))p" <<< "$sorted")
verdict=$(awk -v m="$median" 'BEGIN { print (m <= 1.0) ? "ok" : "OVER" }')
echo "wall: median $(ms "$median") ms, min $(ms "$min") ms (n=$runs)   budget ≤ 1000 ms: $verdict"

section "Sizes (scripts/size-report.sh)"
if [ -f dist/pkg/nianbao_bg.wasm ] && [ -f dist/nianbao.html ]; then
  ./scripts/size-report.sh
else
  echo "dist/ is missing: run ./build.sh for the size and page figures"
  exit 0
fi

section "Page in headless Chromium (tests/browser/timing.mjs)"
(cd tests/browser && { [ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error; } && node timing.mjs "${1:-7}")

section "Page with big inputs in headless Chromium (tests/browser/timing-big.mjs)"
(cd tests/browser && node timing-big.mjs 3)
