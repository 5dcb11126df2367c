#!/usr/bin/env python3
"""Remakes the roster files of this folder with LibreOffice Calc (soffice on the PATH), as staff would save them.

One roster sheet, written here as a flat OpenDocument spreadsheet with typed cells (text, numbers formatted
00000, date cells shown MM/DD/YY, a formula), is saved by LibreOffice in each format a college's staff may
drop; each file's local ids carry their own digit (1 xlsx, 2 CSV UTF-8, 3 CSV windows-1252, 4 UTF-16 text,
5 ods, 6 xls), so that one agent can take them all. Run: python3 make.py (needs soffice; the tests do not).
"""
import os
import shutil
import subprocess
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))

FORMATS = [  # (digit, file name, soffice --convert-to argument)
    (1, "roster.xlsx", "xlsx:Calc MS Excel 2007 XML"),
    (2, "roster-utf8.csv", "csv:Text - txt - csv (StarCalc):44,34,76,1"),
    (3, "roster-windows-1252.csv", "csv:Text - txt - csv (StarCalc):44,34,1,1"),
    (4, "roster-utf16.txt", "txt:Text - txt - csv (StarCalc):9,34,65535,1"),
    (5, "roster.ods", "ods:calc8"),
    (6, "roster.xls", "xls:MS Excel 97"),
]


def cell_text(value, style=None):
    s = f' table:style-name="{style}"' if style else ""
    return f'<table:table-cell{s} office:value-type="string"><text:p>{value}</text:p></table:table-cell>'


def cell_number(value, style=None):
    s = f' table:style-name="{style}"' if style else ""
    return f'<table:table-cell{s} office:value-type="float" office:value="{value}"><text:p>{value}</text:p></table:table-cell>'


def cell_date(iso):
    return f'<table:table-cell table:style-name="ceDate" office:value-type="date" office:date-value="{iso}"><text:p>{iso}</text:p></table:table-cell>'


def cell_formula(formula, result):
    return (f'<table:table-cell table:formula="of:={formula}" office:value-type="string" office:string-value="{result}">'
            f'<text:p>{result}</text:p></table:table-cell>')


def sheet(d):
    rows = [
        [cell_text(h) for h in ("Local ID", "First Name", "Last Name", "Birth Date", "E-mail", "Postal Code")],
        # a text id with leading zeros, accented names, a date cell, a ZIP code kept by its 00000 format
        [cell_text(f"00{d}01"), cell_text("José"), cell_text("Peña"), cell_date("1999-02-03"),
         cell_text(f"jose.pena{d}@college.example.edu"), cell_number(2134, "ceZip")],
        # an id typed as a number shown 00000, a curly apostrophe, a date typed as text, an internationalized domain
        [cell_number(int(f"{d}02"), "ceZip"), cell_text("Zoë"), cell_text("O’Brien-Núñez"), cell_text("4/30/2001"),
         cell_text(f"zoe{d}@bücher.de"), cell_text("95814")],
        # a formula, letters windows-1252 lacks, a ZIP code typed as a plain number
        [cell_text(f"00{d}03"), cell_formula("CONCATENATE(&quot;An&quot;;&quot;a&quot;)", "Ana"), cell_text("Łukasz-Dương"),
         cell_date("2001-01-01"), cell_text(f"ana{d}@college.example.edu"), cell_number(95814)],
        # a 12-digit id typed as a number (General), a ZIP+4 as text
        [cell_number(int(f"{d}23456789012")), cell_text("Long"), cell_text("Id"), cell_date("1994-03-01"),
         cell_text(f"long.id{d}@college.example.edu"), cell_text("95814-1234")],
    ]
    body = "".join("<table:table-row>" + "".join(r) + "</table:table-row>" for r in rows)
    return f'''<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
  xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
  xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
  xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" office:version="1.2"
  office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
 <office:automatic-styles>
  <number:date-style style:name="N37"><number:month number:style="long"/><number:text>/</number:text><number:day number:style="long"/><number:text>/</number:text><number:year/></number:date-style>
  <number:number-style style:name="N5"><number:number number:decimal-places="0" number:min-integer-digits="5"/></number:number-style>
  <style:style style:name="ceDate" style:family="table-cell" style:data-style-name="N37"/>
  <style:style style:name="ceZip" style:family="table-cell" style:data-style-name="N5"/>
 </office:automatic-styles>
 <office:body><office:spreadsheet><table:table table:name="Fall roster">{body}</table:table></office:spreadsheet></office:body>
</office:document>
'''


def main():
    work = tempfile.mkdtemp()
    env = dict(os.environ, HOME=work)  # a profile of its own, not the user's
    for digit, name, target in FORMATS:
        source = os.path.join(work, f"roster{digit}.fods")
        with open(source, "w", encoding="utf-8") as f:
            f.write(sheet(digit))
        out = os.path.join(work, f"out{digit}")
        subprocess.run(["soffice", "--headless", "--convert-to", target, "--outdir", out, source], env=env, check=True)
        made = os.listdir(out)
        shutil.copy(os.path.join(out, made[0]), os.path.join(HERE, name))
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
