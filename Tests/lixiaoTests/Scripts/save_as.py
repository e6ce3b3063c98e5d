#!/usr/bin/env python3
"""Turns an edited lixiao export into the forms staff really return it in, with the programs they use.

usage: save_as.py IN.xlsx OUT KIND
  csv-utf8           LibreOffice "Save As" CSV (UTF-8): the first sheet only, the hidden origin sheet lost
  csv-gbk            the same CSV re-encoded as GBK, as Excel on Chinese Windows saves it
  xls-no-hidden      an .xls written by LibreOffice from a copy whose hidden sheets were dropped (as some
                     programs do)
  pasted             header and data rows copied into a new workbook (no title rows, no origin)
  pasted-with-title  every row of the first sheet copied into a new workbook
  filtered           only 计算机科学与技术学院's rows, sorted by name descending, pasted into a new workbook
"""
import csv
import io
import os
import shutil
import subprocess
import sys
import tempfile

import openpyxl


def visible_rows(path):
    workbook = openpyxl.load_workbook(path)
    sheet = next(ws for ws in workbook.worksheets if ws.sheet_state == "visible")
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def header_index(rows):
    for index, row in enumerate(rows[:10]):
        if "学工号" in [str(v).strip() for v in row if v is not None]:
            return index
    sys.exit("no header row")


def new_workbook(rows, target):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Sheet1"
    for row in rows:
        sheet.append(row)
    workbook.save(target)


def libreoffice(source, kind, filter_name, outdir):
    profile = tempfile.mkdtemp(prefix="lixiao-lo-")
    try:
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", filter_name,
             "--outdir", outdir, source],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    stem = os.path.splitext(os.path.basename(source))[0]
    return os.path.join(outdir, stem + "." + kind)


def main():
    source, target, kind = sys.argv[1:]
    scratch = tempfile.mkdtemp(prefix="lixiao-save-as-")
    try:
        if kind in ("csv-utf8", "csv-gbk"):
            written = libreoffice(source, "csv", 'csv:Text - txt - csv (StarCalc):44,34,76', scratch)
            text = open(written, encoding="utf-8-sig").read()
            if kind == "csv-gbk":
                open(target, "wb").write(text.encode("gbk"))
            else:
                shutil.copyfile(written, target)
        elif kind == "xls-no-hidden":
            workbook = openpyxl.load_workbook(source)
            for sheet in list(workbook.worksheets):
                if sheet.sheet_state != "visible":
                    workbook.remove(sheet)
            stripped = os.path.join(scratch, "export.xlsx")
            workbook.save(stripped)
            written = libreoffice(stripped, "xls", "xls", scratch)
            shutil.copyfile(written, target)
        else:
            rows = visible_rows(source)
            header = header_index(rows)
            if kind == "pasted":
                new_workbook(rows[header:], target)
            elif kind == "pasted-with-title":
                new_workbook(rows, target)
            elif kind == "filtered":
                names = [str(v) for v in rows[header]]
                college, name = names.index("学院"), names.index("姓名")
                data = [r for r in rows[header + 1:] if r[college] == "计算机科学与技术学院"]
                data.sort(key=lambda r: str(r[name]), reverse=True)
                new_workbook([rows[header]] + data, target)
            else:
                sys.exit(f"unknown kind {kind}")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
