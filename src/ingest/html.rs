//! HTML pages (government sites, Word "save as web page") → raw tables.
//!
//! Every `<table>` whose header row carries the 绩效目标表 labels is read,
//! wherever it sits; `rowspan`/`colspan` are expanded onto a grid so each
//! row has one cell per leaf header column. Cell text is built from
//! the DOM's text nodes rather than `html2text`: html2text lays text out for
//! a terminal (wrapping, table drawing, markdown marks), while we need the
//! exact characters of each cell joined the way a reader sees them.

use super::html_dom::{Dom, Edge, Element, ElementRef, Node, NodeId, NodeRef};
use crate::columns::{roles, Role};
use crate::error::{Error, Result};
use crate::ingest::decode::decode_text;
use crate::ingest::SourceDoc;
use crate::raw::{Format, RawDocument, RawRow, RawTable, TableMeta};
use crate::table::{LogicalTable, Note, NotePlace};
use crate::warning::{Warning, WarningKind};
use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE, UTF_8};
use regex::Regex;
use std::path::Path;
use std::sync::LazyLock;

/// Largest span honoured; anything larger is a broken page, not a table.
const MAX_SPAN: usize = 1000;

/// Reads one HTML page's 绩效目标表s (the legacy reader; see [`read_source`]).
pub fn read(path: &Path, bytes: &[u8]) -> Result<RawDocument> {
    read_source(path, bytes)?.legacy
}

/// The HTML source: every `<table>` that holds no other table, as a
/// logical table with the text since the previous table as notes above
/// it; and (transitional) the 绩效目标表s as the legacy reader places them.
pub fn read_source(path: &Path, bytes: &[u8]) -> Result<SourceDoc> {
    let (text, enc_warning) = decode_html(bytes);
    read_text(path, text, enc_warning)
}

/// As [`read_source`], the page's bytes freed once decoded: they would
/// stay the size of the page again while the DOM is built and read.
pub fn read_source_owned(path: &Path, bytes: Vec<u8>) -> Result<SourceDoc> {
    let (text, enc_warning) = decode_html(&bytes);
    drop(bytes);
    read_text(path, text, enc_warning)
}

fn read_text(path: &Path, text: String, enc_warning: Option<String>) -> Result<SourceDoc> {
    let source = path.to_string_lossy().into_owned();
    let dom = Dom::parse(path, &text)?;
    // The DOM holds its own copy of the text: free the page before reading it.
    drop(text);
    let mut reader = PageReader::new(&source);
    reader.walk(dom.root());
    // Everything is read out of the DOM: free it before the tables are joined.
    drop(dom);
    crate::cancel::check()?;
    let PageReader {
        tables,
        warnings: mut table_warnings,
        page,
        tables_seen,
        logical,
        ..
    } = reader;
    let mut warnings: Vec<Warning> = enc_warning
        .map(|m| Warning::new(WarningKind::Encoding, &source, m))
        .into_iter()
        .collect();
    let source_warnings = warnings.clone();
    let legacy = if tables.is_empty() {
        Err(Error::no_table(path, no_table_detail(tables_seen)))
    } else {
        warnings.append(&mut table_warnings);
        Ok(RawDocument {
            source: source.clone(),
            format: Format::Html,
            pages: page,
            tables,
            warnings,
        })
    };
    Ok(SourceDoc {
        source,
        format: Format::Html,
        pages: page,
        tables: crate::table::join::join_tables(logical),
        warnings: source_warnings,
        legacy,
    })
}

/// A grid as the shared table type: each cell once, at its top-left slot,
/// with the rows and columns it covers; rows on `page` onwards, one page
/// more after each row marked with a page break.
fn shared_grid(grid: &Grid, page: u32) -> crate::table::Grid {
    let mut out = crate::table::Grid::new(grid.rows.len(), grid.width(), page);
    let mut p = page;
    for (r, row) in grid.rows.iter().enumerate() {
        if row.break_before && r > 0 {
            p += 1;
        }
        if let Some(slot) = out.row_pages.get_mut(r) {
            *slot = p;
        }
        p += u32::from(row.break_after);
        for (c, slot) in row.slots.iter().enumerate() {
            let Some(s) = slot.filter(|s| s.origin) else {
                continue;
            };
            let same =
                |sl: Option<&Option<Slot>>| sl.copied().flatten().is_some_and(|x| x.cell == s.cell);
            let col_span = 1
                + (c + 1..row.slots.len())
                    .take_while(|&k| same(row.slots.get(k)))
                    .count();
            let row_span = 1
                + (r + 1..grid.rows.len())
                    .take_while(|&k| same(grid.rows.get(k).and_then(|x| x.slots.get(c))))
                    .count();
            let text = grid
                .cells
                .get(s.cell)
                .map_or(String::new(), |x| x.text.clone());
            out.cells.push(crate::table::Cell {
                row: r,
                col: c,
                row_span,
                col_span,
                text,
            });
        }
    }
    out
}

// ---------------------------------------------------------------- decoding

/// Decodes page bytes: BOM, then the `<meta>` declaration, then sniffing.
/// Returns the text and a warning when the bytes disagree with the label.
fn decode_html(bytes: &[u8]) -> (String, Option<String>) {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let body = bytes.get(bom_len..).unwrap_or_default();
        let (s, bad) = enc.decode_without_bom_handling(body);
        return (s.into_owned(), bad.then(|| malformed(enc)));
    }
    let Some(declared) = declared_encoding(bytes) else {
        let (s, _, bad) = decode_text(bytes);
        return (
            s,
            bad.then(|| "bytes are neither UTF-8 nor GB18030".to_string()),
        );
    };
    let (s, bad) = declared.decode_without_bom_handling(bytes);
    if !bad {
        return (s.into_owned(), None);
    }
    // Mislabelled pages are common: try the other family before giving up.
    let other = if declared == UTF_8 { GB18030 } else { UTF_8 };
    let (alt, alt_bad) = other.decode_without_bom_handling(bytes);
    if !alt_bad {
        let msg = format!(
            "page declares {} but its bytes are {}; read as {}",
            declared.name(),
            other.name(),
            other.name()
        );
        return (alt.into_owned(), Some(msg));
    }
    (s.into_owned(), Some(malformed(declared)))
}

fn malformed(enc: &'static Encoding) -> String {
    format!(
        "some bytes are not valid {}; replaced with U+FFFD",
        enc.name()
    )
}

static CHARSET_RE: LazyLock<regex::bytes::Regex> = LazyLock::new(|| {
    regex::bytes::Regex::new(
        r#"(?i)(?:<meta\b[^>]*?charset|<\?xml\b[^>]*?encoding)\s*=\s*["']?\s*([a-z0-9_.:\-]+)"#,
    )
    .expect("static regex")
});

/// The charset named by `<meta charset>`, `http-equiv` or an XML declaration.
/// encoding_rs maps `gb2312` to GBK as browsers do; a UTF-16 label on an
/// ASCII-compatible page means UTF-8 (WHATWG prescan rule).
fn declared_encoding(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = bytes.get(..bytes.len().min(16 * 1024)).unwrap_or(bytes);
    let label = CHARSET_RE.captures(head)?.get(1)?.as_bytes();
    let enc = Encoding::for_label(label)?;
    Some(if enc == UTF_16LE || enc == UTF_16BE {
        UTF_8
    } else {
        enc
    })
}

// ------------------------------------------------------------- cell text

/// How a gap between two runs of text was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Gap {
    /// Whitespace in the source (line wraps, `&nbsp;`).
    Space,
    /// A block boundary (`<p>`, `<br>`, `<div>` …).
    Break,
}

/// Accumulates text the way a reader sees it: no spaces inside Chinese
/// text, a space kept between ASCII words.
#[derive(Debug, Default)]
struct TextBuf {
    out: String,
    gap: Option<Gap>,
}

impl TextBuf {
    fn push_str(&mut self, s: &str) {
        for ch in s.chars() {
            if is_invisible(ch) {
                continue;
            }
            if ch.is_whitespace() {
                self.gap(Gap::Space);
                continue;
            }
            if let (Some(gap), Some(last)) = (self.gap.take(), self.out.chars().last()) {
                if keeps_space(gap, last, ch) {
                    self.out.push(' ');
                }
            }
            self.out.push(ch);
        }
    }

    fn gap(&mut self, g: Gap) {
        if !self.out.is_empty() {
            self.gap = Some(self.gap.map_or(g, |old| old.max(g)));
        }
    }

    fn take(&mut self) -> String {
        self.gap = None;
        std::mem::take(&mut self.out)
    }
}

/// Source whitespace survives between ASCII characters ("≥ 90 %" stays as
/// printed); a block boundary only between ASCII letters or digits, so
/// `<p>…。</p><p>2、…</p>` joins directly.
fn keeps_space(gap: Gap, a: char, b: char) -> bool {
    match gap {
        Gap::Space => a.is_ascii_graphic() && b.is_ascii_graphic(),
        Gap::Break => a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric(),
    }
}

fn is_invisible(ch: char) -> bool {
    matches!(ch, '\u{200b}'..='\u{200d}' | '\u{feff}' | '\u{00ad}')
}

/// Elements whose content a reader never sees.
fn is_hidden(el: &Element) -> bool {
    if matches!(
        el.name(),
        "head" | "style" | "script" | "title" | "template" | "noscript" | "xml"
    ) {
        return true;
    }
    el.attr("style")
        .is_some_and(|s| compact_lower(s).contains("display:none"))
}

/// Elements that start a new line for the reader.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "br"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "tr"
            | "td"
            | "th"
            | "table"
            | "thead"
            | "tbody"
            | "tfoot"
            | "caption"
            | "blockquote"
            | "pre"
            | "hr"
            | "center"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "address"
            | "form"
    )
}

/// The text of one cell (nested markup and nested tables included).
fn cell_text(cell: ElementRef) -> String {
    let mut buf = TextBuf::default();
    let mut skip: Option<NodeId> = None;
    for edge in cell.traverse() {
        match edge {
            Edge::Open(node) => {
                if skip.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Text(t) => buf.push_str(t),
                    Node::Element(el) if is_hidden(el) => skip = Some(node.id()),
                    Node::Element(el) if is_block(el.name()) => buf.gap(Gap::Break),
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if skip == Some(node.id()) {
                    skip = None;
                } else if skip.is_none() {
                    if let Node::Element(el) = node.value() {
                        if is_block(el.name()) {
                            buf.gap(Gap::Break);
                        }
                    }
                }
            }
        }
    }
    buf.take()
}

fn compact(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn compact_lower(s: &str) -> String {
    compact(s).to_ascii_lowercase()
}

// ------------------------------------------------------------------ grid

/// One source cell.
#[derive(Debug)]
struct Cell {
    text: String,
    colspan: usize,
    rowspan: usize,
}

/// A grid position: which cell covers it, and whether it is the cell's
/// top-left corner (where its text belongs in a body row).
#[derive(Debug, Clone, Copy)]
struct Slot {
    cell: usize,
    origin: bool,
}

#[derive(Debug, Default)]
struct GridRow {
    slots: Vec<Option<Slot>>,
    break_before: bool,
    break_after: bool,
}

/// A table with its spans expanded.
#[derive(Debug, Default)]
struct Grid {
    cells: Vec<Cell>,
    rows: Vec<GridRow>,
}

impl Grid {
    fn build(table: ElementRef) -> Grid {
        let mut grid = Grid::default();
        // Per column: the cell spanning down into later rows, and how many.
        let mut carry: Vec<Option<(usize, usize)>> = Vec::new();
        for tr in own_rows(table) {
            let (before, after) = page_breaks(tr.value());
            let mut row = GridRow {
                break_before: before,
                break_after: after,
                ..GridRow::default()
            };
            for td in tr
                .child_elements()
                .filter(|e| matches!(e.value().name(), "td" | "th"))
            {
                fill_carried(&mut row, &mut carry, false);
                let cell = Cell {
                    text: cell_text(td),
                    colspan: span(td.value().attr("colspan")),
                    rowspan: span(td.value().attr("rowspan")),
                };
                grid.place(&mut row, &mut carry, cell);
            }
            fill_carried(&mut row, &mut carry, true);
            grid.rows.push(row);
        }
        grid
    }

    fn place(&mut self, row: &mut GridRow, carry: &mut Vec<Option<(usize, usize)>>, cell: Cell) {
        let id = self.cells.len();
        for k in 0..cell.colspan {
            let col = row.slots.len();
            row.slots.push(Some(Slot {
                cell: id,
                origin: k == 0,
            }));
            if carry.len() <= col {
                carry.resize(col + 1, None);
            }
            if let Some(c) = carry.get_mut(col) {
                *c = (cell.rowspan > 1).then_some((id, cell.rowspan - 1));
            }
        }
        self.cells.push(cell);
    }

    /// Leaf-or-spanning label at each column of a row (header reading).
    fn labels(&self, r: usize) -> Vec<String> {
        self.row_texts(r, false)
    }

    /// Texts at each column; with `origin_only`, a spanned cell's text sits
    /// in its first column and first row only.
    fn row_texts(&self, r: usize, origin_only: bool) -> Vec<String> {
        let Some(row) = self.rows.get(r) else {
            return Vec::new();
        };
        row.slots
            .iter()
            .map(|s| match s {
                Some(s) if s.origin || !origin_only => self
                    .cells
                    .get(s.cell)
                    .map(|c| c.text.clone())
                    .unwrap_or_default(),
                _ => String::new(),
            })
            .collect()
    }

    /// Cells that start in row `r`.
    fn origin_cells(&self, r: usize) -> impl Iterator<Item = &Cell> {
        self.rows
            .get(r)
            .into_iter()
            .flat_map(|row| row.slots.iter().flatten())
            .filter(|s| s.origin)
            .filter_map(|s| self.cells.get(s.cell))
    }

    fn width(&self) -> usize {
        self.rows.iter().map(|r| r.slots.len()).max().unwrap_or(0)
    }
}

/// Copies cells spanning down from earlier rows into `row` at its current
/// end; with `to_end`, also past gaps up to the widest carried column.
fn fill_carried(row: &mut GridRow, carry: &mut [Option<(usize, usize)>], to_end: bool) {
    loop {
        let col = row.slots.len();
        let later = to_end
            && carry
                .iter()
                .skip(col)
                .any(|c| c.is_some_and(|(_, l)| l > 0));
        match carry.get_mut(col) {
            Some(Some((cell, left))) if *left > 0 => {
                row.slots.push(Some(Slot {
                    cell: *cell,
                    origin: false,
                }));
                *left -= 1;
            }
            Some(_) if later => row.slots.push(None),
            _ => return,
        }
    }
}

fn span(attr: Option<&str>) -> usize {
    attr.and_then(|s| s.trim().parse::<usize>().ok())
        .unwrap_or(1)
        .clamp(1, MAX_SPAN)
}

/// `page-break-before/after: always` (or `break-*: page`) in a style.
fn page_breaks(el: &Element) -> (bool, bool) {
    let Some(style) = el.attr("style").map(compact_lower) else {
        return (false, false);
    };
    let has = |side: &str| {
        style.contains(&format!("page-break-{side}:always"))
            || style.contains(&format!("break-{side}:page"))
    };
    (has("before"), has("after"))
}

/// The table's own `<tr>`s in order, not those of tables nested in cells.
fn own_rows(table: ElementRef) -> Vec<ElementRef> {
    let mut rows = Vec::new();
    let mut stack: Vec<NodeRef> = table.children().rev().collect();
    while let Some(node) = stack.pop() {
        let Some(el) = ElementRef::wrap(node) else {
            continue;
        };
        match el.value().name() {
            "tr" => rows.push(el),
            "table" => {}
            _ => stack.extend(node.children().rev()),
        }
    }
    rows
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
#[derive(Debug)]
struct Header {
    first: usize,
    /// Rows after the last header row.
    body: usize,
    columns: Vec<String>,
    /// Compacted labels of each header row, to spot repeats.
    rows: Vec<Vec<String>>,
}

fn find_header(grid: &Grid) -> Option<Header> {
    let first = (0..grid.rows.len()).find(|&r| is_header(&grid.labels(r)))?;
    // A cell spanning down marks the rows below as part of the header.
    let height = grid
        .origin_cells(first)
        .map(|c| c.rowspan)
        .max()
        .unwrap_or(1)
        .min(grid.rows.len() - first);
    let last = first + height - 1;
    let columns = grid.labels(last);
    let rows = (first..=last)
        .map(|r| grid.labels(r).iter().map(|l| compact(l)).collect())
        .collect();
    Some(Header {
        first,
        body: last + 1,
        columns,
        rows,
    })
}

// ------------------------------------------------------------- the page

/// Walks the page in reading order, collecting tables and the text
/// between them (where titles and 部门名称 often sit).
struct PageReader<'s> {
    source: &'s str,
    tables: Vec<RawTable>,
    warnings: Vec<Warning>,
    /// Current 1-based page.
    page: u32,
    /// Whether anything was read since the last page break.
    content_on_page: bool,
    /// Text lines since the previous table.
    around: Vec<String>,
    line: TextBuf,
    tables_seen: usize,
    /// Every innermost table, for the kind-blind output.
    logical: Vec<LogicalTable>,
    /// Text lines since the previous table (notes above the next one).
    since_table: Vec<Note>,
    /// The kept table being walked (its text is in cells, not notes).
    in_table: Option<NodeId>,
}

impl<'s> PageReader<'s> {
    fn new(source: &'s str) -> Self {
        PageReader {
            source,
            tables: Vec::new(),
            warnings: Vec::new(),
            page: 1,
            content_on_page: false,
            around: Vec::new(),
            line: TextBuf::default(),
            tables_seen: 0,
            logical: Vec::new(),
            since_table: Vec::new(),
            in_table: None,
        }
    }

    fn walk(&mut self, root: NodeRef) {
        let mut skip: Option<NodeId> = None;
        for edge in root.traverse() {
            // Past --timeout: stop; read() reports it.
            if crate::cancel::cancelled() {
                break;
            }
            match edge {
                Edge::Open(node) if skip.is_none() => {
                    if !self.open(node) {
                        skip = Some(node.id());
                    }
                }
                Edge::Close(node) => {
                    if skip == Some(node.id()) {
                        skip = None;
                    } else if skip.is_none() {
                        self.close(node);
                    }
                }
                Edge::Open(_) => {}
            }
        }
        self.flush_line();
    }

    /// Handles an opening node; false means skip its subtree.
    fn open(&mut self, node: NodeRef) -> bool {
        match node.value() {
            Node::Text(t) => {
                self.line.push_str(t);
                true
            }
            Node::Element(el) => {
                if is_hidden(el) {
                    return false;
                }
                if page_breaks(el).0 {
                    self.page_break();
                }
                if is_block(el.name()) {
                    self.flush_line();
                }
                if el.name() == "table" {
                    self.tables_seen += 1;
                    if let Some(table) = ElementRef::wrap(node) {
                        let grid = Grid::build(table);
                        let kept = self.push_logical(table, &grid);
                        let taken = self.read_table(table, grid);
                        // A table not taken is walked on: its text is in
                        // its cells, not in the notes of the next table.
                        if kept && !taken {
                            self.in_table = Some(node.id());
                        }
                        return !taken;
                    }
                }
                true
            }
            _ => true,
        }
    }

    fn close(&mut self, node: NodeRef) {
        if self.in_table == Some(node.id()) {
            self.flush_line();
            self.in_table = None;
        }
        if let Node::Element(el) = node.value() {
            if is_block(el.name()) {
                self.flush_line();
            }
            if page_breaks(el).1 {
                self.page_break();
            }
        }
    }

    fn flush_line(&mut self) {
        let line = self.line.take();
        if !line.trim().is_empty() {
            self.content_on_page = true;
            if self.in_table.is_none() {
                self.since_table.push(Note {
                    page: self.page,
                    place: NotePlace::Above,
                    text: line.trim().to_string(),
                });
            }
            self.around.push(line);
        }
    }

    fn page_break(&mut self) {
        self.flush_line();
        if self.content_on_page {
            self.page += 1;
            self.content_on_page = false;
        }
    }

    /// Keeps an innermost table (one holding another is layout) with its
    /// caption and the text since the previous table as notes above it.
    /// Returns whether it was kept.
    fn push_logical(&mut self, table: ElementRef, grid: &Grid) -> bool {
        self.flush_line();
        let mut notes = std::mem::take(&mut self.since_table);
        if table
            .descendants()
            .skip(1)
            .any(|n| n.value().as_element().is_some_and(|e| e.name() == "table"))
        {
            self.since_table = notes;
            return false;
        }
        for caption in table
            .child_elements()
            .filter(|e| e.value().name() == "caption")
        {
            notes.push(Note {
                page: self.page,
                place: NotePlace::Above,
                text: cell_text(caption),
            });
        }
        let g = shared_grid(grid, self.page);
        let mut t = LogicalTable {
            first_page: g.page_of(0),
            last_page: g.row_pages.last().copied().unwrap_or(self.page),
            header_rows: crate::table::header::detect_rows(&g),
            grid: g,
            notes,
            ..LogicalTable::default()
        };
        crate::table::finish(&mut t);
        if t.grid.cells.iter().any(|c| !c.text.trim().is_empty()) {
            self.logical.push(t);
        }
        true
    }

    /// Reads a table if it is (or continues) a 绩效目标表; true if taken.
    fn read_table(&mut self, table: ElementRef, grid: Grid) -> bool {
        let around = std::mem::take(&mut self.around);
        let mut meta = TableMeta::default();
        for line in &around {
            absorb_meta(&mut meta, line);
        }
        let Some(header) = find_header(&grid) else {
            if self.continues(&grid, &meta) {
                self.page_break();
                self.read_body(&grid, 0, None);
                return true;
            }
            self.around = around;
            return false;
        };
        let (mut inner, unused) = table_meta(&grid, header.first);
        for caption in table
            .child_elements()
            .filter(|e| e.value().name() == "caption")
        {
            absorb_meta(&mut inner, &cell_text(caption));
        }
        merge_meta(&mut meta, inner);
        let same = self
            .tables
            .last()
            .is_some_and(|t| t.columns == header.columns && meta_agrees(&meta, &t.meta));
        if same {
            // The same table again after a page break (PDF-viewer HTML).
            self.page_break();
        } else {
            self.tables.push(RawTable {
                meta,
                columns: header.columns.clone(),
                ..RawTable::default()
            });
        }
        self.report_unused(unused);
        self.read_body(&grid, header.body, Some(&header));
        true
    }

    /// Text in the table's rows above its header that no metadata took.
    fn report_unused(&mut self, unused: Vec<String>) {
        let (source, page) = (self.source, self.page);
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
    fn continues(&self, grid: &Grid, meta_between: &TableMeta) -> bool {
        self.tables.last().is_some_and(|t| {
            t.columns.len() == grid.width()
                && grid.width() > 1
                && meta_agrees(meta_between, &t.meta)
        })
    }

    fn read_body(&mut self, grid: &Grid, from: usize, header: Option<&Header>) {
        let mut r = from;
        while r < grid.rows.len() {
            let end = (r + record_span(grid, r)).min(grid.rows.len());
            let mut texts: Vec<String> = Vec::new();
            let mut pages: Vec<u32> = Vec::new();
            for rr in r..end {
                let Some(row) = grid.rows.get(rr) else {
                    break;
                };
                if row.break_before {
                    self.content_on_page |= texts.iter().any(|t| !t.is_empty());
                    self.page_break();
                }
                join_cells(&mut texts, grid.row_texts(rr, true));
                if !pages.contains(&self.page) {
                    pages.push(self.page);
                }
                if row.break_after && rr + 1 < end {
                    self.content_on_page |= texts.iter().any(|t| !t.is_empty());
                    self.page_break();
                }
            }
            self.read_row(grid, r, texts, pages, header);
            if grid.rows.get(end - 1).is_some_and(|row| row.break_after) {
                self.page_break();
            }
            r = end;
        }
    }

    /// Reads one record: the texts of a row, or of the rows its name cell
    /// spans, joined column by column.
    fn read_row(
        &mut self,
        grid: &Grid,
        r: usize,
        texts: Vec<String>,
        pages: Vec<u32>,
        header: Option<&Header>,
    ) {
        if texts.iter().all(|t| t.trim().is_empty()) {
            return;
        }
        let labels: Vec<String> = grid.labels(r).iter().map(|l| compact(l)).collect();
        if header.is_some_and(|h| h.rows.contains(&labels)) || is_header(&labels) {
            // A header repeated after rows marks a page break in the source;
            // right after an inner title row it just heads the new table.
            if self.tables.last().is_some_and(|t| !t.rows.is_empty()) {
                self.page_break();
            }
            return;
        }
        if self.meta_row(grid, r, &texts) {
            return;
        }
        self.content_on_page = true;
        let page = pages.first().copied().unwrap_or(self.page);
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
    fn meta_row(&mut self, grid: &Grid, r: usize, texts: &[String]) -> bool {
        let filled: Vec<&String> = texts.iter().filter(|t| !t.trim().is_empty()).collect();
        let spans = grid.origin_cells(r).any(|c| c.colspan > 1);
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
        let full = grid.origin_cells(r).count() == 1;
        if full {
            let w = Warning::new(
                WarningKind::NoteRow,
                self.source,
                format!(
                    "row spanning the table skipped: {}",
                    filled.iter().map(|s| s.as_str()).collect::<String>()
                ),
            )
            .at(Some(self.page), None);
            table.warnings.push(w);
        }
        full
    }
}

fn no_table_detail(tables_seen: usize) -> String {
    match tables_seen {
        0 => "the page has no <table>".to_string(),
        n => {
            format!("{n} table(s) in the page, none with a 项目名称 … 绩效目标/绩效指标 header row")
        }
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

/// How many rows one body record covers: a name cell spanning rows down
/// (one row per indicator, say) makes them one record.
fn record_span(grid: &Grid, r: usize) -> usize {
    let first = grid
        .rows
        .get(r)
        .and_then(|row| row.slots.first().copied().flatten());
    match first {
        Some(s) if s.origin => grid.cells.get(s.cell).map_or(1, |c| c.rowspan),
        _ => 1,
    }
}

/// Appends a row's texts to a record's, column by column, as lines of one
/// cell (joined like `<p>`s).
fn join_cells(acc: &mut Vec<String>, next: Vec<String>) {
    if acc.len() < next.len() {
        acc.resize(next.len(), String::new());
    }
    for (a, b) in acc.iter_mut().zip(next) {
        if b.is_empty() {
            continue;
        }
        let mut buf = TextBuf::default();
        buf.push_str(a);
        buf.gap(Gap::Break);
        buf.push_str(&b);
        *a = buf.take();
    }
}

/// Metadata from rows above the header inside the table.
/// Also returns the texts of those rows that are none of title, 部门名称
/// or 单位, so they can be reported rather than lost.
fn table_meta(grid: &Grid, header_row: usize) -> (TableMeta, Vec<String>) {
    let mut meta = TableMeta::default();
    let mut unused = Vec::new();
    for r in 0..header_row {
        let mut seen: Vec<usize> = Vec::new();
        for slot in grid
            .rows
            .get(r)
            .into_iter()
            .flat_map(|row| row.slots.iter().flatten())
        {
            if seen.contains(&slot.cell) {
                continue;
            }
            seen.push(slot.cell);
            if let Some(c) = grid.cells.get(slot.cell) {
                if !absorb_meta(&mut meta, &c.text) && !c.text.trim().is_empty() {
                    unused.push(c.text.trim().to_string());
                }
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

    fn read_str(html: &str) -> Result<RawDocument> {
        read(Path::new("t.html"), html.as_bytes())
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

    fn text_of(fragment: &str) -> String {
        let html = format!("<table><tr><td>{fragment}</td></tr></table>");
        let Ok(dom) = Dom::parse(Path::new("t.html"), &html) else {
            return String::new();
        };
        let td = dom
            .root()
            .descendants()
            .filter_map(ElementRef::wrap)
            .find(|e| e.value().name() == "td");
        td.map(cell_text).unwrap_or_default()
    }

    #[test]
    fn joins_cell_text_as_read() {
        assert_eq!(text_of("<p>1、甲。</p><p>2、乙。</p>"), "1、甲。2、乙。");
        assert_eq!(text_of("<p>Hello</p><p>world</p>"), "Hello world");
        assert_eq!(text_of("<p>100</p><p>%</p>"), "100%");
        assert_eq!(text_of("科普\r\n  经费"), "科普经费");
        assert_eq!(text_of("目标值: 90 %"), "目标值: 90 %");
        assert_eq!(text_of("目标值：  90 %"), "目标值：90 %");
        assert_eq!(text_of("a<br>b"), "a b");
        assert_eq!(text_of("甲<br/>乙"), "甲乙");
        assert_eq!(
            text_of("&nbsp;&ldquo;科普e站&rdquo;&gt;&amp;&nbsp;"),
            "“科普e站”>&"
        );
        assert_eq!(
            text_of("<span lang=EN-US>8,234.33<o:p></o:p></span><o:p>&nbsp;</o:p>"),
            "8,234.33"
        );
        assert_eq!(
            text_of("见<span style='display:none'>隐藏</span>表"),
            "见表"
        );
        assert_eq!(text_of("甲<!--[if gte mso 9]>注释<![endif]-->乙"), "甲乙");
    }

    #[test]
    fn honours_declared_charset() {
        let page =
            "<html><head><meta http-equiv=Content-Type content=\"text/html; charset=gb2312\">\
            </head><body>部门名称：广州市科学技术协会（本级）</body></html>";
        let (gbk, _, _) = encoding_rs::GBK.encode(page);
        let (text, warn) = decode_html(&gbk);
        assert!(text.contains("部门名称：广州市科学技术协会（本级）"));
        assert_eq!(warn, None);
        // GB18030-only characters under a GB18030 label.
        let page = "<meta charset=\"GB18030\">𠀀€";
        let (bytes, _, _) = GB18030.encode(page);
        assert_eq!(decode_html(&bytes).0, page);
        let page = "<?xml version=\"1.0\" encoding=\"GBK\"?><html>单位：万元</html>";
        let (bytes, _, _) = encoding_rs::GBK.encode(page);
        assert_eq!(declared_encoding(&bytes), Some(encoding_rs::GBK));
        assert_eq!(decode_html(&bytes).0, page);
    }

    #[test]
    fn sniffs_when_undeclared_and_repairs_wrong_labels() {
        let (gbk, _, _) = encoding_rs::GBK.encode("<p>单位：万元</p>");
        assert_eq!(decode_html(&gbk), ("<p>单位：万元</p>".to_string(), None));
        let utf8 = "<meta charset=gbk><p>单位：万元</p>";
        let (text, warn) = decode_html(utf8.as_bytes());
        assert_eq!(text, utf8);
        assert!(warn.is_some_and(|w| w.contains("GBK") && w.contains("UTF-8")));
        let bom = "\u{feff}<meta charset=gbk><p>合计</p>";
        assert_eq!(
            decode_html(bom.as_bytes()).0,
            "<meta charset=gbk><p>合计</p>"
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
