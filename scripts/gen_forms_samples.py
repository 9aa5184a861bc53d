#!/usr/bin/env python3
"""Generate the small forms documents under samples/forms/layouts/, one per
layout class of ../shared/docs/perf-target-layouts.md (L1a-L1e), with
invented content: ruled PDFs (each part of a form its own table, merged
cells as spans, like LibreOffice prints a Word form) and, for L1c, the same
forms stacked on one sheet of a workbook. Run from the repo root; the output
is committed, golden/ holds what each PDF converts to, and
tests/forms_layouts.rs pins what each class must show.

Text is STSong-Light (not embedded) through UniGB-UCS2-H, as in
gen_lattice_pdfs.py.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
import minipdf  # noqa: E402

OUT = "samples/forms/layouts"
W, H = 595, 842
SIZE = 8
LEFT, RIGHT = 30, 565


def wrap(text, room):
    return minipdf.wrap(text, room, SIZE)


def show(text, x, y, size=SIZE):
    return minipdf.show(text, x, y, size)


def cell(text, cs=1, rs=1):
    return (text, cs, rs)


def part(widths, rows, top):
    """One ruled table: `widths` are column widths (fractions of the page
    width), `rows` lists of cells (str or cell(text, cs, rs)) placed left to
    right into the slots not covered by spans from above. Returns the content
    and the table's bottom."""
    total = RIGHT - LEFT
    xs = [LEFT]
    for w in widths:
        xs.append(xs[-1] + w * total)
    n_cols = len(widths)
    covered = set()
    placed = []  # (row, col, cs, rs, text)
    for r, row in enumerate(rows):
        c = 0
        for item in row:
            text, cs, rs = item if isinstance(item, tuple) else (item, 1, 1)
            while (r, c) in covered:
                c += 1
            placed.append((r, c, cs, rs, text))
            for dr in range(rs):
                for dc in range(cs):
                    covered.add((r + dr, c + dc))
            c += cs
        assert c <= n_cols, (row, c, n_cols)
    heights = [18.0] * len(rows)
    for r, c, cs, rs, text in placed:
        if rs == 1:
            n = len(wrap(text, xs[c + cs] - xs[c] - 4)) or 1
            heights[r] = max(heights[r], n * 11 + 7)
    ys = [top]
    for h in heights:
        ys.append(ys[-1] - h)
    out = ""
    for r, c, cs, rs, text in placed:
        x0, x1, y0, y1 = xs[c], xs[c + cs], ys[r + rs], ys[r]
        out += "%.2f %.2f %.2f %.2f re S\n" % (x0, y0, x1 - x0, y1 - y0)
        for k, line in enumerate(wrap(text, x1 - x0 - 4)):
            out += show(line, x0 + 2, y1 - 11 - 11 * k)
    return out, ys[-1]


def stack(parts, top=780, gap=0):
    """Parts drawn one under the other (gap 0: they share borders)."""
    out, y = "", top
    for widths, rows in parts:
        o, y = part(widths, rows, y)
        out += o
        y -= gap
    return out


def furniture(title, lines=(), top=810):
    out = show(title, 200, top, 14)
    for i, (text, x) in enumerate(lines):
        out += show(text, x, top - 22)
    return out


def write_pdf(name, pages):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(minipdf.cid_pdf(pages, W, H))


# L1a: 深圳 system export, one project per page, 一级 merged over a fixed set
# of 二级 rows, free-text targets, 万元 labels holding yuan, an empty grid.
L1A_GRID = [0.14, 0.16, 0.26, 0.18, 0.26]
L1A_HEAD = ["一级指标", "二级指标", "三级指标", "目标值", "指标解释"]


def l1a_page(code, name, total, rows):
    kv = [0.2, 0.3, 0.2, 0.3]
    block = [
        ["项目编码", code, "项目名称", name],
        ["申请单位", "深圳市某区测试中心", "一级预算单位", "深圳市某区测试局"],
        ["实施期限", "2025年1月至2025年12月", "项目类型", "经常性项目"],
        ["项目总金额（万元）", total, "本年度项目金额（万元）", total],
        ["年度目标", cell("按期完成测试任务，服务对象满意。", 3)],
        ["长期目标", cell("建成覆盖全区的测试服务体系。", 3)],
    ]
    grid = [L1A_HEAD] + rows
    return furniture("二级项目支出绩效目标申报表") + stack([(kv, block), (L1A_GRID, grid)])


def l1a():
    rows = [
        [cell("产出指标", 1, 4), "数量指标", "完成检测批次", "≥90%", "反映检测完成情况"],
        ["质量指标", "差错人数", "≦20人", "反映质量"],
        ["时效指标", "完成时间", "11月底前", "反映进度"],
        ["成本指标", "单位成本", "不超过24.67万一年", "反映成本"],
        [cell("效益指标", 1, 2), "社会效益", "公众知晓率", "≥85%", "反映宣传效果"],
        ["生态效益", "生态影响", "不适用", ""],
        ["满意度指标", "服务对象满意度", "服务对象满意度", "≥90%", "问卷调查"],
    ]
    empty = [
        [cell("产出指标", 1, 2), "数量指标", "", "", ""],
        ["质量指标", "", "", ""],
    ]
    write_pdf(
        "l1a-shenzhen.pdf",
        [
            l1a_page("4403001234567", "检测服务经费", "246700", rows),
            l1a_page("4403001234568", "档案整理经费", "12.50", empty),
        ],
    )


# L1b: 湘潭, a caption cell 本年度绩效指标 spanning the grid; the second
# form runs onto the next page, its 一级 and 二级 merged cells cut by the
# break (the text in the first fragment, an empty box after), the grid
# header repeated.
L1B_GRID = [0.12, 0.14, 0.16, 0.24, 0.2, 0.14]
L1B_HEAD = ["本年度绩效指标", "一级指标", "二级指标", "三级指标", "指标值及单位", "绩效标准"]
L1B_KV = [0.16, 0.34, 0.16, 0.34]


def l1b_block(name, total, fiscal, other):
    return [
        ["项目支出名称", name, "预算部门", "湘潭市测试服务中心"],
        [cell("年度预算资金总额", 1), total, "其中：财政拨款", fiscal],
        ["其他资金", other, "项目支出实施期", "2025.01-2025.12"],
        ["实施期绩效目标", cell("形成长效机制。", 3)],
        ["本年度绩效目标", cell("完成年度任务。", 3)],
    ]


def l1b():
    head = ["填报单位:（盖章）", 30], ["单位:万元", 480]
    first = [[cell("本年度绩效指标", 1, 5)] + L1B_HEAD[1:]] + [
        [cell("产出指标", 1, 2), "数量指标", "清扫面积", "120万平方米", "计划标准"],
        ["质量指标", "", "", ""],
        [cell("效益指标", 1, 1), "经济效益", "", "", ""],
        ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "计划标准"],
    ]
    page1 = furniture("2025年项目支出绩效目标申报表", head) + stack(
        [(L1B_KV, l1b_block("道路清扫项目", "8.66", "8.66", "")), (L1B_GRID, first)]
    )
    long_rows = [[cell("本年度绩效指标", 1, 9)] + L1B_HEAD[1:]] + [
        [cell("产出指标", 1, 8), cell("数量指标", 1, 8), "购置车辆%d" % i, "%d辆" % i, "计划标准"]
        for i in range(1, 2)
    ] + [["购置车辆%d" % i, "%d辆" % i, "计划标准"] for i in range(2, 9)]
    page2 = stack([(L1B_KV, l1b_block("车辆购置项目", "60.00", "52.80", "7.20")), (L1B_GRID, long_rows)], top=790)
    rest = [L1B_HEAD] + [
        ["", "", "", "购置车辆9", "9辆", "计划标准"],
        ["", "", "", "购置车辆10", "10辆", "计划标准"],
        ["", cell("满意度指标", 1, 1), "服务对象满意度指标", "司机满意度", "≥95%", "计划标准"],
    ]
    page3 = stack([(L1B_GRID, rest)], top=800)
    write_pdf("l1b-xiangtan-two-pages.pdf", [page1, page2, page3])
    # The same forms as a Word document, each part its own table.
    cars = [[cell("产出指标", 1, 10), cell("数量指标", 1, 10), "购置车辆1", "1辆", "计划标准"]]
    cars += [["购置车辆%d" % i, "%d辆" % i, "计划标准"] for i in range(2, 11)]
    cars.append([cell("满意度指标", 1, 1), "服务对象满意度指标", "司机满意度", "≥95%", "计划标准"])
    write_docx(
        "l1b-xiangtan-parts.docx",
        "2025年项目支出绩效目标申报表",
        [
            [(4, l1b_block("道路清扫项目", "8.66", "8.66", "")), (6, with_caption(first[1:]))],
            [(4, l1b_block("车辆购置项目", "60.00", "52.80", "7.20")), (6, with_caption(cars))],
        ],
    )


def with_caption(body):
    """A grid under the header, the caption cell spanning all its rows."""
    return [[cell("本年度绩效指标", 1, len(body) + 1)] + L1B_HEAD[1:]] + body


def write_docx(name, title, forms):
    """Forms as a Word document: each part (n_cols, rows) its own table
    with real merges, an empty paragraph between parts, a page break
    between forms."""
    from docx import Document

    doc = Document()
    doc.add_paragraph(title)
    doc.add_paragraph("填报单位:（盖章）  单位:万元")
    for i, parts in enumerate(forms):
        if i:
            doc.add_page_break()
        for n_cols, rows in parts:
            docx_table(doc, n_cols, rows)
            doc.add_paragraph("")
    doc.save(os.path.join(OUT, name))


def docx_table(doc, n_cols, rows):
    table = doc.add_table(rows=len(rows), cols=n_cols)
    table.style = "Table Grid"
    covered = set()
    for r, row in enumerate(rows):
        c = 0
        for item in row:
            text, cs, rs = item if isinstance(item, tuple) else (item, 1, 1)
            while (r, c) in covered:
                c += 1
            first = table.cell(r, c)
            if cs > 1 or rs > 1:
                first = first.merge(table.cell(r + rs - 1, c + cs - 1))
            first.text = text
            for dr in range(rs):
                for dc in range(cs):
                    covered.add((r + dr, c + dc))
            c += cs


# L1c: 乌海, codes in parentheses before names, 9-column grid with value and
# unit split and the operator in 指标方向, levels repeated on every row.
L1C_GRID = [0.1, 0.12, 0.18, 0.08, 0.08, 0.14, 0.1, 0.08, 0.12]
L1C_HEAD = ["一级指标", "二级指标", "三级指标", "指标性质", "指标方向", "目标值", "计量单位", "分值", "备注"]
L1C_PROJECTS = [
    (
        "市场管理经费",
        "(433002)乌海市测试管理站",
        ("3", "3", "0"),
        [
            ["产出指标", "数量指标", "培训人数", "定量", "=", "24", "人/次", "10", ""],
            ["产出指标", "质量指标", "系统可用率", "定量", "≥", "99.9", "%", "10", ""],
            ["产出指标", "时效指标", "完成时间", "定性", "=", "2025年12月31日前", "", "10", ""],
            ["效益指标", "经济效益指标", "节约成本", "定量", "≥", "8", "%", "10", "以审计为准"],
            ["满意度指标", "服务对象满意度指标", "商户满意度", "定量", "≥", "92", "%", "10", ""],
        ],
    ),
    (
        "网络建设补助",
        "(433001)乌海市测试中心（本级）",
        ("294.2", "294.2", "0"),
        [
            ["产出指标", "数量指标", "建设网点", "定量", "≥", "12", "个", "20", ""],
            ["效益指标", "社会效益指标", "带动就业", "定量", "≥", "30", "人", "20", ""],
        ],
    ),
]


def l1c_rows(name, implementer, amounts, rows):
    total, fiscal, other = amounts
    return [
        [cell("项目名称", 1), cell(name, 8)],
        ["项目类别", cell("(32)专项资金项目", 3), "归口科室", cell("(05)业务发展科", 4)],
        ["主管部门", cell("(433)乌海市测试服务中心", 3), "实施单位", cell(implementer, 4)],
        [cell("投入目标(万元)", 1, 4), cell("资金来源", 4), cell("年初安排金额(万元)", 4)],
        [cell("资金总额", 4), cell(total, 4)],
        [cell("其中:财政拨款数", 4), cell(fiscal, 4)],
        [cell("其他资金", 4), cell(other, 4)],
        ["年度目标", cell("目标1:完成市场管理。目标2:提升服务。", 8)],
        [cell("绩效指标(权重分值90分)", 9)],
        L1C_HEAD,
    ] + rows


def l1c():
    pages = []
    for i, p in enumerate(L1C_PROJECTS):
        title = furniture("项目支出绩效目标表（2025年）") if i == 0 else ""
        pages.append(title + stack([(L1C_GRID, l1c_rows(*p))]))
    write_pdf("l1c-wuhai.pdf", pages)
    l1c_stacked()
    l1c_docx()


def l1c_stacked():
    """The same forms stacked on one sheet, one empty row between, title
    and merged ranges as in the PDF."""
    from openpyxl import Workbook
    from openpyxl.styles import Border, Side

    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    wb = Workbook()
    ws = wb.active
    ws.title = "绩效目标表"
    ws.cell(row=1, column=1, value="项目支出绩效目标表（2025年）")
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=9)
    r0 = 3
    for p in L1C_PROJECTS:
        rows = l1c_rows(*p)
        covered = set()
        for r, row in enumerate(rows):
            c = 0
            for item in row:
                text, cs, rs = item if isinstance(item, tuple) else (item, 1, 1)
                while (r, c) in covered:
                    c += 1
                x = ws.cell(row=r0 + r, column=c + 1, value=text if text else None)
                x.border = box
                if cs > 1 or rs > 1:
                    ws.merge_cells(
                        start_row=r0 + r, start_column=c + 1, end_row=r0 + r + rs - 1, end_column=c + cs
                    )
                for dr in range(rs):
                    for dc in range(cs):
                        covered.add((r + dr, c + dc))
                c += cs
        r0 += len(rows) + 1
    wb.save(os.path.join(OUT, "l1c-wuhai-stacked.xlsx"))


def l1c_docx():
    """The same forms as a Word document: one table per form with real
    gridSpan/vMerge merges, a page break before each title."""
    from docx import Document

    doc = Document()
    for i, p in enumerate(L1C_PROJECTS):
        if i == 0:
            doc.add_paragraph("项目支出绩效目标表（2025年）")
        else:
            doc.add_page_break()
        docx_table(doc, 9, l1c_rows(*p))
    doc.save(os.path.join(OUT, "l1c-wuhai.docx"))


# L1d: 鄂州, a cost sub-table (项目预算成本构成 … 合计), the 三级 column
# unlabelled, 绩效标准 a description and 当年预期实现值 the value.
def l1d():
    kv = [0.2, 0.3, 0.2, 0.3]
    block = [
        ["项目名称", "城市绿化养护", "项目类别", "本级支出项目"],
        ["项目性质", "持续性项目", "资金总额", "30.00"],
        ["财政拨款", "30.00", "其他资金", ""],
    ]
    cost = [
        ["项目预算成本构成", "金额", "测算(公式)依据", "2023年实际执行数", "2024年实际执行数"],
        ["人工费", "20.00", "10人×2万元", "18.00", "19.00"],
        ["材料费", "10.00", "按面积测算", "9.00", "9.50"],
        ["合计", "30.00", "", "27.00", "28.50"],
    ]
    goal = [["绩效目标", cell("绿地完好率保持较高水平。", 3)]]
    grid = [
        ["一级指标", "二级指标", "", "绩效标准", "当年预期实现值"],
        [cell("产出指标", 1, 2), "数量指标", "养护面积", "反映养护面积", "≥50万平方米"],
        ["质量指标", "绿地完好率", "反映养护质量", "≥92%"],
        ["满意度指标", "服务对象满意度指标", "市民满意度", "反映满意程度", "≥90%"],
    ]
    footer = [["主管部门审核意见", cell("同意。", 3)]]
    content = furniture("鄂州市2025年市直部门预算项目支出绩效目标表") + stack(
        [
            (kv, block),
            ([0.2, 0.15, 0.25, 0.2, 0.2], cost),
            (kv, goal),
            ([0.16, 0.2, 0.24, 0.2, 0.2], grid),
            (kv, footer),
        ]
    )
    write_pdf("l1d-ezhou-cost.pdf", [content])


# L1e: 宁乡 old MOF 申报表, the unit's code after its name, 长期目标 | 年度目标
# side by side with the goals below, then two grids 长期绩效指标 and
# 年度绩效指标 with every 二级 listed even when empty.
def l1e():
    kv = [0.2, 0.3, 0.2, 0.3]
    block = [
        ["项目名称", cell("镇域内基础设施建设", 3)],
        ["主管部门", "宁乡市坝塘镇人民政府（418001）", "项目单位", "宁乡市坝塘镇人民政府"],
        ["起止时间", "2025年1月-2027年12月", "项目属性", "延续"],
        ["资金总额", "6923.3552", "财政拨款", "6900.0000"],
        ["其他资金", "23.3552", "", ""],
    ]
    goals = [["长期目标", "年度目标"], ["三年建成镇域道路网。", "完成道路硬化。"]]
    grid_cols = [0.16, 0.2, 0.3, 0.16, 0.18]
    head = ["一级指标", "二级指标", "指标内容", "指标值", "备注"]
    long_grid = [
        [cell("长期绩效指标", 5)],
        head,
        [cell("产出指标", 1, 2), "数量指标", "硬化道路", "30公里", "三年合计"],
        ["质量指标", "验收合格率", "100%", ""],
        [cell("效益指标", 1, 2), "社会效益", "通行时间缩短", "≥20%", ""],
        ["生态效益", "", "", ""],
    ]
    annual_grid = [
        [cell("年度绩效指标", 5)],
        head,
        [cell("产出指标", 1, 3), "数量指标", "硬化道路", "10公里", ""],
        ["质量指标", "验收合格率", "100%", ""],
        ["时效指标", "", "", ""],
        [cell("效益指标", 1, 2), "社会效益", "通行时间缩短", "≥5%", ""],
        ["可持续影响", "", "", ""],
        ["满意度指标", "社会公众或服务对象满意度", "群众满意度", "≥90%", ""],
    ]
    content = furniture("项目绩效目标表(2025年度)", (["填报单位：宁乡市坝塘镇人民政府", 30],)) + stack(
        [(kv, block), ([0.5, 0.5], goals), (grid_cols, long_grid), (grid_cols, annual_grid)]
    )
    write_pdf("l1e-ningxiang-two-grids.pdf", [content])


def main():
    os.makedirs(OUT, exist_ok=True)
    l1a()
    l1b()
    l1c()
    l1d()
    l1e()


if __name__ == "__main__":
    main()
