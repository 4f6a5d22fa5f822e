#!/usr/bin/env bash
# Issue 7 measurements: each pathological family (tests/families) at 1×, 2×, 4×, 8× of the scale
# given (default 16: 16×…128× the sizes tests/scaling.rs uses, up to tens of megabytes), checked
# by the release command line under /usr/bin/time -v with a 3 GB address-space limit and a 60 s
# timeout. Prints the input size (a .docx as stored), wall and CPU time, peak RSS and exit status
# (124: timed out; 134 or 101: out of memory).
#   scripts/bounded.sh [SCALE] [BINARY] [MULTIPLIERS]
set -euo pipefail
cd "$(dirname "$0")/.."
scale=${1:-16}
bin=${2:-target/release/nianbao}
mults=${3:-1 2 4 8}
dir=${TMPDIR:-/tmp}/nianbao-bounded-$$
rm -rf "$dir"
trap 'rm -rf "$dir"' EXIT
[ -x "$bin" ] || cargo build --release --bin nianbao
for m in $mults; do
  cargo run -q --release --example families -- "$dir" $((scale * m)) >/dev/null
done
printf '%-24s %5s %12s %9s %9s %10s %4s\n' family k bytes wall_s cpu_s peak_MB exit
for f in $(ls "$dir" | sed 's/\.[0-9]*x$//' | sort -u); do
  for m in $mults; do
    file="$dir/$f.$((scale * m))x"
    (ulimit -v 3145728; /usr/bin/time -v -o "$dir/time" timeout 60 "$bin" check "$file" --format json >/dev/null 2>&1) || true
    stats=$(cat "$dir/time")
    secs=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' <<<"$stats")
    cpu=$(awk -F': ' '/User time|System time/ {s+=$2} END {print s}' <<<"$stats")
    kb=$(awk -F': ' '/Maximum resident/ {print $2}' <<<"$stats")
    code=$(awk -F': ' '/Exit status/ {print $2}' <<<"$stats")
    printf '%-24s %5s %12s %9s %9s %10s %4s\n' "$f" "$((scale * m))" "$(stat -c %s "$file")" "$secs" "$cpu" "$((kb / 1024))" "$code"
  done
done
