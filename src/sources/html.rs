//! HTML pages (government sites, Word "save as web page") → logical tables.
//!
//! Every innermost `<table>` becomes a logical table; `rowspan`/`colspan`
//! are expanded onto a grid, and the text since the previous table becomes
//! its notes. Cell text is built from the DOM's text nodes rather than
//! `html2text`: html2text lays text out for a terminal (wrapping, table
//! drawing, markdown marks), while we need the exact characters of each
//! cell joined the way a reader sees them.
//!
//! Pages: a CSS page break starts one; so does a table continuing the one
//! before it (a page saved from a PDF viewer prints one `<table>` per page)
//! and a header row printed again after body rows (Word repeats it on each
//! page). Each table also keeps its grid as printed ([`Piece`]) for readers
//! whose repair needs the rows before the table stage.

use super::doc::SourceDoc;
use super::html_dom::{Dom, Edge, Element, ElementRef, Node, NodeId, NodeRef};
use crate::error::Result;
use crate::raw::Format;
use crate::sources::decode::decode_text;
use crate::table::{LogicalTable, Note, NotePlace, Piece};
use crate::warning::{Warning, WarningKind};
use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE, UTF_8};
use std::path::Path;
use std::sync::LazyLock;

/// Largest span honoured; anything larger is a broken page, not a table.
const MAX_SPAN: usize = 1000;

/// The HTML source: every `<table>` that holds no other table, as a
/// logical table with the text since the previous table as notes above it.
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
    let mut reader = PageReader::new();
    reader.walk(dom.root());
    // Everything is read out of the DOM: free it before the last table's
    // copy for the table stage is made.
    drop(dom);
    crate::cancel::check()?;
    reader.settle()?;
    let warnings: Vec<Warning> = enc_warning
        .map(|m| Warning::new(WarningKind::Encoding, &source, m))
        .into_iter()
        .collect();
    Ok(SourceDoc {
        source,
        format: Format::Html,
        pages: reader.page,
        tables: reader.logical,
        warnings,
        seen: Some(seen(reader.tables_seen)),
    })
}

/// What the page held, for the message when no kind used any of it.
fn seen(tables: usize) -> super::doc::Seen {
    match tables {
        0 => super::doc::Seen::nothing("the page has no <table>"),
        n => super::doc::Seen::tables(format!("{n} table(s) in the page")),
    }
}

/// The first [`HEAD_ROWS`] rows of a grid as the shared table type, with
/// the row count and every span in full: what header detection and the
/// continuation test read before the rows are walked, without a copy of
/// the whole table.
fn head_grid(grid: &Grid, page: u32) -> crate::table::Grid {
    let text = |i: usize| grid.texts.get(i).map_or(String::new(), |t| t.to_string());
    layout(&grid.rows, HEAD_ROWS, &[], page, text)
}

/// Rows [`head_grid`] keeps: all that `header::detect_rows` looks at.
const HEAD_ROWS: usize = crate::table::header::MAX_HEADER_ROWS;

/// A grid as the shared table type, moving the texts out of `grid`: each
/// cell once, at its top-left slot, with the rows and columns it covers;
/// row `r` on `pages[r]` (`page` where not given).
fn shared_grid(grid: Grid, pages: &[u32], page: u32) -> crate::table::Grid {
    let Grid {
        mut texts, rows, ..
    } = grid;
    let text = |i: usize| {
        texts
            .get_mut(i)
            .map(std::mem::take)
            .unwrap_or_default()
            .into()
    };
    layout(&rows, rows.len(), pages, page, text)
}

/// The shared grid's cells in the first `limit` of `rows` (all rows
/// counted), cell `i`'s text from `text(i)`.
fn layout(
    rows: &[GridRow],
    limit: usize,
    pages: &[u32],
    page: u32,
    mut text: impl FnMut(usize) -> String,
) -> crate::table::Grid {
    let width = rows.iter().map(|r| r.slots.len()).max().unwrap_or(0);
    let mut out = crate::table::Grid::new(rows.len(), width, page);
    for (slot, p) in out.row_pages.iter_mut().zip(pages) {
        *slot = *p;
    }
    // Every cell has one origin: a big table's cells are not over-allocated.
    let origins = |r: &GridRow| r.slots.iter().flatten().filter(|s| s.origin).count();
    out.cells
        .reserve_exact(rows.iter().take(limit).map(origins).sum());
    for (r, row) in rows.iter().enumerate().take(limit) {
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
                + (r + 1..rows.len())
                    .take_while(|&k| same(rows.get(k).and_then(|x| x.slots.get(c))))
                    .count();
            out.cells.push(crate::table::Cell {
                row: r,
                col: c,
                row_span,
                col_span,
                text: text(s.cell as usize),
            });
        }
    }
    out
}

/// Rows that one cell covers from side to side (titles inside the grid),
/// as the shared grid's cells spanning all its columns.
fn banner_rows(grid: &Grid) -> Vec<usize> {
    let width = grid.width();
    let spans_all = |row: &GridRow| match row.slots.first() {
        Some(Some(first)) if first.origin => {
            row.slots.len() >= width
                && row
                    .slots
                    .iter()
                    .all(|s| s.is_some_and(|s| s.cell == first.cell))
        }
        _ => false,
    };
    (0..grid.rows.len())
        .filter(|&r| grid.rows.get(r).is_some_and(spans_all))
        .collect()
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

/// A grid position: which cell covers it, and whether it is the cell's
/// top-left corner (where its text belongs in a body row). 8 bytes: a big
/// table has millions.
#[derive(Debug, Clone, Copy)]
struct Slot {
    cell: u32,
    origin: bool,
}

#[derive(Debug, Default)]
struct GridRow {
    slots: Vec<Option<Slot>>,
}

/// A table with its spans expanded.
#[derive(Debug, Default)]
struct Grid {
    /// Each source cell's text, by cell number (its spans are the slots
    /// it covers).
    texts: Vec<Box<str>>,
    rows: Vec<GridRow>,
    /// The `<tr>` of each row.
    trs: Vec<NodeId>,
}

/// Per column: the cell spanning down into later rows, and how many.
type Carry = Vec<Option<(u32, usize)>>;

impl Grid {
    fn build(table: ElementRef) -> Grid {
        let mut grid = Grid::default();
        let mut carry = Carry::new();
        for tr in own_rows(table) {
            // Past --timeout: stop; the walk stops too and read_source() reports it.
            if crate::cancel::cancelled() {
                break;
            }
            let mut row = GridRow::default();
            for td in tr
                .child_elements()
                .filter(|e| matches!(e.value().name(), "td" | "th"))
            {
                fill_carried(&mut row, &mut carry, false);
                let spans = (
                    span(td.value().attr("colspan")),
                    span(td.value().attr("rowspan")),
                );
                grid.place(&mut row, &mut carry, cell_text(td).into(), spans);
            }
            fill_carried(&mut row, &mut carry, true);
            row.slots.shrink_to_fit();
            grid.rows.push(row);
            grid.trs.push(tr.id());
        }
        grid.texts.shrink_to_fit();
        grid
    }

    /// Places a cell of `colspan` × `rowspan` slots at the end of `row`.
    fn place(
        &mut self,
        row: &mut GridRow,
        carry: &mut Carry,
        text: Box<str>,
        (colspan, rowspan): (usize, usize),
    ) {
        // The DOM caps a page's cells far below u32::MAX.
        let Ok(id) = u32::try_from(self.texts.len()) else {
            return;
        };
        for k in 0..colspan {
            let col = row.slots.len();
            row.slots.push(Some(Slot {
                cell: id,
                origin: k == 0,
            }));
            if carry.len() <= col {
                carry.resize(col + 1, None);
            }
            if let Some(c) = carry.get_mut(col) {
                *c = (rowspan > 1).then_some((id, rowspan - 1));
            }
        }
        self.texts.push(text);
    }

    /// Leaf-or-spanning label at each column of a row (header reading).
    fn labels(&self, r: usize) -> Vec<String> {
        let Some(row) = self.rows.get(r) else {
            return Vec::new();
        };
        row.slots
            .iter()
            .map(|s| {
                s.and_then(|s| self.text(s.cell))
                    .unwrap_or_default()
                    .to_string()
            })
            .collect()
    }

    fn text(&self, cell: u32) -> Option<&str> {
        self.texts.get(cell as usize).map(|t| &**t)
    }

    /// Texts of the cells that start in row `r`.
    fn origin_texts(&self, r: usize) -> impl Iterator<Item = &str> {
        self.rows
            .get(r)
            .into_iter()
            .flat_map(|row| row.slots.iter().flatten())
            .filter(|s| s.origin)
            .filter_map(|s| self.text(s.cell))
    }

    fn width(&self) -> usize {
        self.rows.iter().map(|r| r.slots.len()).max().unwrap_or(0)
    }
}

/// Copies cells spanning down from earlier rows into `row` at its current
/// end; with `to_end`, also past gaps up to the widest carried column.
fn fill_carried(row: &mut GridRow, carry: &mut [Option<(u32, usize)>], to_end: bool) {
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

// ------------------------------------------------------------- the page

/// An innermost table being walked: its grid, the page of each row as
/// the walk reaches it, and what is needed to see a header printed again.
struct OpenTable {
    node: NodeId,
    grid: Grid,
    pages: Vec<u32>,
    /// Compacted texts of the header rows (as the table stage finds them).
    header: Vec<Vec<String>>,
    /// The full-width rows (titles inside the grid).
    banners: Vec<usize>,
    /// A body row was read since the last header row.
    body_seen: bool,
    above: Vec<String>,
    captions: Vec<String>,
    notes: Vec<Note>,
}

/// Walks the page in reading order, collecting tables and the text
/// between them (where titles and 部门名称 often sit).
struct PageReader {
    /// Current 1-based page.
    page: u32,
    /// Whether anything was read since the last page break.
    content_on_page: bool,
    line: TextBuf,
    tables_seen: usize,
    /// Every innermost table with text, joined where one continues another.
    logical: Vec<LogicalTable>,
    /// Text lines since the previous table (notes above the next one).
    since_table: Vec<Note>,
    /// The innermost table being walked (its text is in cells, not notes).
    open: Option<OpenTable>,
    /// Tables closed, each as its piece alone: the table stage runs on
    /// them once the DOM is freed ([`Self::settle`]).
    closed: Vec<LogicalTable>,
    /// The last table as the table stage will leave it, as far as the
    /// continuation test reads it ([`outline`]): the walk's page breaks
    /// are decided from it while the tables wait in `closed`.
    last: Option<LogicalTable>,
}

impl PageReader {
    fn new() -> Self {
        PageReader {
            page: 1,
            content_on_page: false,
            line: TextBuf::default(),
            tables_seen: 0,
            logical: Vec::new(),
            since_table: Vec::new(),
            open: None,
            closed: Vec::new(),
            last: None,
        }
    }

    fn walk(&mut self, root: NodeRef) {
        let mut skip: Option<NodeId> = None;
        for edge in root.traverse() {
            // Past --timeout: stop; read_source() reports it.
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
                match el.name() {
                    "table" => {
                        self.tables_seen += 1;
                        if let Some(table) = ElementRef::wrap(node) {
                            self.open_table(table);
                        }
                    }
                    "tr" => self.open_row(node.id()),
                    _ => {}
                }
                true
            }
            _ => true,
        }
    }

    fn close(&mut self, node: NodeRef) {
        if self.open.as_ref().is_some_and(|t| t.node == node.id()) {
            self.flush_line();
            self.close_table();
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
            if self.open.is_none() {
                self.since_table.push(Note {
                    page: self.page,
                    place: NotePlace::Above,
                    text: line.trim().to_string(),
                });
            }
        }
    }

    fn page_break(&mut self) {
        self.flush_line();
        if self.content_on_page {
            self.page += 1;
            self.content_on_page = false;
        }
    }

    /// Starts walking an innermost table (one holding another is layout:
    /// its text stays notes) with its caption and the text since the
    /// previous table as notes above it. A table continuing the one
    /// before it starts a new page.
    fn open_table(&mut self, table: ElementRef) {
        self.flush_line();
        if self.open.is_some()
            || table
                .descendants()
                .skip(1)
                .any(|n| n.value().as_element().is_some_and(|e| e.name() == "table"))
        {
            return;
        }
        let mut notes = std::mem::take(&mut self.since_table);
        let above = notes.iter().map(|n| n.text.clone()).collect();
        let captions: Vec<String> = table
            .child_elements()
            .filter(|e| e.value().name() == "caption")
            .map(cell_text)
            .collect();
        notes.extend(captions.iter().map(|text| Note {
            page: self.page,
            place: NotePlace::Above,
            text: text.clone(),
        }));
        let grid = Grid::build(table);
        let mut first = LogicalTable {
            grid: head_grid(&grid, self.page),
            notes: notes.clone(),
            first_page: self.page,
            last_page: self.page,
            ..LogicalTable::default()
        };
        first.header_rows = crate::table::header::detect_rows(&first.grid);
        crate::table::furniture::apply(&mut first);
        if self
            .last
            .as_ref()
            .is_some_and(|prev| next_page(prev, &first))
        {
            self.page_break();
        }
        let header = (0..first.header_rows)
            .map(|r| compact_labels(&grid, r))
            .collect();
        let banners = banner_rows(&grid);
        self.open = Some(OpenTable {
            node: table.id(),
            grid,
            pages: Vec::new(),
            header,
            banners,
            body_seen: false,
            above,
            captions,
            notes,
        });
    }

    /// A row of the table being walked: a header row printed again after
    /// body rows starts a new page; the row's page is recorded.
    fn open_row(&mut self, node: NodeId) {
        let Some(t) = self.open.as_ref() else {
            return;
        };
        let r = t.pages.len();
        if t.grid.trs.get(r) != Some(&node) {
            return;
        }
        let labels = compact_labels(&t.grid, r);
        let is_header = r >= t.header.len() && t.header.contains(&labels);
        let blank = t.grid.origin_texts(r).all(|c| c.trim().is_empty());
        if is_header && t.body_seen {
            self.page_break();
        }
        let page = self.page;
        if let Some(t) = self.open.as_mut() {
            if is_header || t.banners.contains(&r) {
                t.body_seen = false;
            } else if !blank && r >= t.header.len() {
                t.body_seen = true;
            }
            t.pages.push(page);
        }
    }

    /// Ends the table being walked: its grid as printed becomes its piece,
    /// the table stage's copy waits for the DOM to be freed (a page is not
    /// held as DOM and two copies of its tables at once).
    fn close_table(&mut self) {
        let Some(open) = self.open.take() else {
            return;
        };
        let g = shared_grid(open.grid, &open.pages, self.page);
        let t = LogicalTable {
            first_page: g.page_of(0),
            last_page: g.row_pages.last().copied().unwrap_or(self.page),
            pieces: vec![Piece {
                grid: g,
                above: open.above,
                captions: open.captions,
                ..Piece::default()
            }],
            notes: open.notes,
            ..LogicalTable::default()
        };
        if let Some(next) = outline(&t) {
            match self.last.as_mut() {
                // The joiner will append it: the table grows a page.
                Some(prev) if crate::table::join::continues(prev, &next) => {
                    prev.last_page = prev.last_page.max(next.last_page);
                }
                _ => self.last = Some(next),
            }
        }
        self.closed.push(t);
    }

    /// Runs the table stage on the tables closed, in order: each kept if
    /// any cell has text, joined to the one before when it continues it.
    fn settle(&mut self) -> Result<()> {
        for mut t in std::mem::take(&mut self.closed) {
            crate::cancel::check()?;
            t.grid = t.pieces.first().map(|p| p.grid.clone()).unwrap_or_default();
            t.header_rows = crate::table::header::detect_rows(&t.grid);
            crate::table::finish(&mut t);
            share_unchanged(&mut t);
            if t.grid.cells.iter().any(|c| !c.text.trim().is_empty()) {
                crate::table::join::push(&mut self.logical, t);
            }
        }
        Ok(())
    }
}

/// What the continuation test reads of `t` once the table stage has run,
/// taken from its piece without that stage: pages, columns, header rows
/// and their texts, furniture (the stage changes none of them: it drops
/// and joins body rows only). None when no cell has text (not kept).
fn outline(t: &LogicalTable) -> Option<LogicalTable> {
    let g = &t.pieces.first()?.grid;
    if g.cells.iter().all(|c| c.text.trim().is_empty()) {
        return None;
    }
    let header_rows = crate::table::header::detect_rows(g);
    let keep = header_rows.max(HEAD_ROWS);
    let mut out = LogicalTable {
        grid: crate::table::Grid {
            cells: g.cells.iter().filter(|c| c.row < keep).cloned().collect(),
            row_pages: g.row_pages.clone(),
            ..*g
        },
        header_rows,
        first_page: t.first_page,
        last_page: t.last_page,
        notes: t.notes.clone(),
        ..LogicalTable::default()
    };
    crate::table::furniture::apply(&mut out);
    Some(out)
}

/// Frees the piece of a table the table stage left as printed: it is the
/// table's grid (`Piece::same_as_table`), and the kinds read one copy.
fn share_unchanged(t: &mut LogicalTable) {
    if let [p] = t.pieces.as_mut_slice() {
        if p.grid == t.grid {
            p.grid = crate::table::Grid::default();
            p.same_as_table = true;
        }
    }
}

/// Whether a table continues `prev` on a new page: the joiner would join
/// it, and it names no other 部门 or 单位.
fn next_page(prev: &LogicalTable, t: &LogicalTable) -> bool {
    let agrees = |a: &Option<String>, b: &Option<String>| a.is_none() || a == b;
    crate::table::join::continues(prev, t)
        && agrees(&t.meta.department, &prev.meta.department)
        && agrees(&t.meta.currency_unit, &prev.meta.currency_unit)
}

/// Row `r` with spans repeated, whitespace removed (to spot a header
/// printed again).
fn compact_labels(g: &Grid, r: usize) -> Vec<String> {
    g.labels(r).iter().map(|s| compact(s)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "<tr><td>科目编码</td><td>科目名称</td><td>合计</td><td>基本支出</td>\
        <td>项目支出</td><td>上缴上级支出</td><td>其他支出</td></tr>";

    fn row(cells: &[&str]) -> String {
        let tds: String = cells.iter().map(|c| format!("<td>{c}</td>")).collect();
        format!("<tr>{tds}</tr>")
    }

    fn read_str(html: &str) -> SourceDoc {
        read_source(Path::new("t.html"), html.as_bytes()).unwrap_or_else(|e| panic!("{e}"))
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
    fn a_header_printed_again_after_body_rows_starts_a_page() {
        let page = format!(
            "<p>cover</p><br style='page-break-before:always'><table>{HEAD}{}{HEAD}{}\
             <tr style='page-break-before: always'><td>丙</td><td>1.00</td></tr></table>",
            row(&["甲", "1.00", "", "", "", "", ""]),
            row(&["乙", "1.00", "", "", "", "", ""]),
        );
        let doc = read_str(&page);
        assert_eq!(doc.pages, 4);
        let piece = &doc.tables[0].pieces[0];
        assert_eq!(piece.grid.row_pages, [2, 2, 3, 3, 4]);
        assert_eq!(piece.above, ["cover"]);
        // The table stage dropped the repeated header; the piece keeps it.
        assert_eq!((doc.tables[0].grid.n_rows, piece.grid.n_rows), (4, 5));
    }

    #[test]
    fn a_table_continuing_the_one_before_starts_a_page() {
        let page = format!(
            "<p>部门名称：甲局</p><table>{HEAD}{}</table><p>第1页</p>\
             <table>{}</table><table>{HEAD}{}</table>\
             <p>部门名称：乙局</p><table>{HEAD}{}</table>",
            row(&["甲", "1.00", "", "", "", "", ""]),
            row(&["", "", "", "", "", "续", ""]),
            row(&["乙", "2.00", "", "", "", "", ""]),
            row(&["丙", "3.00", "", "", "", "", ""]),
        );
        let doc = read_str(&page);
        let pages: Vec<Vec<u32>> = doc
            .tables
            .iter()
            .flat_map(|t| t.pieces.iter().map(|p| p.grid_in(t).row_pages.clone()))
            .collect();
        // Another 部门 is another table, not a new page.
        assert_eq!(pages, [vec![1, 1], vec![2], vec![3, 3], vec![3, 3]]);
        assert_eq!(doc.pages, 3);
    }

    fn grid_of(html: &str) -> Grid {
        let dom = Dom::parse(Path::new("t.html"), html).unwrap_or_else(|e| panic!("{e}"));
        let table = dom
            .root()
            .descendants()
            .filter_map(ElementRef::wrap)
            .find(|e| e.value().name() == "table");
        table.map(Grid::build).unwrap_or_default()
    }

    /// A huge table's grid is built under the file's deadline too.
    #[test]
    fn building_a_grid_stops_past_the_deadline() {
        let html = format!("<table>{}</table>", row(&["甲", "1.00"]).repeat(50));
        let dom = Dom::parse(Path::new("t.html"), &html).unwrap_or_else(|e| panic!("{e}"));
        let table = dom.root().descendants().find_map(ElementRef::wrap);
        let build = || table.map(Grid::build).map_or(0, |g| g.rows.len());
        assert_eq!(build(), 50);
        let past = crate::cancel::Token::new(Some(std::time::Instant::now()));
        assert_eq!(crate::cancel::scope(&past, build), 0);
    }

    /// A big table has a slot per row and column, and a text per cell.
    #[test]
    fn slots_are_8_bytes_and_texts_16() {
        assert_eq!(std::mem::size_of::<Option<Slot>>(), 8);
        assert_eq!(std::mem::size_of::<Box<str>>(), 16);
    }

    #[test]
    fn the_head_grid_reads_as_the_whole_one_for_the_header() {
        let body: String = (0..20)
            .map(|i| row(&[&format!("项目{i}"), "1.00"]))
            .collect();
        let html = format!(
            "<table><tr><td colspan=3>标题</td></tr>\
             <tr><td rowspan=12>单位</td><td>项目名称</td><td>金额</td></tr>{body}</table>"
        );
        let grid = grid_of(&html);
        let head = head_grid(&grid, 1);
        let full = shared_grid(grid_of(&html), &[], 1);
        assert_eq!((head.n_rows, head.n_cols), (full.n_rows, full.n_cols));
        assert!(head.cells.len() < full.cells.len());
        assert!(head.cells.iter().all(|c| c.row < HEAD_ROWS));
        // The spanning cell keeps its span past the rows kept.
        assert!(head
            .cells
            .iter()
            .any(|c| c.text == "单位" && c.row_span == 12));
        let detect = crate::table::header::detect_rows;
        assert_eq!(detect(&head), detect(&full));
        let spanning: Vec<usize> = full
            .cells
            .iter()
            .filter(|c| c.col_span >= full.n_cols)
            .map(|c| c.row)
            .collect();
        assert_eq!(banner_rows(&grid), spanning);
        assert_eq!(spanning, [0]);
    }

    /// The table stage's copies are made once the walk is over (and the
    /// DOM freed): during the walk each table is held once, as its piece.
    #[test]
    fn tables_wait_for_the_table_stage_until_the_dom_is_freed() {
        let html = format!(
            "<table>{HEAD}{}</table><table>{}</table>",
            row(&["甲", "1.00"]),
            row(&["收入", "支出"])
        );
        let dom = Dom::parse(Path::new("t.html"), &html).unwrap_or_else(|e| panic!("{e}"));
        let mut reader = PageReader::new();
        reader.walk(dom.root());
        assert!(reader.logical.is_empty());
        let waiting = |t: &LogicalTable| t.grid.cells.is_empty() && t.pieces.len() == 1;
        assert!(reader.closed.len() == 2 && reader.closed.iter().all(waiting));
        drop(dom);
        assert!(reader.settle().is_ok() && reader.closed.is_empty());
        // Tables left as printed: each piece is its table's grid.
        assert_eq!(reader.logical.len(), 2);
        for t in &reader.logical {
            let piece = t.pieces.first();
            assert!(piece.is_some_and(|p| p.same_as_table && p.grid.cells.is_empty()));
            assert!(piece.is_some_and(|p| p.grid_in(t) == &t.grid && t.grid.n_rows > 0));
        }
    }

    /// The outline the walk decides page breaks from is the table the
    /// table stage makes, as far as the continuation test reads it.
    #[test]
    fn the_walks_outline_of_the_last_table_is_what_the_table_stage_makes() {
        let body: String = (0..30)
            .map(|i| row(&[&format!("项目{i}"), "1.00", "", "", "", "", ""]))
            .collect();
        let pages = [
            format!("<p>部门名称：甲局</p><p>单位：万元</p><table>{HEAD}{body}</table>"),
            format!("<table>{HEAD}{body}</table><p>第2页</p>"),
            format!(
                "<table>{}{body}</table>",
                row(&["", "", "", "", "", "续", ""])
            ),
        ];
        let dom =
            Dom::parse(Path::new("t.html"), &pages.concat()).unwrap_or_else(|e| panic!("{e}"));
        let mut reader = PageReader::new();
        reader.walk(dom.root());
        let outline = reader.last.take();
        assert!(reader.settle().is_ok());
        let made = reader.logical.last();
        let seen = |t: &LogicalTable| {
            let header: Vec<Vec<String>> =
                (0..t.header_rows).map(|r| t.grid.row_texts(r)).collect();
            (
                t.first_page,
                t.last_page,
                t.grid.n_cols,
                header,
                t.meta.clone(),
            )
        };
        assert_eq!(reader.logical.len(), 1, "the three tables are one");
        assert_eq!(outline.as_ref().map(seen), made.map(seen));
        assert_eq!(made.map(|t| t.last_page), Some(3));
    }

    #[test]
    fn says_how_many_tables_the_page_holds() {
        let none = read_str("<html><body><p>hi</p></body></html>");
        assert_eq!(
            none.seen.map(|s| s.what),
            Some("the page has no <table>".into())
        );
        let one = read_str("<table><tr><td>收入</td><td>金额</td></tr></table>");
        assert_eq!(
            one.seen.map(|s| s.what),
            Some("1 table(s) in the page".into())
        );
    }
}
