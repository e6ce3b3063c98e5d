#!/usr/bin/env python3
"""Checks that every chart series in every workbook under a folder is labelled by its own column, and that
every category keeps its label.

usage: chart_refs.py FOLDER
For each xlsx under FOLDER, each chart series' value range is resolved to its sheet and column; the series'
name (a literal or a cell reference) must equal the column's header (the nearest text above the first value
cell), no value cell may hold text, and every category cell must hold a label. Every category axis must label
every category (interval unit 1) at a given angle (LibreOffice hides labels that would touch unless the angle is
given), and every value axis must start at zero. Prints one JSON object: {"files": n, "charts": n, "series": n,
"kinds": {"barChart bar": n, ...}, "problems": [...]}.
"""
import json
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

import openpyxl

C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
REF = re.compile(r"^'?(?P<sheet>.+?)'?!\$(?P<c1>[A-Z]+)\$(?P<r1>\d+)(?::\$(?P<c2>[A-Z]+)\$(?P<r2>\d+))?$")


def parse(ref):
    match = REF.match(ref)
    if not match:
        return None
    sheet = match["sheet"].replace("''", "'")
    return sheet, match["c1"], int(match["r1"]), match["c2"] or match["c1"], int(match["r2"] or match["r1"])


def main():
    folder = sys.argv[1]
    counts = {"files": 0, "charts": 0, "series": 0, "kinds": {}, "problems": []}
    for top, _, names in os.walk(folder):
        for name in sorted(names):
            if not name.endswith(".xlsx"):
                continue
            path = os.path.join(top, name)
            relative = os.path.relpath(path, folder)
            with zipfile.ZipFile(path) as archive:
                charts = [n for n in archive.namelist() if re.match(r"xl/charts/chart\d+\.xml$", n)]
                if not charts:
                    continue
                counts["files"] += 1
                workbook = openpyxl.load_workbook(path)
                for chart in charts:
                    counts["charts"] += 1
                    root = ET.fromstring(archive.read(chart))
                    kind = kind_of(root)
                    counts["kinds"][kind] = counts["kinds"].get(kind, 0) + 1
                    check_axes(root, f"{relative} {chart}", counts["problems"])
                    for series in root.iter(C + "ser"):
                        counts["series"] += 1
                        check(series, workbook, f"{relative} {chart}", counts["problems"])
    print(json.dumps(counts, ensure_ascii=False))


def kind_of(root):
    """`barChart bar`, `barChart col`, `lineChart`, `pieChart`."""
    plot = root.find(f"{C}chart/{C}plotArea")
    first = next(child for child in plot if child.tag.endswith("Chart"))
    direction = first.find(f"{C}barDir")
    return first.tag[len(C):] + (f" {direction.get('val')}" if direction is not None else "")


def check_axes(root, where, problems):
    for axis in root.iter(C + "catAx"):
        skip = axis.find(f"{C}tickLblSkip")
        if skip is None or skip.get("val") != "1":
            problems.append(f"{where}: the category axis does not label every category (no interval unit 1)")
        body = axis.find(f"{C}txPr/{A}bodyPr")
        if body is None or body.get("rot") is None:
            problems.append(f"{where}: the category labels have no angle, so LibreOffice may hide every other one")
    for axis in root.iter(C + "valAx"):
        start = axis.find(f"{C}scaling/{C}min")
        if start is None or float(start.get("val")) != 0:
            problems.append(f"{where}: the value axis does not start at zero")


def check(series, workbook, where, problems):
    values = series.find(f"{C}val/{C}numRef/{C}f")
    if values is None:
        problems.append(f"{where}: a series has no value range")
        return
    parsed = parse(values.text)
    if parsed is None or parsed[0] not in workbook.sheetnames:
        problems.append(f"{where}: value range {values.text} names no sheet of the workbook")
        return
    sheet_name, column, first, _, last = parsed
    sheet = workbook[sheet_name]
    # The column's header: the nearest text above the first value (a total row may sit between them).
    header = None
    for row in range(first - 1, 0, -1):
        if isinstance(sheet[f"{column}{row}"].value, str):
            header = sheet[f"{column}{row}"].value
            break
    literal = series.find(f"{C}tx/{C}v")
    reference = series.find(f"{C}tx/{C}strRef/{C}f")
    if literal is not None:
        name = literal.text
    elif reference is not None:
        ref = parse(reference.text)
        name = workbook[ref[0]][f"{ref[1]}{ref[2]}"].value if ref and ref[0] in workbook.sheetnames else None
    else:
        name = None
    if name != header:
        problems.append(f"{where}: series named {name!r} plots {sheet_name}!{column}{first}:{column}{last}, headed {header!r}")
    for row in range(first, last + 1):
        if isinstance(sheet[f"{column}{row}"].value, str):
            problems.append(f"{where}: value cell {sheet_name}!{column}{row} holds text, not a number")
    categories = series.find(f"{C}cat/{C}strRef/{C}f")
    if categories is None:
        categories = series.find(f"{C}cat/{C}numRef/{C}f")
    if categories is not None:
        ref = parse(categories.text)
        if ref and ref[0] in workbook.sheetnames:
            for row in range(ref[2], ref[4] + 1):
                if workbook[ref[0]][f"{ref[1]}{row}"].value in (None, ""):
                    problems.append(f"{where}: category cell {ref[0]}!{ref[1]}{row} is empty")


if __name__ == "__main__":
    main()
