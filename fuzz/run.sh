#!/usr/bin/env bash
# Runs one fuzz target for SECONDS (default 600) with its corpus seeded from tests/fixtures, one
# job at the lowest priority, 1 GB and 2 s per input: fuzz/run.sh TARGET [SECONDS] [-- LIBFUZZER…]
# Findings land in fuzz/artifacts/TARGET/; libFuzzer's log in fuzz/fuzz-0.log.
set -euo pipefail
cd "$(dirname "$0")"
target=${1:?usage: fuzz/run.sh TARGET [SECONDS]}
secs=${2:-600}
shift $(( $# < 2 ? $# : 2 ))
[ "${1:-}" = "--" ] && shift
corpus=corpus/$target
mkdir -p "$corpus"
fixtures=../tests/fixtures
seed() { for f in "$@"; do [ -f "$f" ] && cp -n "$f" "$corpus/"; done; return 0; }
case $target in
  # The XML of each .docx fixture: the target packs it into a .docx itself.
  docx_xml)
    for f in "$fixtures"/docx/*.docx; do
      unzip -p "$f" word/document.xml >"$corpus/$(basename "$f" .docx).xml"
    done ;;
  text | decode | check | handoff)
    seed "$fixtures"/*.txt "$fixtures"/renderings/*.txt "$fixtures"/renderings/*.md
    [ "$target" = check ] && seed "$fixtures"/html/*.html "$fixtures"/docx/*.docx "$fixtures"/mhtml/* "$fixtures"/wordxml/* ;;
  # Any other target reads the fixtures named like it: html → *.html, docx → *.docx, pdf → *.pdf.
  *) mapfile -t files < <(find "$fixtures" -name "*.$target")
     seed "${files[@]}" ;;
esac
exec nice -n 19 cargo +nightly fuzz run -O "$target" "$corpus" -- \
  -rss_limit_mb=1024 -timeout=2 -max_total_time="$secs" -jobs=1 "$@"
