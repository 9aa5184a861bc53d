#!/usr/bin/env python3
"""Generate the small ruled-table PDFs under samples/pdf/ that pin the PDF
table stage and each repair situation: a row broken across pages with no
border drawn at the break, a header repeated on the next page with a
fragment before its name row, a project name broken across pages, two
departments' tables in one file; and samples/bad/pdf-paragraph-box.pdf, a box
around a paragraph (no table). Run from the repo root; the output is
committed, and golden/ holds what each converts to.

Text is STSong-Light (not embedded) through UniGB-UCS2-H, like finance-system
exports; every byte is written here, with a correct xref.
"""
import os

import minipdf

OUT = "samples/pdf"
W, H = 842, 595
XS = [30, 200, 260, 320, 380, 440, 620, 812]
SIZE = 9
HEADER = ["项目名称（资金使用单位）", "总计", "财政拨款", "财政专户拨款", "其他资金", "绩效目标", "绩效指标"]


def wrap(text, room):
    return minipdf.wrap(text, room, SIZE)


def show(text, x, y, size=SIZE):
    return minipdf.show(text, x, y, size)


def table(top, rows, open_top=False, open_bottom=False):
    """Draws `rows` (lists of 7 cell texts) from `top` down; returns the
    content and the table's bottom."""
    out, ys, y = "", [top], top
    for row in rows:
        n = max(len(wrap(c, XS[i + 1] - XS[i] - 4)) for i, c in enumerate(row)) or 1
        y -= n * 12 + 6
        ys.append(y)
    for i, yy in enumerate(ys):
        if (i == 0 and open_top) or (i == len(ys) - 1 and open_bottom):
            continue
        out += "%.2f %.2f m %.2f %.2f l S\n" % (XS[0], yy, XS[-1], yy)
    for x in XS:
        out += "%.2f %.2f m %.2f %.2f l S\n" % (x, ys[-1], x, ys[0])
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            for k, line in enumerate(wrap(text, XS[c + 1] - XS[c] - 4)):
                out += show(line, XS[c] + 2, ys[r] - 12 - 12 * k)
    return out, ys[-1]


def furniture(title, dept, unit="万元"):
    out = show(title, 300, 555, 16)
    out += show("部门名称：" + dept, 30, 530)
    out += show("单位：" + unit, 740, 530)
    return out


def page_number(n):
    return show("- %d -" % n, 410, 20)


def write(path, contents):
    with open(os.path.join(OUT, path), "wb") as f:
        f.write(minipdf.cid_pdf(contents, W, H))


def open_border():
    """A row broken across the page: no rule under it on page 1, none above
    its rest on page 2, and no repeated header."""
    p1, _ = table(
        505,
        [
            HEADER,
            ["合计", "150.00", "150.00", "", "", "", ""],
            ["测试局（本级）", "150.00", "150.00", "", "", "", ""],
            ["办公设备购置", "100.00", "100.00", "", "", "保障日常办公设备更新，", "1、1-产出指标；11-数量指标；购置台数；实施周期指标值:10台；"],
        ],
        open_bottom=True,
    )
    p2, _ = table(
        560,
        [
            ["", "", "", "", "", "提高办公效率。", "年度指标值:10台。"],
            ["信息系统运维", "50.00", "50.00", "", "", "系统稳定运行。", "1、1-产出指标；12-质量指标；系统可用率；实施周期指标值:≥99%；年度指标值:≥99%。"],
        ],
        open_top=True,
    )
    write(
        "open-border.pdf",
        [furniture("项目支出绩效目标表", "测试局") + p1 + page_number(1), p2 + page_number(2)],
    )


def header_repeat():
    """The header repeats on page 2; the split row's name and amounts sit on
    page 2, so page 1 ends with a fragment before its name row."""
    p1, _ = table(
        505,
        [
            HEADER,
            ["合计", "80.00", "30.00", "", "50.00", "", ""],
            ["测试协会（本级）", "80.00", "30.00", "", "50.00", "", ""],
            ["课题研究经费", "30.00", "30.00", "", "", "完成课题研究。", "1、1-产出指标；11-数量指标；研究报告；实施周期指标值:2篇；年度指标值:2篇。"],
            ["", "", "", "", "", "开展科普活动，", "1、2-效益指标；22-社会效益；受众人数；"],
        ],
    )
    p2, _ = table(
        560,
        [
            HEADER,
            ["科普活动经费", "50.00", "", "", "50.00", "提升公众科学素质。", "实施周期指标值:1000人次；年度指标值:1000人次。"],
        ],
    )
    write(
        "header-repeat.pdf",
        [furniture("项目支出绩效目标表", "测试协会") + p1 + page_number(1), p2 + page_number(2)],
    )


def two_departments():
    """Two departments' tables on consecutive pages: kept apart."""
    pages = []
    for n, (dept, amount, unit) in enumerate([("甲局", "10.00", "万元"), ("乙局", "20000.00", "元")], 1):
        body, _ = table(
            505,
            [
                HEADER,
                ["合计", amount, amount, "", "", "", ""],
                [dept + "（本级）", amount, amount, "", "", "", ""],
                [dept + "专项", amount, amount, "", "", "目标" + dept, "1、1-产出指标；11-数量指标；次数；实施周期指标值:1次；年度指标值:1次。"],
            ],
        )
        pages.append(furniture("项目支出绩效目标表", dept, unit) + body + page_number(n))
    write("two-departments.pdf", pages)


def name_split():
    """A project name broken across pages: its first part, with the amounts,
    on page 1; the rest of the name on page 2 under a repeated header."""
    p1, _ = table(
        505,
        [
            HEADER,
            ["合计", "47.50", "47.50", "", "", "", ""],
            ["测试中心（本级）", "47.50", "47.50", "", "", "", ""],
            ["2024-2025年科技计划项目管理", "47.50", "47.50", "", "", "保障系统稳定运行，", "1、1-产出指标；12-质量指标；系统可用率；"],
        ],
    )
    p2, _ = table(
        560,
        [
            HEADER,
            ["系统运维项目", "", "", "", "", "提升服务水平。", "实施周期指标值:≥99.9%；年度指标值:≥99.9%。"],
        ],
    )
    write(
        "name-split.pdf",
        [furniture("项目支出绩效目标表", "测试中心") + p1 + page_number(1), p2 + page_number(2)],
    )


def paragraph_box():
    """A framed paragraph and no table: not a 绩效目标表, and no table at all."""
    content = show("项目支出绩效目标表说明", 300, 555, 16)
    content += "30 300 m 812 300 l S\n30 500 m 812 500 l S\n30 300 m 30 500 l S\n812 300 m 812 500 l S\n"
    for k, line in enumerate(wrap("本表反映部门项目支出的绩效目标。" * 6, 770)):
        content += show(line, 40, 480 - 14 * k)
    write("../bad/pdf-paragraph-box.pdf", [content])


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    open_border()
    header_repeat()
    two_departments()
    name_split()
    paragraph_box()
