#!/usr/bin/python3
"""Write fuzzing seeds for fuzz_docx and fuzz_xlsx from documents an
office tool wrote: each document as it is (for the ZIP reader), and the
XML the reader reads from it alone (word/document.xml, each worksheet),
which the targets wrap in an archive of their own: a mutated member of a
real archive would fail its CRC before its XML is parsed.

usage: make_fuzz_corpus.py OUTDIR FILE.docx|FILE.xlsx...

tests/fuzz/corpus/docx and xlsx were made with it from the outputs of
make_docx.py, make_numbered_docx.py and make_xlsx.py (plan, values) and
from the same plans
saved by LibreOffice (soffice --convert-to doc, xls, then back to docx,
xlsx), whose XML is written otherwise (shared strings in the workbook,
run properties on every run in the document).
"""
import os
import re
import shutil
import sys
import zipfile

XML = re.compile(r"word/document\.xml|xl/worksheets/[^/]+\.xml")


def main():
    out = sys.argv[1]
    for path in sys.argv[2:]:
        base = os.path.splitext(os.path.basename(path))[0]
        shutil.copy(path, out)
        with zipfile.ZipFile(path) as z:
            for name in z.namelist():
                if XML.fullmatch(name):
                    with open(os.path.join(out, "%s.%s" % (base, os.path.basename(name))), "wb") as f:
                        f.write(z.read(name))


if __name__ == "__main__":
    main()
