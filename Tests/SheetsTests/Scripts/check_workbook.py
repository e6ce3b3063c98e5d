#!/usr/bin/env python3
"""Prints what openpyxl (and the raw zip) sees in an xlsx workbook, as JSON, for the writer tests.

    python3 check_workbook.py FILE [MAX_ROWS]

For every sheet: its state, frozen pane, protection, auto filter, merged ranges, data validations, column
widths, print settings, and every non-empty cell of the first MAX_ROWS rows (default 60) with its value, data
type, number format and locked flag. Charts are read from the zip (openpyxl does not load them): for each sheet,
the kind, bar direction, grouping, series references, axis titles, how the category axis labels its categories,
markers, value labels, colours and legend of every chart it draws. Exits 3 with a message when openpyxl is
missing, so the tests fail loudly instead of skipping.
"""

import json
import sys
import zipfile
import xml.etree.ElementTree as ET

from ooxml import NS, R_ID, relationships, series_color, text_of, val

try:
    import openpyxl
except ImportError:
    print("openpyxl is not installed: python3 -m pip install openpyxl", file=sys.stderr)
    sys.exit(3)

def describe_chart(xml):
    root = ET.fromstring(xml)
    plot = root.find("c:chart/c:plotArea", NS)
    kinds = [child for child in plot if child.tag.endswith("Chart")]
    chart = {"kinds": [k.tag.split("}")[1] for k in kinds], "title": text_of(root.find("c:chart/c:title", NS))}
    first = kinds[0]
    bar_dir = first.find("c:barDir", NS)
    grouping = first.find("c:grouping", NS)
    chart["barDir"] = bar_dir.get("val") if bar_dir is not None else None
    chart["grouping"] = grouping.get("val") if grouping is not None else None
    chart["series"] = [
        {
            "name": text_of(s.find("c:tx", NS)) or "".join(v.text or "" for v in s.findall("c:tx//c:v", NS)),
            "categories": "".join(f.text or "" for f in s.findall("c:cat//c:f", NS)),
            "values": "".join(f.text or "" for f in s.findall("c:val//c:f", NS)),
        }
        for s in first.findall("c:ser", NS)
    ]
    chart["axes"] = {
        axis.tag.split("}")[1]: text_of(axis.find("c:title", NS))
        for axis in plot
        if axis.tag.endswith("Ax")
    }
    chart["categoryAxis"] = describe_category_axis(plot.find("c:catAx", NS), plot.find("c:valAx", NS))
    chart["markers"] = [val(s.find("c:marker/c:symbol", NS)) for s in first.findall("c:ser", NS)]
    chart["valueLabels"] = [s.find("c:dLbls/c:showVal", NS) is not None for s in first.findall("c:ser", NS)]
    chart["colors"] = [series_color(s) for s in first.findall("c:ser", NS)]
    chart["pointColors"] = [
        [val(p.find("c:spPr/a:solidFill/a:srgbClr", NS)) for p in s.findall("c:dPt", NS)]
        for s in first.findall("c:ser", NS)
    ]
    legend = root.find("c:chart/c:legend/c:legendPos", NS)
    chart["legend"] = val(legend)
    gap = val(first.find("c:gapWidth", NS))
    chart["gapWidth"] = int(gap) if gap is not None else None
    return chart


def minimum(value_axis):
    """Where a value axis starts, or None when the application chooses."""
    start = val(value_axis.find("c:scaling/c:min", NS)) if value_axis is not None else None
    return float(start) if start is not None else None


def describe_category_axis(axis, value_axis):
    """How a category axis labels its categories: every how many, at what angle (degrees; None when the
    application chooses), in what size (points), and whether the first category is drawn at the far end."""
    if axis is None:
        return None
    body = axis.find("c:txPr/a:bodyPr", NS)
    rot = body.get("rot") if body is not None else None
    size = axis.find("c:txPr/a:p/a:pPr/a:defRPr", NS)
    return {
        "labelEvery": int(val(axis.find("c:tickLblSkip", NS)) or 0) or None,
        "angle": int(rot) // 60000 if rot is not None else None,
        "fontSize": int(size.get("sz")) / 100 if size is not None and size.get("sz") else None,
        "reversed": val(axis.find("c:scaling/c:orientation", NS)) == "maxMin",
        "valueAxisCrosses": val(value_axis.find("c:crosses", NS)) if value_axis is not None else None,
        "valueAxisMinimum": minimum(value_axis),
    }


def charts_by_sheet(path):
    with zipfile.ZipFile(path) as archive:
        workbook = ET.fromstring(archive.read("xl/workbook.xml"))
        targets = relationships(archive, "xl/workbook.xml")
        result = {"chartParts": sorted(n for n in archive.namelist() if n.startswith("xl/charts/chart"))}
        sheets = {}
        for sheet in workbook.findall("main:sheets/main:sheet", NS):
            part = targets[sheet.get(R_ID)]
            charts = []
            for drawing in relationships(archive, part).values():
                if "/drawings/" not in drawing:
                    continue
                for chart in relationships(archive, drawing).values():
                    if "/charts/" in chart:
                        charts.append(describe_chart(archive.read(chart)))
            sheets[sheet.get("name")] = charts
        result["sheets"] = sheets
        return result


def cell_info(cell):
    value = cell.value
    if hasattr(value, "isoformat"):
        value = value.isoformat()
    return {
        "value": value,
        "type": cell.data_type,
        "format": cell.number_format,
        "locked": cell.protection.locked,
    }


def describe_sheet(ws, max_rows):
    protection = ws.protection
    setup = ws.page_setup
    props = ws.sheet_properties.pageSetUpPr
    return {
        "name": ws.title,
        "state": ws.sheet_state,
        "freezePanes": ws.freeze_panes,
        "protected": bool(protection.sheet),
        "hasPassword": bool(protection.password),
        # In the file these flags say what is *blocked*: False means staff may do it.
        "blocked": {
            "autoFilter": bool(protection.autoFilter),
            "sort": bool(protection.sort),
            "formatColumns": bool(protection.formatColumns),
            "formatRows": bool(protection.formatRows),
            "formatCells": bool(protection.formatCells),
            "insertRows": bool(protection.insertRows),
            "deleteRows": bool(protection.deleteRows),
        },
        "autoFilter": ws.auto_filter.ref,
        "merged": sorted(str(r) for r in ws.merged_cells.ranges),
        "validations": [
            {
                "type": dv.type,
                "sqref": str(dv.sqref),
                "formula1": dv.formula1,
                "showDropDown": dv.showDropDown,
                "promptTitle": dv.promptTitle,
                "prompt": dv.prompt,
                "errorTitle": dv.errorTitle,
                "error": dv.error,
            }
            for dv in ws.data_validations.dataValidation
        ],
        "columnWidths": {
            key: dim.width for key, dim in sorted(ws.column_dimensions.items()) if dim.customWidth or dim.width
        },
        "print": {
            "paperSize": str(setup.paperSize) if setup.paperSize is not None else None,
            "orientation": setup.orientation,
            "fitToWidth": setup.fitToWidth,
            "fitToHeight": setup.fitToHeight,
            "fitToPage": bool(props.fitToPage) if props is not None else False,
            "titleRows": ws.print_title_rows,
            "header": ws.oddHeader.center.text,
            "footer": ws.oddFooter.center.text,
            "footerRight": ws.oddFooter.right.text,
            "centeredHorizontally": bool(ws.print_options.horizontalCentered),
        },
        "cells": {
            cell.coordinate: cell_info(cell)
            for row in ws.iter_rows(max_row=min(ws.max_row, max_rows))
            for cell in row
            if cell.value is not None
        },
        "maxRow": ws.max_row,
    }


def main():
    path = sys.argv[1]
    max_rows = int(sys.argv[2]) if len(sys.argv) > 2 else 60
    workbook = openpyxl.load_workbook(path)
    properties = workbook.properties
    result = {
        "properties": {
            "title": properties.title,
            "subject": properties.subject,
            "creator": properties.creator,
            "keywords": properties.keywords,
            "category": properties.category,
            "description": properties.description,
            "created": properties.created.isoformat() if properties.created else None,
        },
        "activeSheet": workbook.active.title if workbook.active is not None else None,
        "sheets": [describe_sheet(ws, max_rows) for ws in workbook.worksheets],
        "charts": charts_by_sheet(path),
    }
    json.dump(result, sys.stdout, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
