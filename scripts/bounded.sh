#!/usr/bin/env bash
# Issue 7 measurements: each pathological family at 1×, 2×, 4×, 8× of the scale given (default
# 8, i.e. 8×…64× the test sizes), checked by the release command line under /usr/bin/time -v.
# Prints size, wall time, peak RSS and exit status. `scripts/bounded.sh [SCALE] [BINARY]`
set -euo pipefail
cd "$(dirname "$0")/.."
scale=${1:-8}
bin=${2:-target/release/nianbao}
dir=${TMPDIR:-/tmp}/nianbao-bounded
rm -rf "$dir"
[ -x "$bin" ] || cargo build --release --bin nianbao
for m in 1 2 4 8; do
  cargo run -q --release --example families -- "$dir" $((scale * m)) >/dev/null
done
printf '%-24s %5s %12s %9s %10s %4s\n' family k bytes seconds peak_MB exit
for f in $(ls "$dir" | sed 's/\.[0-9]*x$//' | sort -u); do
  for m in 1 2 4 8; do
    file="$dir/$f.$((scale * m))x"
    stats=$( { /usr/bin/time -v timeout 120 "$bin" check "$file" --format json >/dev/null 2>/dev/null; } 2>&1 || true)
    secs=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' <<<"$stats")
    kb=$(awk -F': ' '/Maximum resident/ {print $2}' <<<"$stats")
    code=$(awk -F': ' '/Exit status/ {print $2}' <<<"$stats")
    printf '%-24s %5s %12s %9s %10s %4s\n' "$f" "$((scale * m))" "$(stat -c %s "$file")" "$secs" "$((kb / 1024))" "$code"
  done
done
