#!/usr/bin/env python3
"""Writes two ~200 KB .docx files for timing (scripts/measure.sh, tests/browser/timing.mjs) into
the folder given (default target/bench), both made from tests/fixtures/docx/clean-2021.docx
(written by LibreOffice):

  report-image.docx  the report plus a 190 KB incompressible picture: the usual shape of a
                     200 KB report .docx (a seal or a logo); the picture is never inflated.
  report-long.docx   the report's body repeated until the .docx holds ~200 KB of compressed
                     XML: the worst case for a file of that size.
"""
import os
import random
import re
import sys
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "tests/fixtures/docx/clean-2021.docx")
out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "target/bench")
os.makedirs(out, exist_ok=True)

with zipfile.ZipFile(SRC) as z:
    parts = [(i, z.read(i.filename)) for i in z.infolist()]


def write(name, parts, extra=None):
    path = os.path.join(out, name)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in parts:
            z.writestr(info.filename, data)
        if extra:
            z.writestr(zipfile.ZipInfo(extra[0]), extra[1], compress_type=zipfile.ZIP_STORED)
    return os.path.getsize(path)


rng = random.Random(7)
picture = bytes(rng.getrandbits(8) for _ in range(190 * 1024))
print("report-image.docx", write("report-image.docx", parts, ("word/media/image1.png", picture)), "bytes")

doc = dict((i.filename, d) for i, d in parts)["word/document.xml"].decode("utf-8")
body = re.search(r"<w:body>(.*)<w:sectPr", doc, re.S)
copies = 1
while True:
    long_doc = doc[: body.start(1)] + body.group(1) * copies + doc[body.end(1):]
    new = [(i, long_doc.encode("utf-8") if i.filename == "word/document.xml" else d) for i, d in parts]
    size = write("report-long.docx", new)
    if size >= 200 * 1024:
        break
    copies = max(copies + 1, int(copies * 200 * 1024 / size) + 1)
print("report-long.docx", size, "bytes,", copies, "copies of the body")
