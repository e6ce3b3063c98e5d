#!/usr/bin/env python3
"""Prints what openpyxl (and the raw zip) sees in a college-side, statistics or notice workbook, as JSON.

    python3 college_check.py FILE

For every sheet: frozen pane, protection, data validations (type, range, list), print settings, the cells
that are unlocked, and every non-empty cell's value, data type ("s" text, "n" number, "d" date) and number
format. Charts are counted from the zip (xl/charts/chart*.xml), as openpyxl does not load them. Exits 3 with a
message when openpyxl is missing, so the tests fail loudly instead of skipping.
"""

import json
import re
import sys
import zipfile

try:
    import openpyxl
except ImportError:
    print("openpyxl is not installed: python3 -m pip install openpyxl (or make deps)", file=sys.stderr)
    sys.exit(3)


def describe_sheet(ws):
    setup = ws.page_setup
    props = ws.sheet_properties.pageSetUpPr
    cells = {}
    unlocked = []
    for row in ws.iter_rows():
        for cell in row:
            if cell.value is None and cell.protection.locked:
                continue
            if not cell.protection.locked:
                unlocked.append(cell.coordinate)
            if cell.value is not None:
                value = cell.value.isoformat() if hasattr(cell.value, "isoformat") else cell.value
                cells[cell.coordinate] = {"value": value, "type": cell.data_type, "format": cell.number_format}
    return {
        "name": ws.title,
        "state": ws.sheet_state,
        "freezePanes": ws.freeze_panes,
        "protected": bool(ws.protection.sheet),
        "autoFilter": ws.auto_filter.ref,
        "validations": [
            {"type": dv.type, "sqref": str(dv.sqref), "formula1": dv.formula1}
            for dv in ws.data_validations.dataValidation
        ],
        "unlockedCells": unlocked,
        "print": {
            "paperSize": str(setup.paperSize) if setup.paperSize is not None else None,
            "orientation": setup.orientation,
            "fitToWidth": setup.fitToWidth,
            "fitToHeight": setup.fitToHeight,
            "fitToPage": bool(props.fitToPage) if props is not None else False,
        },
        "cells": cells,
        "maxRow": ws.max_row,
    }


def main():
    path = sys.argv[1]
    workbook = openpyxl.load_workbook(path)
    with zipfile.ZipFile(path) as archive:
        charts = sorted(n for n in archive.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", n))
    result = {
        "title": workbook.properties.title,
        "sheets": [describe_sheet(ws) for ws in workbook.worksheets],
        "chartCount": len(charts),
    }
    json.dump(result, sys.stdout, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
