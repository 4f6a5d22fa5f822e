#!/usr/bin/env bash
# Regenerates the HTML and DOCX fixtures of tests/readers.rs from the plain-text fixtures:
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
/usr/bin/python3 scripts/fixtures/html_to_docx.py "$fx/docx" "${html[@]}"
# PDFs of the .docx (LibreOffice) and of the pages (Chromium).
scripts/fixtures/make_pdfs.sh
