//! A logical table as rows for CSV and spreadsheets: one flattened header
//! row (or the printed header rows), then the body rows; rows with no text
//! left out and counted.

use super::{header, LogicalTable};

/// How the rows are written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RowOptions {
    /// Keep the printed header rows instead of one flattened row.
    pub raw_header: bool,
    /// Which slots a spanning cell's text is repeated in.
    pub fill: Fill,
    /// Drop thousands separators from amounts (`9,066.79` → `9066.79`).
    pub plain_numbers: bool,
}

/// Where a merged cell's text goes besides its top-left slot (as camelot's
/// `copy_text`): a label merged down a column is often wanted on every row.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Fill {
    /// Top-left slot only.
    #[default]
    None,
    /// Down the rows it spans, in its first column.
    Down,
    /// Across the columns it spans, in its first row.
    Across,
    /// Every slot it covers.
    All,
}

/// The rows to write, and how many rows without any text were left out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rows {
    pub header: Vec<Vec<String>>,
    pub body: Vec<Vec<String>>,
    pub dropped_empty: usize,
}

pub fn rows(t: &LogicalTable, opts: RowOptions) -> Rows {
    let g = &t.grid;
    let ix = g.index();
    let h = t.header_rows.min(g.n_rows);
    let row = |texts: Vec<&str>| -> Vec<String> {
        texts
            .iter()
            .map(|c| cell_text(c, opts.plain_numbers))
            .collect()
    };
    let header = if opts.raw_header {
        (0..h).map(|r| row(slot_texts(&ix, r, opts.fill))).collect()
    } else {
        vec![t
            .flat_header()
            .iter()
            .map(|c| cell_text(c, false))
            .collect()]
    };
    let mut out = Rows {
        header,
        ..Rows::default()
    };
    for r in h..g.n_rows {
        let texts = slot_texts(&ix, r, opts.fill);
        if has_text(&texts) {
            out.body.push(row(texts));
        } else {
            out.dropped_empty += 1;
        }
    }
    out
}

/// (body rows, rows without text left out) of [`rows`], without
/// rendering any cell: for an index written before the rows themselves.
pub fn counts(t: &LogicalTable, opts: RowOptions) -> (usize, usize) {
    let g = &t.grid;
    let ix = g.index();
    let h = t.header_rows.min(g.n_rows);
    let body = (h..g.n_rows)
        .filter(|&r| has_text(&slot_texts(&ix, r, opts.fill)))
        .count();
    (body, g.n_rows - h - body)
}

/// A row holds text when a cell of it does ([`cell_text`] of
/// whitespace alone is empty).
fn has_text(texts: &[&str]) -> bool {
    texts.iter().any(|t| !t.trim().is_empty())
}

/// The text in each slot of row `r`: a cell's in its top-left slot, and
/// in the other slots it covers as `fill` says.
fn slot_texts<'a>(ix: &super::index::GridIndex<'a>, r: usize, fill: Fill) -> Vec<&'a str> {
    if fill == Fill::None {
        let mut out = vec![""; ix.grid().n_cols];
        for c in ix.starting(r) {
            if let Some(slot) = out.get_mut(c.col) {
                *slot = c.text.as_str();
            }
        }
        return out;
    }
    ix.covering_row(r)
        .into_iter()
        .enumerate()
        .map(|(slot, c)| match c {
            Some(c)
                if fill == Fill::All
                    || (fill == Fill::Down && c.col == slot)
                    || (fill == Fill::Across && c.row == r) =>
            {
                c.text.as_str()
            }
            _ => "",
        })
        .collect()
}

/// A cell as a reader sees it: whitespace between CJK characters removed
/// (`合  计` → `合计`), other runs of whitespace one space, no line breaks.
pub fn cell_text(text: &str, plain_numbers: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for ch in text.trim().chars() {
        if ch.is_whitespace() {
            pending_space = true;
            continue;
        }
        if pending_space && !(out.chars().last().is_some_and(is_cjk) || is_cjk(ch)) {
            out.push(' ');
        }
        pending_space = false;
        out.push(ch);
    }
    if plain_numbers && header::is_amount(&out) {
        out.retain(|c| c != ',');
    }
    out
}

/// Han characters and full-width punctuation: no spaces between them.
/// Curly quotes are not among them: Latin text uses them too (`Involvement
/// “at the beginning”`), and beside Han text the Han side decides.
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3000..=0x303F | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF)
        || matches!(c, '—' | '…' | '·')
}

/// `p008-收支预算总表.csv`, unique among `taken`: the name a table's CSV gets
/// (its title, else its first header label; 40 characters at most, none a
/// file system would refuse). `yusuan tables` and the web page share it.
pub fn csv_name(t: &LogicalTable, taken: &mut Vec<String>) -> String {
    let title = t
        .meta
        .title
        .clone()
        .or_else(|| t.flat_header().into_iter().find(|c| !c.is_empty()))
        .unwrap_or_else(|| "table".to_string());
    let base = format!("p{:03}-{}", t.first_page, safe_name(&title, 40));
    format!("{}.csv", unique_name(base, taken))
}

/// `base`, or `base-2`, `base-3` … whichever `taken` does not hold yet
/// (then recorded there).
pub fn unique_name(base: String, taken: &mut Vec<String>) -> String {
    let mut name = base.clone();
    let mut n = 2;
    while taken.contains(&name) {
        name = format!("{base}-{n}");
        n += 1;
    }
    taken.push(name.clone());
    name
}

/// `text` as part of a file name: control characters dropped, spaces and
/// the characters Windows refuses (`/\:*?"<>|`) as `_`, `max` characters.
pub fn safe_name(text: &str, max: usize) -> String {
    text.chars()
        .filter(|c| !c.is_control())
        .map(|c| {
            if "/\\:*?\"<>|".contains(c) || c.is_whitespace() {
                '_'
            } else {
                c
            }
        })
        .take(max)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::{Cell, Grid};

    #[test]
    fn cells_read_as_printed() {
        assert_eq!(cell_text("合  计", false), "合计");
        assert_eq!(cell_text(" “三公” 经费\n合计 ", false), "“三公”经费合计");
        assert_eq!(cell_text("Project  A", false), "Project A");
        assert_eq!(
            cell_text("Involvement “at once”", false),
            "Involvement “at once”"
        );
        assert_eq!(cell_text("9,066.79", true), "9066.79");
        assert_eq!(cell_text("1,2、3", true), "1,2、3", "not an amount");
    }

    #[test]
    fn flattened_header_then_body_with_empty_rows_counted() {
        let mut g = Grid::new(4, 2, 1);
        let cell = |row, col, col_span, text: &str| Cell::new(row, col, 1, col_span, text);
        g.cells = vec![
            cell(0, 0, 2, "收入"),
            cell(1, 0, 1, "项目"),
            cell(1, 1, 1, "金额"),
            cell(2, 0, 2, "合  计"),
        ];
        let t = LogicalTable {
            grid: g,
            header_rows: 2,
            ..LogicalTable::default()
        };
        let r = rows(&t, RowOptions::default());
        assert_eq!(r.header, vec![vec!["收入/项目", "收入/金额"]]);
        assert_eq!(r.body, vec![vec!["合计", ""]]);
        assert_eq!(r.dropped_empty, 1);
        let filled = rows(
            &t,
            RowOptions {
                fill: Fill::All,
                raw_header: true,
                ..RowOptions::default()
            },
        );
        assert_eq!(filled.header.len(), 2);
        assert_eq!(filled.body, vec![vec!["合计", "合计"]]);
    }

    /// A 2×2 merged cell: `Down` repeats it in its first column, `Across`
    /// in its first row, `All` everywhere, `None` only top-left.
    #[test]
    fn fill_ways() {
        let mut g = Grid::new(3, 3, 1);
        g.cells = vec![
            Cell::new(0, 0, 1, 1, "A"),
            Cell::new(0, 1, 1, 1, "B"),
            Cell::new(0, 2, 1, 1, "C"),
            Cell::new(1, 0, 2, 2, "GMC"),
            Cell::new(1, 2, 1, 1, "1"),
            Cell::new(2, 2, 1, 1, "2"),
        ];
        let t = LogicalTable {
            grid: g,
            header_rows: 1,
            ..LogicalTable::default()
        };
        let body = |fill| {
            rows(
                &t,
                RowOptions {
                    fill,
                    ..RowOptions::default()
                },
            )
            .body
        };
        let cases = [
            (Fill::None, [["GMC", "", "1"], ["", "", "2"]]),
            (Fill::Down, [["GMC", "", "1"], ["GMC", "", "2"]]),
            (Fill::Across, [["GMC", "GMC", "1"], ["", "", "2"]]),
            (Fill::All, [["GMC", "GMC", "1"], ["GMC", "GMC", "2"]]),
        ];
        for (fill, want) in cases {
            assert_eq!(body(fill), want, "{fill:?}");
        }
        // A row only spanned into from above is empty unless filled down.
        let mut t = t;
        t.grid.cells.retain(|c| c.col != 2 || c.row == 0);
        for fill in [Fill::None, Fill::Down, Fill::Across, Fill::All] {
            let opts = RowOptions {
                fill,
                ..RowOptions::default()
            };
            let r = rows(&t, opts);
            assert_eq!(
                counts(&t, opts),
                (r.body.len(), r.dropped_empty),
                "{fill:?}"
            );
        }
        let opts = |fill| RowOptions {
            fill,
            ..RowOptions::default()
        };
        assert_eq!(counts(&t, opts(Fill::None)), (1, 1));
        assert_eq!(counts(&t, opts(Fill::Down)), (2, 0));
    }

    /// Rows are read through the grid index: 50,000 rows × 5 columns took
    /// minutes when every row scanned every cell.
    #[test]
    fn many_rows_in_linear_time() {
        let printed: Vec<Vec<String>> = (0..50_000)
            .map(|i| (0..5).map(|c| format!("{i}.{c}")).collect())
            .collect();
        let t = LogicalTable {
            grid: Grid::from_rows(&printed, 1),
            header_rows: 1,
            ..LogicalTable::default()
        };
        let clock = std::time::Instant::now();
        let r = rows(&t, RowOptions::default());
        let filled = rows(
            &t,
            RowOptions {
                fill: Fill::All,
                ..RowOptions::default()
            },
        );
        assert_eq!(r.body.len(), 49_999);
        assert_eq!(filled.body.last().map(|x| x[4].as_str()), Some("49999.4"));
        assert!(clock.elapsed().as_secs() < 5, "{:?}", clock.elapsed());
    }
}
