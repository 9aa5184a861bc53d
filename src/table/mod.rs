//! The one table type every source produces and every table kind reads:
//! a grid of cells (row, column, spans, text as printed) with the page of
//! each row, and the page furniture (title, 表号, 部门, 单位) read once.
//!
//! Sources (text, HTML, PDF, XLSX, DOCX) know nothing of table kinds; they
//! return [`LogicalTable`]s. Kinds (`crate::kinds`) never look at a source.

pub mod furniture;
pub mod header;
pub mod index;
pub mod join;
pub mod output;

use crate::warning::Warning;
use serde::Serialize;

/// One cell: its top-left elementary position, how many rows and columns
/// it covers, and its text as a reader sees it (wraps joined, CJK
/// letter-spacing removed, no thousands separators touched).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Cell {
    pub row: usize,
    pub col: usize,
    pub row_span: usize,
    pub col_span: usize,
    pub text: String,
}

impl Cell {
    /// A cell at (`row`, `col`) spanning `row_span` × `col_span` slots.
    pub fn new(row: usize, col: usize, row_span: usize, col_span: usize, text: &str) -> Cell {
        Cell {
            row,
            col,
            row_span,
            col_span,
            text: text.to_string(),
        }
    }
}

/// A rectangular grid of elementary slots; each slot is covered by at most
/// one cell. Cells are kept in reading order (row, then column).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Grid {
    pub n_rows: usize,
    pub n_cols: usize,
    pub cells: Vec<Cell>,
    /// The 1-based page each elementary row is printed on (`n_rows` long).
    pub row_pages: Vec<u32>,
}

impl Grid {
    /// An empty grid whose rows are all on `page`.
    pub fn new(n_rows: usize, n_cols: usize, page: u32) -> Self {
        Grid {
            n_rows,
            n_cols,
            cells: Vec::new(),
            row_pages: vec![page; n_rows],
        }
    }

    /// A grid of single-slot cells from rows of text (short rows padded).
    pub fn from_rows(rows: &[Vec<String>], page: u32) -> Self {
        let n_cols = rows.iter().map(Vec::len).max().unwrap_or(0);
        let mut g = Grid::new(rows.len(), n_cols, page);
        for (r, row) in rows.iter().enumerate() {
            for (c, text) in row.iter().enumerate() {
                g.cells.push(Cell {
                    row: r,
                    col: c,
                    row_span: 1,
                    col_span: 1,
                    text: text.clone(),
                });
            }
        }
        g
    }

    /// The cell covering elementary slot (row, col), if any.
    pub fn covering(&self, row: usize, col: usize) -> Option<&Cell> {
        self.cells.iter().find(|c| {
            (c.row..c.row + c.row_span.max(1)).contains(&row)
                && (c.col..c.col + c.col_span.max(1)).contains(&col)
        })
    }

    /// Text starting at (row, col): a spanning cell's text is in its
    /// top-left slot only.
    pub fn text(&self, row: usize, col: usize) -> &str {
        self.cells
            .iter()
            .find(|c| c.row == row && c.col == col)
            .map_or("", |c| c.text.as_str())
    }

    /// Row `r` as printed: each cell's text at its top-left slot, the
    /// other slots it covers empty.
    pub fn row_texts(&self, r: usize) -> Vec<String> {
        let mut out = vec![String::new(); self.n_cols];
        for c in self.cells.iter().filter(|c| c.row == r) {
            if let Some(slot) = out.get_mut(c.col) {
                slot.clone_from(&c.text);
            }
        }
        out
    }

    /// Row `r` with every slot holding the text of the cell covering it
    /// (spans repeated down and across).
    pub fn row_filled(&self, r: usize) -> Vec<String> {
        // One pass over the cells: a lookup per slot was quadratic in the
        // width (a row of 50,000 cells took seconds to detect a kind).
        let covering = self
            .cells
            .iter()
            .filter(|c| (c.row..c.row + c.row_span.max(1)).contains(&r));
        index::slots(self.n_cols, covering)
            .into_iter()
            .map(|c| c.map_or(String::new(), |x| x.text.clone()))
            .collect()
    }

    /// Whether no cell starting in row `r` has text.
    pub fn row_is_blank(&self, r: usize) -> bool {
        self.cells
            .iter()
            .filter(|c| c.row == r)
            .all(|c| c.text.trim().is_empty())
    }

    /// Page of elementary row `r` (0 when unknown).
    pub fn page_of(&self, r: usize) -> u32 {
        self.row_pages.get(r).copied().unwrap_or(0)
    }
}

/// Page furniture printed with a table.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Meta {
    /// The title as printed, a two-line title joined (`收支预算总表`).
    pub title: Option<String>,
    /// The 表号 printed with it: `公开01表`, `表一`, `附表1`.
    pub number: Option<String>,
    /// 部门名称 / 编制单位 / 单位名称 / 预算单位.
    pub department: Option<String>,
    /// From `单位：万元` and the like: `万元`, `元`.
    pub currency_unit: Option<String>,
}

/// Where a piece of text near a table was printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NotePlace {
    Above,
    Below,
}

/// Text printed with a table that is not furniture and not in a cell
/// (notes under the grid, `此表为空` statements …): kept, never dropped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Note {
    pub page: u32,
    pub place: NotePlace,
    pub text: String,
}

/// What joining across pages did to a table (every join is logged).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JoinNote {
    /// `joined_page`, `dropped_header`, `joined_row`, `continued_span`.
    pub kind: String,
    pub page: u32,
    pub detail: String,
}

/// A table as a reader sees it, possibly running over several pages.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct LogicalTable {
    pub meta: Meta,
    pub grid: Grid,
    /// Leading grid rows that form the (possibly multi-level) header.
    pub header_rows: usize,
    pub first_page: u32,
    pub last_page: u32,
    pub notes: Vec<Note>,
    pub joins: Vec<JoinNote>,
    pub warnings: Vec<Warning>,
    /// The rows as the source printed them, before the table stage joined
    /// or dropped any: for sources whose rows carry more than the grid
    /// keeps (text extracts: the source line, and every printed cell,
    /// empty trailing ones too). Empty for other sources.
    #[serde(skip)]
    pub printed: Vec<PrintedRow>,
    /// The source's own tables this one was made of, before the table
    /// stage (furniture, dropped header rows, joins): HTML gives one per
    /// `<table>` element, with its row pages and the text printed before
    /// it. Empty for other sources.
    #[serde(skip)]
    pub pieces: Vec<Piece>,
}

/// One table as a source printed it, before the table stage.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Piece {
    /// Every row as printed (rows on one page for PDF: one page's grid).
    pub grid: Grid,
    /// Lines of text printed since the previous table, in order (HTML).
    pub above: Vec<String>,
    /// The table's own captions (`<caption>`).
    pub captions: Vec<String>,
    /// Leading rows the source left out of the table: furniture ruled
    /// into the grid, a header printed again on a new page (PDF).
    pub skip: usize,
    /// Text on the page outside every grid that the source gave this
    /// table (PDF: the notes of the page's grid above it).
    pub outside: Vec<String>,
    /// Where the grid sits on its page (PDF).
    pub geometry: Option<Geometry>,
    /// `grid` is left empty: the piece is its table's grid as it stands
    /// (the table stage changed nothing), so a big table is not held
    /// twice. Read it with [`Piece::grid_in`]; joining copies it back.
    pub same_as_table: bool,
}

impl Piece {
    /// The piece's grid, `table` being the table that holds the piece.
    pub fn grid_in<'a>(&'a self, table: &'a LogicalTable) -> &'a Grid {
        if self.same_as_table {
            &table.grid
        } else {
            &self.grid
        }
    }
}

/// A grid's place on the page, in points: for sources with layout.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Geometry {
    /// Column boundaries, left to right.
    pub cols: Vec<f32>,
    /// The left edge of each cell, in the order of `Grid::cells`.
    pub cell_x: Vec<f32>,
    /// Boundaries this close are one (from the page's glyph size).
    pub tol: f32,
}

// Positions are finite numbers from the page: equality is total on them.
impl Eq for Geometry {}

/// One physical row of a source, as printed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PrintedRow {
    pub page: u32,
    /// 1-based source line, where the input has lines.
    pub line: Option<usize>,
    /// The row's cells left to right, as many as the source printed.
    pub cells: Vec<String>,
}

impl LogicalTable {
    /// One label per column: the header rows joined top-down with `/`
    /// (see [`header::flatten`]).
    pub fn flat_header(&self) -> Vec<String> {
        header::flatten(&self.grid, self.header_rows)
    }

    /// Body rows (after the header) as printed, blank rows left out.
    pub fn body_rows(&self) -> Vec<Vec<String>> {
        let ix = self.grid.index();
        (self.header_rows..self.grid.n_rows)
            .filter(|&r| !ix.row_is_blank(r))
            .map(|r| ix.row_texts(r))
            .collect()
    }
}

/// The table stage for one source table: furniture from its notes, header
/// rows repeated inside it dropped, rows cut by page breaks joined (every
/// change logged in `joins`).
pub fn finish(t: &mut LogicalTable) {
    furniture::apply(t);
    join::drop_repeated_headers(t);
    join::at_page_breaks(t, &join::no_evidence);
}

/// A set of 1-based pages, parsed from `3-5,8`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageSet(Vec<(u32, u32)>);

impl PageSet {
    pub fn contains(&self, page: u32) -> bool {
        self.0.iter().any(|&(a, b)| (a..=b).contains(&page))
    }
}

impl std::str::FromStr for PageSet {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, String> {
        let num = |t: &str| {
            t.trim()
                .parse::<u32>()
                .ok()
                .filter(|&n| n > 0)
                .ok_or_else(|| format!("«{t}» is not a page number (pages count from 1)"))
        };
        let mut ranges = Vec::new();
        for part in s.split(',').filter(|p| !p.trim().is_empty()) {
            let (a, b) = match part.split_once('-') {
                Some((a, b)) => (num(a)?, num(b)?),
                None => (num(part)?, num(part)?),
            };
            if a > b {
                return Err(format!("page range «{part}» runs backwards"));
            }
            ranges.push((a, b));
        }
        if ranges.is_empty() {
            return Err("no pages given (e.g. 3-5,8)".to_string());
        }
        Ok(PageSet(ranges))
    }
}

#[cfg(test)]
mod page_tests {
    use super::*;

    #[test]
    fn page_sets_parse_ranges_and_single_pages() {
        let p: PageSet = "3-5, 8".parse().unwrap();
        assert!(p.contains(3) && p.contains(5) && p.contains(8));
        assert!(!p.contains(6) && !p.contains(2));
        assert!("5-3".parse::<PageSet>().is_err());
        assert!("0".parse::<PageSet>().is_err());
        assert!("a-b".parse::<PageSet>().is_err());
    }
}
