#!/usr/bin/env python3
"""Prints what openpyxl (and the raw zip) sees in a college-side, statistics or notice workbook, as JSON.

    python3 college_check.py FILE

For every sheet: frozen pane, protection, data validations (type, range, list), print settings, the cells
that are unlocked, and every non-empty cell's value, data type ("s" text, "n" number, "d" date) and number
format. Charts are read from the zip, as openpyxl does not load them: their count, and for every sheet the charts
it draws (kind, bar direction, grouping, title, series names and colours, how the category axis labels its
categories, markers, value labels, legend, and the cells the chart covers). Exits 3 with a message when
openpyxl is missing, so the tests fail loudly instead of skipping.
"""

import json
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
import os

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "SheetsTests", "Scripts"))
from ooxml import NS, R_ID, relationships, series_color, text_of, val  # noqa: E402

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


def describe_chart(xml, anchor):
    root = ET.fromstring(xml)
    plot = root.find("c:chart/c:plotArea", NS)
    first = next(child for child in plot if child.tag.endswith("Chart"))
    series = first.findall("c:ser", NS)
    axis = plot.find("c:catAx", NS)
    body = axis.find("c:txPr/a:bodyPr", NS) if axis is not None else None
    rot = body.get("rot") if body is not None else None
    return {
        "kind": first.tag.split("}")[1],
        "barDir": val(first.find("c:barDir", NS)),
        "grouping": val(first.find("c:grouping", NS)),
        "title": text_of(root.find("c:chart/c:title", NS)),
        "series": [text_of(s.find("c:tx", NS)) or "".join(v.text or "" for v in s.findall("c:tx//c:v", NS)) for s in series],
        "colors": [series_color(s) for s in series],
        "pointColors": [val(p.find("c:spPr/a:solidFill/a:srgbClr", NS)) for s in series for p in s.findall("c:dPt", NS)],
        "categoryCount": max((len(s.findall("c:cat//c:pt", NS)) for s in series), default=0),
        "labelEvery": int(val(axis.find("c:tickLblSkip", NS)) or 0) or None if axis is not None else None,
        "labelAngle": int(rot) // 60000 if rot is not None else None,
        "topDown": axis is not None and val(axis.find("c:scaling/c:orientation", NS)) == "maxMin",
        "markers": [val(s.find("c:marker/c:symbol", NS)) for s in series],
        "valueLabels": any(s.find("c:dLbls/c:showVal", NS) is not None for s in series),
        "legend": val(root.find("c:chart/c:legend/c:legendPos", NS)),
        "gapWidth": int(val(first.find("c:gapWidth", NS)) or 0) or None,
        "anchor": anchor,
    }


def charts_by_sheet(path):
    """Every sheet's charts, in drawing order, with the cells each covers."""
    result = {}
    with zipfile.ZipFile(path) as archive:
        workbook = ET.fromstring(archive.read("xl/workbook.xml"))
        targets = relationships(archive, "xl/workbook.xml")
        for sheet in workbook.findall("main:sheets/main:sheet", NS):
            charts = []
            for drawing in relationships(archive, targets[sheet.get(R_ID)]).values():
                if "/drawings/" not in drawing:
                    continue
                links = relationships(archive, drawing)
                for anchor in ET.fromstring(archive.read(drawing)):
                    frame = anchor.find("xdr:graphicFrame/a:graphic/a:graphicData/c:chart", NS)
                    if frame is None:
                        continue
                    # The cells the chart covers: its first and last row and column, 0-based.
                    corners = [anchor.find(f"xdr:{end}", NS) for end in ("from", "to")]
                    cells = {
                        "firstRow": int(corners[0].find("xdr:row", NS).text),
                        "firstColumn": int(corners[0].find("xdr:col", NS).text),
                        "lastRow": int(corners[1].find("xdr:row", NS).text),
                        "lastColumn": int(corners[1].find("xdr:col", NS).text),
                    }
                    charts.append(describe_chart(archive.read(links[frame.get(R_ID)]), cells))
            result[sheet.get("name")] = charts
    return result


def main():
    path = sys.argv[1]
    workbook = openpyxl.load_workbook(path)
    with zipfile.ZipFile(path) as archive:
        charts = sorted(n for n in archive.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", n))
    result = {
        "title": workbook.properties.title,
        "sheets": [describe_sheet(ws) for ws in workbook.worksheets],
        "chartCount": len(charts),
        "charts": charts_by_sheet(path),
    }
    json.dump(result, sys.stdout, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
