//! The standard tables of 部门预算 / 部门决算 disclosures (K01–K13 of
//! shared/docs/standard-tables.md) as typed, reconciled data: each
//! [`LogicalTable`] whose title names a kind becomes rows with codes,
//! items and named measures; the rules in `rules` check them inside a
//! table and between the tables of a document. docs/standard-tables.md
//! documents the outputs and rule ids.

pub mod code;
pub mod columns;
pub mod doc;
pub mod fold;
pub mod item;
mod kind;
pub mod kinds;
pub mod measure;
pub mod model;
pub mod rules;
pub mod sheets;
pub mod typed;

pub use kind::Standard;

pub use doc::doc_info;
pub use kinds::StandardKind;
pub use model::{Check, DocInfo, Stage, StandardDoc, Status, StdTable};

use crate::table::{LogicalTable, NotePlace};
use crate::warning::{Warning, WarningKind};

/// The kind of a table, from its title (or, when the extraction put the
/// title among the lines above the table, from those), never its position.
pub fn detect(t: &LogicalTable) -> Option<StandardKind> {
    let above = t
        .notes
        .iter()
        .filter(|n| n.place == NotePlace::Above)
        .map(|n| n.text.as_str());
    t.meta
        .title
        .as_deref()
        .into_iter()
        .chain(above)
        .find_map(kinds::from_title)
}

/// The document info of a set of tables: titles and 部门 furniture, then
/// `other` texts (cover page lines, file name).
pub fn info_of(tables: &[LogicalTable], other: &[&str]) -> DocInfo {
    let titles: Vec<&str> = tables
        .iter()
        .filter_map(|t| t.meta.title.as_deref())
        .collect();
    let departments: Vec<&str> = tables
        .iter()
        .filter_map(|t| t.meta.department.as_deref())
        .collect();
    doc_info(&titles, &departments, other)
}

/// Typed tables and checks for the standard tables among `tables`; other
/// tables are passed over. Failed checks are also warnings.
pub fn build_document(tables: &[LogicalTable], info: &DocInfo, source: &str) -> StandardDoc {
    let typed: Vec<StdTable> = tables
        .iter()
        .filter_map(|t| detect(t).map(|k| typed::build(t, k, source)))
        .collect();
    let checks = rules::run_all(&typed, info);
    let mut warnings: Vec<Warning> = typed.iter().flat_map(|t| t.warnings.clone()).collect();
    for t in typed
        .iter()
        .filter(|t| t.empty && t.empty_statement.is_none() && t.kind.may_be_empty())
    {
        warnings.push(
            Warning::new(
                WarningKind::EmptyWithoutStatement,
                source,
                format!(
                    "{} ({}) is empty and prints no statement saying so (此表为空 …)",
                    t.kind.id(),
                    t.title.as_deref().unwrap_or("")
                ),
            )
            .at(Some(t.pages[0]), None),
        );
    }
    for c in checks.iter().filter(|c| c.status == Status::Mismatch) {
        let page = c.pages.first().copied();
        warnings.push(
            Warning::new(
                WarningKind::CheckFailed,
                source,
                format!(
                    "{} {} on {}: {}: expected {}, found {} ({})",
                    c.rule, c.name, c.kind, c.subject, c.expected, c.actual, c.measure
                ),
            )
            .at(page, None),
        );
    }
    StandardDoc {
        info: info.clone(),
        tables: typed,
        checks,
        warnings,
    }
}
