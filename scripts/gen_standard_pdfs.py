#!/usr/bin/env python3
"""Generate the small standard-table PDFs under samples/standard/ (issue 12)
and, beside the first, tests/data/standard/js-summary.truth.json: the same
table in the format of shared/realworld/truth (header, rows), so that
tests/standard.rs can check every amount against budget_lines.

Layouts follow the real files (shared/docs/standard-tables.md); names are
the standard classification names, amounts are made up and reconcile.
Cells: a string; None = covered by the cell to the left (colspan);
"^" = covered by the cell above (rowspan). Run from the repo root.
"""
import json, os

import minipdf

OUT = "samples/standard"
W, H = 842, 595
SIZE = 9
ROW_H = 18


def show(text, x, y, size=SIZE):
    return minipdf.show(text, x, y, size)


def spans(rows):
    """(r, c, rowspan, colspan, text) for every cell that starts a slot."""
    out = []
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text is None or text == "^":
                continue
            cs = 1
            while c + cs < len(row) and row[c + cs] is None:
                cs += 1
            rs = 1
            while r + rs < len(rows) and rows[r + rs][c] == "^":
                rs += 1
            out.append((r, c, rs, cs, text))
    return out


def grid(xs, top, rows, open_top=False, open_bottom=False):
    """Draws the cells of `rows` from `top` down; returns content, bottom."""
    out = ""
    bottom = top - ROW_H * len(rows)
    for r, c, rs, cs, text in spans(rows):
        x0, x1 = xs[c], xs[c + cs]
        y1 = top - ROW_H * r
        y0 = y1 - ROW_H * rs
        if not (open_top and r == 0):
            out += "%.2f %.2f m %.2f %.2f l S\n" % (x0, y1, x1, y1)
        if not (open_bottom and r + rs == len(rows)):
            out += "%.2f %.2f m %.2f %.2f l S\n" % (x0, y0, x1, y0)
        out += "%.2f %.2f m %.2f %.2f l S\n" % (x0, y0, x0, y1)
        out += "%.2f %.2f m %.2f %.2f l S\n" % (x1, y0, x1, y1)
        if text:
            out += show(text, x0 + 2, (y0 + y1) / 2 - SIZE / 2 + 1)
    return out, bottom


def furniture(title, dept, unit):
    out = show(title, 250, 555, 16)
    out += show("部门名称：" + dept, 30, 530)
    out += show("单位：" + unit, 740, 530)
    return out


def write(name, contents):
    pages = [c + show("- %d -" % (i + 1), 410, 20) for i, c in enumerate(contents)]
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(minipdf.cid_pdf(pages, W, H))


DEPT = "示例市示例区示例局"

# Jiangsu 收支预算总表: three lists side by side, 3-level header, totals
# whose label spans three columns (the layout of truth js01).
JS_HEADER = [
    ["收入", None, "支出", None, None, None],
    ["项目名称", "金额", "功能分类", None, "支出用途", None],
    ["^", "^", "功能科目名称", "金额", "项目名称", "金额"],
]
JS_BODY = [
    ["一、财政拨款", "5,000.00", "一、一般公共服务支出", "4,000.00", "一、基本支出", "3,500.00"],
    ["1.一般公共预算", "5,000.00", "二、外交支出", "", "二、项目支出", "1,520.00"],
    ["2.政府性基金预算", "", "三、国防支出", "", "三、单位预留机动经费", "100.00"],
    ["二、财政专户管理资金", "", "四、公共安全支出", "", "", ""],
    ["三、其他资金", "120.00", "五、社会保障和就业支出", "620.00", "", ""],
    ["", "", "六、住房保障支出", "500.00", "", ""],
    ["当年收入小计", "5,120.00", "当年支出小计", None, None, "5,120.00"],
    ["上年结转资金", "", "结转下年资金", None, None, ""],
    ["收入合计", "5,120.00", "支出合计", None, None, "5,120.00"],
]


def js_summary():
    xs = [30, 190, 280, 470, 560, 720, 812]
    content = show("表一", 30, 570) + show("收支预算总表", 330, 552, 16)
    content += show("部门名称：" + DEPT, 30, 530) + show("单位：万元", 740, 530)
    body, _ = grid(xs, 515, JS_HEADER + JS_BODY)
    write("js-summary.pdf", [content + body])
    header = [
        "收入/项目名称", "收入/金额", "支出/功能分类/功能科目名称", "支出/功能分类/金额",
        "支出/支出用途/项目名称", "支出/支出用途/金额",
    ]
    rows = [[c or "" for c in row] for row in JS_BODY]
    truth = {"kind": "income_expenditure_summary", "unit": "万元", "header": header, "rows": rows}
    with open("tests/data/standard/js-summary.truth.json", "w", encoding="utf-8") as f:
        json.dump(truth, f, ensure_ascii=False, indent=1)
        f.write("\n")


SH_XS = [30, 80, 120, 160, 420, 550, 680, 812]


def js_summary_html():
    """The same table as an HTML page (rowspan/colspan), for tests/standard.rs."""
    out = ['<html><head><meta charset="utf-8"><title>收支预算总表</title></head><body>',
           "<p>表一</p>", "<h2>收支预算总表</h2>", "<p>部门名称：%s</p>" % DEPT, "<p>单位：万元</p>",
           '<table border="1">']
    rows = JS_HEADER + JS_BODY
    cells = spans(rows)
    for r in range(len(rows)):
        tds = "".join(
            '<td rowspan="%d" colspan="%d">%s</td>' % (rs, cs, text) for (rr, c, rs, cs, text) in cells if rr == r
        )
        out.append("<tr>%s</tr>" % tds)
    out.append("</table></body></html>")
    with open("tests/data/standard/js-summary.html", "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")


def js_summary_xlsx():
    """The same table as a workbook: merged cells, amounts as numbers with
    a thousands format, title and 单位 in rows above."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "表一"
    ws.append(["收支预算总表"])
    ws.append(["部门名称：" + DEPT])
    ws.append(["单位：万元"])
    base = 4
    rows = JS_HEADER + JS_BODY
    for r, c, rs, cs, text in spans(rows):
        cell = ws.cell(row=base + r, column=c + 1)
        number = text.replace(",", "")
        if number and number.replace(".", "").isdigit() and "." in number:
            cell.value = float(number)
            cell.number_format = "#,##0.00"
        else:
            cell.value = text or None
        if rs > 1 or cs > 1:
            ws.merge_cells(start_row=base + r, start_column=c + 1, end_row=base + r + rs - 1, end_column=c + cs)
    wb.save("tests/data/standard/js-summary.xlsx")


def sh_function_header(parent):
    return [
        ["项目", None, None, None, parent, None, None],
        ["功能分类科目编码", None, None, "功能分类科目名称", "合计", "基本支出", "项目支出"],
        ["类", "款", "项", "^", "^", "^", "^"],
    ]


def sh_budget():
    """Split 类|款|项 codes over two pages (header repeated, 元), an empty
    政府性基金 table with its statement, and the “三公” table in 万元."""
    title = "2025年部门一般公共预算支出功能分类预算表"
    head = sh_function_header("一般公共预算支出")
    p1 = [
        ["201", "", "", "一般公共服务支出", "1,500,000.00", "1,000,000.00", "500,000.00"],
        ["201", "03", "", "政府办公厅（室）及相关机构事务", "1,500,000.00", "1,000,000.00", "500,000.00"],
        ["201", "03", "01", "行政运行", "1,000,000.00", "1,000,000.00", ""],
        ["201", "03", "02", "一般行政管理事务", "500,000.00", "", "500,000.00"],
    ]
    p2 = [
        ["208", "", "", "社会保障和就业支出", "300,000.00", "300,000.00", ""],
        ["208", "05", "", "行政事业单位养老支出", "300,000.00", "300,000.00", ""],
        ["208", "05", "05", "机关事业单位基本养老保险缴费支出", "300,000.00", "300,000.00", ""],
        ["合计", None, None, None, "1,800,000.00", "1,300,000.00", "500,000.00"],
    ]
    page1 = furniture(title, DEPT, "元") + grid(SH_XS, 515, head + p1)[0]
    page2 = grid(SH_XS, 555, head + p2)[0]
    fund = [["合计", None, None, None, "", "", ""], ["", "", "", "", "", "", ""]]
    body, bottom = grid(SH_XS, 515, sh_function_header("政府性基金预算支出") + fund)
    page3 = furniture("2025年部门政府性基金预算支出功能分类预算表", DEPT, "元") + body
    page3 += show("注：本单位无政府性基金预算财政拨款安排，故本表无数据。", 30, bottom - 20)
    three = [
        ["“三公”经费预算数", None, None, None, None, None, "机关运行经费预算数"],
        ["合计", "因公出国(境)费", "公务接待费", "公务用车购置及运行费", None, None, "^"],
        ["^", "^", "^", "小计", "购置费", "运行费", "^"],
        ["12.50", "5.00", "3.50", "4.00", "", "4.00", "60.00"],
    ]
    xs = [30, 140, 250, 360, 470, 580, 690, 812]
    page4 = furniture("2025年部门“三公”经费和机关运行经费预算表", DEPT, "万元") + grid(xs, 515, three)[0]
    write("sh-budget.pdf", [page1, page2, page3, page4])


def sh_final():
    """决算 收入支出决算总表: two lists, 本年收入合计 + balances = 总计."""
    rows = [
        ["收入", None, "支出", None],
        ["项目", "决算数", "项目", "决算数"],
        ["一、一般公共预算财政拨款收入", "900.00", "一、一般公共服务支出", "700.00"],
        ["二、政府性基金预算财政拨款收入", "", "二、社会保障和就业支出", "150.00"],
        ["三、事业收入", "50.00", "三、卫生健康支出", "60.00"],
        ["四、其他收入", "10.00", "四、住房保障支出", "40.00"],
        ["本年收入合计", "960.00", "本年支出合计", "950.00"],
        ["使用非财政拨款结余", "", "结余分配", ""],
        ["年初结转和结余", "40.00", "年末结转和结余", "50.00"],
        ["总计", "1,000.00", "总计", "1,000.00"],
    ]
    xs = [30, 300, 420, 690, 812]
    content = show("上海市示例区示例局2024年度部门决算", 250, 570, 12)
    content += furniture("收入支出决算总表", DEPT, "万元") + grid(xs, 515, rows)[0]
    write("sh-final.pdf", [content])


def summary_page_break():
    """A two-sided 收支总表 whose row 二、事业收入 | 100.00 | 三、卫生健康支出 |
    150.00 is cut by the page break (labels wrapped, no rule at the cut)."""
    head = [["本年收入", None, "本年支出", None], ["项目", "预算数", "项目", "预算数"]]
    p1 = [
        ["一、财政拨款收入", "1,000.00", "一、一般公共服务支出", "800.00"],
        ["1.一般公共预算资金", "1,000.00", "二、社会保障和就业支出", "150.00"],
        ["二、事业", "", "三、卫生健康", ""],
    ]
    p2 = [["收入", "100.00", "支出", "150.00"], ["收入总计", "1,100.00", "支出总计", "1,100.00"]]
    xs = [30, 300, 420, 690, 812]
    top = 555 - ROW_H * 26
    page1 = furniture("2025年部门财务收支预算总表", DEPT, "元") + grid(xs, top + ROW_H * 5, head + p1, open_bottom=True)[0]
    page2 = grid(xs, 555, p2, open_top=True)[0]
    write("summary-page-break.pdf", [page1, page2])


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    js_summary()
    js_summary_html()
    js_summary_xlsx()
    sh_budget()
    sh_final()
    summary_page_break()
