#!/usr/bin/env bash
# Regenerates the HTML, DOCX and DOC fixtures of tests/readers.rs from the plain-text fixtures:
# text → HTML (scripts/fixtures/text_to_html.py) → .docx by LibreOffice with automatic list
# numbering (scripts/fixtures/html_to_docx.py). Needs LibreOffice and its Python bridge
# (Debian: apt-get install -y libreoffice-writer-nogui python3-uno); tests do not.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v soffice >/dev/null || ! /usr/bin/python3 -c 'import uno' 2>/dev/null; then
  apt-get install -y libreoffice-writer-nogui python3-uno >/dev/null
fi
fx=tests/fixtures
# The clean reports and one fixture per arithmetic rule.
names="clean-2021 clean-2021-prev clean-2019 rule-T201 rule-T202 rule-T301 rule-T302 rule-T303 rule-T304 rule-T401"
for n in $names; do
  python3 scripts/fixtures/text_to_html.py "$fx/$n.txt" "$fx/html/$n.html"
done
# The same report as a GBK page declaring its charset.
python3 scripts/fixtures/text_to_html.py "$fx/clean-2021.txt" "$fx/html/clean-2021.gbk.html" --charset gbk
html=()
for n in $names; do html+=("$fx/html/$n.html"); done
# Hand-written pages converted as they are (lists numbered by LibreOffice itself).
html+=("$fx/html/lists.plain.html")
mkdir -p "$fx/doc"
# One LibreOffice per file, tried up to three times: LibreOffice 7.4 sometimes crashes while
# list styles are created, and a first start with a new profile restarts itself under the script.
for f in "${html[@]}"; do
  for try in 1 2 3; do
    /usr/bin/python3 scripts/fixtures/html_to_docx.py "$fx/docx" --doc "$fx/doc" "$f" && break
    [ "$try" = 3 ] && exit 1
  done
done
# A ~200 KB .doc for benches/readers.rs: the report's body repeated (the worst case for a file of
# that size: all text, no pictures). Its .docx is not kept.
tmp=$(mktemp -d)
python3 - "$fx/html/clean-2021.html" "$tmp/long-2021.html" <<'PY'
import re, sys
html = open(sys.argv[1], encoding="utf-8").read()
m = re.search(r"(<body>)(.*)(</body>)", html, re.S)
open(sys.argv[2], "w", encoding="utf-8").write(html[: m.end(1)] + m.group(2) * 4 + html[m.start(3):])
PY
for try in 1 2 3; do
  /usr/bin/python3 scripts/fixtures/html_to_docx.py "$tmp" --doc "$fx/doc" "$tmp/long-2021.html" && break
  [ "$try" = 3 ] && exit 1
done
rm -rf "$tmp"
# PDFs of the .docx (LibreOffice) and of the pages (Chromium).
scripts/fixtures/make_pdfs.sh
# RTF: LibreOffice's export of the .docx (\uN characters), and the same rewritten as Word on a
# Chinese system writes it (code page 936, GBK bytes), scripts/fixtures/rtf_to_gbk.py.
mkdir -p "$fx/rtf"
for n in clean-2021 rule-T301 rule-T401; do
  soffice --headless --convert-to rtf --outdir "$fx/rtf" "$fx/docx/$n.docx" >/dev/null
done
python3 scripts/fixtures/rtf_to_gbk.py "$fx/rtf/clean-2021.rtf" "$fx/rtf/clean-2021.gbk.rtf"
# Pages saved as one file: Word's 单个文件网页 and a base64 page (scripts/fixtures/html_to_mhtml.py),
# and Chromium's own snapshot (needs npm ci in tests/browser).
mkdir -p "$fx/mhtml"
python3 scripts/fixtures/html_to_mhtml.py "$fx/html/clean-2021.html" "$fx/mhtml/clean-2021.word.mht" --style word
python3 scripts/fixtures/html_to_mhtml.py "$fx/html/rule-T301.html" "$fx/mhtml/rule-T301.base64.mht" --style base64
node scripts/fixtures/chromium_mhtml.mjs "$fx/html/clean-2021.html" "$fx/mhtml/clean-2021.chromium.mhtml"
# Word 2003 XML from the .docx (scripts/fixtures/docx_to_wordml.py), one in GB2312.
mkdir -p "$fx/wordxml"
python3 scripts/fixtures/docx_to_wordml.py "$fx/docx/clean-2021.docx" "$fx/wordxml/clean-2021.xml"
python3 scripts/fixtures/docx_to_wordml.py "$fx/docx/rule-T301.docx" "$fx/wordxml/rule-T301.gb2312.xml" --encoding GB2312
