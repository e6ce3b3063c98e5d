#!/usr/bin/env python3
"""Helper for make_fixtures.sh: the parts of the fixture set written by Python.

Usage:
    python3 make_fixtures.py python OUTDIR     # openpyxl files, CSVs, HTML .xls, .numbers, inputs for soffice
    python3 make_fixtures.py encrypt IN OUT    # msoffcrypto-tool: encrypt IN with password "lixiao"
    python3 make_fixtures.py check-gbk FILE    # exit 0 if FILE decodes as GBK and contains the registry data

The data below is the single source of truth for the registry fixtures;
tests assert exactly these values (see README.md).
"""
import csv
import datetime as dt
import io
import os
import sys
import zipfile

TITLE = "2027届毕业生学籍信息（学籍系统导出）"
SHEET1 = "学籍信息"
SHEET2 = "说明"
NOTES = ["本表由学籍系统导出", "请勿修改学号列"]
HEADER = ["学号", "姓名", "性别", "学院", "专业", "班级", "培养层次", "离校批次", "入学日期", "学分"]

# None = a completely blank row (row 6 of the sheet).
ROWS = [
    (2023110101, "张伟", "男", "计算机科学与技术学院", "软件工程", "软工2301", "本科", "2027届夏季毕业", dt.date(2023, 9, 1), 152.5),
    (2023110102, "王芳", "女", "计算机科学与技术学院", "软件工程", "软工2301", "本科", "2027届夏季毕业", dt.date(2023, 9, 1), 148.0),
    None,
    (2024210305, "李娜", "女", "外国语学院", "英语语言文学", "英硕2401", "硕士", "2027届夏季毕业", dt.date(2024, 9, 5), 36.0),
    (2022310017, "欧阳明轩", "男", "机械工程学院", "机械工程", "机博2201", "博士", "2027届冬季毕业", dt.date(2022, 3, 1), 28.5),
    (2023110199, "赵, 敏", "女", "经济管理学院", "会计学（ACCA）", "会计2302", "本科", "2027届夏季毕业", dt.date(2023, 9, 1), 150.0),
]
# In the CSVs only, 李娜's 班级 carries an embedded newline.
CSV_CLASS_OVERRIDE = {2024210305: "英硕2401\n（二班）"}

FIXED_TIME = dt.datetime(2027, 1, 1, 8, 0, 0)


def _fix_props(wb):
    wb.properties.creator = "lixiao fixtures"
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME


def make_registry_xlsx(path):
    from openpyxl import Workbook

    wb = Workbook()
    _fix_props(wb)
    ws = wb.active
    ws.title = SHEET1
    ws["A1"] = TITLE
    ws.merge_cells("A1:H1")
    # row 2 blank
    for col, h in enumerate(HEADER, start=1):
        ws.cell(row=3, column=col, value=h)
    r = 4
    for row in ROWS:
        if row is not None:
            for col, v in enumerate(row, start=1):
                c = ws.cell(row=r, column=col, value=v)
                if isinstance(v, dt.date):
                    c.number_format = "yyyy-mm-dd"
                elif isinstance(v, float):
                    c.number_format = "General"
        r += 1
    ws.column_dimensions["A"].width = 14
    ws.column_dimensions["D"].width = 22
    ws2 = wb.create_sheet(SHEET2)
    ws2["A1"] = NOTES[0]
    ws2["A2"] = NOTES[1]
    wb.save(path)


def _fmt_credit(x):
    return ("%.1f" % x).rstrip("0").rstrip(".")


def csv_rows():
    """Rows as the CSVs carry them: ragged (no padding), blank rows are empty lines."""
    out = [[TITLE], [], list(HEADER)]
    for row in ROWS:
        if row is None:
            out.append([])
            continue
        sid, name, sex, school, major, klass, level, batch, date, credit = row
        klass = CSV_CLASS_OVERRIDE.get(sid, klass)
        out.append([str(sid), name, sex, school, major, klass, level, batch, date.isoformat(), _fmt_credit(credit)])
    return out


def write_csv(path, encoding):
    with open(path, "w", encoding=encoding, newline="") as f:
        w = csv.writer(f, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
        for row in csv_rows():
            w.writerow(row)


def make_ids_and_formulas(path):
    from openpyxl import Workbook

    wb = Workbook()
    _fix_props(wb)
    ws = wb.active
    ws.title = "lixiao"
    ws.append(["学工号", "姓名", "办理状态", "办理备注"])
    # row 2: numeric id, empty remark
    ws["A2"] = 11120205
    ws["B2"] = "陈静"
    ws["C2"] = 1
    ws["D2"] = ""
    # row 3: id with a leading zero, stored as TEXT with the '@' format
    ws["A3"] = "0123456"
    ws["A3"].number_format = "@"
    ws["B3"] = "刘洋"
    ws["C3"] = 3
    ws["D3"] = "已还书"
    # row 4: a real formula; openpyxl writes <f>1+2</f> and no cached <v>
    ws["A4"] = 11120207
    ws["B4"] = "孙丽"
    ws["C4"] = "=1+2"
    assert ws["C4"].data_type == "f"
    ws["D4"] = "公式无缓存"
    # row 5: text that merely looks like a formula (CSV/formula-injection bait)
    ws["A5"] = 11120208
    ws["B5"] = '=HYPERLINK("http://x")'
    ws["B5"].data_type = "s"
    ws["C5"] = 2
    ws["D5"] = "注入文本"
    wb.save(path)


def make_rich_text(path):
    from openpyxl import Workbook
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont

    wb = Workbook()
    _fix_props(wb)
    ws = wb.active
    ws.title = "Sheet1"
    ws["A1"] = CellRichText(
        TextBlock(InlineFont(b=True), "张"),
        TextBlock(InlineFont(color="FFFF0000"), "伟"),
    )
    ws["A2"] = "普通文本"
    ws["B1"] = True
    ws["B2"] = False
    wb.save(path)


def make_portal_html_xls(path):
    rows = [
        ["学号", "姓名", "学院"],
        ["2023110101", "张伟", "计算机科学与技术学院"],
        ["2023110102", "王芳", "计算机科学与技术学院"],
    ]
    body = "".join(
        "<tr>" + "".join("<td>%s</td>" % v for v in r) + "</tr>\n" for r in rows
    )
    html = (
        '<html><head><meta charset="utf-8"><title>lixiao</title></head>\n'
        "<body><table border=\"1\">\n" + body + "</table></body></html>\n"
    )
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(html)


def make_numbers_like(path):
    entries = [
        ("Index/Document.iwa", b"\x00\x1c\x02\x00junk-iwa-document" + bytes(range(32))),
        ("Index/Metadata.iwa", b"\x00\x0e\x00\x00junk-iwa-metadata"),
        ("Metadata/Properties.plist", b"bplist00\xd1\x01\x02junk-properties"),
    ]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            zi = zipfile.ZipInfo(name, date_time=(2027, 1, 1, 8, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, data)


def make_docx_input(path):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("学籍说明\n这是一个 Word 文档，不是电子表格。\n")


def cmd_python(outdir):
    os.makedirs(outdir, exist_ok=True)
    p = lambda n: os.path.join(outdir, n)
    make_registry_xlsx(p("registry-openpyxl.xlsx"))
    write_csv(p("registry-utf8.csv"), "utf-8")
    write_csv(p("registry-utf8-bom.csv"), "utf-8-sig")
    write_csv(p("registry-gbk.csv"), "gbk")
    make_ids_and_formulas(p("ids-and-formulas-openpyxl.xlsx"))
    make_rich_text(p("rich-text.xlsx"))
    make_portal_html_xls(p("portal-export.xls"))
    make_numbers_like(p("numbers-like.numbers"))


def cmd_encrypt(src, dst):
    try:
        from msoffcrypto.format.ooxml import OOXMLFile
    except ImportError:
        sys.exit("msoffcrypto-tool is not installed: pip install msoffcrypto-tool")
    with open(src, "rb") as fin, open(dst, "wb") as fout:
        OOXMLFile(fin).encrypt("lixiao", fout)


def cmd_check_gbk(path):
    data = open(path, "rb").read()
    try:
        text = data.decode("gbk")
    except UnicodeDecodeError:
        sys.exit(1)
    if data.startswith(b"\xef\xbb\xbf") or "欧阳明轩" not in text or TITLE not in text:
        sys.exit(1)
    # Must not be UTF-8 that happens to decode as GBK.
    try:
        data.decode("utf-8")
        sys.exit(1)
    except UnicodeDecodeError:
        pass


def main(argv):
    if len(argv) >= 3 and argv[1] == "python":
        cmd_python(argv[2])
    elif len(argv) == 4 and argv[1] == "encrypt":
        cmd_encrypt(argv[2], argv[3])
    elif len(argv) == 3 and argv[1] == "check-gbk":
        cmd_check_gbk(argv[2])
    elif len(argv) == 3 and argv[1] == "docx-input":
        make_docx_input(argv[2])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
