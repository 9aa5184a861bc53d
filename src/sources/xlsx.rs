//! Spreadsheets (XLSX and XLS, through `calamine`) as logical tables.
//!
//! Each sheet's used range becomes one table, on "page" = the sheet's
//! 1-based index: merged ranges are spans, numbers read through their
//! number format as the cell prints them (for XLS the formats come from
//! [`super::xls_formats`], calamine keeping them private), text trimmed
//! with CJK letter-spacing removed. The lines
//! above the first multi-column row (title, `单位：万元`, `部门名称：…`, each
//! a lone cell or one merged full-width cell) become `Above` notes, lone
//! lines after the last multi-column row `Below` notes. A sheet stacking
//! several forms stays one table; a sheet without a printed title but
//! named like a table has that name as its title. Hidden rows, columns and
//! sheets are kept:
//! a budget office hides helper columns, but also rows a reader is meant
//! to see in print, and we cannot tell which.

use super::limits::{check_grid, CellBudget, MAX_SPAN};
use super::numfmt::{self, NumFmt};
use super::office::{
    check_zip, clean_line, clean_text, is_encrypted_ole, is_ole, sniff_zip, ZipKind,
};
use crate::table::{furniture, header, Cell, Grid, LogicalTable, Note, NotePlace};
use crate::warning::{Warning, WarningKind};
use crate::{Error, Result};
use calamine::{Data, DataRef, Dimensions, Reader, Style, Xls, Xlsx, XlsxError};
use std::collections::BTreeMap;
use std::io::Cursor;
use std::path::Path;
use std::sync::LazyLock;

/// One sheet as read: text by (row, column), and its merged ranges.
#[derive(Debug, Default)]
struct Sheet {
    name: String,
    cells: BTreeMap<(u32, u32), String>,
    merges: Vec<Dimensions>,
    /// Bounding box of the cells so far: (first row, last row, first
    /// column, last column).
    extent: Option<(u32, u32, u32, u32)>,
}

impl Sheet {
    /// Adds a cell, failing as soon as the used range grows past the grid
    /// limits: a huge sheet stops while it is being streamed.
    fn insert(&mut self, path: &Path, page: usize, pos: (u32, u32), text: String) -> Result<()> {
        let (r, c) = pos;
        let (r0, r1, c0, c1) = self.extent.unwrap_or((r, r, c, c));
        let e = (r0.min(r), r1.max(r), c0.min(c), c1.max(c));
        self.extent = Some(e);
        let (rows, cols) = ((e.1 - e.0) as usize + 1, (e.3 - e.2) as usize + 1);
        if cols > MAX_SPAN {
            return Err(Error::unsupported(
                path,
                format!("sheet {page} is over {MAX_SPAN} columns wide"),
            ));
        }
        if rows.saturating_mul(cols) > super::limits::MAX_GRID_SLOTS {
            check_grid(path, &format!("sheet {page}"), rows, cols)?;
        }
        self.cells.insert(pos, text);
        Ok(())
    }
}

/// Reads every sheet of an XLSX or XLS workbook as tables.
pub fn read(path: &Path, bytes: &[u8]) -> Result<Vec<LogicalTable>> {
    // calamine is not overflow-free on hostile positions (`r="A99999999999"`
    // panics in a debug build); contain it, as the PDF source does lopdf.
    let contained = |f: fn(&Path, &[u8]) -> Result<Vec<Sheet>>| {
        std::panic::catch_unwind(|| f(path, bytes))
            .map_err(|_| Error::malformed(path, "damaged workbook: the reader gave up"))?
    };
    let sheets = if is_ole(bytes) {
        if is_encrypted_ole(bytes) {
            return Err(password_protected(path));
        }
        contained(read_xls)?
    } else {
        match sniff_zip(bytes) {
            Some(ZipKind::Xlsx) => contained(read_xlsx)?,
            Some(ZipKind::Docx) => {
                return Err(Error::unsupported(path, "a Word document, not a workbook"))
            }
            None => {
                return Err(Error::unsupported(
                    path,
                    "not an XLSX or XLS workbook (no xl/workbook.xml part, no OLE header)",
                ))
            }
        }
    };
    let mut tables = Vec::new();
    for (i, sheet) in sheets.into_iter().enumerate() {
        let page = u32::try_from(i + 1).unwrap_or(u32::MAX);
        if let Some(t) = sheet_table(path, sheet, page)? {
            tables.push(t);
        }
    }
    Ok(tables)
}

fn password_protected(path: &Path) -> Error {
    Error::unsupported(path, "password-protected workbook: cannot be read")
}

fn xlsx_error(path: &Path, e: XlsxError) -> Error {
    match e {
        XlsxError::Password => password_protected(path),
        e => Error::malformed(path, format!("unreadable XLSX workbook: {e}")),
    }
}

/// XLSX: each sheet streamed cell by cell, so the cell cap stops a huge
/// sheet before it is held in memory.
fn read_xlsx(path: &Path, bytes: &[u8]) -> Result<Vec<Sheet>> {
    check_zip(path, bytes)?;
    check_shared_strings(path, bytes)?;
    if zip::ZipArchive::new(Cursor::new(bytes))
        .is_ok_and(|z| z.index_for_name("xl/workbook.bin").is_some())
    {
        return Err(Error::unsupported(
            path,
            "a binary (XLSB) workbook: save it as XLSX to read it",
        ));
    }
    let mut wb = Xlsx::new(Cursor::new(bytes)).map_err(|e| xlsx_error(path, e))?;
    let is_1904 = wb.has_1904_epoch();
    let mut budget = CellBudget::default();
    let mut sheets = Vec::new();
    for (i, name) in wb.sheet_names().into_iter().enumerate() {
        let mut sheet = Sheet {
            name: name.clone(),
            ..Sheet::default()
        };
        match wb.worksheet_cells_reader(&name) {
            Ok(mut reader) => {
                // The style palette's formats, parsed once per sheet.
                let formats: Vec<NumFmt> = reader
                    .styles()
                    .iter()
                    .map(|s| NumFmt::parse(&number_format(Some(s))))
                    .collect();
                while let Some((cell, style_id)) = reader
                    .next_cell_with_style_id()
                    .map_err(|e| xlsx_error(path, e))?
                {
                    let text = render(
                        cell.get_value(),
                        formats.get(style_id).unwrap_or(&GENERAL),
                        is_1904,
                    );
                    if !text.is_empty() {
                        budget.take(path)?;
                        sheet.insert(path, i + 1, cell.get_position(), text)?;
                    }
                }
            }
            // Chart sheets and dialog sheets hold no cells.
            Err(XlsxError::NotAWorksheet(_) | XlsxError::WorksheetNotFound(_)) => {}
            Err(e) => return Err(xlsx_error(path, e)),
        }
        sheet.merges = match wb.merge_cells_by_sheet_name(&name) {
            Ok(m) => m,
            Err(XlsxError::NotAWorksheet(_) | XlsxError::WorksheetNotFound(_)) => Vec::new(),
            Err(e) => return Err(xlsx_error(path, e)),
        };
        sheets.push(sheet);
    }
    Ok(sheets)
}

/// calamine reserves room for the `uniqueCount` strings that
/// `sharedStrings.xml` declares: a count no part of that size can hold
/// (each string takes at least `<si/>`, 5 bytes) is refused, or it would
/// abort the process on the allocation.
fn check_shared_strings(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Read;
    let Ok(mut z) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    for i in 0..z.len() {
        let Ok(mut part) = z.by_index(i) else {
            continue;
        };
        let is_sst = part
            .name()
            .is_ok_and(|n| n.to_ascii_lowercase().ends_with("sharedstrings.xml"));
        if !is_sst {
            continue;
        }
        let size = part.size();
        let mut head = Vec::new();
        // The count is an attribute of the root element, near the start.
        let _ = part.by_ref().take(64 << 10).read_to_end(&mut head);
        if let Some(n) = unique_count(&head).filter(|&n| n.saturating_mul(5) > size + 64) {
            return Err(Error::malformed(
                path,
                format!("damaged sharedStrings.xml: declares {n} strings in {size} bytes"),
            ));
        }
    }
    Ok(())
}

/// The number in `uniqueCount="N"`, when it fits a u64.
fn unique_count(head: &[u8]) -> Option<u64> {
    let key = b"uniqueCount=";
    let at = head.windows(key.len()).position(|w| w == key)? + key.len() + 1;
    let digits: String = head
        .get(at..)?
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .map(|&b| char::from(b))
        .collect();
    digits.parse().ok()
}

/// XLS (BIFF): calamine reads each sheet whole (an XLS sheet has at most
/// 65,536 × 256 cells).
fn read_xls(path: &Path, bytes: &[u8]) -> Result<Vec<Sheet>> {
    super::xls_formats::check_container(bytes)
        .map_err(|e| Error::malformed(path, format!("damaged XLS workbook: {e}")))?;
    let formats = super::xls_formats::read(bytes);
    check_xls_sizes(path, &formats)?;
    let mut wb = Xls::new(Cursor::new(bytes)).map_err(|e| match e {
        calamine::XlsError::Password => password_protected(path),
        e => Error::malformed(path, format!("unreadable XLS workbook: {e}")),
    })?;
    let is_1904 = wb.has_1904_epoch();
    let parsed: Vec<NumFmt> = formats.codes.iter().map(|c| NumFmt::parse(c)).collect();
    let mut budget = CellBudget::default();
    let mut sheets = Vec::new();
    for (i, name) in wb.sheet_names().into_iter().enumerate() {
        let cells = formats.sheets.get(i);
        let range = wb
            .worksheet_range(&name)
            .map_err(|e| Error::malformed(path, format!("unreadable XLS sheet {name}: {e}")))?;
        let (r0, c0) = range.start().unwrap_or((0, 0));
        let merges = wb
            .merge_cells_by_sheet_name(&name)
            .map_err(|e| Error::malformed(path, format!("unreadable XLS sheet {name}: {e}")))?;
        let mut sheet = Sheet {
            name: name.clone(),
            merges,
            ..Sheet::default()
        };
        for (r, c, value) in range.used_cells() {
            let pos = (r0.saturating_add(r as u32), c0.saturating_add(c as u32));
            let fmt = cells
                .and_then(|m| m.formats.get(&pos))
                .and_then(|&ixfe| parsed.get(usize::from(ixfe)))
                .unwrap_or(&GENERAL);
            let text = render_xls(value, fmt, is_1904);
            if !text.is_empty() {
                budget.take(path)?;
                sheet.insert(path, i + 1, pos, text)?;
            }
        }
        sheets.push(sheet);
    }
    Ok(sheets)
}

static GENERAL: LazyLock<NumFmt> = LazyLock::new(NumFmt::default);
static DATE: LazyLock<NumFmt> = LazyLock::new(|| NumFmt::parse("yyyy-mm-dd"));
static DATE_TIME: LazyLock<NumFmt> = LazyLock::new(|| NumFmt::parse("yyyy-mm-dd hh:mm:ss"));

/// A date through its format; a date cell whose format is not a date code
/// prints as an ISO date (and time, when it has one).
fn date_text(serial: f64, fmt: &NumFmt, is_1904: bool) -> String {
    let fmt = match fmt {
        f if f.is_date() => f,
        _ if serial.fract() == 0.0 => &DATE,
        _ => &DATE_TIME,
    };
    fmt.format_date(serial, is_1904)
}

fn bool_text(b: bool) -> String {
    if b { "TRUE" } else { "FALSE" }.to_string()
}

/// An XLSX cell's value as printed, through its number format.
fn render(value: &DataRef<'_>, fmt: &NumFmt, is_1904: bool) -> String {
    match value {
        DataRef::Int(i) => fmt.format(*i as f64),
        DataRef::Float(f) => fmt.format(*f),
        DataRef::String(s) => s.trim().to_string(),
        DataRef::SharedString(s) => s.trim().to_string(),
        DataRef::Bool(b) => bool_text(*b),
        DataRef::DateTime(dt) => date_text(dt.as_f64(), fmt, is_1904),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::Error(e) => e.to_string(),
        DataRef::Empty => String::new(),
    }
}

/// calamine reads every XLS sheet whole when it opens the workbook,
/// reserving what a DIMENSIONS record declares and allocating the used
/// range: refuse sizes that would not fit first.
fn check_xls_sizes(path: &Path, formats: &super::xls_formats::XlsFormats) -> Result<()> {
    for (i, s) in formats.sheets.iter().enumerate() {
        if s.bad_dimensions {
            return Err(Error::malformed(
                path,
                format!(
                    "damaged XLS sheet {}: its size lies beyond an XLS sheet",
                    i + 1
                ),
            ));
        }
        if s.used_slots() > super::limits::MAX_GRID_SLOTS {
            return Err(Error::unsupported(
                path,
                format!(
                    "XLS sheet {} spans {} grid slots, over the limit of {}",
                    i + 1,
                    s.used_slots(),
                    super::limits::MAX_GRID_SLOTS
                ),
            ));
        }
    }
    Ok(())
}

/// An XLS cell's value as printed, through the format read by
/// [`super::xls_formats`].
fn render_xls(value: &Data, fmt: &NumFmt, is_1904: bool) -> String {
    match value {
        Data::Int(i) => fmt.format(*i as f64),
        Data::Float(f) => fmt.format(*f),
        Data::String(s) => s.trim().to_string(),
        Data::Bool(b) => bool_text(*b),
        Data::DateTime(dt) => date_text(dt.as_f64(), fmt, is_1904),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => e.to_string(),
        Data::Empty => String::new(),
    }
}

/// The cell's format code; built-in date formats as a Chinese Excel
/// prints them (built-in 14 is `yyyy/m/d` there, not `mm-dd-yy`).
fn number_format(style: Option<&Style>) -> String {
    let Some(nf) = style.and_then(|s| s.number_format.as_ref()) else {
        return "General".to_string();
    };
    match nf.format_id {
        // Ids under 164 are built-in; custom codes use 164 and up.
        Some(id) if id < 164 => {
            numfmt::zh_builtin(id).map_or(nf.format_code.clone(), str::to_string)
        }
        _ => nf.format_code.clone(),
    }
}

/// The used range of a sheet: the bounding box of its non-empty cells
/// (leading and trailing empty rows and columns trimmed).
#[derive(Debug, Clone, Copy)]
struct Bounds {
    r0: u32,
    c0: u32,
    n_rows: usize,
    n_cols: usize,
}

fn bounds(sheet: &Sheet) -> Option<Bounds> {
    let (r0, r1) = (
        sheet.cells.keys().next()?.0,
        sheet.cells.keys().next_back()?.0,
    );
    let c0 = sheet.cells.keys().map(|k| k.1).min()?;
    let c1 = sheet.cells.keys().map(|k| k.1).max()?;
    Some(Bounds {
        r0,
        c0,
        n_rows: (r1 - r0) as usize + 1,
        n_cols: (c1 - c0) as usize + 1,
    })
}

/// A sheet as one table (none when it holds no text).
fn sheet_table(path: &Path, sheet: Sheet, page: u32) -> Result<Option<LogicalTable>> {
    let Some(b) = bounds(&sheet) else {
        return Ok(None);
    };
    let name = sheet.name.clone();
    if b.n_cols > MAX_SPAN {
        return Err(Error::unsupported(
            path,
            format!("sheet {page} is {} columns wide, over {MAX_SPAN}", b.n_cols),
        ));
    }
    check_grid(path, &format!("sheet {page}"), b.n_rows, b.n_cols)?;
    let mut warnings = Vec::new();
    let cells = place_cells(path, sheet, b, page, &mut warnings)?;
    let mut grid = Grid::new(b.n_rows, b.n_cols, page);
    grid.cells = cells;
    let (mut grid, mut notes) = split_notes(grid, page);
    // Cells as a reader sees them; lines beside the table keep wide gaps.
    for c in grid
        .cells
        .iter_mut()
        .filter(|c| c.text.contains(char::is_whitespace))
    {
        c.text = clean_text(&c.text);
    }
    for n in &mut notes {
        n.text = clean_line(&n.text);
    }
    let meta = crate::table::Meta {
        title: sheet_title(&name, &notes),
        ..crate::table::Meta::default()
    };
    Ok(Some(LogicalTable {
        meta,
        header_rows: header::detect_rows(&grid),
        grid,
        first_page: page,
        last_page: page,
        notes,
        warnings,
        ..LogicalTable::default()
    }))
}

/// A sheet printed without a title line is often named after its table
/// (`收支总表`): that name is the title then, unless it is a default name
/// (`Sheet1`, `工作表2`).
fn sheet_title(name: &str, notes: &[Note]) -> Option<String> {
    let titled = notes
        .iter()
        .any(|n| n.place == NotePlace::Above && furniture::is_title(&n.text));
    let name = name.trim();
    let default = ["Sheet", "sheet", "工作表"].iter().any(|p| {
        name.strip_prefix(p)
            .is_some_and(|d| d.chars().all(|c| c.is_ascii_digit()))
    });
    (!titled && !default && furniture::is_title(name)).then(|| name.to_string())
}

/// The grid's cells: each merged range (clipped to the used range) one
/// spanning cell holding its top-left text, every other text one cell.
/// Text hidden under a merged range is reported, not dropped silently.
fn place_cells(
    path: &Path,
    sheet: Sheet,
    b: Bounds,
    page: u32,
    warnings: &mut Vec<Warning>,
) -> Result<Vec<Cell>> {
    let mut owner: Vec<Option<u32>> = vec![None; b.n_rows * b.n_cols];
    let mut cells: Vec<Cell> =
        Vec::with_capacity((sheet.cells.len() + sheet.merges.len()).min(owner.len()));
    let mut work = 0usize;
    for m in &sheet.merges {
        let Some(cell) = clip_merge(m, b) else {
            continue;
        };
        work = work.saturating_add(cell.row_span * cell.col_span);
        if work > super::limits::MAX_GRID_SLOTS * 4 {
            return Err(Error::unsupported(
                path,
                format!("sheet {page}: too many overlapping merged ranges"),
            ));
        }
        let slots = slots_of(&cell, b.n_cols);
        if slots
            .clone()
            .any(|i| owner.get(i).is_some_and(Option::is_some))
        {
            continue; // overlaps an earlier merge: not a valid sheet, keep the first
        }
        let id = u32::try_from(cells.len()).unwrap_or(u32::MAX);
        for i in slots {
            if let Some(o) = owner.get_mut(i) {
                *o = Some(id);
            }
        }
        cells.push(cell);
    }
    for ((r, c), text) in sheet.cells {
        let (row, col) = ((r - b.r0) as usize, (c - b.c0) as usize);
        match owner.get(row * b.n_cols + col).copied().flatten() {
            Some(id) => match cells.get_mut(id as usize) {
                Some(m) if m.row == row && m.col == col => m.text = text,
                _ => warnings.push(
                    Warning::new(
                        WarningKind::HiddenMergedText,
                        &path.display().to_string(),
                        format!("text {text:?} lies under a merged range and is not printed"),
                    )
                    .at(Some(page), Some(r as usize + 1)),
                ),
            },
            None => cells.push(Cell {
                row,
                col,
                row_span: 1,
                col_span: 1,
                text,
            }),
        }
    }
    cells.sort_by_key(|c| (c.row, c.col));
    Ok(cells)
}

/// A merged range as a cell relative to the used range, clipped to it.
fn clip_merge(m: &Dimensions, b: Bounds) -> Option<Cell> {
    let (r_end, c_end) = (b.r0 as usize + b.n_rows, b.c0 as usize + b.n_cols);
    let r0 = (m.start.0 as usize).max(b.r0 as usize);
    let c0 = (m.start.1 as usize).max(b.c0 as usize);
    let r1 = (m.end.0 as usize + 1).min(r_end);
    let c1 = (m.end.1 as usize + 1).min(c_end);
    // Only the top-left slot shows text: a merge starting outside the
    // used range shows nothing inside it.
    if r0 >= r1 || c0 >= c1 || r0 != m.start.0 as usize || c0 != m.start.1 as usize {
        return None;
    }
    Some(Cell {
        row: r0 - b.r0 as usize,
        col: c0 - b.c0 as usize,
        row_span: r1 - r0,
        col_span: c1 - c0,
        text: String::new(),
    })
}

fn slots_of(cell: &Cell, n_cols: usize) -> impl Iterator<Item = usize> + Clone + '_ {
    (cell.row..cell.row + cell.row_span)
        .flat_map(move |r| (cell.col..cell.col + cell.col_span).map(move |c| r * n_cols + c))
}

/// Moves the lone lines above the first multi-column row and below the
/// last one into notes. A sheet without any multi-column row (a one-column
/// list) is all grid.
fn split_notes(grid: Grid, page: u32) -> (Grid, Vec<Note>) {
    let lines = line_rows(&grid);
    let is_line = |r: usize| lines.get(r).copied().unwrap_or(false);
    let Some(top) = (0..grid.n_rows).find(|&r| !is_line(r)) else {
        return (grid, Vec::new());
    };
    let bottom = (top..grid.n_rows)
        .rev()
        .find(|&r| !is_line(r))
        .unwrap_or(top)
        + 1;
    let n_rows = bottom - top;
    let mut notes = Vec::new();
    // In place: a large sheet's cells are not held twice.
    let mut cells = grid.cells;
    cells.retain_mut(|c| {
        let place = match c.row {
            r if r < top => NotePlace::Above,
            r if r >= bottom => NotePlace::Below,
            _ => {
                c.row_span = c.row_span.min(bottom - c.row);
                c.row -= top;
                return true;
            }
        };
        if !c.text.is_empty() {
            notes.push(Note {
                page,
                place,
                text: std::mem::take(&mut c.text),
            });
        }
        false
    });
    let out = Grid {
        n_rows,
        n_cols: grid.n_cols,
        cells,
        row_pages: vec![page; n_rows],
    };
    (out, notes)
}

/// Which rows print as one line: blank, or covered by one text cell (lone,
/// or merged across; a title merged over two rows counts when nothing else
/// is printed beside it) besides furniture labels, and by no empty cell
/// merged over several rows.
fn line_rows(grid: &Grid) -> Vec<bool> {
    let mut texts = vec![0usize; grid.n_rows];
    let mut blocked = vec![false; grid.n_rows];
    for c in &grid.cells {
        for r in c.row..(c.row + c.row_span).min(grid.n_rows) {
            if let (Some(t), Some(b)) = (texts.get_mut(r), blocked.get_mut(r)) {
                // Furniture set beside the title or the unit on one row
                // (`编制单位：某局 … 单位：万元`) does not make it a table row.
                let furniture = c.row_span == 1 && is_furniture(&c.text);
                let counts = !c.text.is_empty() && !furniture;
                *t += usize::from(counts);
                *b |= c.row_span > 1 && c.text.is_empty();
            }
        }
    }
    let mut lines: Vec<bool> = (0..grid.n_rows)
        .map(|r| texts.get(r) <= Some(&1) && blocked.get(r) == Some(&false))
        .collect();
    // A text cell over several rows makes them lines only if it is alone
    // in every one of them.
    for c in grid
        .cells
        .iter()
        .filter(|c| c.row_span > 1 && !c.text.is_empty())
    {
        let span = c.row..(c.row + c.row_span).min(grid.n_rows);
        if !span.clone().all(|r| lines.get(r) == Some(&true)) {
            for r in span {
                if let Some(l) = lines.get_mut(r) {
                    *l = false;
                }
            }
        }
    }
    lines
}

/// `单位：万元`, `编制单位：…`, `部门名称：…`, `公开01表`, `附表3`: labels
/// printed beside a title, never a table's own cells (a header cell
/// `金额（单位：万元）` does not start with a label).
fn is_furniture(text: &str) -> bool {
    static LABEL: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(
            r"^(?:(?:金额)?单位|部门名称|部门|编制单位|编制部门|单位名称|预算单位|填报单位)\s*[:：]",
        )
        .expect("static regex")
    });
    let t = text.trim();
    // Cheap test first: most cells are amounts and names.
    t.contains(['表', ':', '：']) && (furniture::table_number(t).is_some() || LABEL.is_match(t))
}

#[cfg(test)]
mod tests {
    use super::*;

    type Pos = (u32, u32);

    fn sheet(cells: &[(Pos, &str)], merges: &[(Pos, Pos)]) -> Sheet {
        Sheet {
            cells: cells.iter().map(|(p, t)| (*p, t.to_string())).collect(),
            merges: merges
                .iter()
                .map(|(s, e)| Dimensions::new(*s, *e))
                .collect(),
            extent: None,
            name: String::new(),
        }
    }

    #[test]
    fn title_rows_become_notes_and_merges_spans() {
        let s = sheet(
            &[
                ((0, 0), "收支预算总表"),
                ((1, 0), "单位：万元"),
                ((2, 0), "项目"),
                ((2, 1), "金额"),
                ((3, 0), "合计"),
                ((3, 1), "1,234.50"),
                ((5, 0), "注：本表为空"),
            ],
            &[((0, 0), (0, 1)), ((5, 0), (5, 16383))],
        );
        let t = sheet_table(Path::new("t.xlsx"), s, 2).unwrap().unwrap();
        let notes: Vec<_> = t.notes.iter().map(|n| (n.place, n.text.as_str())).collect();
        assert_eq!(
            notes,
            [
                (NotePlace::Above, "收支预算总表"),
                (NotePlace::Above, "单位：万元"),
                (NotePlace::Below, "注：本表为空")
            ]
        );
        assert_eq!((t.grid.n_rows, t.grid.n_cols), (2, 2));
        assert_eq!(t.grid.row_texts(1), ["合计", "1,234.50"]);
        assert_eq!(t.grid.row_pages, [2, 2]);
    }

    #[test]
    fn vertical_merge_is_a_row_span_and_keeps_lone_rows_in_grid() {
        let s = sheet(
            &[
                ((0, 0), "一级"),
                ((0, 1), "二级"),
                ((1, 0), "产出"),
                ((1, 1), "数量"),
                ((2, 1), "质量"),
            ],
            &[((1, 0), (2, 0))],
        );
        let t = sheet_table(Path::new("t.xlsx"), s, 1).unwrap().unwrap();
        assert!(t.notes.is_empty());
        let c = t.grid.covering(2, 0).unwrap();
        assert_eq!((c.row, c.row_span, c.text.as_str()), (1, 2, "产出"));
    }

    #[test]
    fn overlapping_and_out_of_range_merges_are_bounded() {
        let s = sheet(
            &[((0, 0), "a"), ((0, 1), "b"), ((1, 1), "hidden")],
            &[
                ((0, 0), (1_048_575, 16_383)),
                ((0, 0), (0, 1)),
                ((7, 7), (9, 9)),
            ],
        );
        let t = sheet_table(Path::new("t.xlsx"), s, 1).unwrap().unwrap();
        assert_eq!(t.grid.cells.len(), 1);
        assert_eq!(t.warnings.len(), 2);
    }

    #[test]
    fn title_merged_over_two_rows_is_a_note() {
        let s = sheet(
            &[
                ((0, 0), "一般公共预算支出表"),
                ((2, 0), "科目"),
                ((2, 1), "金额"),
                ((3, 0), "合计"),
                ((3, 1), "7"),
            ],
            &[((0, 0), (1, 1))],
        );
        let t = sheet_table(Path::new("t.xlsx"), s, 1).unwrap().unwrap();
        assert_eq!(t.notes.len(), 1);
        assert_eq!(t.grid.n_rows, 2);
    }

    #[test]
    fn unit_beside_the_department_is_furniture() {
        let s = sheet(
            &[
                ((0, 0), "公开02表"),
                ((1, 0), "收入预算表"),
                ((2, 0), "部门名称：某局"),
                ((2, 3), "单位：万元"),
                ((3, 0), "项目"),
                ((3, 1), "小计"),
                ((3, 2), "财政"),
                ((3, 3), "其他"),
            ],
            &[],
        );
        let t = sheet_table(Path::new("t.xlsx"), s, 1).unwrap().unwrap();
        let notes: Vec<_> = t.notes.iter().map(|n| n.text.as_str()).collect();
        assert_eq!(
            notes,
            ["公开02表", "收入预算表", "部门名称：某局", "单位：万元"]
        );
        assert_eq!(t.grid.n_rows, 1);
        assert!(is_furniture("附表3") && is_furniture("表一") && !is_furniture("表外收入"));
        assert!(!is_furniture("金额（单位：万元）"));
    }

    #[test]
    fn sheet_name_is_the_title_only_when_none_is_printed() {
        let note = |t: &str| Note {
            page: 1,
            place: NotePlace::Above,
            text: t.to_string(),
        };
        assert_eq!(sheet_title("收支总表", &[]).as_deref(), Some("收支总表"));
        assert_eq!(sheet_title("收支总表", &[note("2025年收支预算总表")]), None);
        assert_eq!(
            sheet_title("收支总表", &[note("单位：万元")]).as_deref(),
            Some("收支总表")
        );
        assert_eq!(sheet_title("工作表1", &[]), None);
        assert_eq!(sheet_title("Sheet3", &[]), None);
        assert_eq!(sheet_title("城区道路机械化清扫保洁项目", &[]), None);
    }

    #[test]
    fn one_column_list_stays_grid() {
        let s = sheet(&[((0, 0), "甲"), ((1, 0), "乙")], &[]);
        let t = sheet_table(Path::new("t.xlsx"), s, 1).unwrap().unwrap();
        assert_eq!(t.grid.n_rows, 2);
        assert!(t.notes.is_empty());
    }
}
