//! The one joiner across pages, for every source: header rows repeated on
//! a continuation page are dropped, a row cut by the page break is joined
//! back into one row. Every change is logged in `LogicalTable::joins`.

use super::index::GridIndex;
use super::{header::is_amount, Cell, JoinNote, LogicalTable};
use regex::Regex;
use std::sync::LazyLock;

/// Evidence from a source for joining across pages: whether the text of
/// the cell at (row, col) — as the source built the grid, before any join
/// — runs to the cell's edge, so that it may go on over the page break.
pub type FullCell<'a> = &'a dyn Fn(usize, usize) -> bool;

/// Sources without layout (text, HTML): no cell is known to be full.
pub fn no_evidence(_row: usize, _col: usize) -> bool {
    false
}

/// At every page break inside the table: a first row that only continues
/// text of the row above whose cells run full to the edge (`八、社会保障和就`
/// | `业支出`) is joined into it; a spanning cell printed again at the top
/// of the new page is merged into the one above. Both are logged.
pub fn at_page_breaks(t: &mut LogicalTable, full: FullCell) {
    let mut removed = 0;
    let mut from = t.header_rows.max(1);
    while let Some(br) = next_change(t, from, removed, full) {
        let (pa, pb) = (t.grid.page_of(br.r - 1), t.grid.page_of(br.r));
        let mut cut = br.cut;
        if !br.spans.is_empty() {
            continue_spans(t, &br.spans, pb);
            let original = br.a + removed;
            cut = is_cut_row(&t.grid.index(), br.a, br.b, &|col| full(original, col));
        }
        if cut {
            let text = t.grid.row_texts(br.b).concat();
            merge_rows(t, br.a, br.b);
            removed += 1;
            t.joins.push(JoinNote {
                kind: "joined_row".to_string(),
                page: pb,
                detail: format!("row cut by the break after page {pa} joined: «{text}»"),
            });
        }
        // Rows up to b are settled; the next break is further down.
        from = br.b.max(br.r) + 1;
    }
}

/// A page break where the joiner changes the grid: the break's first row
/// `r`, the last row with text above it (`a`) and the first below (`b`),
/// the spans continued over it (see [`continue_spans`]), a cut row.
struct Break {
    r: usize,
    a: usize,
    b: usize,
    spans: Vec<(usize, usize)>,
    cut: bool,
}

/// The next break from row `from` on where the grid changes. The breaks
/// in between are read through one index: looking rows up in the grid
/// itself scanned every cell per break (quadratic on a long table with
/// page breaks every few rows). `removed` rows were joined above `from`.
fn next_change(t: &LogicalTable, from: usize, removed: usize, full: FullCell) -> Option<Break> {
    let ix = t.grid.index();
    let mut r = from;
    while r < t.grid.n_rows {
        let (pa, pb) = (t.grid.page_of(r - 1), t.grid.page_of(r));
        if pa == pb || r <= t.header_rows {
            r += 1;
            continue;
        }
        // Ruled rows left empty at a page's foot or head are not rows.
        let a = (t.header_rows..r).rev().find(|&x| !ix.row_is_blank(x));
        let b = (r..t.grid.n_rows)
            .take_while(|&x| t.grid.page_of(x) == pb)
            .find(|&x| !ix.row_is_blank(x));
        let (Some(a), Some(b)) = (a, b) else {
            r += 1;
            continue;
        };
        let spans = repeated_spans(&ix, r - 1, b);
        let original = a + removed;
        // With spans continued, the cut is judged on the changed grid.
        let cut = spans.is_empty() && is_cut_row(&ix, a, b, &|col| full(original, col));
        if !spans.is_empty() || cut {
            return Some(Break {
                r,
                a,
                b,
                spans,
                cut,
            });
        }
        r = b.max(r) + 1;
    }
    None
}

/// A new item starts with a number: `一、`, `1.`, `（一）`, `(1)`, a code.
static ITEM_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:[一二三四五六七八九十]+[、.．]|[0-9]|[（(][一二三四五六七八九十0-9]+[）)]|合计|总计)",
    )
    .unwrap_or_else(|e| panic!("bad pattern: {e}"))
});

/// Row `b` (first on its page) holds only text continuing row `a`'s text
/// in the same columns, where `a`'s text runs full to the edge: no amount,
/// nothing where `a` is empty, no new item.
fn is_cut_row(ix: &GridIndex, a: usize, b: usize, full: &dyn Fn(usize) -> bool) -> bool {
    let filled: Vec<&Cell> = ix
        .starting(b)
        .filter(|c| !c.text.trim().is_empty())
        .collect();
    !filled.is_empty()
        && filled.iter().all(|c| {
            let text = c.text.trim();
            let above = ix.covering(a, c.col).map_or("", |x| x.text.trim());
            !is_amount(text)
                && !ITEM_START.is_match(text)
                && !above.is_empty()
                && !is_amount(above)
                && ix
                    .covering(a, c.col)
                    .is_some_and(|x| x.col == c.col && x.col_span == c.col_span)
                && full(c.col)
        })
}

/// Cells of row `b` (first on its page) repeating a spanning cell that
/// ends with row `a` (the page's last): (the spanning cell, the repeat),
/// as indices into the grid's cells.
fn repeated_spans(ix: &GridIndex, a: usize, b: usize) -> Vec<(usize, usize)> {
    let cells = &ix.grid().cells;
    ix.starting_ids(b)
        .iter()
        .filter_map(|&i| cells.get(i).map(|c| (i, c)))
        .filter(|(_, c)| !c.text.trim().is_empty())
        .filter_map(|(i, c)| {
            let above = ix.covering_ids(a).iter().copied().find(|&j| {
                cells.get(j).is_some_and(|x| {
                    x.row <= a
                        && x.row_span > 1
                        && x.row + x.row_span.max(1) == a + 1
                        && x.col == c.col
                        && x.col_span == c.col_span
                        && x.text == c.text
                        && !is_amount(&x.text)
                })
            })?;
            Some((above, i))
        })
        .collect()
}

/// A cell spanning rows down to the page's end, printed again (same text)
/// at the top of the next page: one cell spanning both.
fn continue_spans(t: &mut LogicalTable, repeats: &[(usize, usize)], page: u32) {
    for &(above, i) in repeats.iter().rev() {
        let span = t.grid.cells.get(i).map_or(1, |c| c.row_span.max(1));
        let text = t
            .grid
            .cells
            .get(i)
            .map(|c| c.text.clone())
            .unwrap_or_default();
        if let Some(x) = t.grid.cells.get_mut(above) {
            x.row_span += span;
        }
        t.grid.cells.remove(i);
        t.joins.push(JoinNote {
            kind: "continued_span".to_string(),
            page,
            detail: format!("«{text}» continues from the page before, not repeated"),
        });
    }
}

/// Tables that a source gave as separate pieces (an HTML page saved from a
/// PDF viewer splits a table per page) joined: a table continues the one
/// before it when it has no title of its own, as many columns, starts on
/// the same page or the next, and either repeats the header (dropped) or
/// does not open with a header of its own. Every join is logged.
pub fn join_tables(tables: Vec<LogicalTable>) -> Vec<LogicalTable> {
    let mut out: Vec<LogicalTable> = Vec::new();
    for t in tables {
        push(&mut out, t);
    }
    out
}

/// Adds `t` to tables already joined: appended to the last one when it
/// continues it (a source joining as it reads).
pub fn push(out: &mut Vec<LogicalTable>, t: LogicalTable) {
    match out.last_mut() {
        Some(prev) if continues(prev, &t) => append(prev, t),
        _ => out.push(t),
    }
}

/// Whether `t` continues `prev` (see [`join_tables`]).
pub fn continues(prev: &LogicalTable, t: &LogicalTable) -> bool {
    let own_title = t.meta.title.is_some() || t.meta.number.is_some();
    let near = t.first_page == prev.last_page || t.first_page == prev.last_page + 1;
    !own_title
        && near
        && t.grid.n_cols == prev.grid.n_cols
        && prev.grid.n_cols > 1
        && (repeated_rows(prev, t) > 0 || !opens_with_header(t))
}

/// Leading rows of `t` equal to header rows of `prev`.
fn repeated_rows(prev: &LogicalTable, t: &LogicalTable) -> usize {
    let header: Vec<Vec<String>> = (0..prev.header_rows.min(prev.grid.n_rows))
        .map(|r| prev.grid.row_texts(r))
        .collect();
    (0..t.grid.n_rows)
        .take_while(|&r| header.contains(&t.grid.row_texts(r)))
        .count()
}

/// The first row holds text in each of its cells and no amount.
fn opens_with_header(t: &LogicalTable) -> bool {
    let cells: Vec<&Cell> = t.grid.cells.iter().filter(|c| c.row == 0).collect();
    cells.len() >= 2
        && cells
            .iter()
            .all(|c| !c.text.trim().is_empty() && !is_amount(&c.text))
}

fn append(prev: &mut LogicalTable, mut t: LogicalTable) {
    // Both grids change below: pieces that were them get their own copy.
    own_pieces(prev);
    own_pieces(&mut t);
    let skip = repeated_rows(prev, &t);
    for _ in 0..skip {
        remove_row(&mut t, 0);
    }
    let page = t.first_page;
    prev.joins.push(JoinNote {
        kind: "joined_page".to_string(),
        page,
        detail: format!("the table on page {page} continues the one before it"),
    });
    if skip > 0 {
        prev.joins.push(JoinNote {
            kind: "dropped_header".to_string(),
            page,
            detail: format!("{skip} repeated header row(s) on page {page} dropped"),
        });
    }
    let base = prev.grid.n_rows;
    prev.grid
        .cells
        .extend(t.grid.cells.into_iter().map(|c| Cell {
            row: c.row + base,
            ..c
        }));
    prev.grid.n_rows += t.grid.n_rows;
    prev.grid.row_pages.extend(t.grid.row_pages);
    prev.last_page = prev.last_page.max(t.last_page);
    prev.notes.extend(t.notes);
    prev.pieces.extend(t.pieces);
    prev.joins.extend(t.joins);
    prev.warnings.extend(t.warnings);
}

/// Gives each piece that is its table's grid (`Piece::same_as_table`) a
/// copy of it.
fn own_pieces(t: &mut LogicalTable) {
    for p in t.pieces.iter_mut().filter(|p| p.same_as_table) {
        p.grid = t.grid.clone();
        p.same_as_table = false;
    }
}

/// Header rows repeated further down (a header printed again on each page
/// of a text extract or a page-split HTML table) are dropped and logged.
pub fn drop_repeated_headers(t: &mut LogicalTable) {
    let h = t.header_rows.min(t.grid.n_rows);
    if h == 0 {
        return;
    }
    let ix = t.grid.index();
    let header: Vec<Vec<String>> = (0..h).map(|r| ix.row_texts(r)).collect();
    let repeated: Vec<usize> = (h..t.grid.n_rows)
        .filter(|&r| !ix.row_is_blank(r) && header.contains(&ix.row_texts(r)))
        .collect();
    for &r in repeated.iter().rev() {
        let page = t.grid.page_of(r);
        t.joins.push(JoinNote {
            kind: "dropped_header".to_string(),
            page,
            detail: format!("header row repeated on page {page} dropped"),
        });
    }
    remove_rows(t, &repeated);
    t.joins.reverse();
}

/// Removes the elementary rows `rows` (ascending) in one pass, as
/// [`remove_row`] on each from the last up would: a row at a time scanned
/// every cell per row (100,000 repeated rows took 15 s).
pub fn remove_rows(t: &mut LogicalTable, rows: &[usize]) {
    let g = &mut t.grid;
    let rows: Vec<usize> = rows.iter().copied().filter(|&r| r < g.n_rows).collect();
    // How many removed rows lie below row `x`.
    let before = |x: usize| rows.partition_point(|&r| r < x);
    g.cells.retain_mut(|c| {
        let span = c.row_span.max(1);
        let inside = before(c.row.saturating_add(span)) - before(c.row);
        // Every row it covered is gone.
        if inside == span {
            return false;
        }
        c.row_span = c.row_span.saturating_sub(inside);
        c.row -= before(c.row);
        true
    });
    g.n_rows -= rows.len();
    let mut i = 0;
    g.row_pages.retain(|_| {
        i += 1;
        rows.binary_search(&(i - 1)).is_err()
    });
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

    /// A long table with a page break every few rows is joined in linear
    /// time (each break scanned every cell: 16,000 breaks × 100,000 cells).
    #[test]
    fn many_page_breaks_in_linear_time() {
        let printed: Vec<Vec<String>> = (0..50_000)
            .map(|i| vec![format!("{i}、项目"), "1.00".to_string()])
            .collect();
        let mut g = Grid::from_rows(&printed, 1);
        g.row_pages = (0..50_000).map(|i| 1 + i / 3).collect();
        let mut t = LogicalTable {
            grid: g,
            header_rows: 1,
            ..LogicalTable::default()
        };
        let clock = std::time::Instant::now();
        at_page_breaks(&mut t, &no_evidence);
        assert_eq!(t.grid.n_rows, 50_000, "numbered rows are never joined");
        assert!(clock.elapsed().as_secs() < 5, "{:?}", clock.elapsed());
    }

    /// 50,000 repeated header rows go in one pass (a row at a time
    /// scanned every cell per row).
    #[test]
    fn many_repeated_headers_in_linear_time() {
        let printed: Vec<Vec<String>> = (0..50_000)
            .map(|_| vec!["项目".to_string(), "金额".to_string()])
            .collect();
        let mut t = LogicalTable {
            grid: Grid::from_rows(&printed, 1),
            header_rows: 1,
            ..LogicalTable::default()
        };
        let clock = std::time::Instant::now();
        drop_repeated_headers(&mut t);
        assert_eq!(
            (t.grid.n_rows, t.grid.cells.len(), t.joins.len()),
            (1, 2, 49_999)
        );
        assert!(clock.elapsed().as_secs() < 5, "{:?}", clock.elapsed());
    }

    /// Removing rows in one pass gives what removing them one by one from
    /// the last up gives, spans shrunk and cells moved up alike.
    #[test]
    fn rows_removed_at_once_as_one_by_one() {
        let mut g = Grid::new(7, 3, 1);
        let cell = |row, col, row_span, text: &str| Cell::new(row, col, row_span, 1, text);
        g.cells = vec![
            cell(0, 0, 3, "a"),
            cell(0, 1, 1, "b"),
            cell(1, 1, 2, "c"),
            cell(2, 2, 1, "d"),
            cell(3, 0, 4, "e"),
            cell(4, 1, 0, "f"),
            cell(5, 2, 1, "g"),
            cell(6, 1, 1, "h"),
        ];
        g.row_pages = vec![1, 1, 2, 2, 3, 3, 4];
        for rows in [
            vec![],
            vec![0],
            vec![1, 2],
            vec![0, 3, 4],
            vec![2, 4, 5, 6],
            vec![0, 1, 2, 3, 4, 5, 6],
        ] {
            let mut one = LogicalTable {
                grid: g.clone(),
                ..LogicalTable::default()
            };
            let mut all = one.clone();
            for &r in rows.iter().rev() {
                remove_row(&mut one, r);
            }
            remove_rows(&mut all, &rows);
            assert_eq!(all.grid, one.grid, "{rows:?}");
        }
    }

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
    fn rows_cut_by_a_page_break_are_joined_and_new_items_are_not() {
        let mut g = Grid::from_rows(
            &rows(&[
                &["收入", "金额", "支出", "金额"],
                &["当年收入", "13,649.07", "八、社会保障和就", "1,608.51"],
                &["小计", "", "业支出", ""],
                &["", "", "九、卫生健康支出", ""],
                &["上年结转", "", "十、其他支出", ""],
            ]),
            1,
        );
        g.row_pages = vec![1, 1, 2, 2, 3];
        let mut t = LogicalTable {
            grid: g,
            header_rows: 1,
            ..LogicalTable::default()
        };
        // The source saw the cells of row 1 run to their right edge.
        at_page_breaks(&mut t, &|row, _| row == 1);
        assert_eq!(
            t.body_rows(),
            rows(&[
                &[
                    "当年收入小计",
                    "13,649.07",
                    "八、社会保障和就业支出",
                    "1,608.51"
                ],
                &["", "", "九、卫生健康支出", ""],
                &["上年结转", "", "十、其他支出", ""],
            ])
        );
        assert_eq!(t.joins.len(), 1, "{:?}", t.joins);
        assert_eq!(
            (t.joins[0].kind.as_str(), t.joins[0].page),
            ("joined_row", 2)
        );
    }

    #[test]
    fn a_spanning_cell_printed_again_on_the_next_page_is_one_cell() {
        let mut g = Grid::from_rows(
            &rows(&[
                &["项目", "金额"],
                &["基本支出", "1.00"],
                &["", "2.00"],
                &["基本支出", "3.00"],
            ]),
            1,
        );
        // 基本支出 spans rows 1-2 on page 1 and is printed again on page 2.
        g.cells.retain(|c| !(c.row == 2 && c.col == 0));
        g.cells[2].row_span = 2;
        g.row_pages = vec![1, 1, 1, 2];
        let mut t = LogicalTable {
            grid: g,
            header_rows: 1,
            ..LogicalTable::default()
        };
        at_page_breaks(&mut t, &no_evidence);
        assert_eq!(
            t.grid.covering(3, 0).map(|c| (c.row, c.row_span)),
            Some((1, 3))
        );
        assert_eq!(
            t.body_rows(),
            rows(&[&["基本支出", "1.00"], &["", "2.00"], &["", "3.00"]])
        );
        assert_eq!(t.joins[0].kind, "continued_span");
    }

    #[test]
    fn a_table_split_per_page_is_joined_and_a_titled_one_is_not() {
        let piece = |r: &[&[&str]], page: u32, title: Option<&str>| {
            let mut g = Grid::from_rows(&rows(r), page);
            g.row_pages = vec![page; g.n_rows];
            LogicalTable {
                grid: g,
                header_rows: 1,
                first_page: page,
                last_page: page,
                meta: crate::table::Meta {
                    title: title.map(str::to_string),
                    ..Default::default()
                },
                ..LogicalTable::default()
            }
        };
        let joined = join_tables(vec![
            piece(&[&["项目", "金额"], &["a", "1.00"]], 1, Some("收支总表")),
            piece(&[&["项目", "金额"], &["b", "2.00"]], 2, None),
            piece(&[&["c", "3.00"]], 3, None),
            piece(&[&["项目", "金额"], &["d", "4.00"]], 4, Some("支出表")),
        ]);
        assert_eq!(joined.len(), 2);
        assert_eq!(
            joined[0].body_rows(),
            rows(&[&["a", "1.00"], &["b", "2.00"], &["c", "3.00"]])
        );
        assert_eq!((joined[0].first_page, joined[0].last_page), (1, 3));
        assert_eq!(joined[0].grid.row_pages, vec![1, 1, 2, 3]);
        let kinds: Vec<&str> = joined[0].joins.iter().map(|j| j.kind.as_str()).collect();
        assert_eq!(kinds, ["joined_page", "dropped_header", "joined_page"]);
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
