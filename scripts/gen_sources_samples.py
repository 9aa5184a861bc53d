#!/usr/bin/env python3
"""Generates the XLSX/XLS/DOCX samples under samples/sources/ that the
source tests read: well-formed workbooks and documents with the features
the readers must handle, and the bad inputs the guards must refuse.

    pip install openpyxl python-docx xlwt msoffcrypto-tool
    python3 scripts/gen_sources_samples.py [GENERATOR...]

The hostile files are written as raw zip containers (no library would
write them); their XML is repetitive so they compress to a few hundred KB.
`looped-fat.xls` is not generated here: it is the input a fuzzing run of the
`xlsx` target found (an OLE FAT that points at one sector twice).
"""

import datetime
import io
import os
import struct
import sys
import zipfile

OUT = os.path.join(os.path.dirname(__file__), "..", "samples", "sources")


def path(name):
    return os.path.join(OUT, name)


def formats_xlsx():
    """Number formats, merges, notes above and below, hidden row/column."""
    import openpyxl
    from openpyxl.styles import Alignment

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "收支总表"
    ws["A1"] = "2025年部门收支预算总表"
    ws.merge_cells("A1:E1")
    ws["A2"] = "部门名称：某某市财政局"
    ws["E2"] = None
    ws["A3"] = "单位：万元"
    ws.append(["项目", "金额", "比例", "日期", "备注"])  # row 4
    rows = [
        ("合  计", 1234.5, "#,##0.00", 0.925, "0.0%"),
        ("一、一般公共\n服务支出", 1234567.891, "#,##0.00", 0.92, "0%"),
        ("二、教育支出", 8.66, "0.00", -5, "#,##0.00;(#,##0.00)"),
        ("三、科学技术", 6923.3552, "0.0000", 0.1 + 0.2, "General"),
        ("四、其他", 170, "General", 0, '0.00;-0.00;"-"'),
    ]
    for i, (name, amount, fmt, ratio, rfmt) in enumerate(rows):
        r = 5 + i
        ws.cell(r, 1, name)
        ws.cell(r, 2, amount).number_format = fmt
        ws.cell(r, 3, ratio).number_format = rfmt
    ws["D5"] = datetime.date(2025, 1, 1)
    ws["D5"].number_format = 'yyyy"年"m"月"d"日"'
    ws["D6"] = datetime.date(2025, 3, 15)
    ws["D6"].number_format = "yyyy-mm-dd"
    ws["D7"] = datetime.date(2025, 12, 31)
    ws["D7"].number_format = "mm-dd-yy"  # built-in 14: yyyy/m/d in a Chinese Excel
    ws["E5"] = "跨两行"
    ws.merge_cells("E5:E6")
    ws["E7"] = "  Project   Name "
    ws.row_dimensions[8].hidden = True
    ws.column_dimensions["C"].hidden = True
    ws["A11"] = "注：本表金额保留两位小数。"
    ws.merge_cells("A11:E11")
    for c in ("A1", "A11"):
        ws[c].alignment = Alignment(horizontal="center")

    ws2 = wb.create_sheet("二行标题")
    ws2["B2"] = "一般公共预算支出表"
    ws2.merge_cells("B2:C3")
    ws2["B4"] = "科目"
    ws2["C4"] = "金额"
    ws2["B5"] = "合计"
    ws2["C5"] = 7877.76
    ws2["C5"].number_format = "#,##0.00"
    wb.create_sheet("空表")
    wb.save(path("formats.xlsx"))


def formats_xls():
    """The same kind of table as a BIFF8 .xls with merges."""
    import xlwt

    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("支出表")
    ws.write_merge(0, 0, 0, 2, "一般公共预算支出表")
    ws.write(1, 0, "单位：万元")
    ws.write(2, 0, "科目")
    ws.write(2, 1, "金额")
    ws.write(2, 2, "备注")
    money = xlwt.easyxf(num_format_str="#,##0.00")
    ws.write(3, 0, "合  计")
    ws.write(3, 1, 1234.5, money)
    ws.write_merge(3, 4, 2, 2, "两行")
    ws.write(4, 0, "教育")
    ws.write(4, 1, 17)
    ws.write(5, 0, "比例")
    ws.write(5, 1, 0.925, xlwt.easyxf(num_format_str="0.0%"))
    ws.write(6, 0, "日期")
    ws.write(6, 1, datetime.date(2025, 1, 1), xlwt.easyxf(num_format_str="yyyy-mm-dd"))
    wb.save(path("formats.xls"))


def encrypted_xlsx():
    """A password-protected workbook (an OLE file with EncryptionInfo)."""
    import msoffcrypto.format.ooxml
    import openpyxl

    plain = io.BytesIO()
    wb = openpyxl.Workbook()
    wb.active["A1"] = "secret"
    wb.save(plain)
    plain.seek(0)
    office = msoffcrypto.format.ooxml.OOXMLFile(plain)
    with open(path("encrypted.xlsx"), "wb") as f:
        office.encrypt("password", f)


def tables_docx():
    """Two tables with gridSpan/vMerge, text before, between and after
    them, page breaks of three kinds, a nested table, multi-paragraph cells."""
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    d = docx.Document()
    d.add_paragraph("2025年部门预算公开表")
    d.add_paragraph("公开01表")
    d.add_paragraph("收支预算总表")
    d.add_paragraph("部门名称：某某市财政局        单位：万元")
    t = d.add_table(rows=4, cols=4)
    t.style = "Table Grid"
    t.cell(0, 0).merge(t.cell(1, 0)).text = "项目"  # vMerge over two rows
    t.cell(0, 1).merge(t.cell(0, 3)).text = "金额"  # gridSpan 3
    for c, label in ((1, "上年"), (2, "本年"), (3, "增减")):
        t.cell(1, c).text = label
    t.cell(2, 0).text = "合  计"
    for c, v in ((1, "1,234.50"), (2, "1,300.00"), (3, "65.50")):
        t.cell(2, c).text = v
    cell = t.cell(3, 0)
    cell.text = "一般公共"
    cell.add_paragraph("服务支出")
    t.cell(3, 1).text = "Project"
    t.cell(3, 1).add_paragraph("Name")
    inner = t.cell(3, 3).add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "内"
    inner.cell(0, 1).text = "表"
    # The header row repeats on every page.
    for row in t.rows[:2]:
        trPr = row._tr.get_or_add_trPr()
        trPr.append(OxmlElement("w:tblHeader"))

    d.add_page_break()  # w:br w:type="page" -> page 2
    p = d.add_paragraph()
    run = p.add_run()
    run._r.append(OxmlElement("w:lastRenderedPageBreak"))  # same page turn
    run.text = "一般公共预算支出表"
    d.add_paragraph("单位：万元")
    t2 = d.add_table(rows=3, cols=3)
    t2.style = "Table Grid"
    for c, label in enumerate(("科目编码", "科目名称", "金额")):
        t2.cell(0, c).text = label
    t2.cell(1, 0).text = "201"
    t2.cell(1, 1).text = "一般公共服务支出"
    t2.cell(1, 2).text = "7,877.76"
    t2.cell(2, 0).merge(t2.cell(2, 1)).text = "合计"
    t2.cell(2, 2).text = "7,877.76"
    q = d.add_paragraph("注：本表为空的项目不列示。")
    q.paragraph_format.page_break_before = True  # page 3
    d.save(path("tables.docx"))


def hostile_xls():
    """Two XLS files calamine would allocate for up front: cells at both
    corners of a sheet (16.7 million slots), and a DIMENSIONS record
    declaring 4 billion rows."""
    import xlwt

    wb = xlwt.Workbook()
    ws = wb.add_sheet("角")
    ws.write(0, 0, 1)
    ws.write(65535, 255, 2)
    wb.save(path("corners.xls"))

    wb = xlwt.Workbook()
    ws = wb.add_sheet("大")
    for r in range(3):
        ws.write(r, 0, r)
    buf = io.BytesIO()
    wb.save(buf)
    data = bytearray(buf.getvalue())
    # DIMENSIONS (0x0200, 14 bytes): first row, last row + 1 (u32), first
    # column, last column + 1, reserved.
    head = struct.pack("<HHIIHH", 0x0200, 14, 0, 3, 0, 1)
    at = data.find(head)
    assert at > 0, "DIMENSIONS record not found"
    data[at + 8 : at + 12] = struct.pack("<I", 0xFFFFFFFF)
    with open(path("huge-dimensions.xls"), "wb") as f:
        f.write(data)


CONTENT_TYPES_XLSX = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    "</Relationships>"
)
SHEET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
)


def raw_xlsx(name, sheet_xml_chunks, extra_parts=()):
    """A minimal workbook whose sheet XML is streamed from chunks."""
    with zipfile.ZipFile(path(name), "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES_XLSX)
        z.writestr("_rels/.rels", RELS)
        z.writestr("xl/workbook.xml", WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            for chunk in sheet_xml_chunks:
                f.write(chunk.encode())
        for part, chunks in extra_parts:
            with z.open(part, "w", force_zip64=True) as f:
                for chunk in chunks:
                    f.write(chunk)


def million_rows():
    """1,000,000 rows, 26 columns wide: over the grid-slot cap long before
    its end (the cells carry no `r`, so the XML is repetitive)."""

    def chunks():
        yield SHEET_HEAD + "<sheetData>"
        yield '<row><c><v>0</v></c><c r="Z1"><v>26</v></c></row>'
        row = '<row><c><v>1</v></c><c><v>2</v></c><c><v>3</v></c></row>'
        yield row * 999
        for _ in range(999):
            yield row * 1000
        yield "</sheetData></worksheet>"

    raw_xlsx("million-rows.xlsx", chunks())


def wide_merge():
    """Merged ranges over all 16,384 columns and beyond, and 1,048,576 rows."""
    sheet = (
        SHEET_HEAD
        + "<sheetData>"
        + '<row r="1"><c r="A1" t="inlineStr"><is><t>标题</t></is></c></row>'
        + '<row r="2"><c r="A2" t="inlineStr"><is><t>项目</t></is></c>'
        + '<c r="B2" t="inlineStr"><is><t>金额</t></is></c></row>'
        + '<row r="3"><c r="A3" t="inlineStr"><is><t>合计</t></is></c><c r="B3"><v>5</v></c></row>'
        + "</sheetData>"
        + '<mergeCells count="3"><mergeCell ref="A1:XFD1"/><mergeCell ref="A3:A1048576"/>'
        + '<mergeCell ref="C2:ZZZZ9"/></mergeCells></worksheet>'
    )
    raw_xlsx("wide-merge.xlsx", [sheet])


def not_a_workbook():
    with zipfile.ZipFile(path("not-a-workbook.zip"), "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("readme.txt", "just a zip\n")
        z.writestr("data/table.csv", "a,b\n1,2\n")


def zip_bomb_xlsx():
    """Five 60 MB parts: each under the part cap, together over the total."""
    blob = b"<x>" + b"0" * (60 << 20) + b"</x>"
    parts = [(f"xl/media/pad{i}.xml", [blob]) for i in range(5)]
    raw_xlsx("zip-bomb.xlsx", [SHEET_HEAD + "<sheetData/></worksheet>"], parts)


CONTENT_TYPES_DOCX = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
DOCX_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    "</Relationships>"
)
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def huge_docx():
    """A 100 MB document part (a paragraph repeated), declared honestly."""
    para = "<w:p><w:r><w:t>重复的段落文字</w:t></w:r></w:p>"
    with zipfile.ZipFile(path("huge-part.docx"), "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES_DOCX)
        z.writestr("_rels/.rels", DOCX_RELS)
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            f.write(f'<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>'.encode())
            chunk = (para * 10000).encode()
            written = 0
            while written < 100 << 20:
                f.write(chunk)
                written += len(chunk)
            f.write(b"</w:body></w:document>")


def lying_docx():
    """A document part that inflates to 100 MB but declares 2,000 bytes."""
    body = f'<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>'.encode()
    body += b"<w:p><w:r><w:t>x</w:t></w:r></w:p>" * (3 << 20)
    body += b"</w:body></w:document>"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES_DOCX)
        z.writestr("_rels/.rels", DOCX_RELS)
        z.writestr("word/document.xml", body)
    data = bytearray(buf.getvalue())
    real = len(body)
    fake = struct.pack("<I", 2000)
    # Patch the uncompressed size in the local header (offset 22) and the
    # central directory entry (offset 24) of word/document.xml.
    name = b"word/document.xml"
    lh = data.find(b"PK\x03\x04")
    while lh != -1:
        if data[lh + 30 : lh + 30 + len(name)] == name:
            assert struct.unpack("<I", data[lh + 22 : lh + 26])[0] == real
            data[lh + 22 : lh + 26] = fake
        lh = data.find(b"PK\x03\x04", lh + 4)
    cd = data.find(b"PK\x01\x02")
    while cd != -1:
        if data[cd + 46 : cd + 46 + len(name)] == name:
            data[cd + 24 : cd + 28] = fake
        cd = data.find(b"PK\x01\x02", cd + 4)
    with open(path("lying-size.docx"), "wb") as f:
        f.write(data)


GENERATORS = [
    formats_xlsx,
    formats_xls,
    tables_docx,
    encrypted_xlsx,
    hostile_xls,
    million_rows,
    wide_merge,
    not_a_workbook,
    zip_bomb_xlsx,
    huge_docx,
    lying_docx,
]


def main():
    """Writes every sample, or only those named on the command line."""
    os.makedirs(OUT, exist_ok=True)
    wanted = set(sys.argv[1:])
    for gen in GENERATORS:
        if not wanted or gen.__name__ in wanted:
            gen()


if __name__ == "__main__":
    main()
