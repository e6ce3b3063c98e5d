"""The parts of an xlsx package the test scripts read: namespaces, relationships, chart texts and colours.

Shared by check_workbook.py (here) and Tests/ReportsTests/Scripts/college_check.py.
"""

import posixpath
import xml.etree.ElementTree as ET

NS = {
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    "main": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "xdr": "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
}
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def relationships(archive, part):
    """Target paths of a part's relationships, keyed by id."""
    folder, name = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", name + ".rels")
    if rels not in archive.namelist():
        return {}
    root = ET.fromstring(archive.read(rels))
    return {
        r.get("Id"): posixpath.normpath(posixpath.join(folder, r.get("Target")))
        for r in root.findall("rel:Relationship", NS)
    }


def val(element):
    return element.get("val") if element is not None else None


def text_of(element):
    return "".join(t.text or "" for t in element.iter("{%s}t" % NS["a"])) if element is not None else None


def series_color(series):
    """The series' colour as RRGGBB: its fill (bars, slices) or its line (lines), or None for the palette."""
    for path in ("c:spPr/a:solidFill/a:srgbClr", "c:spPr/a:ln/a:solidFill/a:srgbClr"):
        color = series.find(path, NS)
        if color is not None:
            return color.get("val")
    return None
