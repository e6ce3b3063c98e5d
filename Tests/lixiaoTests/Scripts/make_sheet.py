#!/usr/bin/env python3
"""Writes a hand-made sheet (no origin), as a department keeping its own list would.

usage: make_sheet.py OUT.(xlsx|csv) HEADER1,HEADER2,... ROW1CELL1,ROW1CELL2,... ...
  A .csv is written in GBK with CRLF, as Chinese Windows Excel saves "CSV (逗号分隔)"; an .xlsx by openpyxl, with
  IDs as numbers when they are all digits (as a person typing them into Excel would get).
"""
import csv
import sys

import openpyxl


def main():
    target, header, *rows = sys.argv[1:]
    table = [header.split(",")] + [row.split(",") for row in rows]
    if target.endswith(".csv"):
        with open(target, "w", encoding="gbk", newline="") as handle:
            csv.writer(handle, lineterminator="\r\n").writerows(table)
        return
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in table:
        sheet.append([int(cell) if cell.isdigit() and len(cell) < 16 and not cell.startswith("0") else cell for cell in row])
    workbook.save(target)


if __name__ == "__main__":
    main()
