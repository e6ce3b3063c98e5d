#!/usr/bin/env python3
"""Edits a generated lixiao sheet the way staff do in a spreadsheet program, and saves it with openpyxl.

usage: edit_return.py IN.xlsx OUT.xlsx [ID COLUMN=VALUE ...]...
  Each ID is followed by one or more COLUMN=VALUE settings (COLUMN is a header text such as 办理状态, 办理备注,
  签字, 确认发证 or 姓名). Hidden sheets (the origin) are kept as they are, as Excel and WPS keep them.
  An ID the sheet does not list (a person, or a range such as 2023110101-2023110102) is added as a new row
  below the last one, as staff add rows by hand.
"""
import sys

import openpyxl


def main():
    source, target, *edits = sys.argv[1:]
    workbook = openpyxl.load_workbook(source)
    sheet = next(ws for ws in workbook.worksheets if ws.sheet_state == "visible")
    header_row, columns = None, {}
    for row in sheet.iter_rows(min_row=1, max_row=10):
        texts = {str(cell.value).strip(): cell.column for cell in row if cell.value is not None}
        if "学工号" in texts or "学号" in texts:
            header_row, columns = row[0].row, texts
            break
    if header_row is None:
        sys.exit("no header row")
    id_column = columns.get("学工号") or columns.get("学号")
    rows = {}
    for row in sheet.iter_rows(min_row=header_row + 1):
        value = row[id_column - 1].value
        if value is not None:
            rows[str(value).strip()] = row[0].row
    current = None
    for edit in edits:
        if "=" not in edit:
            current = edit
            continue
        column, value = edit.split("=", 1)
        if current not in rows:
            rows[current] = sheet.max_row + 1
            sheet.cell(row=rows[current], column=id_column).value = current
        sheet.cell(row=rows[current], column=columns[column]).value = value
    workbook.save(target)


if __name__ == "__main__":
    main()
