//! Word documents (DOCX) as logical tables.
//!
//! `word/document.xml` is streamed (never held as a tree): every `w:tbl`
//! becomes one table in document order, a table nested in a cell its own
//! table (its text is not repeated in the outer cell). `w:gridSpan` is a
//! column span, `w:vMerge` restart/continue a row span (legacy `w:hMerge`
//! a column span). A cell's text is its paragraphs, runs joined, the
//! paragraphs joined without a separator except one space between two
//! Latin words. The paragraphs since the previous table are the table's
//! `Above` notes; those after the last table its `Below` notes. Pages are
//! counted from 1 at explicit page breaks (`w:br w:type="page"`), rendered
//! breaks (`w:lastRenderedPageBreak`), `w:pageBreakBefore` and section
//! breaks starting a new page (read in a first pass: a section's type is
//! in the `w:sectPr` that ends it); a rendered break right after another
//! break is the same page turn.

use super::limits::{check_grid, CellBudget, MAX_SPAN, MAX_TABLES};
use super::office::{
    check_zip, clean_line, clean_text, is_encrypted_ole, is_ole, sniff_zip, ZipKind,
};
use crate::table::{header, Cell, Grid, LogicalTable, Note, NotePlace};
use crate::{Error, Result};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Cursor};
use std::path::Path;

/// Reads every table of a DOCX document.
pub fn read(path: &Path, bytes: &[u8]) -> Result<Vec<LogicalTable>> {
    check_container(path, bytes)?;
    check_zip(path, bytes)?;
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| Error::malformed(path, format!("not a readable zip container: {e}")))?;
    // Two streamed passes: a section's type is known only at its end.
    let sections = section_starts(path, open_part(path, &mut archive)?)?;
    let tables = walk(path, open_part(path, &mut archive)?, sections)?;
    Ok(tables)
}

fn open_part<'a, 'b>(
    path: &Path,
    archive: &'a mut zip::ZipArchive<Cursor<&'b [u8]>>,
) -> Result<BufReader<zip::read::ZipFile<'a, Cursor<&'b [u8]>>>> {
    archive
        .by_name("word/document.xml")
        .map(BufReader::new)
        .map_err(|e| Error::malformed(path, format!("cannot open word/document.xml: {e}")))
}

/// The tables of a `word/document.xml` stream (what [`read`] does once the
/// container is checked, without section breaks); streamed, so memory
/// follows the tables, not the part's size.
pub fn from_document_xml(path: &Path, xml: impl BufRead) -> Result<Vec<LogicalTable>> {
    walk(path, xml, Vec::new())
}

fn xml_error(path: &Path, e: quick_xml::Error) -> Error {
    Error::malformed(path, format!("damaged word/document.xml: {e}"))
}

/// For each section in order, whether it starts on a new page: the
/// `w:sectPr` ending it holds its `w:type` (`nextPage` when absent;
/// `continuous` and `nextColumn` stay on the page). Revisions
/// (`w:sectPrChange`) and `mc:Fallback` copies are skipped, as in [`walk`].
fn section_starts(path: &Path, xml: impl BufRead) -> Result<Vec<bool>> {
    let mut reader = Reader::from_reader(xml);
    let (mut out, mut buf) = (Vec::new(), Vec::new());
    let (mut skip, mut in_sect) = (0usize, false);
    loop {
        let (name, start, end) = match reader
            .read_event_into(&mut buf)
            .map_err(|e| xml_error(path, e))?
        {
            Event::Start(e) => (e.local_name().as_ref().to_string(), true, false),
            Event::Empty(e) => {
                let new_page = !matches!(
                    attr(&e, "val").as_deref(),
                    Some("continuous" | "nextColumn")
                );
                if skip == 0 && in_sect && e.local_name().as_ref() == "type" {
                    if let Some(last) = out.last_mut() {
                        *last = new_page;
                    }
                }
                (e.local_name().as_ref().to_string(), true, true)
            }
            Event::End(e) => (e.local_name().as_ref().to_string(), false, true),
            Event::Eof => break,
            _ => (String::new(), false, false),
        };
        buf.clear();
        let skipped = matches!(name.as_str(), "Fallback" | "sectPrChange");
        if start && (skip > 0 || skipped) {
            skip += 1;
        } else if start && name == "sectPr" {
            out.push(true);
            in_sect = true;
        }
        if end && skip > 0 {
            skip -= 1;
        } else if end && name == "sectPr" {
            in_sect = false;
        }
    }
    Ok(out)
}

fn walk(path: &Path, xml: impl BufRead, sections: Vec<bool>) -> Result<Vec<LogicalTable>> {
    let mut reader = Reader::from_reader(xml);
    let mut walker = Walker::new(path);
    walker.sections = sections;
    let mut buf = Vec::new();
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| xml_error(path, e))?;
        match event {
            Event::Start(e) => walker.start(&e)?,
            Event::Empty(e) => {
                walker.start(&e)?;
                walker.end(e.local_name().as_ref())?;
            }
            Event::End(e) => walker.end(e.local_name().as_ref())?,
            Event::Text(t) => walker.text(&t.xml10_content()),
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c.to_string()),
                    _ => quick_xml::escape::resolve_predefined_entity(&r.xml10_content())
                        .map(str::to_string),
                };
                walker.text(resolved.as_deref().unwrap_or(""));
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(walker.finish())
}

/// A Word document and nothing else: says what the file is otherwise.
fn check_container(path: &Path, bytes: &[u8]) -> Result<()> {
    if is_encrypted_ole(bytes) {
        return Err(Error::unsupported(
            path,
            "password-protected document: cannot be read",
        ));
    }
    if is_ole(bytes) {
        return Err(Error::unsupported(
            path,
            "an OLE file (Word 97–2003 .doc or .xls), not a DOCX document",
        ));
    }
    match sniff_zip(bytes) {
        Some(ZipKind::Docx) => Ok(()),
        Some(ZipKind::Xlsx) => Err(Error::unsupported(
            path,
            "a spreadsheet, not a Word document",
        )),
        None => Err(Error::unsupported(
            path,
            "not a DOCX document (no word/document.xml part)",
        )),
    }
}

/// A paragraph being read: its runs' text and the page it starts on.
#[derive(Debug, Default)]
struct Para {
    text: String,
    page: Option<u32>,
}

#[derive(Debug, Default, Clone, Copy, PartialEq)]
enum VMerge {
    #[default]
    None,
    Restart,
    Continue,
}

#[derive(Debug, Default)]
struct CellB {
    paras: Vec<String>,
    span: usize,
    vmerge: VMerge,
    hmerge_continue: bool,
}

#[derive(Debug, Default)]
struct RowB {
    cells: Vec<CellB>,
    grid_before: usize,
    page: Option<u32>,
    header: bool,
}

/// A table being read; `slot` is its place in document order.
#[derive(Debug, Default)]
struct TableB {
    slot: usize,
    rows: Vec<RowB>,
    row: Option<RowB>,
    cell: Option<CellB>,
    notes: Vec<Note>,
}

/// The state of the walk through `word/document.xml`.
struct Walker<'p> {
    path: &'p Path,
    page: u32,
    /// A page turn seen with no text after it yet.
    break_pending: bool,
    seen_text: bool,
    in_text: bool,
    in_run: usize,
    /// Depth inside `mc:Fallback`, which repeats `mc:Choice` content.
    skip: usize,
    paras: Vec<Para>,
    pending: Vec<Note>,
    tables: Vec<TableB>,
    out: Vec<Option<LogicalTable>>,
    last_top: Option<usize>,
    budget: CellBudget,
    /// From [`section_starts`]: whether each section starts a new page.
    sections: Vec<bool>,
    sections_ended: usize,
    /// The paragraph depth whose end turns the page (it ends a section).
    turn_after_para: Option<usize>,
}

impl<'p> Walker<'p> {
    fn new(path: &'p Path) -> Self {
        Walker {
            path,
            page: 1,
            break_pending: false,
            seen_text: false,
            in_text: false,
            in_run: 0,
            skip: 0,
            paras: Vec::new(),
            pending: Vec::new(),
            tables: Vec::new(),
            out: Vec::new(),
            last_top: None,
            budget: CellBudget::default(),
            sections: Vec::new(),
            sections_ended: 0,
            turn_after_para: None,
        }
    }

    fn start(&mut self, e: &BytesStart<'_>) -> Result<()> {
        let name = e.local_name();
        let name = name.as_ref();
        if self.skip > 0 || name == "Fallback" || name == "sectPrChange" {
            self.skip += 1;
            return Ok(());
        }
        match name {
            "p" => self.paras.push(Para::default()),
            "r" => self.in_run += 1,
            "t" => self.in_text = true,
            "tab" if self.in_run > 0 => self.push_text("\t"),
            "br" if attr(e, "type").as_deref() == Some("page") => self.page_turn(true),
            "br" | "cr" if self.in_run > 0 => self.push_text("\n"),
            "lastRenderedPageBreak" => self.page_turn(false),
            "pageBreakBefore" if is_on(e) => self.page_turn(false),
            "tbl" => self.open_table()?,
            "tr" => self.with_table(|t| t.row = Some(RowB::default())),
            "tblHeader" if is_on(e) => self.with_row(|r| r.header = true),
            "gridBefore" => {
                let n = span_val(e);
                self.with_row(|r| r.grid_before = n);
            }
            "tc" => self.with_table(|t| {
                t.cell = Some(CellB {
                    span: 1,
                    ..CellB::default()
                });
            }),
            "gridSpan" => {
                let n = span_val(e);
                self.with_cell(|c| c.span = n);
            }
            "vMerge" => {
                let v = match attr(e, "val").as_deref() {
                    Some("restart") => VMerge::Restart,
                    _ => VMerge::Continue,
                };
                self.with_cell(|c| c.vmerge = v);
            }
            "hMerge" if attr(e, "val").as_deref() != Some("restart") => {
                self.with_cell(|c| c.hmerge_continue = true);
            }
            _ => {}
        }
        Ok(())
    }

    fn end(&mut self, name: &str) -> Result<()> {
        if self.skip > 0 {
            self.skip -= 1;
            return Ok(());
        }
        match name {
            "t" => self.in_text = false,
            "r" => self.in_run = self.in_run.saturating_sub(1),
            "p" => self.close_para(),
            "tc" => {
                if let Some(t) = self.tables.last_mut() {
                    if let (Some(cell), Some(row)) = (t.cell.take(), t.row.as_mut()) {
                        self.budget.take(self.path)?;
                        row.cells.push(cell);
                    }
                }
            }
            "tr" => {
                let page = self.page;
                self.with_table(|t| {
                    if let Some(mut row) = t.row.take() {
                        row.page.get_or_insert(page);
                        t.rows.push(row);
                    }
                });
            }
            "tbl" => self.close_table()?,
            "sectPr" => self.end_section(),
            _ => {}
        }
        Ok(())
    }

    /// A section ends: when the next one starts a new page, the page turns
    /// after the paragraph holding this `w:sectPr` (or here, at the body's).
    fn end_section(&mut self) {
        let next = self.sections.get(self.sections_ended + 1).copied();
        self.sections_ended += 1;
        if next == Some(true) {
            match self.paras.len() {
                0 => self.page_turn(false),
                depth => self.turn_after_para = Some(depth),
            }
        }
    }

    fn text(&mut self, s: &str) {
        if self.in_text && self.skip == 0 {
            self.push_text(s);
        }
    }

    /// Text of the open paragraph; the first visible text fixes the page of
    /// its paragraph and table row.
    fn push_text(&mut self, s: &str) {
        let Some(para) = self.paras.last_mut() else {
            return;
        };
        if !s.trim().is_empty() {
            self.seen_text = true;
            self.break_pending = false;
            let page = self.page;
            para.page.get_or_insert(page);
            if let Some(row) = self.tables.last_mut().and_then(|t| t.row.as_mut()) {
                row.page.get_or_insert(page);
            }
        }
        para.text.push_str(s);
    }

    /// A page turn; a rendered break or `pageBreakBefore` right after
    /// another turn is the same turn, and none counts before any text.
    fn page_turn(&mut self, explicit: bool) {
        if !self.seen_text || (self.break_pending && !explicit) {
            return;
        }
        self.page = self.page.saturating_add(1);
        self.break_pending = true;
    }

    fn close_para(&mut self) {
        let depth = self.paras.len();
        self.store_para();
        if self.turn_after_para == Some(depth) {
            self.turn_after_para = None;
            self.page_turn(false);
        }
    }

    fn store_para(&mut self) {
        let Some(para) = self.paras.pop() else {
            return;
        };
        if para.text.trim().is_empty() {
            return;
        }
        if let Some(cell) = self.tables.last_mut().and_then(|t| t.cell.as_mut()) {
            cell.paras.push(clean_text(&para.text));
            return;
        }
        let text = clean_line(&para.text);
        self.pending.push(Note {
            page: para.page.unwrap_or(self.page),
            place: NotePlace::Above,
            text,
        });
    }

    fn open_table(&mut self) -> Result<()> {
        if self.out.len() >= MAX_TABLES {
            return Err(Error::unsupported(
                self.path,
                format!("more than {MAX_TABLES} tables"),
            ));
        }
        // A nested table's paragraphs before it belong to the outer cell.
        let notes = if self.tables.is_empty() {
            std::mem::take(&mut self.pending)
        } else {
            Vec::new()
        };
        self.tables.push(TableB {
            slot: self.out.len(),
            notes,
            ..TableB::default()
        });
        self.out.push(None);
        Ok(())
    }

    fn close_table(&mut self) -> Result<()> {
        let Some(t) = self.tables.pop() else {
            return Ok(());
        };
        let n = t.slot + 1;
        let table = build_table(self.path, n, t.rows, t.notes, self.page)?;
        if let Some(slot) = self.out.get_mut(t.slot) {
            *slot = Some(table);
        }
        if self.tables.is_empty() {
            self.last_top = Some(t.slot);
        }
        Ok(())
    }

    fn with_table(&mut self, f: impl FnOnce(&mut TableB)) {
        if let Some(t) = self.tables.last_mut() {
            f(t);
        }
    }

    fn with_row(&mut self, f: impl FnOnce(&mut RowB)) {
        if let Some(r) = self.tables.last_mut().and_then(|t| t.row.as_mut()) {
            f(r);
        }
    }

    fn with_cell(&mut self, f: impl FnOnce(&mut CellB)) {
        if let Some(c) = self.tables.last_mut().and_then(|t| t.cell.as_mut()) {
            f(c);
        }
    }

    /// The tables in document order; paragraphs after the last one are its
    /// `Below` notes.
    fn finish(mut self) -> Vec<LogicalTable> {
        let below = std::mem::take(&mut self.pending);
        if let Some(Some(t)) = self.last_top.and_then(|i| self.out.get_mut(i)) {
            t.notes.extend(below.into_iter().map(|n| Note {
                place: NotePlace::Below,
                ..n
            }));
        }
        self.out.into_iter().flatten().collect()
    }
}

/// An attribute by local name (`w:val` → `val`), raw: the values read
/// here are keywords and numbers.
fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .map(|a| a.value.into_owned())
}

/// An on/off property: on unless `w:val` says `0`/`false`/`off`.
fn is_on(e: &BytesStart<'_>) -> bool {
    !matches!(attr(e, "val").as_deref(), Some("0" | "false" | "off"))
}

/// A span count, 1 to [`MAX_SPAN`].
fn span_val(e: &BytesStart<'_>) -> usize {
    attr(e, "val")
        .and_then(|v| v.trim().parse::<usize>().ok())
        .unwrap_or(1)
        .clamp(1, MAX_SPAN)
}

/// Paragraphs of a cell joined: no separator, except one space between
/// two Latin words.
fn join_paragraphs(paras: &[String]) -> String {
    let mut out = String::new();
    for p in paras.iter().filter(|p| !p.is_empty()) {
        let latin_end = out
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_alphanumeric());
        if latin_end && p.chars().next().is_some_and(|c| c.is_ascii_alphanumeric()) {
            out.push(' ');
        }
        out.push_str(p);
    }
    out
}

/// The grid of a table's rows: columns laid left to right from
/// `gridBefore`, vertical merges grown while each next row continues them
/// at the same column with the same width.
fn build_table(
    path: &Path,
    n: usize,
    rows: Vec<RowB>,
    notes: Vec<Note>,
    page: u32,
) -> Result<LogicalTable> {
    let mut cells: Vec<Cell> = Vec::new();
    // Vertical merges still open, by start column → index in `cells`.
    let mut open: HashMap<usize, usize> = HashMap::new();
    let mut n_cols = 0;
    for (r, row) in rows.iter().enumerate() {
        n_cols = n_cols.max(place_row(&mut cells, &mut open, r, row));
        if rows.len().saturating_mul(n_cols) > super::limits::MAX_GRID_SLOTS {
            check_grid(path, &format!("table {n}"), rows.len(), n_cols)?;
        }
        open.retain(|_, i| cells.get(*i).is_some_and(|x| x.row + x.row_span == r + 1));
    }
    let row_pages: Vec<u32> = rows.iter().map(|r| r.page.unwrap_or(page)).collect();
    let grid = Grid {
        n_rows: rows.len(),
        n_cols,
        cells,
        row_pages,
    };
    // Rows Word repeats as the header on every page say where it ends.
    let marked = rows.iter().take_while(|r| r.header).count();
    let header_rows = if marked > 0 {
        marked
    } else {
        header::detect_rows(&grid)
    };
    Ok(LogicalTable {
        first_page: grid.row_pages.iter().copied().min().unwrap_or(page),
        last_page: grid.row_pages.iter().copied().max().unwrap_or(page),
        header_rows,
        grid,
        notes,
        ..LogicalTable::default()
    })
}

/// Lays row `r`'s cells left to right from `gridBefore`: a continuation
/// (`vMerge` at the same column and width, or `hMerge`) grows the cell it
/// continues, any other cell is a new one. Returns the row's end column.
fn place_row(
    cells: &mut Vec<Cell>,
    open: &mut HashMap<usize, usize>,
    r: usize,
    row: &RowB,
) -> usize {
    let mut col = row.grid_before.min(MAX_SPAN);
    let mut prev: Option<usize> = None;
    for c in &row.cells {
        let text = join_paragraphs(&c.paras);
        let target = if c.hmerge_continue {
            prev.filter(|&i| cells.get(i).is_some_and(|x| x.row == r))
        } else if c.vmerge == VMerge::Continue {
            open.get(&col).copied().filter(|&i| {
                cells
                    .get(i)
                    .is_some_and(|x| x.col_span == c.span && x.row + x.row_span == r)
            })
        } else {
            None
        };
        match (target, cells.get_mut(target.unwrap_or(usize::MAX))) {
            (Some(i), Some(x)) => {
                if c.hmerge_continue {
                    x.col_span += c.span;
                } else {
                    x.row_span += 1;
                }
                append_text(&mut x.text, &text);
                prev = Some(i);
            }
            _ => {
                if c.vmerge == VMerge::Restart {
                    open.insert(col, cells.len());
                } else {
                    open.remove(&col);
                }
                prev = Some(cells.len());
                cells.push(Cell {
                    row: r,
                    col,
                    row_span: 1,
                    col_span: c.span,
                    text,
                });
            }
        }
        col = col.saturating_add(c.span);
    }
    // A row without cells does not widen the table.
    if row.cells.is_empty() {
        0
    } else {
        col
    }
}

/// Text of a merged continuation added to the merged cell (Word keeps it).
fn append_text(into: &mut String, more: &str) {
    if more.is_empty() {
        return;
    }
    let joined = join_paragraphs(&[std::mem::take(into), more.to_string()]);
    *into = joined;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_join_with_space_only_between_latin_words() {
        let p = |v: &[&str]| join_paragraphs(&v.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(p(&["一般公共", "服务支出"]), "一般公共服务支出");
        assert_eq!(p(&["Project", "Name"]), "Project Name");
        assert_eq!(p(&["GDP", "增长"]), "GDP增长");
        assert_eq!(p(&["", "a"]), "a");
    }

    fn row(cells: Vec<CellB>) -> RowB {
        RowB {
            cells,
            page: Some(1),
            ..RowB::default()
        }
    }

    fn cell(text: &str, span: usize, vmerge: VMerge) -> CellB {
        CellB {
            paras: vec![text.to_string()],
            span,
            vmerge,
            hmerge_continue: false,
        }
    }

    #[test]
    fn grid_spans_and_vertical_merges() {
        let rows = vec![
            row(vec![
                cell("项目", 1, VMerge::Restart),
                cell("金额", 2, VMerge::None),
            ]),
            row(vec![
                cell("", 1, VMerge::Continue),
                cell("上年", 1, VMerge::None),
                cell("本年", 1, VMerge::None),
            ]),
            row(vec![
                cell("合计", 1, VMerge::None),
                cell("1.00", 1, VMerge::None),
                cell("2.00", 1, VMerge::None),
            ]),
        ];
        let t = build_table(Path::new("t.docx"), 1, rows, Vec::new(), 1).unwrap();
        assert_eq!((t.grid.n_rows, t.grid.n_cols), (3, 3));
        let c = t.grid.covering(1, 0).unwrap();
        assert_eq!((c.row, c.row_span, c.text.as_str()), (0, 2, "项目"));
        assert_eq!(t.grid.covering(0, 2).map(|c| c.col_span), Some(2));
        assert_eq!(t.header_rows, 2);
        assert_eq!(t.flat_header(), ["项目", "金额/上年", "金额/本年"]);
    }

    #[test]
    fn continue_without_restart_is_a_plain_cell() {
        let rows = vec![row(vec![cell("a", 1, VMerge::Continue)])];
        let t = build_table(Path::new("t.docx"), 1, rows, Vec::new(), 1).unwrap();
        assert_eq!(t.grid.cells.len(), 1);
    }

    #[test]
    fn wide_rows_hit_the_grid_cap() {
        let rows: Vec<RowB> = (0..300)
            .map(|_| row(vec![cell("x", MAX_SPAN, VMerge::None)]))
            .collect();
        let err = build_table(Path::new("t.docx"), 1, rows, Vec::new(), 1).unwrap_err();
        assert!(err.to_string().contains("grid slots"));
    }
}
