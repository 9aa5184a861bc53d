//! Row lookups on a [`Grid`] in time proportional to the row, not to the
//! whole grid: `Grid`'s own lookups scan every cell, so a pass over all
//! rows was quadratic (a 4 MB HTML table took seconds, 25 MB minutes).
//! The index borrows the grid, so it cannot outlive a change to it.

use super::{Cell, Grid};

/// Cells by the row they start in and by the rows they cover. Built in
/// O(cells + covered rows); each list keeps the grid's cell order, so
/// every answer is the one `Grid`'s scans give.
pub struct GridIndex<'a> {
    grid: &'a Grid,
    starts: Lists,
    covers: Lists,
}

/// One list of cell indices per row, packed (`items[at[r]..at[r + 1]]`).
struct Lists {
    at: Vec<usize>,
    items: Vec<usize>,
}

impl Lists {
    /// Cell `i` goes into the lists of the rows `rows(cell)` gives
    /// (clipped to the grid); two passes: count, then place.
    fn build(grid: &Grid, rows: impl Fn(&Cell) -> std::ops::Range<usize>) -> Lists {
        let n = grid.n_rows;
        let clip = |c: &Cell| {
            let r = rows(c);
            r.start.min(n)..r.end.min(n)
        };
        let mut at = vec![0usize; n + 1];
        for c in &grid.cells {
            for r in clip(c) {
                if let Some(x) = at.get_mut(r + 1) {
                    *x += 1;
                }
            }
        }
        for r in 0..n {
            let before = at.get(r).copied().unwrap_or(0);
            if let Some(x) = at.get_mut(r + 1) {
                *x += before;
            }
        }
        let mut next = at.clone();
        let mut items = vec![0usize; at.last().copied().unwrap_or(0)];
        for (i, c) in grid.cells.iter().enumerate() {
            for r in clip(c) {
                if let Some(pos) = next.get_mut(r) {
                    if let Some(slot) = items.get_mut(*pos) {
                        *slot = i;
                    }
                    *pos += 1;
                }
            }
        }
        Lists { at, items }
    }

    fn of(&self, r: usize) -> &[usize] {
        let (a, b) = (self.at.get(r), self.at.get(r + 1));
        match (a, b) {
            (Some(&a), Some(&b)) => self.items.get(a..b).unwrap_or_default(),
            _ => &[],
        }
    }
}

/// The cell covering each of `n` slots, from the cells covering the row
/// in grid order (the first wins where they overlap, as in
/// [`Grid::covering`]): O(cells + n), not O(cells × n).
pub(super) fn slots<'a>(
    n: usize,
    covering: impl Iterator<Item = &'a Cell>,
) -> Vec<Option<&'a Cell>> {
    let mut out: Vec<Option<&'a Cell>> = vec![None; n];
    for c in covering {
        let end = c.col.saturating_add(c.col_span.max(1)).min(n);
        for slot in out.get_mut(c.col.min(end)..end).unwrap_or_default() {
            slot.get_or_insert(c);
        }
    }
    out
}

impl Grid {
    /// An index for many row lookups (see [`GridIndex`]).
    pub fn index(&self) -> GridIndex<'_> {
        GridIndex {
            grid: self,
            starts: Lists::build(self, |c| c.row..c.row + 1),
            covers: Lists::build(self, |c| c.row..c.row.saturating_add(c.row_span.max(1))),
        }
    }
}

impl<'a> GridIndex<'a> {
    /// The grid indexed.
    pub fn grid(&self) -> &'a Grid {
        self.grid
    }

    /// Indices (into `grid.cells`) of the cells starting in row `r`, in
    /// grid order.
    pub fn starting_ids(&self, r: usize) -> &[usize] {
        self.starts.of(r)
    }

    /// Indices of the cells covering row `r`, in grid order.
    pub fn covering_ids(&self, r: usize) -> &[usize] {
        self.covers.of(r)
    }

    /// Cells starting in row `r`, in grid order.
    pub fn starting(&self, r: usize) -> impl Iterator<Item = &'a Cell> + '_ {
        let cells = &self.grid.cells;
        self.starts.of(r).iter().filter_map(move |&i| cells.get(i))
    }

    /// As [`Grid::text`].
    pub fn text(&self, row: usize, col: usize) -> &'a str {
        self.starting(row)
            .find(|c| c.col == col)
            .map_or("", |c| c.text.as_str())
    }

    /// As [`Grid::covering`].
    pub fn covering(&self, row: usize, col: usize) -> Option<&'a Cell> {
        let cells = &self.grid.cells;
        self.covers
            .of(row)
            .iter()
            .filter_map(|&i| cells.get(i))
            .find(|c| (c.col..c.col + c.col_span.max(1)).contains(&col))
    }

    /// The cell covering each slot of row `r` (the first in grid order
    /// where cells overlap, as [`Grid::covering`]).
    pub fn covering_row(&self, r: usize) -> Vec<Option<&'a Cell>> {
        let cells = &self.grid.cells;
        let covering = self.covers.of(r).iter().filter_map(|&i| cells.get(i));
        slots(self.grid.n_cols, covering)
    }

    /// As [`Grid::row_texts`].
    pub fn row_texts(&self, r: usize) -> Vec<String> {
        let mut out = vec![String::new(); self.grid.n_cols];
        for c in self.starting(r) {
            if let Some(slot) = out.get_mut(c.col) {
                slot.clone_from(&c.text);
            }
        }
        out
    }

    /// As [`Grid::row_filled`].
    pub fn row_filled(&self, r: usize) -> Vec<String> {
        self.covering_row(r)
            .into_iter()
            .map(|c| c.map_or(String::new(), |x| x.text.clone()))
            .collect()
    }

    /// As [`Grid::row_is_blank`].
    pub fn row_is_blank(&self, r: usize) -> bool {
        self.starting(r).all(|c| c.text.trim().is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(row: usize, col: usize, row_span: usize, col_span: usize, text: &str) -> Cell {
        Cell::new(row, col, row_span, col_span, text)
    }

    /// Every lookup agrees with the grid's own scan, on a grid with
    /// spans, cells out of reading order, a duplicate start, an empty
    /// row and a cell reaching past the grid.
    #[test]
    fn lookups_agree_with_the_grid_scans() {
        let mut g = Grid::new(5, 4, 1);
        g.cells = vec![
            cell(0, 0, 2, 1, "a"),
            cell(0, 1, 1, 3, "b"),
            cell(1, 2, 1, 1, "c"),
            cell(1, 1, 1, 1, " "),
            cell(1, 2, 1, 1, "dup"),
            cell(3, 0, 9, 2, "long"),
            cell(3, 3, 1, 1, "d"),
        ];
        let ix = g.index();
        for r in 0..g.n_rows {
            assert_eq!(ix.row_texts(r), g.row_texts(r), "row {r}");
            assert_eq!(ix.row_filled(r), g.row_filled(r), "row {r}");
            assert_eq!(ix.row_is_blank(r), g.row_is_blank(r), "row {r}");
            for c in 0..5 {
                assert_eq!(ix.text(r, c), g.text(r, c), "({r}, {c})");
                assert_eq!(ix.covering(r, c), g.covering(r, c), "({r}, {c})");
            }
        }
        for r in 0..g.n_rows {
            let by_slot: Vec<String> = (0..g.n_cols)
                .map(|c| g.covering(r, c).map_or(String::new(), |x| x.text.clone()))
                .collect();
            assert_eq!(g.row_filled(r), by_slot, "row {r}");
        }
        assert_eq!(ix.text(1, 2), "c");
        assert_eq!(ix.covering(4, 1).map(|c| c.text.as_str()), Some("long"));
    }

    /// A row 100,000 cells wide is filled in one pass (a lookup per slot
    /// scanned every cell: 10¹⁰ steps).
    #[test]
    fn a_wide_row_is_filled_in_linear_time() {
        let row: Vec<String> = (0..100_000).map(|i| i.to_string()).collect();
        let g = Grid::from_rows(&[row], 1);
        let clock = std::time::Instant::now();
        let filled = g.row_filled(0);
        assert_eq!(filled.last().map(String::as_str), Some("99999"));
        assert!(clock.elapsed().as_secs() < 5, "{:?}", clock.elapsed());
    }
}
