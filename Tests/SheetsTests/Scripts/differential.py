#!/usr/bin/env python3
"""Reads every xlsx and xls fixture with lixiao and with python-calamine and compares them cell by cell.

For each file, the first worksheet lixiao lists is read with `lixiao inspect FILE --json` and the sheet of the
same name with calamine. Both are normalised to the text lixiao shows (numbers in shortest form, dates by value
as `YYYY-MM-DD[ HH:MM:SS]`, booleans as TRUE/FALSE, empty as absent) and compared. Prints
"N files, M cells compared, K differences" and exits 1 on any difference not in ALLOWED below.

Usage: differential.py LIXIAO_BINARY FIXTURE_DIR...
"""
import datetime
import decimal
import json
import os
import subprocess
import sys

from python_calamine import CalamineWorkbook

# Differences kept on purpose, each with its reason: (file, cell or "*", lixiao's text, calamine's text).
ALLOWED = [
    # An error cell: lixiao shows Excel's error text (a receipt can then say the cell holds an error);
    # python-calamine's to_python() gives an empty string for error values.
    ("*", "*", "#DIV/0!", ""),
    ("*", "*", "#N/A", ""),
    # XlsxWriter writes a formula whose result is the empty string as <f>""</f><v></v> without t="str", the
    # same bytes openpyxl writes for a formula never calculated; lixiao cannot tell the two apart and says the
    # formula has no cached value (a row error naming it), where calamine reads an empty cell.
    ("corpus-xlsxwriter.xlsx", "*", '=""', ""),
    ("corpus-1904-xlsxwriter.xlsx", "*", '=""', ""),
    # openpyxl formulas never calculated: lixiao shows "=formula" (a cell error), calamine an empty cell.
    ("ids-and-formulas-openpyxl.xlsx", "*", "=*", ""),
    # Gnumeric's Excel 95 (BIFF7) file under codepage 1200 stores text as UTF-16LE bytes; lixiao decodes them
    # ("图书馆"), calamine reads each byte as a Latin-1 character ("þVfN\x86\x99"). Only text cells differ.
    ("formula-return-excel95-gnumeric.xls", "*", "*", "*"),
]

# Files lixiao refuses on purpose although calamine reads them, with the reason.
REFUSED = set()


def plain_number(value):
    """The text lixiao's PlainNumber gives: no exponent, no trailing .0."""
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    text = format(decimal.Decimal(repr(float(value))), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def calamine_text(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        return plain_number(value)
    if isinstance(value, datetime.datetime):
        text = value.strftime("%Y-%m-%d %H:%M:%S")
        return text[:-9] if text.endswith(" 00:00:00") else text
    if isinstance(value, datetime.date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, datetime.time):
        # lixiao keeps a time of day as its fraction of a day, as Excel stores it.
        seconds = value.hour * 3600 + value.minute * 60 + value.second + value.microsecond / 1e6
        return plain_number(seconds / 86400)
    if isinstance(value, datetime.timedelta):
        return plain_number(value.total_seconds() / 86400)
    return str(value)


def lixiao_text(text):
    return text[:-9] if len(text) == 19 and text.endswith(" 00:00:00") and text[4] == "-" else text


def allowed(name, cell, ours, theirs):
    for file, where, mine, other in ALLOWED:
        if file not in ("*", name) or where not in ("*", cell):
            continue
        if (mine == ours or (mine.endswith("*") and ours.startswith(mine[:-1]))) and other in ("*", theirs):
            return True
    return False


def column_name(index):
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def main():
    binary, folders = sys.argv[1], sys.argv[2:]
    files = sorted(
        os.path.join(folder, name) for folder in folders for name in os.listdir(folder)
        if name.lower().endswith((".xlsx", ".xls")))
    compared = 0
    kept = 0
    failures = []
    read = 0
    for path in files:
        name = os.path.basename(path)
        try:
            workbook = CalamineWorkbook.from_path(path)
        except Exception:
            continue  # not a workbook calamine reads (renamed PDF, HTML, encrypted, Excel 95…)
        result = subprocess.run([binary, "inspect", path, "--json"], capture_output=True, text=True)
        if result.returncode != 0:
            if name in REFUSED:
                continue
            try:
                workbook.get_sheet_by_index(0).to_python()
            except Exception:
                continue  # both refuse it
            failures.append("%s: lixiao refuses a file calamine reads: %s" % (name, result.stderr.strip()))
            continue
        ours_doc = json.loads(result.stdout)
        if not ours_doc["sheets"]:
            continue
        first = ours_doc["sheets"][0]
        read += 1
        try:
            sheet = workbook.get_sheet_by_name(first["name"])
        except Exception:
            sheet = workbook.get_sheet_by_index(0)  # a sheet name calamine decodes differently
        theirs_rows = sheet.to_python(skip_empty_area=False)
        ours = {}
        for r, row in enumerate(first["rows"]):
            for c, text in enumerate(row):
                if text != "":
                    ours[(r, c)] = lixiao_text(text)
        theirs = {}
        for r, row in enumerate(theirs_rows):
            for c, value in enumerate(row):
                text = calamine_text(value)
                if text != "":
                    theirs[(r, c)] = text
        for key in sorted(set(ours) | set(theirs)):
            compared += 1
            mine, other = ours.get(key, ""), theirs.get(key, "")
            if mine == other:
                continue
            cell = column_name(key[1]) + str(key[0] + 1)
            if allowed(name, cell, mine, other):
                kept += 1
            else:
                failures.append("%s!%s: lixiao %r, calamine %r" % (name, cell, mine, other))
    for line in failures[:200]:
        print("  " + line)
    print("differential: %d files, %d cells compared, %d differences (%d explained and kept)"
          % (read, compared, len(failures) + kept, kept))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
