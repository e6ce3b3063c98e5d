#!/usr/bin/env python3
"""Writes hostile / edge-case xlsx packages for the Sheets reader tests.

Usage: python3 make_hostile.py OUTDIR

Python 3 standard library only. Runs in well under a few seconds: the ~1 GiB
"bombs" are built by repeating one pre-compressed deflate segment, never by
compressing 1 GiB. Each xlsx-like file is a minimal valid package apart from
its one hostile part. See README.md beside this file for what the reader must
do with each file.
"""
import os
import struct
import sys
import zlib

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
NS_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
REL_OFFICE_DOC = NS_R + "/officeDocument"
REL_WORKSHEET = NS_R + "/worksheet"
REL_SST = NS_R + "/sharedStrings"
REL_STYLES = NS_R + "/styles"
CT_WORKBOOK = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
CT_WORKSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
CT_SST = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
CT_STYLES = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"
XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

# DOS time/date of 1980-01-01 00:00 so output is byte-for-byte reproducible.
DOS_TIME, DOS_DATE = 0, (0 << 9) | (1 << 5) | 1


# --------------------------------------------------------------------------
# A tiny hand-rolled ZIP writer: full control over every header field.
# --------------------------------------------------------------------------

class Entry:
    """One member. `payload` is the bytes stored in the archive (already
    compressed when method == 8). Header fields can be overridden to lie."""

    def __init__(self, name, data=None, method=8, payload=None, crc=None,
                 usize=None, lh_usize=None, cd_usize=None):
        self.name = name.encode("utf-8") if isinstance(name, str) else name
        self.method = method
        if payload is None:
            if method == 8:
                c = zlib.compressobj(9, zlib.DEFLATED, -15)
                payload = c.compress(data) + c.flush()
            else:
                payload = data
        self.payload = payload
        self.crc = zlib.crc32(data) if crc is None else crc
        self.usize = len(data) if usize is None else usize
        self.lh_usize = self.usize if lh_usize is None else lh_usize
        self.cd_usize = self.usize if cd_usize is None else cd_usize
        self.offset = None

    @property
    def flags(self):
        try:
            self.name.decode("ascii")
            return 0
        except UnicodeDecodeError:
            return 0x0800  # names are UTF-8


def _local_header(e):
    return struct.pack(
        "<IHHHHHIIIHH", 0x04034B50, 20, e.flags, e.method, DOS_TIME, DOS_DATE,
        e.crc, len(e.payload), e.lh_usize, len(e.name), 0) + e.name


def _central_header(e, offset, name=None):
    name = e.name if name is None else name
    return struct.pack(
        "<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, e.flags, e.method, DOS_TIME,
        DOS_DATE, e.crc, len(e.payload), e.cd_usize, len(name), 0, 0, 0, 0, 0,
        offset) + name


def _end_records(count, cd_offset, cd_size):
    out = b""
    if count >= 0xFFFF:
        z64_offset = cd_offset + cd_size
        out += struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0,
                           count, count, cd_size, cd_offset)
        out += struct.pack("<IIQI", 0x07064B50, 0, z64_offset, 1)
    n16 = min(count, 0xFFFF)
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, n16, n16, cd_size,
                       cd_offset, 0)
    return out


def write_zip(path, entries, extra_central=()):
    """entries: list of Entry, written in order. extra_central: list of
    (name_bytes, entry) central-directory records that point at the local
    header of an existing entry (used for overlapping entries)."""
    parts = []
    pos = 0
    for e in entries:
        e.offset = pos
        lh = _local_header(e)
        parts.append(lh)
        parts.append(e.payload)
        pos += len(lh) + len(e.payload)
    cd = [_central_header(e, e.offset) for e in entries]
    for name, target in extra_central:
        cd.append(_central_header(target, target.offset, name))
    cd_bytes = b"".join(cd)
    parts.append(cd_bytes)
    parts.append(_end_records(len(cd), pos, len(cd_bytes)))
    with open(path, "wb") as f:
        for p in parts:
            f.write(p)


def zip_bytes(entries):
    """Same as write_zip but returns the bytes (for nested archives)."""
    parts, pos = [], 0
    for e in entries:
        e.offset = pos
        lh = _local_header(e)
        parts += [lh, e.payload]
        pos += len(lh) + len(e.payload)
    cd = b"".join(_central_header(e, e.offset) for e in entries)
    return b"".join(parts) + cd + _end_records(len(entries), pos, len(cd))


# --------------------------------------------------------------------------
# Minimal SpreadsheetML package parts
# --------------------------------------------------------------------------

def content_types(sheet_count=1, sst=False, styles=False):
    o = [XML_DECL, '<Types xmlns="%s">' % NS_CT,
         '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>',
         '<Default Extension="xml" ContentType="application/xml"/>',
         '<Override PartName="/xl/workbook.xml" ContentType="%s"/>' % CT_WORKBOOK]
    for i in range(1, sheet_count + 1):
        o.append('<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="%s"/>' % (i, CT_WORKSHEET))
    if sst:
        o.append('<Override PartName="/xl/sharedStrings.xml" ContentType="%s"/>' % CT_SST)
    if styles:
        o.append('<Override PartName="/xl/styles.xml" ContentType="%s"/>' % CT_STYLES)
    o.append("</Types>")
    return "".join(o).encode()


def root_rels(target="xl/workbook.xml"):
    return (XML_DECL + '<Relationships xmlns="%s">'
            '<Relationship Id="rId1" Type="%s" Target="%s"/>'
            '</Relationships>' % (NS_PKG_REL, REL_OFFICE_DOC, target)).encode()


def workbook_xml(sheets=(("Sheet1", None),), workbook_pr=""):
    s = "".join('<sheet name="%s" sheetId="%d"%s r:id="rId%d"/>'
                % (name, i, ' state="%s"' % state if state else "", i)
                for i, (name, state) in enumerate(sheets, start=1))
    return (XML_DECL + '<workbook xmlns="%s" xmlns:r="%s">%s<sheets>%s</sheets></workbook>'
            % (NS_MAIN, NS_R, workbook_pr, s)).encode()


def workbook_rels(sheet_count=1, sst=False, styles=False, prefix=""):
    o = [XML_DECL, '<Relationships xmlns="%s">' % NS_PKG_REL]
    for i in range(1, sheet_count + 1):
        o.append('<Relationship Id="rId%d" Type="%s" Target="%sworksheets/sheet%d.xml"/>'
                 % (i, REL_WORKSHEET, prefix, i))
    n = sheet_count
    if sst:
        n += 1
        o.append('<Relationship Id="rId%d" Type="%s" Target="%ssharedStrings.xml"/>' % (n, REL_SST, prefix))
    if styles:
        n += 1
        o.append('<Relationship Id="rId%d" Type="%s" Target="%sstyles.xml"/>' % (n, REL_STYLES, prefix))
    o.append("</Relationships>")
    return "".join(o).encode()


def worksheet(sheet_data, dimension="A1"):
    dim = '<dimension ref="%s"/>' % dimension if dimension else ""
    return (XML_DECL + '<worksheet xmlns="%s" xmlns:r="%s">%s<sheetData>%s</sheetData></worksheet>'
            % (NS_MAIN, NS_R, dim, sheet_data)).encode()


def sst(items_xml, count=None):
    n = len(items_xml)
    return (XML_DECL + '<sst xmlns="%s" count="%d" uniqueCount="%d">%s</sst>'
            % (NS_MAIN, count or n, n, "".join(items_xml))).encode()


def sst_plain(strings):
    return sst(["<si><t>%s</t></si>" % s for s in strings])


def inline(ref, text):
    return '<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, text)


def package(sheet1, shared=None, styles=None, workbook=None, extra=()):
    """Entries of a minimal valid package with one worksheet."""
    es = [
        Entry("[Content_Types].xml", content_types(1, shared is not None, styles is not None)),
        Entry("_rels/.rels", root_rels()),
        Entry("xl/workbook.xml", workbook or workbook_xml()),
        Entry("xl/_rels/workbook.xml.rels", workbook_rels(1, shared is not None, styles is not None)),
        Entry("xl/worksheets/sheet1.xml", sheet1),
    ]
    if shared is not None:
        es.append(Entry("xl/sharedStrings.xml", shared))
    if styles is not None:
        es.append(Entry("xl/styles.xml", styles))
    es.extend(extra)
    return es


def styles_xml(num_fmts, xf_num_fmt_ids):
    nf = "".join('<numFmt numFmtId="%d" formatCode="%s"/>' % (i, code) for i, code in num_fmts)
    nf = '<numFmts count="%d">%s</numFmts>' % (len(num_fmts), nf) if num_fmts else ""
    xfs = "".join('<xf numFmtId="%d" fontId="0" fillId="0" borderId="0" xfId="0"%s/>'
                  % (i, ' applyNumberFormat="1"' if i else "") for i in xf_num_fmt_ids)
    return (XML_DECL + '<styleSheet xmlns="%s">%s'
            '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
            '<fills count="2"><fill><patternFill patternType="none"/></fill>'
            '<fill><patternFill patternType="gray125"/></fill></fills>'
            '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
            '<cellXfs count="%d">%s</cellXfs>'
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
            '</styleSheet>' % (NS_MAIN, nf, len(xf_num_fmt_ids), xfs)).encode()


# --------------------------------------------------------------------------
# The files
# --------------------------------------------------------------------------

def valid_minimal_entries():
    data = ('<row r="1">' + inline("A1", "学号") + '<c r="B1" t="s"><v>0</v></c></row>'
            '<row r="2"><c r="A2"><v>11120205</v></c><c r="B2" t="s"><v>1</v></c></row>')
    return package(worksheet(data, "A1:B2"), shared=sst_plain(["姓名", "张三"]))


BOMB_ROW = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>'
BOMB_CHUNK_ROWS = 1 << 16          # 49 B * 65536 = 3,211,264 B per chunk
BOMB_CHUNKS = 335                  # 335 chunks -> 1,075,773,440 B of rows (> 1 GiB)


def bomb_stream():
    """(deflate payload, crc32, uncompressed size) of a ~1 GiB worksheet.
    Each segment comes from a fresh compressor ending in Z_FULL_FLUSH (byte
    aligned, no back-references across segments), so segments concatenate
    into one valid raw-deflate stream."""
    prefix = (XML_DECL + '<worksheet xmlns="%s"><sheetData>' % NS_MAIN).encode()
    suffix = b"</sheetData></worksheet>"
    chunk = BOMB_ROW * BOMB_CHUNK_ROWS

    def seg(data, final=False):
        c = zlib.compressobj(9, zlib.DEFLATED, -15)
        return c.compress(data) + c.flush(zlib.Z_FINISH if final else zlib.Z_FULL_FLUSH)

    chunk_seg = seg(chunk)
    payload = seg(prefix) + chunk_seg * BOMB_CHUNKS + seg(suffix, final=True)
    crc = zlib.crc32(prefix)
    for _ in range(BOMB_CHUNKS):
        crc = zlib.crc32(chunk, crc)
    crc = zlib.crc32(suffix, crc)
    size = len(prefix) + len(chunk) * BOMB_CHUNKS + len(suffix)
    return payload, crc & 0xFFFFFFFF, size


def package_with_sheet_entry(sheet_entry):
    es = package(b"")
    return [sheet_entry if e.name == b"xl/worksheets/sheet1.xml" else e for e in es]


def make_nested(out):
    zeros = bytes(4 << 20)
    leaf = zip_bytes([Entry("zeros.bin", zeros)])
    mid = zip_bytes([Entry("%x.zip" % i, leaf) for i in range(16)])
    write_zip(os.path.join(out, "nested-42.xlsx"), [Entry("%x.zip" % i, mid) for i in range(16)])


def make_overlapping(out):
    es = valid_minimal_entries()
    sheet1 = next(e for e in es if e.name == b"xl/worksheets/sheet1.xml")
    extra = [(("xl/worksheets/sheet%d.xml" % i).encode(), sheet1) for i in range(2, 10)]
    write_zip(os.path.join(out, "overlapping-entries.xlsx"), es, extra_central=extra)


def make_duplicates(out):
    es = package(worksheet('<row r="1">' + inline("A1", "第一份") + "</row>"))
    es.append(Entry("xl/worksheets/sheet1.xml",
                    worksheet('<row r="1">' + inline("A1", "第二份") + "</row>")))
    write_zip(os.path.join(out, "duplicate-entries.xlsx"), es)


def make_zip_slip(out):
    es = valid_minimal_entries()
    for name in ("../../evil.xml", "/etc/evil.xml", "C:\\evil.xml", "xl/../../evil2.xml"):
        es.append(Entry(name, b"<evil/>"))
    write_zip(os.path.join(out, "zip-slip.xlsx"), es)


def make_many_entries(out):
    es = valid_minimal_entries()
    for i in range(70000):
        data = b"%d" % i
        es.append(Entry("junk/%d.txt" % i, method=0, payload=data, crc=zlib.crc32(data), usize=len(data)))
    write_zip(os.path.join(out, "many-entries.xlsx"), es)


def make_billion_laughs(out):
    ents = ['<!ENTITY lol "lol">']
    prev = "lol"
    for i in range(1, 10):
        ents.append('<!ENTITY lol%d "%s">' % (i, ("&%s;" % prev) * 10))
        prev = "lol%d" % i
    doc = (XML_DECL + "<!DOCTYPE worksheet [\n " + "\n ".join(ents) + "\n]>\n"
           '<worksheet xmlns="%s"><dimension ref="A1"/><sheetData><row r="1">'
           '<c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>' % NS_MAIN)
    write_zip(os.path.join(out, "billion-laughs.xlsx"), package(doc.encode()))


XXE_DTD = '<!DOCTYPE %s [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'


def make_xxe(out):
    doc = (XML_DECL + XXE_DTD % "worksheet" +
           '<worksheet xmlns="%s"><dimension ref="A1"/><sheetData><row r="1">'
           '<c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row></sheetData></worksheet>' % NS_MAIN)
    write_zip(os.path.join(out, "xxe.xlsx"), package(doc.encode()))
    shared = (XML_DECL + XXE_DTD % "sst" +
              '<sst xmlns="%s" count="1" uniqueCount="1"><si><t>&xxe;</t></si></sst>' % NS_MAIN)
    sheet = worksheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row>')
    write_zip(os.path.join(out, "xxe-sharedstrings.xlsx"), package(sheet, shared=shared.encode()))


def grid_3x3(with_refs):
    rows = []
    for r in range(1, 4):
        cells = []
        for c in range(1, 4):
            ref = "%s%d" % ("ABC"[c - 1], r)
            text = "r%dc%d" % (r, c)
            if with_refs:
                cells.append(inline(ref, text))
            else:
                cells.append('<c t="inlineStr"><is><t>%s</t></is></c>' % text)
        rows.append(('<row r="%d">' % r if with_refs else "<row>") + "".join(cells) + "</row>")
    return "".join(rows)


def make_dimension_files(out):
    sheet = worksheet('<row r="1">' + inline("A1", "学号") + '<c r="B1"><v>1</v></c></row>', "A1:XFD1048576")
    write_zip(os.path.join(out, "huge-dimension.xlsx"), package(sheet))
    write_zip(os.path.join(out, "wrong-dimension.xlsx"), package(worksheet(grid_3x3(True), "A1")))
    write_zip(os.path.join(out, "no-dimension.xlsx"), package(worksheet(grid_3x3(False), None)))
    sheet = worksheet('<row r="1">' + inline("A1", "ok") + inline("XFE1", "beyond") + "</row>", "A1:XFE1")
    write_zip(os.path.join(out, "beyond-xfd.xlsx"), package(sheet))
    sheet = worksheet('<row r="1">' + inline("A1", "ok") + '</row><row r="1048577">'
                      + inline("A1048577", "beyond") + "</row>", "A1:A1048577")
    write_zip(os.path.join(out, "beyond-max-row.xlsx"), package(sheet))
    empty = (XML_DECL + '<worksheet xmlns="%s"><sheetData/></worksheet>' % NS_MAIN).encode()
    write_zip(os.path.join(out, "empty-sheet.xlsx"), package(empty))


def make_bad_sst(out):
    sheet = worksheet('<row r="1"><c r="A1" t="s"><v>99</v></c></row>')
    write_zip(os.path.join(out, "bad-sst-index.xlsx"), package(sheet, shared=sst_plain(["姓名", "张三"])))


def make_formulas(out):
    sheet = worksheet('<row r="1">'
                      '<c r="A1"><f>1+2</f><v>3</v></c>'
                      '<c r="B1" t="str"><f>"a"&amp;"b"</f><v>ab</v></c>'
                      '<c r="C1"><f>NOW()</f></c>'
                      '<c r="D1" t="e"><v>#N/A</v></c>'
                      "</row>", "A1:D1")
    write_zip(os.path.join(out, "formulas.xlsx"), package(sheet))


def make_long(out):
    text = "长" * 33000
    write_zip(os.path.join(out, "long-cell.xlsx"),
              package(worksheet('<row r="1">' + inline("A1", text) + "</row>")))
    write_zip(os.path.join(out, "long-shared-string.xlsx"),
              package(worksheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'), shared=sst_plain([text])))


def make_rich_phonetic(out):
    shared = sst([
        '<si><r><rPr><b/></rPr><t>张</t></r><r><t xml:space="preserve">伟 </t></r>'
        '<rPh sb="0" eb="1"><t>ジャン</t></rPh><phoneticPr fontId="1"/></si>',
        "<si><t>a_x000D_b</t></si>",
    ])
    sheet = worksheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'
                      '<row r="2"><c r="A2" t="s"><v>1</v></c></row>', "A1:A2")
    write_zip(os.path.join(out, "rich-phonetic.xlsx"), package(sheet, shared=shared))


def make_dates(out):
    styles = styles_xml([(164, "yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"), (165, "0.00")],
                        [0, 14, 164, 165])
    sheet = worksheet('<row r="1"><c r="A1" s="1"><v>0</v></c><c r="B1" s="2"><v>365</v></c>'
                      '<c r="C1" s="3"><v>1.5</v></c></row>', "A1:C1")
    wb = workbook_xml(workbook_pr='<workbookPr date1904="1"/>')
    write_zip(os.path.join(out, "dates-1904.xlsx"), package(sheet, styles=styles, workbook=wb))

    styles = styles_xml([], [0, 14, 22])
    sheet = worksheet('<row r="1"><c r="A1" s="1"><v>45536</v></c><c r="B1" s="1"><v>61</v></c>'
                      '<c r="C1" s="2"><v>45536.5</v></c></row>', "A1:C1")
    write_zip(os.path.join(out, "dates-1900.xlsx"), package(sheet, styles=styles))


def make_wps_style(out):
    x = 'xmlns:x="%s"' % NS_MAIN
    wb = (XML_DECL + '<x:workbook %s xmlns:r="%s"><x:sheets>'
          '<x:sheet name="学籍" sheetId="1" r:id="rId1"/>'
          '<x:sheet name="隐藏" sheetId="2" state="hidden" r:id="rId2"/>'
          "</x:sheets></x:workbook>" % (x, NS_R)).encode()
    s1 = (XML_DECL + '<x:worksheet %s><x:dimension ref="A1:B2"/><x:sheetData>'
          '<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>学号</x:t></x:is></x:c>'
          '<x:c r="B1" t="inlineStr"><x:is><x:t>姓名</x:t></x:is></x:c></x:row>'
          '<x:row r="2"><x:c r="A2"><x:v>11120205</x:v></x:c>'
          '<x:c r="B2" t="s"><x:v>0</x:v></x:c></x:row>'
          "</x:sheetData></x:worksheet>" % x).encode()
    s2 = (XML_DECL + '<x:worksheet %s><x:sheetData><x:row r="1">'
          '<x:c r="A1" t="inlineStr"><x:is><x:t>隐藏数据</x:t></x:is></x:c>'
          "</x:row></x:sheetData></x:worksheet>" % x).encode()
    shared = (XML_DECL + '<x:sst %s count="1" uniqueCount="1"><x:si><x:t>张三</x:t></x:si></x:sst>' % x).encode()
    es = [
        Entry("[Content_Types].xml", content_types(2, sst=True)),
        Entry("_rels/.rels", root_rels("xl/workbook.xml")),
        Entry("xl/workbook.xml", wb),
        Entry("xl/_rels/workbook.xml.rels", workbook_rels(2, sst=True, prefix="/xl/")),
        Entry("xl/worksheets/sheet1.xml", s1),
        Entry("xl/worksheets/sheet2.xml", s2),
        Entry("xl/sharedStrings.xml", shared),
    ]
    write_zip(os.path.join(out, "wps-style.xlsx"), es)


def make_odd_but_valid(out):
    """Valid xlsx that strict readers refuse: backslash part names, an empty shared-string value, <is> with <v>."""
    entries = valid_minimal_entries()
    entries.append(Entry("docProps\\app.xml", (XML_DECL + "<Properties/>").encode()))
    write_zip(os.path.join(out, "backslash-names.xlsx"), entries)
    data = ('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v></v></c><c r="C1" t="s"><v>1</v></c></row>')
    write_zip(os.path.join(out, "empty-shared-value.xlsx"), package(worksheet(data), shared=sst_plain(["学号", "姓名"])))
    data = ('<row r="1"><c r="A1" t="inlineStr"><is><t>张三</t></is><v>ignored</v></c>'
            '<c r="B1" t="inlineStr"><v>also ignored</v><is><t>李四</t></is></c></row>')
    write_zip(os.path.join(out, "inline-with-value.xlsx"), package(worksheet(data)))


def main(argv):
    if len(argv) != 2:
        sys.exit(__doc__)
    out = argv[1]
    os.makedirs(out, exist_ok=True)

    write_zip(os.path.join(out, "valid-minimal.xlsx"), valid_minimal_entries())
    with open(os.path.join(out, "valid-minimal.xlsx"), "rb") as f:
        valid = f.read()
    with open(os.path.join(out, "truncated.xlsx"), "wb") as f:
        f.write(valid[: len(valid) * 6 // 10])

    payload, crc, size = bomb_stream()
    for name, lie in (("bomb-lying-headers.xlsx", 4096), ("bomb-honest.xlsx", None)):
        sheet = Entry("xl/worksheets/sheet1.xml", method=8, payload=payload, crc=crc,
                      usize=size, lh_usize=lie, cd_usize=lie)
        write_zip(os.path.join(out, name), package_with_sheet_entry(sheet))

    make_nested(out)
    make_overlapping(out)
    make_duplicates(out)
    make_zip_slip(out)
    make_many_entries(out)
    make_billion_laughs(out)
    make_xxe(out)
    make_dimension_files(out)
    make_bad_sst(out)
    make_formulas(out)
    make_long(out)
    make_rich_phonetic(out)
    make_dates(out)
    make_wps_style(out)
    make_odd_but_valid(out)


if __name__ == "__main__":
    main(sys.argv)
