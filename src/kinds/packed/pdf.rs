//! 绩效目标表s from PDF grids as each page printed them ([`Piece`]s: one
//! page's grid, its columns and cells' left edges in points). The header
//! row naming 项目名称 and 绩效 gives the leaf columns; every later row of
//! every page becomes one raw row, each cell put into the leaf column its
//! left edge falls in, so a row cut by the page break stays two fragments
//! for repair to join, and a header repeated on a later page reaches repair
//! to be dropped and logged. A header-less table on the next page, in the
//! same frame and without a title of its own, continues the table even
//! when its inner rules differ too much for the source to join the grids.

use crate::columns::is_target_table_header;
use crate::raw::{RawRow, RawTable, TableMeta};
use crate::table::furniture::{currency_unit, department};
use crate::table::{Geometry, LogicalTable, Piece};
use crate::warning::{Warning, WarningKind};

/// Rows looked at for the header, from the first one kept.
const HEADER_ROWS: usize = 4;

/// The raw 绩效目标表s among `tables` (all of the document's, in order).
pub fn raws_from_pieces(tables: &[&LogicalTable], source: &str) -> Vec<RawTable> {
    let mut out: Vec<Perf> = Vec::new();
    for t in tables {
        if let Some(p) = performance_table(t, source) {
            out.push(p);
        } else if let Some(prev) = out.last_mut().filter(|p| p.continued_by(t)) {
            prev.append(t, 0, source);
        }
    }
    out.into_iter().map(|p| p.raw).collect()
}

/// A 绩效目标表 being read: its leaf column boundaries and last page.
struct Perf {
    raw: RawTable,
    bounds: Vec<f32>,
    last_page: u32,
}

impl Perf {
    fn continued_by(&self, t: &LogicalTable) -> bool {
        let Some((part, geo)) = t
            .pieces
            .first()
            .and_then(|p| Some((p, p.geometry.as_ref()?)))
        else {
            return false;
        };
        let near = |a: Option<&f32>, b: Option<&f32>| match (a, b) {
            (Some(a), Some(b)) => (a - b).abs() <= geo.tol,
            _ => false,
        };
        page(part) == self.last_page + 1
            && t.meta.title.is_none()
            && near(geo.cols.first(), self.bounds.first())
            && near(geo.cols.last(), self.bounds.last())
    }

    /// Appends the rows of `t`'s pieces (from row `from` in its first).
    fn append(&mut self, t: &LogicalTable, from: usize, source: &str) {
        for (i, part) in t.pieces.iter().enumerate() {
            let Some(geo) = part.geometry.as_ref() else {
                continue;
            };
            let start = if i == 0 {
                from.max(part.skip)
            } else {
                part.skip
            };
            let page = page(part);
            for text in &part.outside {
                let msg = format!("text outside the table: «{text}»");
                let w =
                    Warning::new(WarningKind::TextOutsideTable, source, msg).at(Some(page), None);
                self.raw.warnings.push(w);
            }
            // A header repeated on a later page goes to repair, which drops
            // it and logs the drop, as for text and HTML.
            let repeated = if i == 0 { 0..0 } else { 0..start };
            for r in repeated {
                let cells = cells_by_x(part, geo, r, &self.bounds);
                if is_target_table_header(&cells) {
                    self.raw.rows.push(RawRow::new(cells, page, None));
                }
            }
            for r in start..part.grid.n_rows {
                let cells = cells_by_x(part, geo, r, &self.bounds);
                if !cells.iter().all(|c| c.is_empty()) {
                    self.raw.rows.push(RawRow::new(cells, page, None));
                }
            }
            self.last_page = page;
        }
    }
}

fn page(part: &Piece) -> u32 {
    part.grid.page_of(0)
}

fn performance_table(t: &LogicalTable, source: &str) -> Option<Perf> {
    let first = t.pieces.first()?;
    let geo = first.geometry.as_ref()?;
    let top = performance_header(first, first.skip)?;
    let (labels, bounds, body) = leaf_columns(first, geo, top);
    let mut meta = TableMeta {
        title: t.meta.title.clone(),
        department: t.meta.department.clone(),
        currency_unit: t.meta.currency_unit.clone(),
        number: t.meta.number.clone(),
    };
    fill_meta_from_grid(&mut meta, first, top);
    let mut perf = Perf {
        raw: RawTable {
            meta,
            columns: labels,
            rows: Vec::new(),
            warnings: Vec::new(),
        },
        bounds,
        last_page: page(first),
    };
    perf.append(t, body, source);
    Some(perf)
}

/// The 绩效目标表's header: the row naming 项目名称 and 绩效.
fn performance_header(part: &Piece, from: usize) -> Option<usize> {
    (from..part.grid.n_rows.min(from + HEADER_ROWS)).find(|&r| {
        let row = part.grid.row_texts(r);
        row.iter().any(|c| c.contains("项目名称")) && row.iter().any(|c| c.contains("绩效"))
    })
}

/// The index (into the grid's cells) of the cell covering (row, col).
fn covering(part: &Piece, row: usize, col: usize) -> Option<usize> {
    part.grid.cells.iter().position(|c| {
        (c.row..c.row + c.row_span.max(1)).contains(&row)
            && (c.col..c.col + c.col_span.max(1)).contains(&col)
    })
}

/// Leaf columns under a header starting at `top`: the distinct cells of the
/// header's bottom row, as labels and column boundaries (x); also the first
/// row after the header.
fn leaf_columns(part: &Piece, geo: &Geometry, top: usize) -> (Vec<String>, Vec<f32>, usize) {
    let g = &part.grid;
    let end = (0..g.n_cols)
        .filter_map(|c| g.covering(top, c))
        .map(|cell| cell.row + cell.row_span)
        .max()
        .unwrap_or(top + 1);
    let leaf = end.saturating_sub(1);
    let mut labels = Vec::new();
    let mut bounds = Vec::new();
    let mut prev: Option<usize> = None;
    for c in 0..g.n_cols {
        let Some(i) = covering(part, leaf, c) else {
            continue;
        };
        let (Some(cell), Some(&x)) = (g.cells.get(i), geo.cell_x.get(i)) else {
            continue;
        };
        if prev != Some(cell.col) {
            labels.push(cell.text.clone());
            bounds.push(x);
            prev = Some(cell.col);
        }
    }
    bounds.extend(geo.cols.last());
    (labels, bounds, end)
}

/// The cells starting in row `r`, placed by their left edge into the
/// columns `bounds` (left to right, `bounds.len() - 1` columns); cells
/// landing in one column are joined.
fn cells_by_x(part: &Piece, geo: &Geometry, r: usize, bounds: &[f32]) -> Vec<String> {
    let n = bounds.len().saturating_sub(1);
    let mut out = vec![String::new(); n];
    let starting = part.grid.cells.iter().zip(&geo.cell_x);
    for (cell, &x0) in starting.filter(|(c, _)| c.row == r) {
        let i = bounds
            .iter()
            .take(n)
            .filter(|&&b| b <= x0 + geo.tol)
            .count()
            .saturating_sub(1);
        if let Some(slot) = out.get_mut(i) {
            slot.push_str(&cell.text);
        }
    }
    out
}

/// Some producers print title, 部门名称 and 单位 as rows of the grid itself.
fn fill_meta_from_grid(meta: &mut TableMeta, part: &Piece, header: usize) {
    for r in 0..header {
        for text in part.grid.row_texts(r).iter().filter(|t| !t.is_empty()) {
            let (dept, unit) = (department(text), currency_unit(text));
            if dept.is_none() && unit.is_none() && text.contains('表') && meta.title.is_none() {
                meta.title = Some(text.clone());
            }
            meta.department = meta.department.take().or(dept);
            meta.currency_unit = meta.currency_unit.take().or(unit);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::{Cell, Grid};

    /// A one-page piece over column boundaries `cols`: rows of (column,
    /// text) cells, each one column wide, its left edge `dx` right of the
    /// boundary.
    fn piece(page: u32, cols: &[f32], rows: &[&[(usize, &str)]], dx: f32) -> Piece {
        let mut grid = Grid::new(rows.len(), cols.len() - 1, page);
        let mut cell_x = Vec::new();
        for (r, cells) in rows.iter().enumerate() {
            for &(c, text) in cells.iter() {
                grid.cells.push(Cell {
                    row: r,
                    col: c,
                    row_span: 1,
                    col_span: 1,
                    text: text.to_string(),
                });
                cell_x.push(cols[c] + dx);
            }
        }
        Piece {
            grid,
            geometry: Some(Geometry {
                cols: cols.to_vec(),
                cell_x,
                tol: 3.0,
            }),
            ..Piece::default()
        }
    }

    const HEAD: &[(usize, &str)] = &[(0, "项目名称"), (1, "总计"), (2, "绩效目标")];

    #[test]
    fn a_headerless_grid_on_the_next_page_continues_the_table() {
        let cols = [0.0, 100.0, 200.0, 300.0];
        let mut first = piece(1, &cols, &[HEAD, &[(0, "甲"), (1, "1.00"), (2, "目")]], 0.0);
        first.outside = vec!["注：示例".to_string()];
        let a = LogicalTable {
            pieces: vec![first],
            ..LogicalTable::default()
        };
        // Other inner rules, the same frame; a cell 2 pt off its boundary.
        let inner = [0.0, 100.0, 250.0, 300.0];
        let b = LogicalTable {
            pieces: vec![piece(2, &inner, &[&[(2, "标。")]], 2.0)],
            ..LogicalTable::default()
        };
        let raws = raws_from_pieces(&[&a, &b], "t.pdf");
        assert_eq!(raws.len(), 1);
        let t = &raws[0];
        assert_eq!(t.columns, ["项目名称", "总计", "绩效目标"]);
        let rows: Vec<(Vec<String>, u32)> =
            t.rows.iter().map(|r| (r.cells.clone(), r.page)).collect();
        assert_eq!(
            rows,
            [
                (vec!["甲".into(), "1.00".into(), "目".into()], 1),
                (vec!["".into(), "".into(), "标。".into()], 2),
            ]
        );
        assert_eq!(t.warnings.len(), 1);
        assert_eq!(t.warnings[0].message, "text outside the table: «注：示例»");
        // A title of its own makes the next page's grid another table.
        let mut titled = b.clone();
        titled.meta.title = Some("收支总表".into());
        assert_eq!(raws_from_pieces(&[&a, &titled], "t.pdf")[0].rows.len(), 1);
    }

    #[test]
    fn a_repeated_header_on_a_later_page_is_left_for_repair() {
        let cols = [0.0, 100.0, 200.0, 300.0];
        let mut later = piece(2, &cols, &[HEAD, &[(0, "乙"), (1, "2.00")]], 0.0);
        later.skip = 1;
        let a = LogicalTable {
            pieces: vec![
                piece(1, &cols, &[HEAD, &[(0, "甲"), (1, "1.00")]], 0.0),
                later,
            ],
            ..LogicalTable::default()
        };
        let raws = raws_from_pieces(&[&a], "t.pdf");
        let firsts: Vec<&str> = raws[0].rows.iter().map(|r| r.cells[0].as_str()).collect();
        assert_eq!(firsts, ["甲", "项目名称", "乙"]);
    }
}
