#!/usr/bin/env python3
"""Generate tests/data/lattice/*.pdf: one small ruled-table PDF per class of
grid the lattice stage must read (tests/pdf_lattice_cases.rs asserts what
comes out). Each reproduces a situation seen in other projects' test suites
or in budget disclosures, drawn from scratch here: Latin text wrapped in
cells and TAB / no-break-space word separators, grids without outer
verticals, a right border not drawn, ...

Latin text is Helvetica (WinAnsi, code 9 mapped to a TAB glyph), Chinese
text STSong-Light through UniGB-UCS2-H (neither embedded). Run from the
repo root; the output is committed.
"""
import os

from minipdf import pdf_bytes

OUT = "tests/data/lattice"


class Page:
    """One page's content: text runs, stroked lines, filled rectangles."""

    def __init__(self, width=595, height=842, rotate=0):
        self.width, self.height, self.rotate = width, height, rotate
        self.ops = []

    def text(self, x, y, s, size=9, matrix=None):
        """Latin text at (x, y); `matrix` (a, b, c, d) turns it."""
        a, b, c, d = matrix or (1, 0, 0, 1)
        esc = s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        raw = esc.encode("cp1252")
        self.ops.append(b"BT /F1 %g Tf %g %g %g %g %.2f %.2f Tm (" % (size, a, b, c, d, x, y) + raw + b") Tj ET")

    def cjk(self, x, y, s, size=9, matrix=None):
        a, b, c, d = matrix or (1, 0, 0, 1)
        hexed = "".join("%04X" % ord(ch) for ch in s)
        self.ops.append(("BT /F2 %g Tf %g %g %g %g %.2f %.2f Tm <%s> Tj ET" % (size, a, b, c, d, x, y, hexed)).encode())

    def line(self, x0, y0, x1, y1, width=0.5):
        self.ops.append(b"%g w %.2f %.2f m %.2f %.2f l S" % (width, x0, y0, x1, y1))

    def fill(self, x, y, w, h, grey=0.8):
        self.ops.append(b"%g g %.2f %.2f %.2f %.2f re f 0 g" % (grey, x, y, w, h))

    def grid(self, xs, ys, skip=()):
        """Full rules over columns `xs` and rows `ys` (top down); `skip`
        names the rules left out: ("left", "right", "top", "bottom")."""
        for i, y in enumerate(ys):
            if not (i == 0 and "top" in skip or i == len(ys) - 1 and "bottom" in skip):
                self.line(xs[0], y, xs[-1], y)
        for i, x in enumerate(xs):
            if not (i == 0 and "left" in skip or i == len(xs) - 1 and "right" in skip):
                self.line(x, ys[-1], x, ys[0])


def write(name, pages):
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    kids = " ".join("%d 0 R" % (5 + 2 * i) for i in range(len(pages)))
    objs.append(("<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(pages))).encode())
    objs.append(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica"
        b" /Encoding << /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences [9 /uni0009] >> >>"
    )
    objs.append(
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H"
        b" /DescendantFonts [<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light"
        b" /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >>"
        b" /DW 1000 /W [1 95 500] >> ] >>"
    )
    for i, p in enumerate(pages):
        data = b"\n".join(p.ops) + b"\n"
        objs.append(
            (
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Rotate %d /Contents %d 0 R"
                " /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> >>" % (p.width, p.height, p.rotate, 6 + 2 * i)
            ).encode()
        )
        objs.append(b"<< /Length %d >>\nstream\n" % len(data) + data + b"endstream")
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(pdf_bytes(objs))


def latin_wrap():
    """Words wrapped inside cells keep one space; TAB and NBSP separators
    (narrower than a space) are spaces too."""
    p = Page()
    xs, ys = [50, 200, 350], [700, 670, 640, 610]
    p.grid(xs, ys)
    p.text(55, 688, "Cycle")
    p.text(205, 688, "KI")
    p.text(205, 676, "(1/km)")
    p.text(55, 658, "Agencies")
    p.text(205, 658, "NSF, DOE,")
    p.text(205, 646, "DOD, and NIH")
    # Words separated by a TAB glyph (no width in Helvetica; "Procurement" is 51.5 pt wide) and a NBSP.
    p.text(55, 628, "Procurement")
    p.text(106.5, 628, "\t")
    p.text(107.5, 628, "of")
    p.text(205, 628, "Box\xa0AN 5216")
    write("latin-wrap.pdf", [p])


def open_sides():
    """No outer verticals: the rules' ends bound the first and last
    columns, and a header running past the last inner vertical is whole."""
    p = Page()
    xs, ys = [60, 160, 260, 360, 460], [700, 680, 660, 640]
    p.grid(xs, ys, skip=("left", "right"))
    for r, row in enumerate([["CROP", "11/12", "Jun/13", "VARIATION"],
                             ["COTTON", "1,2", "3,4", "( 498,5)"],
                             ["RICE", "5,6", "7,8", "6,3"]]):
        for c, t in enumerate(row):
            p.text(xs[c] + 4, ys[r] - 14, t)
    write("open-sides.pdf", [p])


def missing_right_border():
    """A budget table whose right border is not drawn (jiangsu 2018 p.14):
    the 金额 column must not be lost."""
    p = Page()
    xs, ys = [60, 160, 360, 500], [760, 740, 720, 700, 680]
    p.grid(xs, ys, skip=("right",))
    rows = [["科目编码", "科目名称", "金额"], ["", "合计", "7,877.76"],
            ["301", "工资福利支出", "5,017.21"], ["30101", "基本工资", "1,203.40"]]
    for r, row in enumerate(rows):
        for c, t in enumerate(row):
            if c == 2 and r > 0:
                p.text(xs[c] + 4, ys[r] - 14, t)
            else:
                p.cjk(xs[c] + 4, ys[r] - 14, t)
    write("missing-right-border.pdf", [p])


def title_row():
    """A full-width first row inside the grid (a title row) is a row of
    the table, not dropped as furniture."""
    p = Page()
    xs, ys = [60, 200, 300, 400], [700, 680, 660, 640]
    for y in ys:
        p.line(xs[0], y, xs[-1], y)
    for x in xs:  # the inner verticals stop under the title row
        p.line(x, ys[-1], x, ys[0] if x in (xs[0], xs[-1]) else ys[1])
    p.text(64, 686, "Improved operation scenario")
    for r, row in enumerate([["Volume servers in:", "2007", "2008"], ["Server closets", "1,505", "1,580"]]):
        for c, t in enumerate(row):
            p.text(xs[c] + 4, ys[r + 1] - 14, t)
    write("title-row.pdf", [p])


def same_header(xs, body):
    p = Page()
    ys = [700, 680, 660, 640]
    p.grid(xs, ys)
    for r, row in enumerate([["Substance", "to air", "to water"]] + body):
        for c, t in enumerate(row):
            p.text(xs[c] + 4, ys[r] - 14, t)
    return p


def other_widths():
    """Two tables with the same header on consecutive pages but other
    column widths are two tables, not one continued."""
    write("other-widths.pdf", [
        same_header([100, 260, 340, 420], [["Arsenic", "20", "5"], ["Cadmium", "10", "5"]]),
        same_header([100, 290, 360, 430], [["Alachlor", "-", "1"], ["Aldrin", "1", "1"]]),
    ])


def sliver():
    """A 3-column table whose header divider stands left of the body's
    (2017年省检察院 p.11): three columns, not an empty fourth."""
    p = Page()
    ys = [760, 740, 720, 700]
    for y in ys:
        p.line(90, y, 500, y)
    for x in (90, 390, 500):
        p.line(x, 700, x, 760)
    p.line(204, 740, 204, 760)  # header divider
    p.line(218, 700, 218, 740)  # body divider, 14 pt to the right
    p.cjk(94, 746, "功能科目代码")
    p.cjk(222, 746, "功能科目名称")
    p.cjk(394, 746, "金额")
    for r, (code, name, amount) in enumerate([("204", "公共安全支出", "16,593.12"), ("20404", "检察", "16,593.12")]):
        p.text(94, ys[r + 1] - 14, code)
        p.cjk(222, ys[r + 1] - 14, name)
        p.text(394, ys[r + 1] - 14, amount)
    write("sliver.pdf", [p])


def legend():
    """A chart legend (labels between colour swatches drawn as boxes,
    inside a frame) is no table; its labels stay text outside tables."""
    p = Page()
    # Swatch outlines over the legend's height cut it into thin rows.
    p.grid([172, 181, 234, 243, 294, 303, 377], [339, 335, 327, 323])
    for x, label in ((183, "基本支出"), (245, "项目支出"), (305, "预留机动经费")):
        p.cjk(x, 328.5, label, size=6)
    p.cjk(60, 700, "图表：支出结构")
    write("legend.pdf", [p])


def shaded():
    """A grid drawn only with shaded cells (white 1 pt gaps between
    coloured rectangles, no stroke, each text line shaded again inside
    its cell): found like a ruled one, the line shading ignored."""
    p = Page()
    xs, ys = [60, 160, 260, 360], [700, 680, 660, 640]
    rows = [["Region", "2019", "2020"], ["North", "1,200", "1,350"], ["South", "980", "1,010"]]
    for r in range(3):
        for c in range(3):
            grey = 0.6 if r == 0 else 0.85
            p.fill(xs[c] + 0.5, ys[r + 1] + 0.5, xs[c + 1] - xs[c] - 1, ys[r] - ys[r + 1] - 1, grey)
            # Word shades each text line again inside the cell's padding.
            p.fill(xs[c] + 3.5, ys[r] - 16, xs[c + 1] - xs[c] - 7, 11, grey)
            p.text(xs[c] + 5, ys[r] - 14, rows[r][c])
    write("shaded.pdf", [p])


def labels_beside():
    """Row labels left of the grid, ruled only by the rule under the
    header: the text says where the first column is, and its rows follow
    the grid's rules."""
    p = Page()
    xs, ys = [190, 260, 330], [700, 680, 665, 650, 635]
    for y in ys:
        p.line(xs[0], y, xs[-1], y)
    p.line(70, ys[1], xs[0], ys[1])  # the header's rule runs on left
    for x in xs:
        p.line(x, ys[-1], x, ys[0])
    p.text(72, 686, "Cost Category")
    p.text(194, 686, "Total")
    p.text(264, 686, "Indirect")
    for r, (label, a, b) in enumerate([("Salaries (a)", "1,314,000", "373,250"),
                                       ("Fringe Benefits (b)", "352,000", "99,988"),
                                       ("Staff Travel", "94,000", "20,000")]):
        y = ys[r + 1] - 11
        p.text(72, y, label)
        p.text(194, y, a)
        p.text(264, y, b)
    # One labelled body row under the header: the two rules that run on
    # left bound it (the header's top rule starts at the first year).
    q = Page()
    xs = [190, 260, 330]
    q.line(xs[0], 700, xs[-1], 700)
    for y in (685, 670):
        q.line(70, y, xs[-1], y)
    for x in xs:
        q.line(x, 670, x, 700)
    q.text(194, 690, "2001")
    q.text(264, 690, "2002")
    q.text(72, 675, "On labour market training", 7)
    q.text(194, 675, "29 300")
    q.text(264, 675, "25 800")
    write("labels-beside.pdf", [p, q])


def nested():
    """A small table inside a cell of a larger one is its own table, and
    its text is not glued into the outer cell too."""
    p = Page()
    p.grid([60, 160, 500], [700, 680, 560])
    p.text(64, 686, "FINALITY")
    p.text(164, 686, "An insurance contract of unit-linked type.")
    p.text(64, 666, "BONUS")
    p.grid([180, 330, 480], [660, 640, 620, 600])
    for r, (a, b) in enumerate([("Age at death", "Bonus %"), ("18-75", "1,00%"), ("76-85", "0,50%")]):
        p.text(184, 646 - 20 * r, a)
        p.text(334, 646 - 20 * r, b)
    write("nested.pdf", [p])


def sideways(rotate):
    """A landscape table drawn on a portrait page turned 90° counter-
    clockwise (text matrix 0 1 -1 0, reading upwards), as a page shown
    with /Rotate 90 is drawn; `rotate` is that page's /Rotate (0: the
    reader must turn the page by its text)."""
    p = Page(595, 842, rotate)
    up = lambda x, y: (595 - y, x)  # upright (x, y) -> user space
    xs, ys = [100, 300, 420, 540], [500, 480, 460, 440]
    for y in ys:
        p.line(*up(xs[0], y), *up(xs[-1], y))
    for x in xs:
        p.line(*up(x, ys[-1]), *up(x, ys[0]))
    rows = [["State", "1975-79", "2011-12"], ["Kerala", "12.5", "7.25"], ["Orissa", "30.1", "4.0"]]
    for r, row in enumerate(rows):
        for c, t in enumerate(row):
            p.text(*up(xs[c] + 4, ys[r] - 14), t, matrix=(0, 1, -1, 0))
    return p


def blank_filled():
    """A form filler draws a run of spaces across the cell, then the text
    over it: the spaces under letters separate nothing ("Delhi and
    Mumbai", not "D e l h i"); the real spaces between words stay."""
    p = Page()
    xs, ys = [60, 160, 300], [700, 680, 660]
    p.grid(xs, ys)
    p.text(64, 686, "Service area")
    p.text(164, 686, "Contact")
    p.text(64, 666, " " * 30)  # 30 spaces: 75 pt, wider than the text over them
    p.text(64, 666, "Delhi and Mumbai")
    p.text(164, 666, "Mob. No. 9868137726")
    write("blank-filled.pdf", [p])


def rules_only():
    """Tables ruled by horizontal rules alone, no vertical line: a 三线表
    (thick top and bottom rules, a thin one under the header; columns
    from the text, a header wider than its column kept to it, a section label
    over two columns; one row per body line, a wrapped label's next line
    joined to it), a table with a rule under
    every row (a wrapped cell stays one row), a page of prose between
    a running header's rule, a separator and a footer rule (no table), and
    a two-level header (a shorter rule under a label over two columns)
    over groups of rows, a rule under each group."""
    p = Page()
    p.cjk(230, 760, "2024年部门收支总表", 14)
    p.cjk(480, 735, "单位：万元")
    p.line(60, 725, 520, 725, 1.5)
    p.cjk(64, 711, "项目")
    # Set wider than its column, left of the body's amounts: it must not
    # merge with 项目 (the column boundary keeps clear of it).
    p.cjk(230, 711, "2024年预算数")
    p.cjk(430, 711, "执行数")
    p.line(60, 703, 520, 703)
    body = [("本年收入（按资金来源分列的各项收入明细）", "", ""),  # runs over the amounts' column
            ("一般公共预算拨款收入", "1,200.00", "1,180.50"),
            ("政府性基金预算拨款收入", "300.00", "296.10"),
            ("事业收入", "45.60", "45.60"),
            ("上级补助收入和附属单位上", "20.00", "20.00"),
            ("缴收入", "", ""),  # the label above, wrapped: one row
            ("收入总计", "1,565.60", "1,542.20")]
    for r, (label, a, b) in enumerate(body):
        y = 689 - 16 * r
        p.cjk(64, y, label)
        p.text(300, y, a)
        p.text(430, y, b)
    p.line(60, 581, 520, 581, 1.5)
    q = Page()
    ys = [700, 680, 650, 630]
    for y in ys:
        q.line(60, y, 400, y)
    q.text(64, 686, "Region")
    q.text(200, 686, "Budget")
    q.text(300, 686, "Actual")
    q.text(64, 666, "North and")
    q.text(64, 655, "North-East")
    q.text(200, 660, "1,200")
    q.text(300, 660, "1,350")
    q.text(64, 636, "South")
    q.text(200, 636, "980")
    q.text(300, 636, "1,010")
    prose = Page()
    prose.text(60, 800, "Annual report 2024")
    prose.line(60, 795, 535, 795)
    prose.text(60, 770, "The department spent its budget on schools, roads and the new hospital this year.")
    prose.line(60, 760, 535, 760)
    prose.text(60, 740, "Spending rose by a tenth over the year before, mostly on the roads programme.")
    prose.line(60, 60, 535, 60)
    prose.text(60, 48, "Page 3")
    levels = Page()
    levels.line(60, 700, 400, 700, 1.5)
    levels.text(64, 680, "Year")
    levels.text(230, 690, "Enrollment (thousands)")
    levels.line(200, 684, 400, 684)  # under the label spanning two columns
    levels.text(210, 672, "Public")
    levels.text(320, 672, "Private")
    levels.line(60, 666, 400, 666)
    for r, row in enumerate([("1996", "45,611", "5,933"), ("1997", "46,127", "5,944")]):
        for x, t in zip((64, 210, 320), row):
            levels.text(x, 652 - 14 * r, t)
    levels.line(60, 630, 400, 630)
    # A group of rows under one rule: each line is a row.
    for r, row in enumerate([("1998", "46,539", "5,988"), ("1999", "46,857", "6,018")]):
        for x, t in zip((64, 210, 320), row):
            levels.text(x, 616 - 14 * r, t)
    levels.line(60, 596, 400, 596, 1.5)
    write("rules-only.pdf", [p, q, prose, levels])


def turned_header():
    """Narrow header cells with their text set sideways (reading upwards,
    two lines each) over an upright body: each cell reads upright, its
    lines in order, not one glyph at a time."""
    p = Page()
    xs, ys = [60, 160, 200, 240], [700, 640, 620, 600]
    p.grid(xs, ys)
    p.text(64, 686, "District")
    up = (0, 1, -1, 0)
    for x, (a, b) in [(160, ("Projected", "Population")), (200, ("Total", "Requirement"))]:
        p.text(x + 14, 644, a, 8, matrix=up)
        p.text(x + 24, 644, b, 8, matrix=up)
    for r, row in enumerate([["Nellore", "29.67", "8.81"], ["Guntur", "48.87", "9.52"]]):
        for c, t in enumerate(row):
            p.text(xs[c] + 4, ys[r + 1] - 14, t)
    write("turned-header.pdf", [p])


def main():
    os.makedirs(OUT, exist_ok=True)
    write("sideways.pdf", [sideways(0), sideways(90)])
    title_row()
    other_widths()
    sliver()
    legend()
    shaded()
    labels_beside()
    nested()
    latin_wrap()
    open_sides()
    missing_right_border()
    blank_filled()
    rules_only()
    turned_header()


if __name__ == "__main__":
    main()
