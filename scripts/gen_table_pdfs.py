#!/usr/bin/env python3
"""Generate the small ruled-table PDFs under tests/data/tables/ that pin the
table stage (furniture and joins across pages) for `yusuan tables`:

- titles.pdf: a 表号 line (公开表一) printed under the title; a title whose
  first line opens with its 表号 (公开 09 表：…) and wraps onto a second
  line; a table on the next page in the same frame under a header of its
  own and no title, which is another table.
- cut-rows.pdf: rows cut by page breaks, as in real 收支总表s: a label
  wrapped at the cell's edge goes on at the top of the next page
  (八、社会保障和就 | 业支出), a letter-spaced label likewise (当 年 收 入 |
  小计); a short label at a page's foot followed by a new row is no cut.
- prose-between.pdf: a table ending mid-page, then on the next page a
  paragraph and a grid in the same frame repeating its header: another
  table (the paragraph introduces it); page 3 repeats the header with no
  text above it: a continuation of page 2's table.

Run from the repo root; the output is committed. Text is STSong-Light (not
embedded) through UniGB-UCS2-H.
"""
import os

import minipdf

OUT = "tests/data/tables"
W, H = 595, 842
SIZE = 9


def show(text, x, y, size=SIZE):
    return minipdf.show(text, x, y, size)


def spread(text, x0, x1, y):
    """Letter-spaced text filling the cell from x0 to x1 (当 年 收 入)."""
    step = (x1 - x0 - SIZE) / max(len(text) - 1, 1)
    return "".join(show(c, x0 + i * step, y) for i, c in enumerate(text))


def table(xs, top, rows):
    """Ruled grid, one line of text per row; a cell given as ("spread", t)
    is letter-spaced over its width. Returns content and bottom."""
    out, ys = "", [top - 18 * i for i in range(len(rows) + 1)]
    for y in ys:
        out += "%.2f %.2f m %.2f %.2f l S\n" % (xs[0], y, xs[-1], y)
    for x in xs:
        out += "%.2f %.2f m %.2f %.2f l S\n" % (x, ys[-1], x, ys[0])
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            y = ys[r] - 13
            if isinstance(cell, tuple):
                out += spread(cell[1], xs[c] + 2, xs[c + 1] - 2, y)
            elif cell:
                out += show(cell, xs[c] + 2, y)
    return out, ys[-1]


def write(path, contents):
    pages = [c + show("- %d -" % (i + 1), 280, 30) for i, c in enumerate(contents)]
    with open(os.path.join(OUT, path), "wb") as f:
        f.write(minipdf.cid_pdf(pages, W, H))


def dept_line(y):
    return show("部门：某局", 60, y) + show("单位：万元", 480, y)


def titles():
    xs2 = [60, 300, 535]
    p1 = show("收支预算总表", 250, 800, 16) + show("公开表一", 60, 780) + dept_line(765)
    p1 += table(xs2, 755, [["项目", "金额"], ["一、财政拨款", "100.00"], ["合计", "100.00"]])[0]
    xs3 = [60, 300, 420, 535]
    p2 = show("公开 09 表：一般公共预算“三公”经费、会议费、培训费", 100, 800, 14)
    p2 += show("支出预算表", 100, 784, 14) + dept_line(765)
    p2 += table(xs3, 755, [["项目", "类别", "金额"], ["公务接待费", "三公", "1.00"],
                           ["会议费", "会议", "2.00"]])[0]
    # Same frame as page 2, no title, a header of its own: another table.
    p3 = table(xs3, 800, [["科目编码", "科目名称", "金额"], ["2010101", "行政运行", "3.00"]])[0]
    write("titles.pdf", [p1, p2, p3])


def cut_rows():
    xs = [60, 136, 206, 282, 352]
    head = [["项目", "金额", "项目", "金额"]]
    p1 = show("收支预算总表", 250, 800, 16) + dept_line(780)
    p1 += table(xs, 770, head + [
        ["一、财政拨款", "120.00", "一、外交支出", "100.00"],
        ["二、事业收入", "", "二、教育支出", ""],
        ["", "", "八、社会保障和就", "20.00"],
    ])[0]
    p2 = table(xs, 800, [
        ["", "", "业支出", ""],
        ["", "", "九、卫生健康支出", ""],
        [("spread", "当年收入"), "120.00", "当年支出小计", "120.00"],
    ])[0]
    p3 = table(xs, 800, [
        ["小计", "", "", ""],
        ["上年结转", "", "结转下年", ""],
    ])[0]
    p4 = table(xs, 800, [
        ["", "", "年末结余", ""],
        ["收入总计", "120.00", "支出总计", "120.00"],
    ])[0]
    write("cut-rows.pdf", [p1, p2, p3, p4])


def repeated_furniture():
    # The same 部门/单位 line above the table of every page: each table's own
    # metadata, not a running header (printed on 3 pages or more).
    xs = [60, 300, 535]
    pages = []
    for title in ["收入预算总表", "支出预算总表", "财政拨款收支预算总表"]:
        p = show(title, 230, 800, 16) + dept_line(780)
        p += table(xs, 770, [["项目", "金额"], ["合计", "1.00"]])[0]
        pages.append(p)
    write("repeated-furniture.pdf", pages)


def note_under_second():
    # Two tables on one page, a note under the second: the note is the
    # second table's (an empty 政府性基金 table's statement), not the first's.
    xs = [60, 300, 535]
    p = show("“三公”经费支出预算表", 200, 800, 16) + dept_line(780)
    p += table(xs, 770, [["项目", "金额"], ["合计", "1.00"]])[0]
    p += show("政府性基金支出预算表", 200, 690, 16) + dept_line(670)
    p += table(xs, 660, [["功能科目名称", "金额"], ["合计", ""]])[0]
    p += show("注：本部门无相关收支项目", 60, 600)
    write("note-under-second.pdf", [p])


def prose_between():
    xs = [60, 300, 535]
    head = ["项目", "金额"]
    p1 = show("部门收入情况表", 230, 800, 16) + dept_line(780)
    p1 += table(xs, 770, [head, ["财政拨款收入", "100.00"], ["合计", "100.00"]])[0]
    para = ["二、支出情况说明。本部门本年支出预算主要用于保障机构正常运转，",
            "以及开展各项业务工作所需的项目支出，具体如下表。"]
    p2 = "".join(show(t, 60, 800 - 16 * i) for i, t in enumerate(para))
    p2 += table(xs, 760, [head, ["基本支出", "60.00"], ["项目支出", "40.00"]])[0]
    p3 = table(xs, 800, [head, ["其他支出", "0.00"], ["合计", "100.00"]])[0]
    write("prose-between.pdf", [p1, p2, p3])


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    titles()
    cut_rows()
    repeated_furniture()
    note_under_second()
    prose_between()
