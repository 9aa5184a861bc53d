//! From ruled grids to logical tables: page furniture (title, 部门名称,
//! 单位 above a table) becomes metadata, page numbers and running headers
//! are ignored, and a table continuing on the next page is joined to it
//! (its repeated header rows dropped). Any logical table can also be
//! written out as rows for CSV.

use super::cells::{fill, text_lines, TextLine};
use super::lattice::{anchors, find_grids, glyph_size, is_legend, upright, Grid, LatticeParams};
use super::model::Page;
use crate::error::{Error, Result};
use crate::raw::{Format, TableMeta};
use crate::sources::doc::{Seen, SourceDoc};
pub use crate::table::furniture::{currency_unit, department, is_page_number};
use crate::table::furniture::{is_continuation_mark, is_prose, is_title, split_number};
use crate::warning::{Warning, WarningKind};
use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;

/// Header rows looked at when recognising a repeated header.
const MAX_HEADER_ROWS: usize = 4;

/// One grid on one page with what is printed above it.
#[derive(Debug, Clone, PartialEq)]
pub struct PageTable {
    pub grid: Grid,
    pub meta: TableMeta,
    /// A 续表 / （续） marker is printed above it.
    pub continued: bool,
    /// First / last grid on its page (only those can join across pages).
    pub first_on_page: bool,
    pub last_on_page: bool,
    /// The page's glyph size, for column-matching tolerances.
    pub glyph: f32,
    /// Leading rows that are one full-width cell holding title, 部门 and
    /// 单位 (some producers rule the furniture into the grid).
    pub banner: usize,
    /// Text on the page outside every grid that is neither furniture nor
    /// metadata (notes, stray lines); kept on the page's first table so a
    /// reader of that table is told of it.
    pub stray: Vec<String>,
    /// Cells (row, col) of the lowest row of text whose last line runs to
    /// the cell's right edge: text that may go on over the page break.
    pub full_bottom: Vec<(usize, usize)>,
    /// A line of prose stands above the grid on its page (not furniture):
    /// a grid introduced by prose starts a table of its own.
    pub prose_above: bool,
}

/// A table as the reader sees it: one or more page parts.
#[derive(Debug, Clone, PartialEq)]
pub struct LogicalTable {
    pub meta: TableMeta,
    pub parts: Vec<Part>,
}

/// One page's share of a logical table.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    pub grid: Grid,
    /// Leading rows dropped: a banner, and rows repeating the first
    /// part's header.
    pub skip: usize,
    /// Column boundaries this close are one (from the page's glyph size).
    pub col_tol: f32,
    /// The page's text outside its grids (see [`PageTable::stray`]).
    pub stray: Vec<String>,
    /// See [`PageTable::full_bottom`].
    pub full_bottom: Vec<(usize, usize)>,
}

impl LogicalTable {
    pub fn first_page(&self) -> u32 {
        self.parts.first().map_or(0, |p| p.grid.page)
    }
    /// Column boundaries over all parts (parts may split a column the
    /// others keep whole).
    pub fn columns(&self) -> Vec<f32> {
        let tol = self.parts.iter().map(|p| p.col_tol).fold(0.0, f32::max);
        let xs = self.parts.iter().flat_map(|p| p.grid.cols.iter().copied());
        anchors(xs.collect(), tol)
    }
    /// Every kept row (first part's header included) on the table's
    /// columns, with its page; blank rows are left out.
    pub fn rows(&self) -> Vec<(Vec<String>, u32)> {
        let bounds = self.columns();
        self.parts
            .iter()
            .flat_map(|p| {
                let bounds = &bounds;
                (p.skip..p.grid.n_rows())
                    .map(move |r| (cells_by_x(&p.grid, r, bounds, p.col_tol), p.grid.page))
                    .filter(|(cells, _)| cells.iter().any(|c| !c.is_empty()))
            })
            .collect()
    }
}

/// Whether a grid's leading `banner` rows name a 部门 or a 单位: furniture
/// ruled into the grid, read as metadata rather than kept as rows. A title
/// row alone stays the table's first row.
fn banner_is_furniture(grid: &Grid, banner: usize) -> bool {
    grid.cells
        .iter()
        .filter(|c| c.row < banner)
        .any(|c| department(&c.text).is_some() || currency_unit(&c.text).is_some())
}

/// The cells starting in row `r`, placed by their left edge into the
/// columns `bounds` (left to right, `bounds.len() - 1` columns); cells
/// landing in one column are joined.
pub fn cells_by_x(grid: &Grid, r: usize, bounds: &[f32], tol: f32) -> Vec<String> {
    let n = bounds.len().saturating_sub(1);
    let mut out = vec![String::new(); n];
    for cell in grid.row_cells(r) {
        let i = bounds
            .iter()
            .take(n)
            .filter(|&&b| b <= cell.rect.x0 + tol)
            .count()
            .saturating_sub(1);
        if let Some(slot) = out.get_mut(i) {
            slot.push_str(&cell.text);
        }
    }
    out
}

/// Texts of elementary row `r`: each cell's text at its top-left slot,
/// empty in the other slots it spans.
pub fn row_texts(grid: &Grid, r: usize) -> Vec<String> {
    (0..grid.n_cols())
        .map(|c| match grid.cell_at(r, c) {
            Some(cell) if cell.row == r && cell.col == c => cell.text.clone(),
            _ => String::new(),
        })
        .collect()
}

/// All logical tables of a document, in page order.
pub fn logical_tables(pages: &[Page], params: &LatticeParams) -> Vec<LogicalTable> {
    join_pages(page_tables(pages, params), params)
}

/// Finds and fills the grids of every page and reads the furniture above
/// each.
pub fn page_tables(pages: &[Page], params: &LatticeParams) -> Vec<PageTable> {
    let pages: Vec<Cow<Page>> = pages.iter().map(upright).collect();
    let scans: Vec<Scan> = pages.iter().map(|p| scan(p, params)).collect();
    let running = running_lines(scans.iter().map(|s| &s.lines));
    let mut out = Vec::new();
    // A title printed at the foot of a page heads the next page's table.
    let mut carried: Vec<TextLine> = Vec::new();
    let mut first = true;
    for (sc, page) in scans.into_iter().zip(&pages) {
        // Furniture repeated on every page (a form per page) is still the
        // first table's title, 部门 and 单位; a 部门/单位 line repeated above
        // every table is each table's own metadata, never a running header.
        let keep = |l: &&TextLine| {
            let t = l.text.trim();
            first && is_furniture(t) || department(t).is_some() || currency_unit(t).is_some()
        };
        let lines: Vec<&TextLine> = sc
            .lines
            .iter()
            .filter(|l| !is_page_number(&l.text) && (!running.contains(&shape(&l.text)) || keep(l)))
            .collect();
        first &= sc.grids.is_empty();
        let count = sc.grids.len();
        let bottoms: Vec<f32> = sc.grids.iter().map(|g| g.bbox.y0).collect();
        let mut ceiling = f32::MAX;
        for (i, grid) in sc.grids.into_iter().enumerate() {
            let above: Vec<&TextLine> = lines
                .iter()
                .filter(|l| l.bottom >= grid.bbox.y1 - 0.5 * sc.glyph && l.top <= ceiling)
                .copied()
                .collect();
            ceiling = grid.bbox.y0;
            let lead = if i == 0 { &carried[..] } else { &[] };
            let mut t = page_table(grid, &above, lead, page, params);
            t.prose_above = above.iter().any(|l| is_prose(&l.text));
            (t.first_on_page, t.last_on_page, t.glyph) = (i == 0, i + 1 == count, sc.glyph);
            t.stray = stray_lines(&lines, |l| owner(&bottoms, l, sc.glyph) == i);
            if i + 1 == count {
                t.full_bottom = full_bottom_cells(&t.grid, page, sc.glyph);
            }
            out.push(t);
        }
        carried = lines
            .iter()
            .filter(|l| l.top <= ceiling)
            .map(|l| (*l).clone())
            .collect();
        if !carried.iter().any(|l| is_title(l.text.trim())) {
            carried.clear();
        }
    }
    out
}

fn is_furniture(text: &str) -> bool {
    is_title(text) || department(text).is_some() || currency_unit(text).is_some()
}

/// Cells (row, col) of the grid's lowest row of text whose last line ends
/// within 1.5 glyphs of the cell's right edge (a line wrapped there, or
/// spread over the width): the row may be cut by the page break.
fn full_bottom_cells(grid: &Grid, page: &Page, glyph: f32) -> Vec<(usize, usize)> {
    // The lowest row holding text: empty ruled rows may follow it.
    let Some(last) = grid
        .cells
        .iter()
        .filter(|c| !c.text.is_empty())
        .map(|c| c.row + c.row_span.max(1) - 1)
        .max()
    else {
        return Vec::new();
    };
    grid.cells
        .iter()
        .filter(|c| c.row + c.row_span.max(1) == last + 1 && !c.text.is_empty())
        .filter(|c| {
            let inside: Vec<&super::model::Glyph> = page
                .glyphs
                .iter()
                .filter(|g| {
                    let (x, y) = g.bbox.center();
                    x >= c.rect.x0 && x <= c.rect.x1 && y >= c.rect.y0 && y <= c.rect.y1
                })
                .collect();
            let low = inside
                .iter()
                .map(|g| g.bbox.center().1)
                .fold(f32::MAX, f32::min);
            let right = inside
                .iter()
                .filter(|g| g.bbox.center().1 <= low + 0.5 * glyph)
                .map(|g| g.bbox.x1)
                .fold(f32::MIN, f32::max);
            c.rect.x1 - right <= 1.5 * glyph
        })
        .map(|c| (c.row, c.col))
        .collect()
}

/// Lines outside the grids that no reading of furniture used.
fn stray_lines(lines: &[&TextLine], mine: impl Fn(&TextLine) -> bool) -> Vec<String> {
    lines
        .iter()
        .filter(|l| mine(l))
        .map(|l| l.text.trim())
        .filter(|t| {
            !t.is_empty()
                && department(t).is_none()
                && currency_unit(t).is_none()
                && !is_continuation_mark(t)
                && !is_title(t)
        })
        .map(str::to_string)
        .collect()
}

/// The grid (index, top to bottom) a stray line belongs to: the nearest
/// one above it — a note under a grid (`注：本部门无相关收支项目`) is that
/// table's — or the first grid for lines above them all.
fn owner(bottoms: &[f32], line: &TextLine, glyph: f32) -> usize {
    bottoms
        .iter()
        .rposition(|&y0| line.top <= y0 + 0.5 * glyph)
        .unwrap_or(0)
}

/// One page's filled grids, the text lines outside them, its glyph size.
struct Scan {
    grids: Vec<Grid>,
    lines: Vec<TextLine>,
    glyph: f32,
}

fn scan(page: &Page, params: &LatticeParams) -> Scan {
    let mut grids = find_grids(page, params);
    let mut outside = fill(&mut grids, &page.glyphs, params);
    let glyph = glyph_size(page, params);
    let found = grids.len();
    grids.retain(|g| g.cells.iter().any(|c| !c.text.is_empty()) && !is_legend(g, glyph));
    if grids.len() < found {
        // A dropped legend's labels are text outside the tables again.
        outside = fill(&mut grids, &page.glyphs, params);
    }
    Scan {
        grids,
        lines: text_lines(outside, params),
        glyph,
    }
}

/// A grid with its metadata: from the lines above it and its banner rows,
/// else from a title carried over from the foot of the page before.
fn page_table(
    grid: Grid,
    above: &[&TextLine],
    carried: &[TextLine],
    page: &Page,
    params: &LatticeParams,
) -> PageTable {
    let banner = banner_rows(&grid);
    let inner = banner_lines(&grid, banner, page, params);
    let mut lines: Vec<&TextLine> = above.to_vec();
    lines.extend(inner.iter());
    let (mut meta, continued) = meta_from_lines(&lines);
    if meta.title.is_none() && !carried.is_empty() {
        let with: Vec<&TextLine> = carried.iter().chain(lines.iter().copied()).collect();
        meta = meta_from_lines(&with).0;
    }
    PageTable {
        grid,
        meta,
        continued,
        first_on_page: false,
        last_on_page: false,
        glyph: 0.0,
        banner,
        stray: Vec::new(),
        full_bottom: Vec::new(),
        prose_above: false,
    }
}

/// Leading rows made of a single cell spanning the whole width.
fn banner_rows(grid: &Grid) -> usize {
    (0..grid.n_rows())
        .take_while(|&r| {
            grid.cell_at(r, 0)
                .is_some_and(|c| c.row == r && c.col_span == grid.n_cols() && grid.n_cols() > 1)
        })
        .map(|r| grid.cell_at(r, 0).map_or(1, |c| c.row_span))
        .sum::<usize>()
        .min(grid.n_rows())
}

/// The text lines inside the banner rows, read like furniture.
fn banner_lines(grid: &Grid, banner: usize, page: &Page, params: &LatticeParams) -> Vec<TextLine> {
    let (Some(&top), Some(&bottom)) = (grid.rows.first(), grid.rows.get(banner)) else {
        return Vec::new();
    };
    if banner == 0 {
        return Vec::new();
    }
    let inside = page.glyphs.iter().filter(|g| {
        let (x, y) = g.bbox.center();
        y <= top && y >= bottom && x >= grid.bbox.x0 && x <= grid.bbox.x1
    });
    text_lines(inside.collect(), params)
}

/// Texts (digits blurred) printed on at least three pages and on half the
/// pages or more: running headers and footers.
fn running_lines<'a>(pages: impl Iterator<Item = &'a Vec<TextLine>>) -> Vec<String> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    let mut n_pages = 0;
    for lines in pages {
        n_pages += 1;
        let mut seen: Vec<String> = lines.iter().map(|l| shape(&l.text)).collect();
        seen.sort();
        seen.dedup();
        for s in seen {
            *counts.entry(s).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .filter(|(_, n)| *n >= 3 && *n * 2 >= n_pages)
        .map(|(s, _)| s)
        .collect()
}

/// A line's text with digits blurred, so "第3页" and "第4页" match.
fn shape(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect()
}

/// Title (the …表 line nearest the table, its 表号 split off), 表号,
/// 部门名称 and 单位 from the lines above a table (top to bottom); the flag
/// says a 续表 marker was among them.
pub fn meta_from_lines(lines: &[&TextLine]) -> (TableMeta, bool) {
    let mut meta = TableMeta::default();
    let mut continued = false;
    let mut title: Option<usize> = None;
    // Each line without a 表号 printed before it.
    let texts: Vec<&str> = lines.iter().map(|l| split_number(&l.text).1).collect();
    for (i, line) in lines.iter().enumerate() {
        let text = line.text.trim();
        let dept = department(text);
        let unit = currency_unit(text);
        if dept.is_some() || unit.is_some() {
            meta.department = meta.department.or(dept);
            meta.currency_unit = meta.currency_unit.or(unit);
        } else if is_continuation_mark(text) {
            continued = true;
        } else if let (Some(n), rest) = split_number(text) {
            meta.number = Some(n);
            if is_title(rest) {
                title = Some(i);
            }
        } else if is_title(text) {
            // The nearest such line: section headings and table numbers
            // ("第二部分 …", "公开03表") stand further up.
            title = Some(i);
        }
    }
    meta.title = title.map(|t| wrapped_title(lines, &texts, t));
    (meta, continued)
}

/// The title line with the lines of the same size right above it that are
/// the start of the same title, wrapped (“…支出预算” / “表”); `texts` are
/// the lines without their 表号, which joins the first line's rest.
fn wrapped_title(lines: &[&TextLine], texts: &[&str], at: usize) -> String {
    let (Some(line), Some(first)) = (lines.get(at), texts.get(at)) else {
        return String::new();
    };
    let mut text = first.to_string();
    let mut below = *line;
    for (prev, t) in lines.iter().zip(texts).take(at).rev() {
        let same_size = (prev.size - below.size).abs() <= 0.1 * below.size;
        let adjacent = prev.bottom - below.top <= below.size;
        let plain = department(t).is_none() && currency_unit(t).is_none() && !t.contains('。');
        if !(same_size && adjacent && plain) || t.is_empty() || t.contains('表') {
            break;
        }
        text = format!("{t}{text}");
        below = prev;
        // A line opening with a 表号 is the title's first line.
        if split_number(&prev.text).0.is_some() {
            break;
        }
    }
    text
}

/// Joins tables continuing across pages; a pure function of its input.
/// A page's first grid continues the previous page's last grid when no
/// new title or 部门名称 stands above it, the column counts agree, and the
/// columns line up or it repeats the header.
pub fn join_pages(tables: Vec<PageTable>, params: &LatticeParams) -> Vec<LogicalTable> {
    let mut out: Vec<LogicalTable> = Vec::new();
    let mut prev_last = false;
    for t in tables {
        let was_last = std::mem::replace(&mut prev_last, t.last_on_page);
        match out.last_mut() {
            Some(cur) if was_last && t.first_on_page && continues(cur, &t, params) => {
                let skip = cur
                    .parts
                    .first()
                    .map_or(0, |f| repeated_header_rows(f, &t.grid, t.banner));
                cur.parts.push(Part {
                    grid: t.grid,
                    skip: t.banner + skip,
                    col_tol: params.column_match * t.glyph,
                    stray: t.stray,
                    full_bottom: t.full_bottom,
                });
            }
            _ => out.push(LogicalTable {
                meta: t.meta,
                parts: vec![Part {
                    skip: if banner_is_furniture(&t.grid, t.banner) {
                        t.banner
                    } else {
                        0
                    },
                    grid: t.grid,
                    col_tol: params.column_match * t.glyph,
                    stray: t.stray,
                    full_bottom: t.full_bottom,
                }],
            }),
        }
    }
    out
}

/// Whether page table `t` continues logical table `cur`.
fn continues(cur: &LogicalTable, t: &PageTable, params: &LatticeParams) -> bool {
    let (Some(first), Some(last)) = (cur.parts.first(), cur.parts.last()) else {
        return false;
    };
    if t.grid.page != last.grid.page + 1 {
        return false;
    }
    // Prose between the two grids (a paragraph above this one) ends the
    // table: a reader sees a new table introduced by the text.
    if t.prose_above {
        return false;
    }
    // A title or 部门名称 other than the table's own starts a new table; the
    // same ones printed again on each page do not.
    let differs = |a: &Option<String>, b: &Option<String>| a.is_some() && a != b;
    if differs(&t.meta.title, &cur.meta.title) || differs(&t.meta.department, &cur.meta.department)
    {
        return false;
    }
    let tol = params.column_match * t.glyph;
    let (a, b) = (&t.grid.cols, &last.grid.cols);
    let near = |x: &f32, y: Option<&f32>| y.is_some_and(|y| (x - y).abs() <= tol);
    let same_frame = a.first().is_some_and(|x| near(x, b.first()))
        && a.last().is_some_and(|x| near(x, b.last()));
    let within = |a: &[f32], b: &[f32]| a.iter().all(|x| b.iter().any(|y| (x - y).abs() <= tol));
    let aligned = same_frame && (within(a, b) || within(b, a));
    let same_count = a.len() == b.len();
    // A frame shifted as a whole (mirrored margins) keeps its column
    // widths; a table of the same header but other widths is another one.
    let widths = |c: &[f32]| c.windows(2).map(|w| w[1] - w[0]).collect::<Vec<f32>>();
    let same_widths = same_count
        && widths(a)
            .iter()
            .zip(widths(b))
            .all(|(x, y)| (x - y).abs() <= tol);
    let repeats = repeated_header_rows(first, &t.grid, t.banner) > 0;
    // A grid opening with a header of its own is another table, however
    // well its frame lines up — unless the table so far is a header only
    // (its header goes on over the page).
    if !t.continued && !repeats && opens_with_header(&t.grid, t.banner) && has_amounts(cur) {
        return false;
    }
    aligned || same_count && t.continued || same_widths && repeats
}

/// Whether any kept row of the table holds an amount (a body).
fn has_amounts(t: &LogicalTable) -> bool {
    t.parts.iter().any(|p| {
        (p.skip..p.grid.n_rows()).any(|r| {
            row_texts(&p.grid, r)
                .iter()
                .any(|c| crate::table::header::is_amount(c))
        })
    })
}

/// Row `from` reads like a header: text in every one of its (two or more)
/// cells and no amount among them.
fn opens_with_header(grid: &Grid, from: usize) -> bool {
    let row = row_texts(grid, from);
    let cells: Vec<&String> = row.iter().filter(|c| !c.is_empty()).collect();
    let spanned = (0..grid.n_cols())
        .filter(|&c| grid.cell_at(from, c).is_some_and(|x| x.col == c))
        .count();
    cells.len() >= 2
        && cells.len() == spanned
        && !cells
            .iter()
            .any(|c| crate::table::header::is_amount(c) || c.chars().any(|ch| ch.is_ascii_digit()))
}

/// How many rows of `next`, from row `from`, repeat header rows of the
/// table's first part.
pub fn repeated_header_rows(first: &Part, next: &Grid, from: usize) -> usize {
    let top = first.skip;
    let header: Vec<Vec<String>> = (top..first.grid.n_rows().min(top + MAX_HEADER_ROWS))
        .map(|r| row_texts(&first.grid, r))
        .filter(|r| r.iter().any(|c| !c.is_empty()))
        .collect();
    (from..next.n_rows().min(from + MAX_HEADER_ROWS))
        .take_while(|&r| {
            let row = row_texts(next, r);
            row.iter().any(|c| !c.is_empty()) && header.contains(&row)
        })
        .count()
}

/// The PDF source: every ruled table joined across pages as a shared
/// logical table (each page's grid kept as a piece), and the text layer's
/// warnings.
pub fn read_source(path: &Path, bytes: &[u8]) -> Result<SourceDoc> {
    let doc = super::open(path, bytes)?;
    unreadable(path, &doc)?;
    source_doc(path, &doc.pages, doc.warnings)
}

/// The logical tables of readable pages, with what the source saw.
fn source_doc(path: &Path, pages: &[Page], warnings: Vec<Warning>) -> Result<SourceDoc> {
    let tables = logical_tables(pages, &LatticeParams::default());
    check_size(path, &tables, crate::sources::limits::MAX_CELLS)?;
    let n = count_pages(pages.len());
    let seen = match tables.len() {
        0 => Seen::nothing(format!("no ruled tables on {n}")),
        k => Seen::tables(format!("{k} ruled tables on {n}")),
    };
    Ok(SourceDoc {
        source: path.display().to_string(),
        format: Format::Pdf,
        pages: u32::try_from(pages.len()).unwrap_or(u32::MAX),
        tables: super::to_table::to_tables(&tables),
        warnings,
        seen: Some(seen),
    })
}

/// A PDF with no text on any page cannot be read at all: damaged, scanned
/// or blank. That is a failure, not a readable file without a table.
fn unreadable(path: &Path, doc: &super::PdfDoc) -> Result<()> {
    if doc.pages.iter().any(|p| !p.glyphs.is_empty()) {
        return Ok(());
    }
    let has = |kind: WarningKind| doc.warnings.iter().any(|w| w.kind == kind);
    let n = count_pages(doc.pages.len());
    let reason = if has(WarningKind::ContentError) {
        format!(
            "damaged PDF: no readable text on {n}; content is missing or broken (truncated file?)"
        )
    } else if has(WarningKind::NoText) {
        format!("no text layer on {n}: it looks scanned and needs OCR first")
    } else {
        format!("no text on {n}: the pages are blank")
    };
    Err(Error::malformed(path, reason))
}

/// Fails, as every source does, a file whose tables hold more than `max`
/// cells together or a grid over `sources::MAX_GRID_SLOTS` slots: the
/// stages after this copy the cells several times over.
fn check_size(path: &Path, tables: &[LogicalTable], max: usize) -> Result<()> {
    let parts = || tables.iter().flat_map(|t| &t.parts);
    for p in parts() {
        let where_ = format!("the table on page {}", p.grid.page);
        crate::sources::limits::check_grid(path, &where_, p.grid.n_rows(), p.grid.n_cols())?;
    }
    let cells: usize = parts().map(|p| p.grid.cells.len()).sum();
    if cells > max {
        return Err(Error::unsupported(
            path,
            format!("more than {max} cells: too large to read as tables"),
        ));
    }
    Ok(())
}

/// "1 page", "3 pages".
pub fn count_pages(n: usize) -> String {
    if n == 1 {
        "1 page".to_string()
    } else {
        format!("{n} pages")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::raw::{RawDocument, RawTable};

    /// The rows the converter reads from these pages' tables.
    fn read_pages(path: &Path, pages: &[Page]) -> Result<RawDocument> {
        crate::pipeline::raw_document(source_doc(path, pages, Vec::new())?)
    }

    /// The same from tables already joined.
    fn performance_tables(tables: &[LogicalTable]) -> Vec<RawTable> {
        let src = SourceDoc {
            source: String::new(),
            format: Format::Pdf,
            pages: 1,
            tables: super::super::to_table::to_tables(tables),
            warnings: Vec::new(),
            seen: None,
        };
        crate::pipeline::raw_document(src).map_or_else(|_| Vec::new(), |d| d.tables)
    }
    use crate::sources::pdf::cells::tests::run;
    use crate::sources::pdf::lattice::tests::{ruled, seg};

    const XS: [f32; 8] = [20.0, 140.0, 190.0, 240.0, 290.0, 340.0, 520.0, 780.0];
    use crate::columns::STANDARD_COLUMNS as LABELS;

    fn blank(number: u32) -> Page {
        Page {
            number,
            width: 842.0,
            height: 595.0,
            rotation: 0,
            glyphs: Vec::new(),
            lines: Vec::new(),
            undecoded: 0,
        }
    }

    /// A ruled table whose rows (top first) hold `rows` texts; rows are 30 pt
    /// tall from `top` down.
    fn table(page: &mut Page, top: f32, rows: &[Vec<&str>]) {
        let ys: Vec<f32> = (0..=rows.len()).map(|i| top - 30.0 * i as f32).collect();
        page.lines.extend(ruled(&XS, &ys));
        for (r, row) in rows.iter().enumerate() {
            for (c, text) in row.iter().enumerate() {
                page.glyphs
                    .extend(run(text, XS[c] + 2.0, ys[r] - 20.0, 8.0));
            }
        }
    }

    fn text(page: &mut Page, s: &str, y: f32, size: f32) {
        page.glyphs.extend(run(s, 40.0, y, size));
    }

    fn header() -> Vec<&'static str> {
        LABELS.to_vec()
    }

    fn first_page() -> Page {
        let mut p = blank(1);
        text(&mut p, "2024年部门预算", 580.0, 8.0);
        text(&mut p, "项目支出绩效目标表", 550.0, 16.0);
        text(&mut p, "部门名称：广州市科技创新服务局", 530.0, 8.0);
        text(&mut p, "单位：万元", 515.0, 8.0);
        table(
            &mut p,
            500.0,
            &[
                header(),
                vec!["合计", "50.00", "50.00", "", "", "", ""],
                vec!["某项目", "50.00", "50.00", "", "", "目标", "1、指标"],
            ],
        );
        text(&mut p, "- 1 -", 20.0, 8.0);
        p
    }

    fn second_page(repeat_header: bool) -> Page {
        let mut p = blank(2);
        text(&mut p, "2024年部门预算", 580.0, 8.0);
        let mut rows = Vec::new();
        if repeat_header {
            rows.push(header());
        }
        rows.push(vec!["", "", "", "", "", "目标续", "2、指标"]);
        rows.push(vec![
            "另一项目",
            "10.00",
            "",
            "",
            "10.00",
            "目标",
            "1、指标",
        ]);
        table(&mut p, 540.0, &rows);
        text(&mut p, "- 2 -", 20.0, 8.0);
        p
    }

    fn third_page() -> Page {
        let mut p = blank(3);
        text(&mut p, "2024年部门预算", 580.0, 8.0);
        text(&mut p, "- 3 -", 20.0, 8.0);
        p
    }

    #[test]
    fn furniture_becomes_metadata_and_page_numbers_are_ignored() {
        let pages = vec![first_page(), second_page(true), third_page()];
        let tables = page_tables(&pages, &LatticeParams::default());
        assert_eq!(tables.len(), 2);
        let m = &tables[0].meta;
        assert_eq!(m.title.as_deref(), Some("项目支出绩效目标表"));
        assert_eq!(m.department.as_deref(), Some("广州市科技创新服务局"));
        assert_eq!(m.currency_unit.as_deref(), Some("万元"));
        // The running header on page 2 is no title.
        assert_eq!(tables[1].meta, TableMeta::default());
    }

    #[test]
    fn a_note_outside_the_table_is_reported_not_dropped() {
        let mut p = first_page();
        text(&mut p, "注：本表金额含上年结转。", 40.0, 9.0);
        let raw = read_pages(Path::new("n.pdf"), &[p]).expect("a table");
        let w = &raw.tables[0].warnings;
        // On a lone page the header line is no running header either.
        let texts: Vec<&str> = w.iter().map(|w| w.message.as_str()).collect();
        assert_eq!(
            texts,
            [
                "text outside the table: «2024年部门预算»",
                "text outside the table: «注：本表金额含上年结转。»"
            ]
        );
        assert!(w.iter().all(|w| w.kind.as_str() == "text_outside_table"
            && w.source == "n.pdf"
            && w.page == Some(1)));
    }

    #[test]
    fn repeated_header_is_dropped_and_pages_join() {
        let pages = vec![first_page(), second_page(true), third_page()];
        let tables = logical_tables(&pages, &LatticeParams::default());
        assert_eq!(tables.len(), 1);
        assert_eq!(tables[0].parts.len(), 2);
        assert_eq!(tables[0].parts[1].skip, 1);
        let raw = performance_tables(&tables);
        assert_eq!(raw.len(), 1);
        let t = &raw[0];
        assert_eq!(t.columns, LABELS.to_vec());
        let firsts: Vec<(&str, u32)> = t
            .rows
            .iter()
            .map(|r| (r.cells[0].as_str(), r.page))
            .collect();
        // The repeated header and the fragment on page 2 stay rows for
        // repair, which drops (and logs) the one and joins the other.
        assert_eq!(
            firsts,
            vec![
                ("合计", 1),
                ("某项目", 1),
                ("项目名称（资金使用单位）", 2),
                ("", 2),
                ("另一项目", 2)
            ]
        );
        assert_eq!(t.rows[3].cells[5], "目标续");
        let fixed = crate::repair::repair(t, "t.pdf");
        let kinds: Vec<&str> = fixed.notes.iter().map(|n| n.kind.as_str()).collect();
        assert_eq!(kinds, ["dropped_header", "appended_fragment"]);
        assert_eq!(t.meta.department.as_deref(), Some("广州市科技创新服务局"));
    }

    #[test]
    fn tables_over_the_cell_cap_fail_with_one_line() {
        let tables = logical_tables(&[first_page()], &LatticeParams::default());
        let cells: usize = tables
            .iter()
            .flat_map(|t| &t.parts)
            .map(|p| p.grid.cells.len())
            .sum();
        assert!(cells > 1);
        let path = Path::new("big.pdf");
        assert!(check_size(path, &tables, cells).is_ok());
        let e = check_size(path, &tables, cells - 1)
            .map(|_| ())
            .unwrap_err();
        let msg = e.to_string();
        assert!(
            msg.starts_with("big.pdf: ") && msg.contains("cells: too large"),
            "{msg}"
        );
        assert!(!msg.contains('\n'));
    }

    #[test]
    fn continuation_without_repeated_header_joins_by_column_alignment() {
        let pages = vec![first_page(), second_page(false)];
        let tables = logical_tables(&pages, &LatticeParams::default());
        assert_eq!(tables.len(), 1);
        assert_eq!(tables[0].parts[1].skip, 0);
        assert_eq!(performance_tables(&tables)[0].rows.len(), 4);
    }

    #[test]
    fn a_new_title_starts_a_new_table() {
        let mut second = blank(2);
        text(&mut second, "项目支出绩效目标表", 570.0, 16.0);
        text(&mut second, "部门名称：另一单位  单位：万元", 550.0, 8.0);
        table(
            &mut second,
            540.0,
            &[header(), vec!["合计", "1.00", "1.00", "", "", "", ""]],
        );
        let tables = logical_tables(&[first_page(), second], &LatticeParams::default());
        assert_eq!(tables.len(), 2);
        let raw = performance_tables(&tables);
        assert_eq!(raw[1].meta.department.as_deref(), Some("另一单位"));
        assert_eq!(raw[1].meta.currency_unit.as_deref(), Some("万元"));
        assert_eq!(raw[1].rows.len(), 1);
    }

    #[test]
    fn misaligned_tables_on_consecutive_pages_stay_apart() {
        let mut second = blank(2);
        second
            .lines
            .extend(ruled(&[20.0, 300.0, 500.0], &[540.0, 510.0]));
        second.glyphs.extend(run("收入", 30.0, 520.0, 8.0));
        let tables = logical_tables(&[first_page(), second], &LatticeParams::default());
        assert_eq!(tables.len(), 2);
    }

    #[test]
    fn two_level_header_gives_leaf_labels() {
        // 项目名称 and 绩效目标 span two header rows; 金额 spans four columns.
        let mut p = blank(1);
        let ys = [500.0, 480.0, 460.0, 430.0];
        for y in ys {
            let (x0, x1) = if y == 480.0 {
                (XS[1], XS[5])
            } else {
                (XS[0], XS[7])
            };
            p.lines.push(seg(x0, y, x1, y));
        }
        for (i, x) in XS.iter().enumerate() {
            let y1 = if (2..=4).contains(&i) { 480.0 } else { 500.0 };
            p.lines.push(seg(*x, 430.0, *x, y1));
        }
        p.glyphs.extend(run("项目名称", 22.0, 470.0, 8.0));
        p.glyphs.extend(run("金额", 200.0, 485.0, 8.0));
        for (i, l) in ["总计", "财政拨款", "财政专户拨款", "其他资金"]
            .iter()
            .enumerate()
        {
            p.glyphs.extend(run(l, XS[i + 1] + 2.0, 465.0, 6.0));
        }
        p.glyphs.extend(run("绩效目标", 350.0, 470.0, 8.0));
        p.glyphs.extend(run("绩效指标", 530.0, 470.0, 8.0));
        p.glyphs.extend(run("合计", 22.0, 440.0, 8.0));
        p.glyphs.extend(run("5.00", 142.0, 440.0, 8.0));
        let raw = performance_tables(&logical_tables(&[p], &LatticeParams::default()));
        assert_eq!(raw.len(), 1);
        assert_eq!(
            raw[0].columns,
            vec![
                "项目名称",
                "总计",
                "财政拨款",
                "财政专户拨款",
                "其他资金",
                "绩效目标",
                "绩效指标"
            ]
        );
        assert_eq!(raw[0].rows.len(), 1);
        assert_eq!(raw[0].rows[0].cells[1], "5.00");
    }

    #[test]
    fn open_border_rows_join_the_next_page() {
        // Page 1 ends without a bottom rule, page 2 starts without a top one.
        let mut p1 = first_page();
        p1.lines.retain(|s| !(s.y0 == s.y1 && s.y0 == 410.0));
        for s in p1.lines.iter_mut().filter(|s| s.x0 == s.x1) {
            s.y0 = 380.0;
        }
        p1.glyphs.extend(run("续写", XS[5] + 2.0, 390.0, 8.0));
        let mut p2 = blank(2);
        p2.lines.extend(XS.iter().map(|&x| seg(x, 480.0, x, 540.0)));
        p2.lines.push(seg(XS[0], 510.0, XS[7], 510.0));
        p2.lines.push(seg(XS[0], 480.0, XS[7], 480.0));
        p2.glyphs.extend(run("完", XS[5] + 2.0, 520.0, 8.0));
        p2.glyphs.extend(run("新项目", XS[0] + 2.0, 490.0, 8.0));
        let tables = logical_tables(&[p1, p2], &LatticeParams::default());
        assert_eq!(tables.len(), 1);
        assert!(tables[0].parts[0].grid.open_bottom);
        assert!(tables[0].parts[1].grid.open_top);
        let raw = performance_tables(&tables);
        let goals: Vec<&str> = raw[0].rows.iter().map(|r| r.cells[5].as_str()).collect();
        assert_eq!(goals, vec!["", "目标续写", "完", ""]);
    }

    #[test]
    fn no_performance_table_is_a_clear_error() {
        let mut p = blank(1);
        text(&mut p, "收支总表", 560.0, 16.0);
        p.lines
            .extend(ruled(&[20.0, 300.0, 500.0], &[540.0, 510.0, 480.0]));
        p.glyphs.extend(run("收入总计", 30.0, 520.0, 8.0));
        let err = read_pages(Path::new("x.pdf"), &[p])
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("x.pdf") && err.contains("1 ruled tables on 1 page,"),
            "{err}"
        );
        let mut p = blank(1);
        text(&mut p, "说明", 560.0, 16.0);
        let err = read_pages(Path::new("y.pdf"), &[p])
            .unwrap_err()
            .to_string();
        assert!(err.contains("no ruled tables on 1 page"), "{err}");
    }

    #[test]
    fn furniture_patterns() {
        assert!(is_page_number("- 12 -"));
        assert!(is_page_number("第 3 页 共 9 页"));
        assert!(is_page_number("3/9"));
        assert!(!is_page_number("2024年"));
        assert_eq!(
            department("部门名称：广州市科技创新服务局    单位：万元").as_deref(),
            Some("广州市科技创新服务局")
        );
        assert_eq!(
            department("编制单位:江苏省人大").as_deref(),
            Some("江苏省人大")
        );
        assert_eq!(currency_unit("金额单位：万元").as_deref(), Some("万元"));
        assert_eq!(currency_unit("编制单位：某局"), None);
        assert!(is_continuation_mark("续表"));
        assert!(is_title("Table 2.4: Number of male students"));
        assert!(is_title("Table6.9:Diffusion of scanning"));
        assert!(!is_title("Tablets sold per outlet"));
    }

    #[test]
    fn a_ruled_table_reads_its_rows_with_pages() {
        let mut p = blank(3);
        p.lines
            .extend(ruled(&[20.0, 300.0, 500.0], &[540.0, 510.0]));
        p.glyphs.extend(run("收入", 30.0, 520.0, 8.0));
        text(&mut p, "收支总表/2024", 560.0, 16.0);
        let t = logical_tables(&[p], &LatticeParams::default());
        let rows = t[0].rows();
        assert_eq!(rows, vec![(vec!["收入".to_string(), String::new()], 3)]);
    }

    #[test]
    fn furniture_ruled_into_the_grid_is_metadata() {
        // Title, 部门 and 单位 in a full-width first row of the grid.
        let mut p = blank(1);
        let xs = [20.0, 300.0, 500.0];
        p.lines.extend(ruled(&xs, &[540.0, 480.0, 450.0, 420.0]));
        p.lines.retain(|s| !(s.x0 == 300.0 && s.x1 == 300.0));
        p.lines.push(seg(300.0, 420.0, 300.0, 480.0));
        p.glyphs.extend(run("收支预算总表", 200.0, 520.0, 16.0));
        p.glyphs
            .extend(run("部门：江苏省政协办公厅", 22.0, 490.0, 8.0));
        p.glyphs.extend(run("单位：万元", 440.0, 490.0, 8.0));
        p.glyphs.extend(run("收入", 22.0, 460.0, 8.0));
        p.glyphs.extend(run("支出", 302.0, 460.0, 8.0));
        p.glyphs.extend(run("收入总计", 22.0, 430.0, 8.0));
        let t = logical_tables(&[p], &LatticeParams::default());
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].meta.title.as_deref(), Some("收支预算总表"));
        assert_eq!(t[0].meta.department.as_deref(), Some("江苏省政协办公厅"));
        assert_eq!(t[0].meta.currency_unit.as_deref(), Some("万元"));
        let rows = t[0].rows();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].0, vec!["收入", "支出"]);
    }

    #[test]
    fn a_part_splitting_a_column_still_joins_and_maps_by_position() {
        // Page 2 draws an extra rule inside the goal column for one row.
        let mut p2 = second_page(false);
        p2.lines.push(seg(430.0, 480.0, 430.0, 510.0));
        p2.glyphs.extend(run("补", 432.0, 490.0, 8.0));
        let tables = logical_tables(&[first_page(), p2], &LatticeParams::default());
        assert_eq!(tables.len(), 1);
        assert_eq!(tables[0].columns().len(), 9);
        let raw = performance_tables(&tables);
        let last = raw[0].rows.last().unwrap();
        assert_eq!(last.cells.len(), 7);
        assert_eq!(last.cells[5], "目标补");
        assert_eq!(last.cells[6], "1、指标");
    }

    #[test]
    fn wrapped_titles_join_and_notes_are_no_titles() {
        let line = |text: &str, top: f32, size: f32| TextLine {
            text: text.to_string(),
            top,
            bottom: top - size,
            size,
        };
        let lines = [
            line("第二部分 2017年度部门预算表", 600.0, 18.0),
            line("2017年部门预算", 590.0, 8.0),
            line("“三公”经费、会议费、培训费支出预算", 560.0, 16.0),
            line("表", 543.0, 16.0),
            line("部门：江苏省人大常委会办公厅 单位：万元", 520.0, 8.0),
        ];
        let refs: Vec<&TextLine> = lines.iter().collect();
        let (meta, _) = meta_from_lines(&refs);
        assert_eq!(
            meta.title.as_deref(),
            Some("“三公”经费、会议费、培训费支出预算表")
        );
        assert_eq!(meta.department.as_deref(), Some("江苏省人大常委会办公厅"));
        let sentence = [line(
            "（二）负责编制年度预决算草案，代表政府报告；",
            560.0,
            8.0,
        )];
        let refs: Vec<&TextLine> = sentence.iter().collect();
        assert_eq!(meta_from_lines(&refs).0.title, None);
        let note = [line("本表反映2018年度总体收入预算情况。", 560.0, 8.0)];
        let refs: Vec<&TextLine> = note.iter().collect();
        assert_eq!(meta_from_lines(&refs).0.title, None);
    }

    #[test]
    fn a_title_at_the_foot_of_a_page_heads_the_next_pages_table() {
        let mut p1 = first_page();
        text(&mut p1, "财政拨款基本支出预算表", 60.0, 16.0);
        // Same frame as page 1's table: only the title keeps them apart.
        let mut p2 = blank(2);
        table(
            &mut p2,
            540.0,
            &[vec!["工资福利支出", "1.00", "", "", "", "", ""]],
        );
        let tables = logical_tables(&[p1, p2], &LatticeParams::default());
        assert_eq!(tables.len(), 2);
        assert_eq!(
            tables[1].meta.title.as_deref(),
            Some("财政拨款基本支出预算表")
        );
    }

    #[test]
    fn a_title_repeated_on_each_page_does_not_split_the_table() {
        let mut p2 = second_page(true);
        text(&mut p2, "项目支出绩效目标表", 560.0, 16.0);
        text(&mut p2, "部门名称：广州市科技创新服务局", 550.0, 8.0);
        let tables = logical_tables(&[first_page(), p2], &LatticeParams::default());
        assert_eq!(tables.len(), 1);
        assert_eq!(tables[0].parts.len(), 2);
    }

    #[test]
    fn a_headerless_table_with_other_inner_rules_still_continues_the_table() {
        // Page 2 moves the goal column's left rule: no grid join, but the
        // same frame on the next page with no title continues the table.
        let mut p2 = second_page(false);
        for s in p2
            .lines
            .iter_mut()
            .filter(|s| s.x0 == 340.0 && s.x1 == 340.0)
        {
            s.x0 = 360.0;
            s.x1 = 360.0;
        }
        for g in p2
            .glyphs
            .iter_mut()
            .filter(|g| g.bbox.x0 >= 340.0 && g.bbox.x0 < 520.0)
        {
            g.bbox.x0 += 20.0;
            g.bbox.x1 += 20.0;
        }
        let tables = logical_tables(&[first_page(), p2], &LatticeParams::default());
        assert_eq!(tables.len(), 2);
        let raw = performance_tables(&tables);
        assert_eq!(raw.len(), 1);
        let rows: Vec<(&str, &str, u32)> = raw[0]
            .rows
            .iter()
            .map(|r| (r.cells[0].as_str(), r.cells[5].as_str(), r.page))
            .collect();
        assert_eq!(
            rows,
            vec![
                ("合计", "", 1),
                ("某项目", "目标", 1),
                ("", "目标续", 2),
                ("另一项目", "目标", 2)
            ]
        );
        assert_eq!(raw[0].rows[3].cells[4], "10.00");
    }

    #[test]
    fn degenerate_input_does_not_panic() {
        // Non-finite, inverted, zero-length and huge coordinates; glyphs
        // with non-finite boxes or sizes; a tiny pseudo-random sweep.
        let mut p = blank(1);
        let odd = [f32::NAN, f32::INFINITY, -1e30, 0.0, 1e30, -0.0, 5.0];
        for (i, &a) in odd.iter().enumerate() {
            for &b in &odd {
                p.lines.push(seg(a, b, b, a));
                p.lines.push(seg(a, 10.0 * i as f32, b, 10.0 * i as f32));
            }
        }
        let mut seed = 7u32;
        let mut next = || {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
            (seed >> 16) as f32 % 600.0
        };
        for _ in 0..300 {
            let (x, y, l) = (next(), next(), next());
            p.lines.push(seg(x, y, x + l, y));
            p.lines.push(seg(x, y, x, y + l));
        }
        for _ in 0..300 {
            p.glyphs.extend(run("数1", next(), next(), next() / 50.0));
        }
        p.glyphs.extend(run("x", f32::NAN, f32::INFINITY, f32::NAN));
        let pages = vec![p.clone(), Page { number: 2, ..p }];
        let tables = logical_tables(&pages, &LatticeParams::default());
        let _ = performance_tables(&tables);
        for t in &tables {
            let _ = t.rows();
        }
    }
}
