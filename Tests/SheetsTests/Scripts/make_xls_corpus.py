#!/usr/bin/env python3
"""Writes the reader corpus in Tests/SheetsTests/Fixtures/Corpus with every writer this machine has.

Sources are written by XlsxWriter (with cached formula results) and by the C libxlsxwriter; LibreOffice
(`soffice --convert-to xls`, its Excel 97-2003 filter) and Gnumeric (`ssconvert`, BIFF8 and xlsx) rewrite them.
The sheets hold what breaks .xls readers: a shared-string table far longer than one record (so strings cross
CONTINUE records), Chinese text (UTF-16) beside ASCII (compressed), RK and MULRK numbers, dates in both epochs,
formulas of every result type, merged cells, hidden rows and a hidden sheet.

Needs: python3 with xlsxwriter, soffice, ssconvert, cc and libxlsxwriter-dev.
Usage: make_xls_corpus.py [OUTPUT_DIR]   (default: ../Fixtures/Corpus beside this script)
"""
import datetime
import os
import shutil
import subprocess
import sys
import tempfile

import xlsxwriter

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else os.path.join(HERE, "..", "Fixtures", "Corpus")
FIXTURES = os.path.join(HERE, "..", "Fixtures")
SURNAMES = "张王李赵刘陈杨黄周吴徐孙马朱胡郭何高林罗欧阳司马"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华"


def write_source(path, uses1904=False):
    workbook = xlsxwriter.Workbook(path, {"date_1904": uses1904, "strings_to_numbers": False})
    date = workbook.add_format({"num_format": "yyyy-mm-dd"})
    stamp = workbook.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
    chinese_date = workbook.add_format({"num_format": 'yyyy"年"m"月"d"日"'})
    sheet = workbook.add_worksheet("名单")
    headers = ["学工号", "姓名", "学院", "学分", "比例", "入学日期", "离校时间", "中文日期", "办理状态", "备注",
               "两倍学分", "姓名加后缀", "学分够否", "错误", "空文本", "小整数", "负数"]
    sheet.write_row(0, 0, headers)
    epoch = datetime.datetime(1904, 1, 1) if uses1904 else datetime.datetime(1899, 12, 31)
    for index in range(1, 201):
        row = index
        name = SURNAMES[index % len(SURNAMES)] + GIVEN[index % len(GIVEN)] + GIVEN[(index * 7) % len(GIVEN)]
        credits = 120 + (index % 40) + (0.5 if index % 3 == 0 else 0)
        entered = datetime.date(2020 + index % 5, 1 + index % 12, 1 + index % 28)
        leaving = datetime.datetime(2027, 6, 1 + index % 28, 8 + index % 10, index % 60, (index * 7) % 60)
        sheet.write_string(row, 0, "%010d" % (2023110000 + index) if index % 2 else "0%09d" % index)
        sheet.write_string(row, 1, name)
        sheet.write_string(row, 2, ["计算机科学与技术学院", "外国语学院", "School of Economics", "机械工程学院"][index % 4])
        sheet.write_number(row, 3, credits)
        sheet.write_number(row, 4, index / 100)
        sheet.write_datetime(row, 5, datetime.datetime.combine(entered, datetime.time()), date)
        sheet.write_datetime(row, 6, leaving, stamp)
        sheet.write_datetime(row, 7, datetime.datetime.combine(entered, datetime.time()), chinese_date)
        status = 3 if index % 2 else 1
        sheet.write_formula(row, 8, "=IF(MOD(ROW(),2)=0,3,1)", None, status)
        sheet.write_string(row, 9, "第%d行备注：%s" % (index, "长文本" * (index % 50)))
        sheet.write_formula(row, 10, "=D%d*2" % (row + 1), None, credits * 2)
        sheet.write_formula(row, 11, '=B%d&"同学"' % (row + 1), None, name + "同学")
        sheet.write_formula(row, 12, "=D%d>140" % (row + 1), None, credits > 140)
        sheet.write_formula(row, 13, "=1/0", None, "#DIV/0!")
        sheet.write_formula(row, 14, '=""', None, "")
        sheet.write_row(row, 15, [index, -index * 1000, ])
    # A formula-built ID, as a department might make one.
    sheet.write_formula(201, 0, '="2023"&"110101"', None, "2023110101")
    sheet.merge_range(202, 0, 202, 4, "合并单元格：本表共 200 人", None)
    for hidden in range(10, 20):
        sheet.set_row(hidden, None, None, {"hidden": True})

    # Far more distinct text than one record holds: the shared-string table crosses CONTINUE records, and
    # long strings break in their middle, in both compressed (ASCII) and UTF-16 (Chinese) forms.
    strings = workbook.add_worksheet("长文本")
    for index in range(1500):
        if index % 3 == 0:
            text = "ascii-%05d-" % index + "x" * (index % 150)
        elif index % 3 == 1:
            text = "中文%05d" % index + "离校手续" * (index % 40)
        else:
            text = "mixed %d 混合 %s" % (index, "ab中" * (index % 60))
        strings.write_string(index, 0, text)
        strings.write_number(index, 1, index * 3)
    hidden = workbook.add_worksheet("隐藏")
    hidden.write_string(0, 0, "隐藏的工作表")
    hidden.hide()
    workbook.close()


def write_formula_return(path):
    """A department's return whose statuses and one ID are formulas (lixiaoTests' end-to-end case)."""
    workbook = xlsxwriter.Workbook(path)
    sheet = workbook.add_worksheet("图书馆")
    sheet.write_row(0, 0, ["学工号", "办理状态", "办理备注"])
    sheet.write_string(1, 0, "2023110101")
    sheet.write_formula(1, 1, "=IF(LEN(A2)=10,3,1)", None, 3)
    sheet.write_string(1, 2, "图书已归还")
    sheet.write_formula(2, 0, '="2023110"&"199"', None, "2023110199")
    sheet.write_formula(2, 1, "=1+1", None, 2)
    sheet.write_string(2, 2, "公式学号")
    workbook.close()


C_SOURCE = r"""
#include <xlsxwriter.h>
int main(int argc, char **argv) {
    lxw_workbook *workbook = workbook_new(argv[1]);
    lxw_worksheet *sheet = workbook_add_worksheet(workbook, "libxlsxwriter");
    lxw_format *date = workbook_add_format(workbook);
    format_set_num_format(date, "yyyy/m/d");
    worksheet_write_string(sheet, 0, 0, "学号", NULL);
    worksheet_write_string(sheet, 0, 1, "姓名", NULL);
    worksheet_write_string(sheet, 0, 2, "学分", NULL);
    worksheet_write_string(sheet, 0, 3, "日期", NULL);
    worksheet_write_string(sheet, 0, 4, "状态", NULL);
    for (int row = 1; row <= 200; row++) {
        char id[32];
        snprintf(id, sizeof id, "20241%05d", row);
        worksheet_write_string(sheet, row, 0, id, NULL);
        worksheet_write_string(sheet, row, 1, row % 2 ? "欧阳明轩" : "Alice", NULL);
        worksheet_write_number(sheet, row, 2, row * 1.25, NULL);
        lxw_datetime when = {2024, 1 + row % 12, 1 + row % 28, 0, 0, 0};
        worksheet_write_datetime(sheet, row, 3, &when, date);
        char formula[64];
        snprintf(formula, sizeof formula, "=IF(C%d>100,3,1)", row + 1);
        worksheet_write_formula_num(sheet, row, 4, formula, NULL, row * 1.25 > 100 ? 3 : 1);
    }
    return workbook_close(workbook);
}
"""


def run(*args, **kwargs):
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kwargs)


# LibreOffice never recalculates an xlsx on load by default, and then writes a text formula's result to .xls
# as 0: a profile that recalculates always makes it write what the sheet shows.
RECALC_PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse">
<value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse">
<value>0</value></prop></item>
</oor:items>
"""


def soffice(source, filter_name, dest, work):
    profile = os.path.join(work, "lo-profile")
    if not os.path.exists(profile):
        os.makedirs(os.path.join(profile, "user"))
        with open(os.path.join(profile, "user", "registrymodifications.xcu"), "w") as handle:
            handle.write(RECALC_PROFILE)
    out = tempfile.mkdtemp(dir=work)
    run("soffice", "-env:UserInstallation=file://" + profile, "--headless", "--norestore",
        "--convert-to", filter_name, "--outdir", out, source)
    produced = [os.path.join(out, f) for f in os.listdir(out)]
    if not produced:
        sys.exit("soffice could not convert %s" % source)
    shutil.copy(produced[0], dest)


def main():
    os.makedirs(OUT, exist_ok=True)
    work = tempfile.mkdtemp(prefix="lixiao-corpus.")
    try:
        source = os.path.join(OUT, "corpus-xlsxwriter.xlsx")
        source1904 = os.path.join(OUT, "corpus-1904-xlsxwriter.xlsx")
        write_source(source)
        write_source(source1904, uses1904=True)

        program = os.path.join(work, "writer")
        c_file = os.path.join(work, "writer.c")
        with open(c_file, "w") as handle:
            handle.write(C_SOURCE)
        flags = subprocess.run(["pkg-config", "--cflags", "--libs", "xlsxwriter"], check=True,
                               capture_output=True, text=True).stdout.split()
        run("cc", "-o", program, c_file, *flags)
        run(program, os.path.join(OUT, "corpus-libxlsxwriter.xlsx"))

        for name, src in (("corpus", source), ("corpus-1904", source1904)):
            soffice(src, "xls:MS Excel 97", os.path.join(OUT, name + "-libreoffice.xls"), work)
            run("ssconvert", "--export-type=Gnumeric_Excel:excel_biff8", src,
                os.path.join(OUT, name + "-gnumeric.xls"))
        soffice(source, "xlsx:Calc MS Excel 2007 XML", os.path.join(OUT, "corpus-libreoffice.xlsx"), work)
        run("ssconvert", "--export-type=Gnumeric_Excel:xlsx2", source, os.path.join(OUT, "corpus-gnumeric.xlsx"))
        run("ssconvert", "--export-type=Gnumeric_Excel:excel_biff8",
            os.path.join(OUT, "corpus-libxlsxwriter.xlsx"), os.path.join(OUT, "corpus-libxlsxwriter-gnumeric.xls"))
        soffice(os.path.join(OUT, "corpus-libxlsxwriter.xlsx"), "xls:MS Excel 97",
                os.path.join(OUT, "corpus-libxlsxwriter-libreoffice.xls"), work)
        returned = os.path.join(work, "formula-return.xlsx")
        write_formula_return(returned)
        soffice(returned, "xls:MS Excel 97", os.path.join(FIXTURES, "formula-return-libreoffice.xls"), work)
        run("ssconvert", "--export-type=Gnumeric_Excel:excel_biff8", returned,
            os.path.join(FIXTURES, "formula-return-gnumeric.xls"))
        # Re-saving its own BIFF8 file (codepage 1200) as BIFF7, Gnumeric keeps the codepage and writes the
        # Chinese text as UTF-16 bytes; from an xlsx it would write Windows-1252 and "?" for every character.
        run("ssconvert", "--export-type=Gnumeric_Excel:excel_biff7", os.path.join(FIXTURES, "formula-return-gnumeric.xls"),
            os.path.join(FIXTURES, "formula-return-excel95-gnumeric.xls"))
        # Excel 95 (BIFF7): refused with a plain message, so it sits beside the other fixtures, not here.
        run("ssconvert", "--export-type=Gnumeric_Excel:excel_biff7",
            os.path.join(OUT, "corpus-libxlsxwriter.xlsx"), os.path.join(FIXTURES, "excel95-gnumeric.xls"))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
