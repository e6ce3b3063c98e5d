#!/usr/bin/env python3
"""What openpyxl sees in the department-side workbooks (数据导出, 催办名单, 导师签字, templates), as JSON.

    python3 department_check.py FILE [FILE ...]        prints {FILE: report, ...}
    python3 department_check.py --resave IN OUT          loads IN with openpyxl and saves it as OUT

A report lists the document properties (title, creator, and Company from docProps/app.xml), the hidden sheet
names, and for every sheet: its state, whether it is protected and what protection still allows, the frozen pane,
the auto filter, merged ranges, data validations (type, sqref, formula1), print settings, whether each column's
written cells below the frozen rows are locked, unlocked or mixed, the number formats of the first row below them, and
every non-empty cell of the first 60 rows (value, data type, number format, locked, font colour). Exits 3 with a message when openpyxl is missing, so the tests fail loudly.
"""

import json
import sys
import zipfile
import xml.etree.ElementTree as ET

try:
    import openpyxl
    from openpyxl.utils import get_column_letter
except ImportError:
    print("openpyxl is not installed: python3 -m pip install openpyxl", file=sys.stderr)
    sys.exit(3)

MAX_ROWS = 60
APP_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"


def company(path):
    with zipfile.ZipFile(path) as archive:
        if "docProps/app.xml" not in archive.namelist():
            return None
        element = ET.fromstring(archive.read("docProps/app.xml")).find(APP_NS + "Company")
        return element.text if element is not None else None


def column_locks(ws, first_row):
    """For each column, whether its written cells (values, or blanks with a style) from first_row down are all
    locked, all unlocked, or mixed."""
    seen = {}
    for row in ws.iter_rows(min_row=first_row, max_row=max(ws.max_row, first_row)):
        for cell in row:
            if cell.value is None and not cell.has_style:
                continue
            letter = get_column_letter(cell.column)
            seen.setdefault(letter, set()).add(bool(cell.protection.locked))
    return {
        letter: ("mixed" if len(states) > 1 else ("locked" if True in states else "unlocked"))
        for letter, states in sorted(seen.items())
    }


def frozen_rows(ws):
    pane = ws.freeze_panes
    if not pane:
        return 0
    digits = "".join(ch for ch in pane if ch.isdigit())
    return int(digits) - 1 if digits else 0


def describe_sheet(ws):
    protection = ws.protection
    setup = ws.page_setup
    props = ws.sheet_properties.pageSetUpPr
    frozen = frozen_rows(ws)
    return {
        "name": ws.title,
        "state": ws.sheet_state,
        "protected": bool(protection.sheet),
        # In the file these flags say what is *blocked*: False means staff may do it.
        "blocked": {
            "autoFilter": bool(protection.autoFilter),
            "sort": bool(protection.sort),
            "formatColumns": bool(protection.formatColumns),
            "formatRows": bool(protection.formatRows),
        },
        "freezePanes": ws.freeze_panes,
        "autoFilter": ws.auto_filter.ref,
        "merged": sorted(str(r) for r in ws.merged_cells.ranges),
        "validations": [
            {"type": dv.type, "sqref": str(dv.sqref), "formula1": dv.formula1}
            for dv in ws.data_validations.dataValidation
        ],
        "print": {
            "paperSize": str(setup.paperSize) if setup.paperSize is not None else None,
            "orientation": setup.orientation,
            "fitToWidth": setup.fitToWidth,
            "fitToPage": bool(props.fitToPage) if props is not None else False,
            "titleRows": ws.print_title_rows,
        },
        "columnLocks": column_locks(ws, frozen + 1) if frozen else {},
        # Number formats of the first row below the frozen ones, blank cells included (templates pre-format IDs).
        "firstRowFormats": {
            get_column_letter(cell.column): cell.number_format
            for cell in next(ws.iter_rows(min_row=frozen + 1, max_row=frozen + 1), ())
        }
        if frozen
        else {},
        "columnWidths": {key: dim.width for key, dim in sorted(ws.column_dimensions.items()) if dim.customWidth},
        "cells": {
            cell.coordinate: {
                "value": cell.value if not hasattr(cell.value, "isoformat") else cell.value.isoformat(),
                "type": cell.data_type,
                "format": cell.number_format,
                "locked": bool(cell.protection.locked),
                "color": cell.font.color.rgb if cell.font.color is not None and cell.font.color.type == "rgb" else None,
            }
            for row in ws.iter_rows(max_row=min(ws.max_row, MAX_ROWS))
            for cell in row
            if cell.value is not None
        },
    }


def report(path):
    workbook = openpyxl.load_workbook(path)
    return {
        "properties": {
            "title": workbook.properties.title,
            "creator": workbook.properties.creator,
            "company": company(path),
        },
        "hiddenSheets": [ws.title for ws in workbook.worksheets if ws.sheet_state != "visible"],
        "sheets": [describe_sheet(ws) for ws in workbook.worksheets],
    }


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "--resave":
        openpyxl.load_workbook(sys.argv[2]).save(sys.argv[3])
        return
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    json.dump({path: report(path) for path in sys.argv[1:]}, sys.stdout, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
