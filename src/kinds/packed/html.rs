//! 绩效目标表s from HTML tables as the page printed them ([`Piece`]s: one
//! per `<table>`, before the table stage dropped or joined rows). A table
//! is a 绩效目标表 when a row holds the 项目名称 … 绩效 header; rows above
//! it and the text before the table give title, 部门名称 and 单位. A name
//! cell spanning rows makes those rows one record. A header-less table
//! right after one, as wide, continues it, and so does the same header
//! again (a page saved from a PDF viewer prints one table per page).

use crate::columns::{roles, Role};
use crate::raw::{RawRow, RawTable, TableMeta};
use crate::table::{Grid, LogicalTable, Piece};
use crate::warning::{Warning, WarningKind};
use regex::Regex;
use std::sync::LazyLock;

/// The raw 绩效目标表s of `tables`' pieces, in document order.
pub fn raws_from_pieces(tables: &[&LogicalTable], source: &str) -> Vec<RawTable> {
    let mut reader = Reader {
        source,
        tables: Vec::new(),
        pending: Vec::new(),
    };
    for t in tables {
        for piece in &t.pieces {
            reader.read_table(piece, piece.grid_in(t));
        }
    }
    reader.tables
}

struct Reader<'s> {
    source: &'s str,
    tables: Vec<RawTable>,
    /// Text before a piece that was no 绩效目标表: it still counts for the
    /// next one's metadata.
    pending: Vec<String>,
}

impl Reader<'_> {
    /// Reads a piece (its grid `grid`) if it is (or continues) a 绩效目标表.
    fn read_table(&mut self, piece: &Piece, grid: &Grid) {
        let mut around = std::mem::take(&mut self.pending);
        around.extend(piece.above.iter().cloned());
        let mut meta = TableMeta::default();
        for line in &around {
            absorb_meta(&mut meta, line);
        }
        let v = View::new(grid);
        let Some(header) = find_header(&v) else {
            if self.continues(&v, &meta) {
                self.read_body(&v, 0, None);
            } else {
                self.pending = around;
            }
            return;
        };
        let (mut inner, unused) = table_meta(&v, header.first);
        for caption in &piece.captions {
            absorb_meta(&mut inner, caption);
        }
        merge_meta(&mut meta, inner);
        let same = self
            .tables
            .last()
            .is_some_and(|t| t.columns == header.columns && meta_agrees(&meta, &t.meta));
        if !same {
            self.tables.push(RawTable {
                meta,
                columns: header.columns.clone(),
                ..RawTable::default()
            });
        }
        self.report_unused(unused, v.g.page_of(0));
        self.read_body(&v, header.body, Some(&header));
    }

    /// Text in the table's rows above its header that no metadata took.
    fn report_unused(&mut self, unused: Vec<String>, page: u32) {
        let source = self.source;
        if let Some(t) = self.tables.last_mut() {
            for text in unused {
                let msg =
                    format!("text above the header, not read as title, 部门名称 or 单位: «{text}»");
                t.warnings.push(
                    Warning::new(WarningKind::TextOutsideTable, source, msg).at(Some(page), None),
                );
            }
        }
    }

    /// A header-less table right after a 绩效目标表, as wide, with no other
    /// title or 部门名称 between: its next page.
    fn continues(&self, v: &View, meta_between: &TableMeta) -> bool {
        self.tables.last().is_some_and(|t| {
            t.columns.len() == v.g.n_cols && v.g.n_cols > 1 && meta_agrees(meta_between, &t.meta)
        })
    }

    fn read_body(&mut self, v: &View, from: usize, header: Option<&Header>) {
        let n = v.g.n_rows;
        let mut r = from;
        while r < n {
            let end = (r + v.record_span(r)).min(n);
            let mut texts: Vec<String> = Vec::new();
            let mut pages: Vec<u32> = Vec::new();
            for rr in r..end {
                join_cells(&mut texts, v.row_texts(rr));
                let page = v.g.page_of(rr);
                if !pages.contains(&page) {
                    pages.push(page);
                }
            }
            self.read_row(v, r..end, texts, pages, header);
            r = end;
        }
    }

    /// Reads one record: the texts of a row, or of the rows its name cell
    /// spans, joined column by column.
    fn read_row(
        &mut self,
        v: &View,
        rows: std::ops::Range<usize>,
        texts: Vec<String>,
        pages: Vec<u32>,
        header: Option<&Header>,
    ) {
        if texts.iter().all(|t| t.trim().is_empty()) {
            return;
        }
        let r = rows.start;
        let labels: Vec<String> = v.labels(r).iter().map(|l| compact(l)).collect();
        if header.is_some_and(|h| h.rows.contains(&labels)) || is_header(&labels) {
            // A header repeated (the source counted the page it starts).
            return;
        }
        let last_page = v.g.page_of(rows.end.saturating_sub(1));
        if self.meta_row(v, r, &texts, last_page) {
            return;
        }
        let page = pages.first().copied().unwrap_or(last_page);
        let source = self.source;
        let Some(table) = self.tables.last_mut() else {
            return;
        };
        let (cells, extra) = fit_width(texts, table.columns.len());
        if let Some(msg) = extra {
            let w = Warning::new(WarningKind::ExtraCells, source, msg).at(Some(page), None);
            table.warnings.push(w);
        }
        let mut row = RawRow::new(cells, page, None);
        row.pages = pages;
        table.rows.push(row);
    }

    /// A row of one spanning cell: title / 部门名称 / 单位 (a new table when
    /// body rows were already read), else a note, reported and skipped.
    fn meta_row(&mut self, v: &View, r: usize, texts: &[String], page: u32) -> bool {
        let filled: Vec<&String> = texts.iter().filter(|t| !t.trim().is_empty()).collect();
        let spans = v.starting(r).any(|c| c.col_span > 1);
        if !spans || filled.len() > 2 {
            return false;
        }
        let mut meta = TableMeta::default();
        let all_meta = filled.iter().all(|t| absorb_meta(&mut meta, t));
        let Some(table) = self.tables.last_mut() else {
            return false;
        };
        if all_meta {
            if table.rows.is_empty() {
                merge_meta(&mut table.meta, meta);
            } else {
                let columns = table.columns.clone();
                self.tables.push(RawTable {
                    meta,
                    columns,
                    ..RawTable::default()
                });
            }
            return true;
        }
        let full = v.starting(r).count() == 1;
        if full {
            let text: String = filled.iter().map(|s| s.as_str()).collect();
            let msg = format!("row spanning the table skipped: {text}");
            let w = Warning::new(WarningKind::NoteRow, self.source, msg).at(Some(page), None);
            table.warnings.push(w);
        }
        full
    }
}

// ------------------------------------------------------------- the grid

/// A grid read row by row as the page printed it: the cells covering and
/// the cells starting in each row, left to right.
struct View<'g> {
    g: &'g Grid,
    covering: Vec<Vec<usize>>,
    starting: Vec<Vec<usize>>,
}

impl<'g> View<'g> {
    fn new(g: &'g Grid) -> Self {
        let mut covering = vec![Vec::new(); g.n_rows];
        let mut starting = vec![Vec::new(); g.n_rows];
        for (i, c) in g.cells.iter().enumerate() {
            if let Some(s) = starting.get_mut(c.row) {
                s.push(i);
            }
            let end = (c.row + c.row_span.max(1)).min(g.n_rows);
            for row in covering.iter_mut().take(end).skip(c.row) {
                row.push(i);
            }
        }
        let col = |i: &usize| g.cells.get(*i).map_or(0, |c| c.col);
        for row in covering.iter_mut().chain(starting.iter_mut()) {
            row.sort_by_key(col);
        }
        View {
            g,
            covering,
            starting,
        }
    }

    fn covering_cells(&self, r: usize) -> impl Iterator<Item = &'g crate::table::Cell> + '_ {
        let cells = &self.g.cells;
        self.covering
            .get(r)
            .into_iter()
            .flatten()
            .filter_map(move |&i| cells.get(i))
    }

    /// Cells that start in row `r`.
    fn starting(&self, r: usize) -> impl Iterator<Item = &'g crate::table::Cell> + '_ {
        let cells = &self.g.cells;
        self.starting
            .get(r)
            .into_iter()
            .flatten()
            .filter_map(move |&i| cells.get(i))
    }

    /// Slots up to the last cell covering row `r`.
    fn width(&self, r: usize) -> usize {
        self.covering_cells(r)
            .map(|c| c.col + c.col_span.max(1))
            .max()
            .unwrap_or(0)
    }

    /// Leaf-or-spanning label at each column of a row (header reading).
    fn labels(&self, r: usize) -> Vec<String> {
        let mut out = vec![String::new(); self.width(r)];
        for c in self.covering_cells(r) {
            for slot in out.iter_mut().skip(c.col).take(c.col_span.max(1)) {
                slot.clone_from(&c.text);
            }
        }
        out
    }

    /// Texts at each column, a spanned cell's in its top-left slot only.
    fn row_texts(&self, r: usize) -> Vec<String> {
        let mut out = vec![String::new(); self.width(r)];
        for c in self.starting(r) {
            if let Some(slot) = out.get_mut(c.col) {
                slot.clone_from(&c.text);
            }
        }
        out
    }

    /// How many rows one body record covers: a name cell spanning rows down
    /// (one row per indicator, say) makes them one record.
    fn record_span(&self, r: usize) -> usize {
        self.starting(r)
            .find(|c| c.col == 0)
            .map_or(1, |c| c.row_span.max(1))
    }
}

/// Appends a row's texts to a record's, column by column, as lines of one
/// cell: joined directly, with a space only between ASCII letters or digits.
fn join_cells(acc: &mut Vec<String>, next: Vec<String>) {
    if acc.len() < next.len() {
        acc.resize(next.len(), String::new());
    }
    for (a, b) in acc.iter_mut().zip(next) {
        if b.is_empty() {
            continue;
        }
        let words = a.chars().last().is_some_and(|c| c.is_ascii_alphanumeric())
            && b.chars().next().is_some_and(|c| c.is_ascii_alphanumeric());
        if words {
            a.push(' ');
        }
        a.push_str(&b);
    }
}

/// Pads or cuts a row to the table's width. Text past the last column is
/// appended to the last cell and reported, never dropped.
fn fit_width(mut cells: Vec<String>, width: usize) -> (Vec<String>, Option<String>) {
    let mut msg = None;
    if cells.len() > width {
        let extra = cells.split_off(width);
        if extra.iter().any(|t| !t.trim().is_empty()) {
            msg = Some(format!(
                "row has {} cells, table has {width} columns; extra text appended to the last cell",
                width + extra.len()
            ));
            if let Some(last) = cells.last_mut() {
                last.push_str(&extra.concat());
            }
        }
    }
    cells.resize(width, String::new());
    (cells, msg)
}

fn compact(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

// ------------------------------------------------------------- header

/// True when a row's labels are the 绩效目标表 header: a 项目名称 cell, a
/// separate short 绩效目标 / 绩效指标 cell, and an amount column (总计 …).
/// Separate cells, so a layout table wrapping the whole table is not one.
fn is_header(labels: &[String]) -> bool {
    let compacted: Vec<String> = labels.iter().map(|l| compact(l)).collect();
    let name = compacted.iter().position(|l| l.starts_with("项目名称"));
    let perf = compacted.iter().position(|l| {
        l.chars().count() <= 12 && (l.contains("绩效目标") || l.contains("绩效指标"))
    });
    let amounts = roles(&compacted).contains(&Role::Amount);
    amounts && matches!((name, perf), (Some(a), Some(b)) if a != b)
}

/// The header found in a grid: where it starts, its rows, and the leaves.
struct Header {
    first: usize,
    /// Rows after the last header row.
    body: usize,
    columns: Vec<String>,
    /// Compacted labels of each header row, to spot repeats.
    rows: Vec<Vec<String>>,
}

fn find_header(v: &View) -> Option<Header> {
    let n = v.g.n_rows;
    let first = (0..n).find(|&r| is_header(&v.labels(r)))?;
    // A cell spanning down marks the rows below as part of the header.
    let height = v
        .starting(first)
        .map(|c| c.row_span.max(1))
        .max()
        .unwrap_or(1)
        .min(n - first);
    let last = first + height - 1;
    let rows = (first..=last)
        .map(|r| v.labels(r).iter().map(|l| compact(l)).collect())
        .collect();
    Some(Header {
        first,
        body: last + 1,
        columns: v.labels(last),
        rows,
    })
}

// ------------------------------------------------------------ metadata

/// `部门名称：X` (up to a following `单位：`), and a currency `单位：万元`.
static DEPT_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:部门名称|单位名称|填报单位|编制单位|预算单位|部门)\s*[:：]\s*(.+?)\s*(?:(?:金额|计量)?单位\s*[:：].*)?$",
    )
    .expect("static regex")
});
static UNIT_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"单位\s*[:：]\s*((?:人民币)?(?:百万|千|万|亿)?元)").expect("static regex")
});
static TITLE_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"绩效目标.{0,6}表").expect("static regex"));

/// Reads title / 部门名称 / 单位 from one line of text into `meta`; a later
/// line overrides an earlier one. Returns whether the line carried any.
fn absorb_meta(meta: &mut TableMeta, line: &str) -> bool {
    let line = line.trim();
    let set = |slot: &mut Option<String>, v: &str| {
        if !v.is_empty() {
            *slot = Some(v.to_string());
        }
    };
    let dept = DEPT_RE.captures(line).and_then(|c| c.get(1));
    let unit = UNIT_RE.captures(line).and_then(|c| c.get(1));
    if let Some(m) = dept {
        set(&mut meta.department, m.as_str());
    }
    if let Some(m) = unit {
        set(&mut meta.currency_unit, m.as_str());
    }
    if dept.is_none() && unit.is_none() && is_title(line) {
        set(&mut meta.title, line);
        return true;
    }
    dept.is_some() || unit.is_some()
}

fn is_title(line: &str) -> bool {
    TITLE_RE.is_match(line) && line.chars().count() <= 80
}

/// True when every field `new` sets matches `old`: text repeated on each
/// page of one table, not the start of another.
fn meta_agrees(new: &TableMeta, old: &TableMeta) -> bool {
    let same = |a: &Option<String>, b: &Option<String>| a.is_none() || a == b;
    same(&new.title, &old.title)
        && same(&new.department, &old.department)
        && same(&new.currency_unit, &old.currency_unit)
}

/// Metadata from rows above the header inside the table.
/// Also returns the texts of those rows that are none of title, 部门名称
/// or 单位, so they can be reported rather than lost.
fn table_meta(v: &View, header_row: usize) -> (TableMeta, Vec<String>) {
    let mut meta = TableMeta::default();
    let mut unused = Vec::new();
    for r in 0..header_row {
        for c in v.covering_cells(r) {
            if !absorb_meta(&mut meta, &c.text) && !c.text.trim().is_empty() {
                unused.push(c.text.trim().to_string());
            }
        }
    }
    (meta, unused)
}

/// Fills `into`'s unset fields from `from` and overrides the set ones:
/// the metadata closest to the table wins.
fn merge_meta(into: &mut TableMeta, from: TableMeta) {
    if from.title.is_some() {
        into.title = from.title;
    }
    if from.department.is_some() {
        into.department = from.department;
    }
    if from.currency_unit.is_some() {
        into.currency_unit = from.currency_unit;
    }
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::kinds::Kind;
    use crate::raw::{Format, RawDocument};
    use crate::{Error, Input, Options, Result};
    use std::path::Path;

    /// The page's 绩效目标表s as the packed kind reads them, with the
    /// page count the source gave.
    fn read(path: &Path, html: &[u8]) -> Result<RawDocument> {
        let name = path.to_string_lossy();
        let input = Input::Bytes {
            name: &name,
            bytes: html,
        };
        let src = crate::pipeline::read(input, &Options::default())?;
        let mine: Vec<&LogicalTable> = src
            .tables
            .iter()
            .filter(|t| super::super::Packed.detect(t))
            .collect();
        let tables = raws_from_pieces(&mine, &src.source);
        if tables.is_empty() {
            return Err(crate::pipeline::convert_source(src)
                .map(|_| ())
                .unwrap_err());
        }
        Ok(RawDocument {
            source: src.source,
            format: src.format,
            pages: src.pages,
            tables,
            warnings: src.warnings,
        })
    }

    fn read_str(html: &str) -> Result<RawDocument> {
        read(Path::new("t.html"), html.as_bytes())
    }

    const HEAD: &str = "<tr><td>项目名称（资金使用单位）</td><td>总计</td><td>财政拨款</td>\
        <td>财政专户拨款</td><td>其他资金</td><td>绩效目标</td><td>绩效指标</td></tr>";

    fn row(cells: &[&str]) -> String {
        let tds: String = cells.iter().map(|c| format!("<td>{c}</td>")).collect();
        format!("<tr>{tds}</tr>")
    }

    fn cells(doc: &RawDocument, t: usize) -> Vec<Vec<String>> {
        doc.tables
            .get(t)
            .map(|t| t.rows.iter().map(|r| r.cells.clone()).collect())
            .unwrap_or_default()
    }

    #[test]
    fn banner_text_that_is_no_metadata_is_reported() {
        let page = "<table><tr><td colspan=7>公开08表</td></tr>\
            <tr><td colspan=7>部门名称：某局 单位：万元</td></tr>\
            <tr><td>项目名称</td><td>总计</td><td>财政拨款</td><td>财政专户拨款</td><td>其他资金</td><td>绩效目标</td><td>绩效指标</td></tr>\
            <tr><td>甲</td><td>1.00</td><td>1.00</td><td></td><td></td><td>目标。</td><td>1、1-产出指标；11-数量指标；a；实施周期指标值:1；年度指标值:1。</td></tr></table>";
        let d = read_str(page).expect("a table");
        let t = &d.tables[0];
        assert_eq!(t.meta.department.as_deref(), Some("某局"));
        let w: Vec<&str> = t.warnings.iter().map(|w| w.message.as_str()).collect();
        assert_eq!(
            w,
            ["text above the header, not read as title, 部门名称 or 单位: «公开08表»"]
        );
    }

    #[test]
    fn reads_a_plain_table_with_meta_rows() {
        let page = format!(
            "<table><tr><td colspan=7>项目支出绩效目标表</td></tr>\
             <tr><td colspan=5>部门名称：广州市甲局</td><td colspan=2>单位：万元</td></tr>\
             {HEAD}{}{}</table>",
            row(&["合计", "1.00", "1.00", "", "", "", ""]),
            row(&["甲项目", "1.00", "1.00", "", "", "目标", "1、指标。"]),
        );
        let doc = read_str(&page).unwrap_or_else(|e| panic!("{e}"));
        let t = &doc.tables[0];
        assert_eq!(t.meta.title.as_deref(), Some("项目支出绩效目标表"));
        assert_eq!(t.meta.department.as_deref(), Some("广州市甲局"));
        assert_eq!(t.meta.currency_unit.as_deref(), Some("万元"));
        assert_eq!(t.columns.len(), 7);
        assert_eq!(cells(&doc, 0)[1][5], "目标");
        assert_eq!((doc.pages, doc.format), (1, Format::Html));
    }

    #[test]
    fn reads_captions() {
        let page = format!("<table><caption>部门名称：丙局 单位：元</caption>{HEAD}</table>");
        let doc = read_str(&page).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(doc.tables[0].meta.department.as_deref(), Some("丙局"));
        assert_eq!(doc.tables[0].meta.currency_unit.as_deref(), Some("元"));
    }

    #[test]
    fn expands_two_level_headers_and_body_spans() {
        let page = "<table><tr><td rowspan=2>项目名称</td><td rowspan=2>总计</td>\
            <td colspan=2>财政拨款</td><td rowspan=2>绩效目标</td><td rowspan=2>绩效指标</td></tr>\
            <tr><td>一般公共预算</td><td>政府性基金预算</td></tr>\
            <tr><td rowspan=2>甲</td><td rowspan=2>3.00</td><td>1.00</td><td>2.00</td><td>目标</td><td>1、a。</td></tr>\
            <tr><td colspan=2></td><td>续</td><td>2、b。</td></tr></table>";
        let doc = read_str(page).unwrap_or_else(|e| panic!("{e}"));
        let t = &doc.tables[0];
        assert_eq!(
            t.columns,
            [
                "项目名称",
                "总计",
                "一般公共预算",
                "政府性基金预算",
                "绩效目标",
                "绩效指标"
            ]
        );
        // The name cell spans two rows: they are one record.
        assert_eq!(
            cells(&doc, 0),
            [["甲", "3.00", "1.00", "2.00", "目标续", "1、a。2、b。"]]
        );
        // A spanned amount cell keeps its text in its first row only.
        let page = "<table><tr><td>项目名称</td><td>总计</td><td>绩效指标</td></tr>\
            <tr><td>甲</td><td rowspan=2>3.00</td><td>1、a。</td></tr>\
            <tr style='page-break-before:always'><td></td><td>2、b。</td></tr></table>";
        let doc = read_str(page).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            cells(&doc, 0),
            [["甲", "3.00", "1、a。"], ["", "", "2、b。"]]
        );
        let t = &doc.tables[0];
        assert_eq!((t.rows[1].page, doc.pages), (2, 2));
    }

    #[test]
    fn one_record_per_spanning_name_across_pages() {
        let page = format!(
            "<table>{HEAD}<tr><td rowspan=2>甲</td><td rowspan=2>2</td><td rowspan=2>2</td>\
             <td rowspan=2></td><td rowspan=2></td><td rowspan=2>目标</td><td>1、a。</td></tr>\
             <tr style='page-break-before:always'><td>2、b。</td></tr>{}</table>",
            row(&["乙", "1", "1", "", "", "", ""]),
        );
        let doc = read_str(&page).unwrap_or_else(|e| panic!("{e}"));
        let t = &doc.tables[0];
        assert_eq!(
            t.rows[0].cells,
            ["甲", "2", "2", "", "", "目标", "1、a。2、b。"]
        );
        assert_eq!((t.rows[0].page, t.rows[0].pages.clone()), (1, vec![1, 2]));
        assert_eq!(t.rows[1].page, 2);
    }

    #[test]
    fn drops_repeated_headers_and_counts_page_breaks() {
        let page = format!(
            "<p>cover</p><br style='page-break-before:always'><table>{HEAD}{}{HEAD}{}\
             <tr style='page-break-before: always'><td>丙</td><td>1</td></tr>{}</table>",
            row(&["甲", "1", "", "", "", "", ""]),
            row(&["乙", "1", "", "", "", "", ""]),
            row(&["", "", "", "", "", "", ""]),
        );
        let doc = read_str(&page).unwrap_or_else(|e| panic!("{e}"));
        let pages: Vec<u32> = doc.tables[0].rows.iter().map(|r| r.page).collect();
        assert_eq!(pages, [2, 3, 4]);
        assert_eq!(doc.pages, 4);
        assert_eq!(cells(&doc, 0)[2], ["丙", "1", "", "", "", "", ""]);
    }

    #[test]
    fn continues_a_table_split_into_page_tables() {
        let page = format!(
            "<p>部门名称：甲局</p><table>{HEAD}{}</table><p>第1页</p>\
             <table>{}</table><table>{HEAD}{}</table>",
            row(&["甲", "1", "", "", "", "", ""]),
            row(&["", "", "", "", "", "续", ""]),
            row(&["乙", "2", "", "", "", "", ""]),
        );
        let doc = read_str(&page).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(doc.tables.len(), 1);
        let pages: Vec<u32> = doc.tables[0].rows.iter().map(|r| r.page).collect();
        assert_eq!(pages, [1, 2, 3]);
    }

    #[test]
    fn text_repeated_on_each_page_continues_the_table() {
        let page = format!(
            "<p>部门名称：甲局</p><table>{HEAD}{}</table>\
             <p>部门名称：甲局</p><table>{HEAD}{}</table>\
             <p>部门名称：乙局</p><table>{HEAD}{}</table>",
            row(&["甲", "1", "", "", "", "", ""]),
            row(&["", "", "", "", "", "续", ""]),
            row(&["乙", "2", "", "", "", "", ""]),
        );
        let doc = read_str(&page).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(doc.tables.len(), 2);
        let pages: Vec<u32> = doc.tables[0].rows.iter().map(|r| r.page).collect();
        assert_eq!(pages, [1, 2]);
        assert_eq!(doc.tables[1].meta.department.as_deref(), Some("乙局"));
    }

    #[test]
    fn splits_tables_at_inner_title_rows_and_reports_notes() {
        let page = format!(
            "<table><tr><td colspan=7>部门名称：甲局</td></tr>{HEAD}{}\
             <tr><td colspan=7>部门名称：乙局</td></tr>{HEAD}{}\
             <tr><td colspan=7>注：本表为示例。</td></tr></table>",
            row(&["甲", "1", "", "", "", "", ""]),
            row(&["乙", "2", "", "", "", "", ""]),
        );
        let doc = read_str(&page).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(doc.tables.len(), 2);
        assert_eq!(doc.tables[1].meta.department.as_deref(), Some("乙局"));
        assert_eq!(cells(&doc, 1), [["乙", "2", "", "", "", "", ""]]);
        assert_eq!((doc.tables[1].rows[0].page, doc.pages), (1, 1));
        assert_eq!(doc.tables[1].warnings[0].kind.as_str(), "note_row");
    }

    #[test]
    fn finds_tables_nested_in_layout_tables() {
        let page = format!(
            "<table><tr><td>导航</td></tr><tr><td><table>{HEAD}{}</table></td></tr></table>",
            row(&["甲", "1", "", "", "", "", "", "多余"]),
        );
        let doc = read_str(&page).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(doc.tables.len(), 1);
        assert_eq!(cells(&doc, 0)[0][6], "多余");
        assert_eq!(doc.tables[0].warnings[0].kind.as_str(), "extra_cells");
    }

    #[test]
    fn reads_meta_lines() {
        let mut m = TableMeta::default();
        assert!(absorb_meta(&mut m, "部门名称：广州市甲局　　金额单位：元"));
        assert_eq!(m.department.as_deref(), Some("广州市甲局"));
        assert_eq!(m.currency_unit.as_deref(), Some("元"));
        assert!(!absorb_meta(&mut m, "项目名称（资金使用单位）"));
        let mut f = TableMeta::default();
        assert!(absorb_meta(&mut f, "填报单位：广州市乙局"));
        assert_eq!(
            (f.department.as_deref(), f.currency_unit),
            (Some("广州市乙局"), None)
        );
        assert!(absorb_meta(&mut m, "2025年项目支出绩效目标表"));
        assert_eq!(m.title.as_deref(), Some("2025年项目支出绩效目标表"));
    }

    #[test]
    fn no_table_names_the_file() {
        let e = read(
            Path::new("dir/page.html"),
            b"<html><body><p>hi</p></body></html>",
        );
        let msg = e.map(|_| ()).unwrap_err().to_string();
        assert!(
            msg.starts_with("dir/page.html: no 项目支出绩效目标表"),
            "{msg}"
        );
        assert!(msg.contains("no <table>"), "{msg}");
        let e = read_str("<table><tr><td>收入</td><td>金额</td></tr></table>");
        assert!(matches!(e, Err(Error::NoTable { .. })));
        // A 申报表 with 项目名称 and 绩效目标 but no amount columns.
        let e = read_str("<table><tr><td>项目名称</td><td>绩效目标</td></tr></table>");
        assert!(matches!(e, Err(Error::NoTable { .. })));
    }
}
