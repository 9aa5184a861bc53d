//! Multi-level headers flattened into one label per column.

use super::Grid;

/// One label per column: the labels of the header rows covering the
/// column, top-down, joined with `/`; a cell spanning several columns gives
/// its label to each, a cell spanning several header rows counts once.
/// CJK letter-spacing is already gone from cell texts.
pub fn flatten(grid: &Grid, header_rows: usize) -> Vec<String> {
    let ix = grid.index();
    let rows: Vec<_> = (0..header_rows.min(grid.n_rows))
        .map(|r| ix.covering_row(r))
        .collect();
    (0..grid.n_cols)
        .map(|col| {
            let mut parts: Vec<&str> = Vec::new();
            let mut last: Option<(usize, usize)> = None;
            for row in &rows {
                let Some(cell) = row.get(col).copied().flatten() else {
                    continue;
                };
                if last == Some((cell.row, cell.col)) {
                    continue;
                }
                last = Some((cell.row, cell.col));
                let text = cell.text.trim();
                if !text.is_empty() {
                    parts.push(text);
                }
            }
            parts.join("/")
        })
        .collect()
}

/// Most header rows a table is taken to have.
pub const MAX_HEADER_ROWS: usize = 6;

/// How many leading rows form the header: rows up to the first one holding
/// an amount, extended by header cells spanning further down. A grid
/// without any amount row keeps one header row.
pub fn detect_rows(grid: &Grid) -> usize {
    let mut end = 0;
    for r in 0..grid.n_rows.min(MAX_HEADER_ROWS) {
        let starts: Vec<_> = grid.cells.iter().filter(|c| c.row == r).collect();
        if r >= end && starts.iter().any(|c| is_amount(&c.text)) {
            return end.max(usize::from(r == 0 && end == 0)).min(grid.n_rows);
        }
        let reach = starts.iter().map(|c| r + c.row_span.max(1)).max();
        end = end.max(reach.unwrap_or(r + 1));
    }
    usize::from(grid.n_rows > 0)
}

/// `9,066.79`, `0.00`, `-12`, `2,932,700`: a printed number.
pub fn is_amount(text: &str) -> bool {
    let t = text.trim();
    let digits = t.trim_start_matches(['-', '−']);
    !digits.is_empty()
        && digits
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
        && digits.chars().next().is_some_and(|c| c.is_ascii_digit())
        && digits.contains(['.', ','])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::Cell;

    fn cell(row: usize, col: usize, row_span: usize, col_span: usize, text: &str) -> Cell {
        Cell::new(row, col, row_span, col_span, text)
    }

    #[test]
    fn spanning_labels_go_to_every_column_under_them() {
        let mut g = Grid::new(3, 3, 1);
        g.cells = vec![
            cell(0, 0, 3, 1, "合计"),
            cell(0, 1, 1, 2, "“三公”经费"),
            cell(1, 1, 2, 1, "小计"),
            cell(1, 2, 1, 1, "公务用车"),
            cell(2, 2, 1, 1, "购置费"),
        ];
        assert_eq!(detect_rows(&g), 1, "no amount row: one header row");
        assert_eq!(
            flatten(&g, 3),
            vec!["合计", "“三公”经费/小计", "“三公”经费/公务用车/购置费"]
        );
    }

    #[test]
    fn header_ends_before_the_first_amount_row() {
        let rows = vec![
            vec!["收入".to_string(), "".to_string()],
            vec!["项目".to_string(), "金额".to_string()],
            vec!["一、财政拨款".to_string(), "9,066.79".to_string()],
        ];
        assert_eq!(detect_rows(&Grid::from_rows(&rows, 1)), 2);
        assert!(is_amount("0.00") && is_amount("2,932,700") && !is_amount("2010101"));
    }
}
