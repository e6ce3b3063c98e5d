#!/usr/bin/env python3
"""Forges the origin of a generated lixiao sheet: sets one listed person's exported status and recomputes the
check code as an unkeyed 64-bit FNV-1a of the origin's fields (what anyone can compute without the key).

usage: forge_origin.py IN.xlsx OUT.xlsx ID STATUS [VISIBLE_STATUS]
  VISIBLE_STATUS, when given, is also written into the visible sheet's 办理状态 cell of ID.
"""
import sys

import openpyxl

KEYS = ["kind", "batch", "item", "college", "advisor", "sequence", "generatedAt", "rows"]


def fnv(fields):
    value = 0xCBF29CE484222325
    for field in fields:
        for byte in field.encode("utf-8") + b"\x1f":
            value ^= byte
            value = (value * 0x100000001B3) % (1 << 64)
    return "%016x" % value


def text(cell):
    return "" if cell.value is None else str(cell.value).strip()


def main():
    source, target, person, status, *visible = sys.argv[1:]
    workbook = openpyxl.load_workbook(source)
    origin = workbook["_lixiao_origin"]
    values, checksum_cell, people = {}, None, []
    header_seen = False
    for row in origin.iter_rows(min_row=2):
        key = text(row[0])
        if header_seen:
            if key == person:
                row[1].value = status
            people.append((key, text(row[1]), "" if row[2].value is None else str(row[2].value)))
        elif key == "学工号":
            header_seen = True
        else:
            values[key] = text(row[1])
            if key == "checksum":
                checksum_cell = row[1]
    fields = [values.get(key, "") for key in KEYS]
    for key, code, remark in sorted(people):
        fields += [key, code, remark]
    checksum_cell.value = fnv(fields)
    if visible:
        sheet = next(ws for ws in workbook.worksheets if ws.sheet_state == "visible")
        header_row, columns = None, {}
        for row in sheet.iter_rows(min_row=1, max_row=10):
            texts = {text(cell): cell.column for cell in row if cell.value is not None}
            if "学工号" in texts:
                header_row, columns = row[0].row, texts
                break
        for row in sheet.iter_rows(min_row=header_row + 1):
            if text(row[columns["学工号"] - 1]) == person:
                row[columns["办理状态"] - 1].value = visible[0]
    workbook.save(target)


if __name__ == "__main__":
    main()
