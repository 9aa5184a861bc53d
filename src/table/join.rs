//! The one joiner across pages, for every source: header rows repeated on
//! a continuation page are dropped, a row cut by the page break is joined
//! back into one row. Every change is logged in `LogicalTable::joins`.

use super::{Cell, JoinNote, LogicalTable};

/// Header rows repeated further down (a header printed again on each page
/// of a text extract or a page-split HTML table) are dropped and logged.
pub fn drop_repeated_headers(t: &mut LogicalTable) {
    let h = t.header_rows.min(t.grid.n_rows);
    if h == 0 {
        return;
    }
    let header: Vec<Vec<String>> = (0..h).map(|r| t.grid.row_texts(r)).collect();
    let repeated: Vec<usize> = (h..t.grid.n_rows)
        .filter(|&r| !t.grid.row_is_blank(r) && header.contains(&t.grid.row_texts(r)))
        .collect();
    for &r in repeated.iter().rev() {
        let page = t.grid.page_of(r);
        t.joins.push(JoinNote {
            kind: "dropped_header".to_string(),
            page,
            detail: format!("header row repeated on page {page} dropped"),
        });
        remove_row(t, r);
    }
    t.joins.reverse();
}

/// Removes elementary row `r`: cells starting there go, cells spanning
/// over it shrink, rows below move up.
pub fn remove_row(t: &mut LogicalTable, r: usize) {
    let g = &mut t.grid;
    if r >= g.n_rows {
        return;
    }
    g.cells.retain_mut(|c| {
        if c.row == r && c.row_span <= 1 {
            return false;
        }
        if c.row <= r && r < c.row + c.row_span {
            c.row_span -= 1;
        } else if c.row > r {
            c.row -= 1;
        }
        true
    });
    g.n_rows -= 1;
    if r < g.row_pages.len() {
        g.row_pages.remove(r);
    }
}

/// Joins the cells of row `b` into row `a` (a row cut by a page break):
/// texts are appended column by column, the row `b` removed.
pub fn merge_rows(t: &mut LogicalTable, a: usize, b: usize) {
    let tail: Vec<Cell> = t
        .grid
        .cells
        .iter()
        .filter(|c| c.row == b)
        .cloned()
        .collect();
    for c in tail {
        let into = t
            .grid
            .cells
            .iter_mut()
            .find(|x| x.row <= a && a < x.row + x.row_span.max(1) && x.col == c.col);
        match into {
            Some(x) => x.text.push_str(&c.text),
            None => t.grid.cells.push(Cell { row: a, ..c }),
        }
    }
    t.grid.cells.retain(|c| c.row != b);
    remove_row(t, b);
    t.grid.cells.sort_by_key(|c| (c.row, c.col));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::Grid;

    fn rows(r: &[&[&str]]) -> Vec<Vec<String>> {
        r.iter()
            .map(|r| r.iter().map(|s| s.to_string()).collect())
            .collect()
    }

    #[test]
    fn repeated_header_rows_are_dropped_and_logged() {
        let mut g = Grid::from_rows(
            &rows(&[
                &["项目", "金额"],
                &["a", "1.00"],
                &["项目", "金额"],
                &["b", "2.00"],
            ]),
            1,
        );
        g.row_pages = vec![1, 1, 2, 2];
        let mut t = LogicalTable {
            grid: g,
            header_rows: 1,
            ..LogicalTable::default()
        };
        drop_repeated_headers(&mut t);
        assert_eq!(t.body_rows(), rows(&[&["a", "1.00"], &["b", "2.00"]]));
        assert_eq!(t.grid.row_pages, vec![1, 1, 2]);
        assert_eq!(t.joins.len(), 1);
        assert_eq!(t.joins[0].page, 2);
    }

    #[test]
    fn a_cut_row_is_merged_into_one() {
        let g = Grid::from_rows(
            &rows(&[
                &["八、社会保障和就", "1.00"],
                &["业支出", ""],
                &["九、卫生", "2.00"],
            ]),
            1,
        );
        let mut t = LogicalTable {
            grid: g,
            ..LogicalTable::default()
        };
        merge_rows(&mut t, 0, 1);
        assert_eq!(t.grid.n_rows, 2);
        assert_eq!(t.grid.row_texts(0), vec!["八、社会保障和就业支出", "1.00"]);
        assert_eq!(t.grid.row_texts(1), vec!["九、卫生", "2.00"]);
    }
}
