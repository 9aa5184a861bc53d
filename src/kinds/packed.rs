//! The packed 项目支出绩效目标表: one row per project, the 绩效指标 list
//! packed into one cell. Today's path, unchanged: RawTable → repair →
//! normalize (with indicator targets and taxonomy) → validate.
//!
//! Rows come from the [`LogicalTable`]s: text extracts through the rows as
//! printed ([`text`]: placement by content, lines in warnings), HTML
//! through its tables as printed ([`html`]: records over spanning names,
//! tables continued per page), XLSX, XLS and DOCX through the grid
//! ([`raw_from_logical`]), PDF through each page's grid as printed
//! ([`pdf`]: cells placed by position, fragments of rows cut by a page
//! break left for repair).

mod html;
mod pdf;
mod place;
mod sums;
mod text;

use super::{Built, DocInfo, Kind};
use crate::model::Table;
use crate::normalize::normalize_owned;
use crate::raw::{Format, RawRow, RawTable, TableMeta};
use crate::repair::repair_owned;
use crate::table::furniture::{currency_unit, department};
use crate::table::LogicalTable;
use crate::validate::validate;
use crate::warning::Warning;

/// Header rows looked at for the 项目名称 … 绩效 header.
const HEADER_ROWS: usize = 6;

pub struct Packed;

impl Kind for Packed {
    fn id(&self) -> &'static str {
        "packed"
    }

    /// A row near the top naming 项目名称 and 绩效目标/绩效指标 in
    /// separate cells.
    fn detect(&self, table: &LogicalTable) -> bool {
        (0..table.grid.n_rows.min(HEADER_ROWS)).any(|r| is_header(&table.grid.row_filled(r)))
    }

    fn build(&self, tables: &[&LogicalTable], doc: &DocInfo) -> Built {
        let (raws, warnings) = raw_tables(tables, doc);
        build_raws(raws, warnings, doc.source)
    }
}

/// The kind's output from its raw tables, each dropped once its model
/// table is built (the pipeline frees the source before this runs).
pub(crate) fn build_raws(raws: Vec<RawTable>, warnings: Vec<Warning>, source: &str) -> Built {
    let tables = raws.into_iter().map(|t| build_table(t, source)).collect();
    Built {
        tables,
        warnings,
        ..Built::default()
    }
}

/// The raw 绩效目标表s of a document's `tables` (those detected as this
/// kind), each source's rows placed as its layout needs, and warnings
/// about text outside them.
pub(crate) fn raw_tables(tables: &[&LogicalTable], doc: &DocInfo) -> (Vec<RawTable>, Vec<Warning>) {
    match doc.format {
        Format::Text => text::raws_from_printed(tables, doc.source),
        Format::Html => (html::raws_from_pieces(tables, doc.source), Vec::new()),
        // A headerless continuation is no 绩效目标表 by itself: read all.
        Format::Pdf if !doc.tables.is_empty() => {
            let all: Vec<&LogicalTable> = doc.tables.iter().collect();
            (pdf::raws_from_pieces(&all, doc.source), Vec::new())
        }
        Format::Pdf => (pdf::raws_from_pieces(tables, doc.source), Vec::new()),
        Format::Xlsx | Format::Xls | Format::Docx => (
            tables.iter().filter_map(|t| raw_from_logical(t)).collect(),
            Vec::new(),
        ),
    }
}

/// Why a document of `format` holds no 绩效目标表, for its `no_table`
/// message when the source gave no reason of its own.
pub(crate) fn why_none(format: Format) -> &'static str {
    match format {
        Format::Text => "no header row with 项目名称, 总计 and 绩效目标/绩效指标 separated by TABs",
        _ => "no 项目名称 … 绩效目标 header",
    }
}

/// What follows the source's count of the tables it saw (`1 table(s) in
/// the page, …`) when none was a 绩效目标表.
pub(crate) fn none_of(format: Format) -> &'static str {
    match format {
        Format::Html => "none with a 项目名称 … 绩效目标/绩效指标 header row",
        _ => "none with a 项目名称 … 绩效目标 header",
    }
}

fn is_header(cells: &[String]) -> bool {
    let name = cells.iter().position(|c| c.contains("项目名称"));
    let perf = cells
        .iter()
        .position(|c| c.contains("绩效目标") || c.contains("绩效指标"));
    matches!((name, perf), (Some(a), Some(b)) if a != b)
}

/// A 绩效目标表 from its logical table: the leaf labels under the
/// 项目名称 … 绩效 header row are the columns; every later row is one raw
/// row, each cell put into the leaf column it starts in (repair joins
/// fragments and drops repeated headers, as for every source).
pub(crate) fn raw_from_logical(t: &LogicalTable) -> Option<RawTable> {
    let g = &t.grid;
    let top = (0..g.n_rows.min(HEADER_ROWS)).find(|&r| is_header(&g.row_filled(r)))?;
    let depth = g
        .cells
        .iter()
        .filter(|c| c.row == top)
        .map(|c| c.row_span.max(1))
        .max()
        .unwrap_or(1);
    let leaf = (top + depth - 1).min(g.n_rows.saturating_sub(1));
    // Leaf columns: the distinct cells covering the header's bottom row.
    let mut starts: Vec<usize> = Vec::new();
    let mut columns = Vec::new();
    for c in 0..g.n_cols {
        if let Some(cell) = g.covering(leaf, c).filter(|x| !starts.contains(&x.col)) {
            starts.push(cell.col);
            columns.push(cell.text.clone());
        }
    }
    let mut meta = TableMeta {
        title: t.meta.title.clone(),
        department: t.meta.department.clone(),
        currency_unit: t.meta.currency_unit.clone(),
        number: t.meta.number.clone(),
    };
    for text in (0..top).flat_map(|r| g.row_texts(r)) {
        meta.department = meta.department.take().or_else(|| department(&text));
        meta.currency_unit = meta.currency_unit.take().or_else(|| currency_unit(&text));
    }
    let mut raw = RawTable {
        meta,
        columns,
        ..RawTable::default()
    };
    for r in leaf + 1..g.n_rows {
        let mut cells = vec![String::new(); starts.len()];
        for c in g.cells.iter().filter(|c| c.row == r) {
            let i = starts
                .iter()
                .filter(|&&s| s <= c.col)
                .count()
                .saturating_sub(1);
            if let Some(slot) = cells.get_mut(i) {
                slot.push_str(&c.text);
            }
        }
        if cells.iter().any(|c| !c.trim().is_empty()) {
            raw.rows.push(RawRow::new(cells, g.page_of(r), None));
        }
    }
    Some(raw)
}

/// One 绩效目标表 through repair, normalize, targets and validate.
pub(crate) fn build_table(raw: RawTable, source: &str) -> Table {
    let mut fixed = repair_owned(raw, source);
    let _trials = sums::decide(&mut fixed, source);
    let mut table = normalize_owned(fixed.table, fixed.notes, source);
    crate::normalize::targets::enrich_table(&mut table, source);
    validate(&mut table, source);
    table
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::Grid;

    #[test]
    fn detects_the_header_by_its_name_and_performance_cells() {
        let row = |cells: &[&str]| cells.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let t = |rows: Vec<Vec<String>>| LogicalTable {
            grid: Grid::from_rows(&rows, 1),
            ..LogicalTable::default()
        };
        let perf = t(vec![
            row(&["公开08表", "", ""]),
            row(&["项目名称", "总计", "绩效目标"]),
        ]);
        assert!(Packed.detect(&perf));
        // One cell naming both (a layout table wrapping everything) is not it.
        assert!(!Packed.detect(&t(vec![row(&["项目名称 绩效目标"])])));
        assert!(!Packed.detect(&t(vec![row(&["项目", "金额"])])));
    }

    #[test]
    fn a_logical_table_becomes_raw_rows_under_its_leaf_columns() {
        let rows: Vec<Vec<String>> = [
            &["部门名称：某局", "", "", ""][..],
            &["项目名称", "总计", "绩效目标", "绩效指标"],
            &["合计", "1.00", "", ""],
            &[
                "甲项目",
                "1.00",
                "目标。",
                "1、1-产出指标；11-数量指标；场次；实施周期",
            ],
        ]
        .iter()
        .map(|r| r.iter().map(|s| s.to_string()).collect())
        .collect();
        let t = LogicalTable {
            grid: Grid::from_rows(&rows, 1),
            header_rows: 2,
            ..LogicalTable::default()
        };
        let raw = raw_from_logical(&t).expect("a 绩效目标表");
        assert_eq!(raw.columns, ["项目名称", "总计", "绩效目标", "绩效指标"]);
        assert_eq!(raw.meta.department.as_deref(), Some("某局"));
        assert_eq!(raw.rows.len(), 2);
        assert_eq!(raw.rows[1].cells[2], "目标。");
    }
}
