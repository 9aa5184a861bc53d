//! The PDF source's output: its joined lattice tables as the shared
//! [`crate::table::LogicalTable`] (one grid over all parts, spans kept,
//! the page of every row, text outside the grids kept as notes).

use super::lattice::Grid as PdfGrid;
use super::tables::{LogicalTable as PdfTable, Part};
use crate::table::{
    header, join, Cell, Geometry, Grid, JoinNote, LogicalTable, Meta, Note, NotePlace, Piece,
};

/// Converts every joined lattice table.
pub fn to_tables(tables: &[PdfTable]) -> Vec<LogicalTable> {
    tables.iter().map(to_table).collect()
}

/// One joined lattice table as a shared grid: the parts stacked, their
/// cells placed on the union of the parts' column boundaries.
pub fn to_table(t: &PdfTable) -> LogicalTable {
    let bounds = t.columns();
    let n_cols = bounds.len().saturating_sub(1);
    let mut grid = Grid {
        n_cols,
        ..Grid::default()
    };
    let mut notes = Vec::new();
    let mut joins = Vec::new();
    let mut full: Vec<(usize, usize)> = Vec::new();
    for (i, part) in t.parts.iter().enumerate() {
        if i > 0 {
            joins.push(JoinNote {
                kind: "joined_page".to_string(),
                page: part.grid.page,
                detail: format!(
                    "the grid on page {} continues the table ({} leading row(s) dropped: banner or repeated header)",
                    part.grid.page, part.skip
                ),
            });
        }
        append_part(&mut grid, part, &bounds);
        full.extend(full_bottom(part, &bounds, grid.n_rows));
        notes.extend(part.stray.iter().map(|text| Note {
            page: part.grid.page,
            place: NotePlace::Below,
            text: text.clone(),
        }));
    }
    // A rules-only table's header rule says where its header ends.
    let ruled_header = t.parts.first().and_then(|p| {
        let n = p.grid.header_rows?.checked_sub(p.skip)?;
        (n > 0).then_some(n.min(grid.n_rows))
    });
    let header_rows = ruled_header.unwrap_or_else(|| header::detect_rows(&grid));
    let mut table = LogicalTable {
        meta: Meta {
            title: t.meta.title.clone(),
            number: t.meta.number.clone(),
            department: t.meta.department.clone(),
            currency_unit: t.meta.currency_unit.clone(),
        },
        first_page: t.first_page(),
        last_page: t.parts.last().map_or(0, |p| p.grid.page),
        grid,
        header_rows,
        notes,
        joins,
        pieces: t.parts.iter().map(piece).collect(),
        ..LogicalTable::default()
    };
    join::at_page_breaks(&mut table, &|row, col| full.contains(&(row, col)));
    table
}

/// One page's part as printed: its own grid and columns, every row (the
/// skipped ones too), the cells' left edges, the text outside the grids.
fn piece(part: &Part) -> Piece {
    let g: &PdfGrid = &part.grid;
    let mut grid = Grid::new(g.n_rows(), g.n_cols(), g.page);
    grid.cells = g
        .cells
        .iter()
        .map(|c| Cell {
            row: c.row,
            col: c.col,
            row_span: c.row_span,
            col_span: c.col_span,
            text: c.text.clone(),
        })
        .collect();
    Piece {
        grid,
        skip: part.skip,
        outside: part.stray.clone(),
        geometry: Some(Geometry {
            cols: g.cols.clone(),
            cell_x: g.cells.iter().map(|c| c.rect.x0).collect(),
            tol: part.col_tol,
        }),
        ..Piece::default()
    }
}

/// The shared (row, column) of the part's cells whose text runs full to
/// the edge at the page's foot; `end` is the grid's row count after the part.
fn full_bottom(part: &Part, bounds: &[f32], end: usize) -> Vec<(usize, usize)> {
    let n = part.grid.n_rows();
    part.grid
        .cells
        .iter()
        .filter(|c| part.full_bottom.contains(&(c.row, c.col)) && c.row >= part.skip)
        .map(|c| {
            (
                end - (n - c.row),
                column_of(bounds, c.rect.x0, part.col_tol),
            )
        })
        .collect()
}

/// Appends the kept rows of one page's part.
fn append_part(grid: &mut Grid, part: &Part, bounds: &[f32]) {
    let g: &PdfGrid = &part.grid;
    let base = grid.n_rows;
    let kept = g.n_rows().saturating_sub(part.skip);
    grid.n_rows += kept;
    grid.row_pages.extend(std::iter::repeat_n(g.page, kept));
    for c in g.cells.iter().filter(|c| c.row >= part.skip) {
        let n_cols = grid.n_cols.max(1);
        let col = column_of(bounds, c.rect.x0, part.col_tol).min(n_cols - 1);
        // The boundary at the right edge is the exclusive end column.
        let end = column_of(bounds, c.rect.x1, part.col_tol).clamp(col + 1, n_cols);
        let row = base + c.row - part.skip;
        // Two cells whose left edges fall on one boundary of the table's
        // columns start in the same slot: one cell, texts joined (as they
        // read left to right), so neither text is lost.
        if let Some(same) = grid.cells.iter_mut().find(|x| x.row == row && x.col == col) {
            same.text.push_str(&c.text);
            continue;
        }
        grid.cells.push(Cell {
            row,
            col,
            row_span: c
                .row_span
                .max(1)
                .min(kept.saturating_sub(c.row - part.skip)),
            col_span: end - col,
            text: c.text.clone(),
        });
    }
}

/// Index of the boundary nearest `x` (within `tol`), else of the column
/// holding it.
fn column_of(bounds: &[f32], x: f32, tol: f32) -> usize {
    bounds
        .iter()
        .filter(|&&b| b <= x + tol)
        .count()
        .saturating_sub(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sources::pdf::lattice::tests::{page, ruled};
    use crate::sources::pdf::lattice::{find_grids, LatticeParams};

    /// One page's grid over `xs` × two rows, every cell's text set to its
    /// column index.
    fn part(xs: &[f32], col_tol: f32) -> Part {
        let lines = ruled(xs, &[700.0, 680.0, 660.0]);
        let mut grid = find_grids(&page(lines), &LatticeParams::default())
            .into_iter()
            .next()
            .expect("a grid");
        for c in &mut grid.cells {
            c.text = format!("c{}", c.col);
        }
        Part {
            grid,
            skip: 0,
            col_tol,
            stray: Vec::new(),
            full_bottom: Vec::new(),
        }
    }

    #[test]
    fn cells_starting_on_one_merged_boundary_keep_both_texts() {
        // Page 2 rules a sliver column (98–103) that the tables' column
        // union merges into the boundary at 100: its cells and their
        // right neighbours start in one slot.
        let t = PdfTable {
            meta: Default::default(),
            parts: vec![
                part(&[0.0, 100.0, 200.0], 6.0),
                part(&[0.0, 98.0, 103.0, 200.0], 6.0),
            ],
        };
        let table = to_table(&t);
        assert_eq!(table.grid.n_cols, 2);
        assert_eq!(table.grid.row_texts(2), ["c0", "c1c2"]);
        let texts: usize = table.grid.cells.iter().map(|c| c.text.len()).sum();
        assert_eq!(texts, 2 * (2 + 3) * 2, "no cell text lost");
    }
}
