//! Table kinds: what a table *is* (a 项目支出绩效目标表, a 收支总表 …) and
//! what it becomes (typed records, checks, output sheets). Kinds read only
//! [`LogicalTable`]s — never a source — so every input format feeds every
//! kind.
//!
//! Adding a kind is one module plus one line in [`REGISTRY`] (see
//! docs/kinds.md). Each table of a document goes to the first kind in the
//! registry whose [`Kind::detect`] accepts it; `generic` accepts all and
//! stands last. A kind then builds over *all* its tables of the document
//! at once, so it can join a form printed in parts or check one table
//! against another.

pub mod generic;
pub mod packed;
pub mod performance_form;
pub mod standard;

use crate::model::{Check, Table};
use crate::raw::Format;
use crate::sheet::Sheet;
use crate::table::LogicalTable;
use crate::warning::Warning;

/// What a kind is told about the document its tables come from.
#[derive(Debug, Clone, Copy)]
pub struct DocInfo<'a> {
    /// The input as named by the user (a path, or the name given with bytes).
    pub source: &'a str,
    pub format: Format,
    pub pages: u32,
    /// Every table of the document, in order (also those of other kinds:
    /// a kind may check one against another, or take a continuation) —
    /// except the packed kind's, which the pipeline frees once that kind
    /// has read them (kinds after it do not see them).
    pub tables: &'a [LogicalTable],
}

impl<'a> DocInfo<'a> {
    pub fn new(source: &'a str, format: Format, pages: u32) -> Self {
        DocInfo {
            source,
            format,
            pages,
            tables: &[],
        }
    }
}

/// A table kind. Implementations are unit structs listed in [`REGISTRY`].
pub trait Kind: Sync {
    /// Stable id, used in `tables.csv`, documents.json `kind` and docs:
    /// `packed`, `generic`, `income_expenditure_summary` …
    fn id(&self) -> &'static str;

    /// Whether this kind reads `table`, from its title and header only
    /// (`table.meta`, `table.flat_header()`, the first body rows).
    fn detect(&self, table: &LogicalTable) -> bool;

    /// Builds the kind's output from all of one document's tables that it
    /// detected, in document order.
    fn build(&self, tables: &[&LogicalTable], doc: &DocInfo) -> Built;
}

/// What a kind made of its tables in one document.
#[derive(Debug, Clone, Default)]
pub struct Built {
    /// Tables in the packed model (`tables[].units[].projects[]` in
    /// documents.json, rows of projects.csv and indicators.csv): the
    /// packed kind, and kinds sharing its model (forms).
    pub tables: Vec<Table>,
    /// Any other kind's records for documents.json `tables[]`: one JSON
    /// object per table or document, each with a `"kind"` field.
    pub records: Vec<serde_json::Value>,
    /// Rows for named output sheets (`budget_lines` → budget_lines.csv);
    /// sheets of the same name from several documents are concatenated.
    pub sheets: Vec<Sheet>,
    /// Checks outside the packed tables (those carry their own).
    pub checks: Vec<Check>,
    pub warnings: Vec<Warning>,
}

impl Built {
    /// Whether the kind produced anything a user asked `convert` for.
    pub fn is_empty(&self) -> bool {
        self.tables.is_empty() && self.records.is_empty() && self.sheets.is_empty()
    }
}

/// Every kind, most specific first; `generic` accepts any table and stays
/// last. A new kind is one line here.
pub static REGISTRY: &[&dyn Kind] = &[
    &packed::Packed,
    &performance_form::PerformanceForm,
    &standard::Standard,
    &generic::Generic,
];

/// The kind that reads `table`: the first in the registry to detect it.
pub fn kind_of(table: &LogicalTable) -> &'static dyn Kind {
    REGISTRY
        .iter()
        .copied()
        .find(|k| k.detect(table))
        .unwrap_or(&generic::Generic)
}

/// Sorts a document's tables to their kinds and builds each kind once,
/// in registry order. Kinds that detected no table are not called.
pub fn build_all(tables: &[LogicalTable], doc: &DocInfo) -> Vec<(&'static str, Built)> {
    build_kinds(tables, &ids_of(tables), doc)
}

/// The id of each table's kind ([`kind_of`]), in order.
pub fn ids_of(tables: &[LogicalTable]) -> Vec<&'static str> {
    tables.iter().map(|t| kind_of(t).id()).collect()
}

/// [`build_all`] with each table's kind id already known (`ids`, one per
/// table): a kind none of `ids` names is not called.
pub fn build_kinds(
    tables: &[LogicalTable],
    ids: &[&'static str],
    doc: &DocInfo,
) -> Vec<(&'static str, Built)> {
    REGISTRY
        .iter()
        .filter_map(|k| {
            let mine: Vec<&LogicalTable> = tables
                .iter()
                .zip(ids)
                .filter(|(_, id)| **id == k.id())
                .map(|(t, _)| t)
                .collect();
            (!mine.is_empty()).then(|| (k.id(), k.build(&mine, doc)))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::Grid;

    fn table(rows: &[&[&str]]) -> LogicalTable {
        let rows: Vec<Vec<String>> = rows
            .iter()
            .map(|r| r.iter().map(|s| s.to_string()).collect())
            .collect();
        LogicalTable {
            grid: Grid::from_rows(&rows, 1),
            header_rows: 1,
            ..LogicalTable::default()
        }
    }

    #[test]
    fn each_table_goes_to_the_first_kind_that_detects_it() {
        let perf = table(&[&["项目名称", "总计", "绩效目标", "绩效指标"]]);
        let other = table(&[&["项目", "金额"], &["合计", "1.00"]]);
        assert_eq!(kind_of(&perf).id(), "packed");
        assert_eq!(kind_of(&other).id(), "generic");
        let ids: Vec<&str> = REGISTRY.iter().map(|k| k.id()).collect();
        assert_eq!(ids.last(), Some(&"generic"), "generic stays last");
    }
}
