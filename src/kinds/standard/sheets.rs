//! The standard budget tables as two flat sheets: `budget_lines` (one row
//! per printed amount) and `budget_checks` (one row per check), built per
//! document by the standard kind and concatenated over a batch: many
//! departments and years give one long table a pivot turns into the
//! comparison.

use super::{StandardDoc, StdTable};
use crate::sheet::{Cell, Sheet};

const LINE_KEYS: [&str; 16] = [
    "source",
    "department",
    "year",
    "stage",
    "kind",
    "table",
    "pages",
    "currency_unit",
    "code",
    "level",
    "item",
    "measure",
    "measure_label",
    "amount",
    "side",
    "item_plain",
];

const CHECK_KEYS: [&str; 16] = [
    "source",
    "department",
    "year",
    "stage",
    "kind",
    "table",
    "rule",
    "rule_name",
    "subject",
    "measure",
    "expected",
    "actual",
    "status",
    "pages",
    "currency_unit",
    "table_pages",
];

fn text(s: &Option<String>) -> Cell {
    Cell::Text(s.clone().unwrap_or_default())
}

fn joined(pages: &[u32]) -> Cell {
    let p: Vec<String> = pages.iter().map(u32::to_string).collect();
    Cell::Text(p.join(";"))
}

/// source, department, year, stage (the document's context columns).
fn context(source: &str, s: &StandardDoc, t: Option<&StdTable>) -> Vec<Cell> {
    let dept = t
        .and_then(|t| t.department.clone())
        .or_else(|| s.info.department.clone());
    vec![
        Cell::Text(source.to_string()),
        text(&dept),
        Cell::Text(s.info.year.map(|y| y.to_string()).unwrap_or_default()),
        Cell::Text(s.info.stage.map(|x| x.id().to_string()).unwrap_or_default()),
    ]
}

/// One row per printed amount of one document.
pub fn lines(source: &str, s: &StandardDoc) -> Sheet {
    let mut rows = Vec::new();
    {
        for t in &s.tables {
            for side in &t.sides {
                for r in &side.rows {
                    for v in &r.values {
                        let mut row = context(source, s, Some(t));
                        row.extend([
                            Cell::Text(t.kind.id().to_string()),
                            text(&t.title),
                            joined(&r.pages),
                            text(&v.unit),
                            text(&r.code),
                            Cell::Text(r.level.map(|l| l.zh().to_string()).unwrap_or_default()),
                            Cell::Text(r.item.clone()),
                            Cell::Text(v.measure.clone()),
                            Cell::Text(v.label.clone()),
                            Cell::Amount(Some(v.amount)),
                            Cell::Text(side.name.clone()),
                            Cell::Text(r.item_plain.clone()),
                        ]);
                        rows.push(row);
                    }
                }
            }
        }
    }
    Sheet {
        name: "budget_lines",
        keys: LINE_KEYS.iter().map(|k| k.to_string()).collect(),
        rows,
    }
}

/// One row per check of one document.
pub fn checks(source: &str, s: &StandardDoc) -> Sheet {
    let mut rows = Vec::new();
    {
        for c in &s.checks {
            let t = s
                .tables
                .iter()
                .find(|t| t.kind.id() == c.kind && t.title == c.table);
            let mut row = context(source, s, t);
            let status = serde_json::to_value(c.status)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string));
            row.extend([
                Cell::Text(c.kind.to_string()),
                text(&c.table),
                Cell::Text(c.rule.to_string()),
                Cell::Text(c.name.to_string()),
                Cell::Text(c.subject.clone()),
                Cell::Text(c.measure.clone()),
                Cell::Amount(Some(c.expected)),
                Cell::Amount(Some(c.actual)),
                Cell::Text(status.unwrap_or_default()),
                joined(&c.pages),
                text(&c.currency_unit),
                joined(&t.map_or(Vec::new(), table_pages)),
            ]);
            rows.push(row);
        }
    }
    Sheet {
        name: "budget_checks",
        keys: CHECK_KEYS.iter().map(|k| k.to_string()).collect(),
        rows,
    }
}

/// First and last page, once when equal.
fn table_pages(t: &StdTable) -> Vec<u32> {
    let [first, last] = t.pages;
    if first == last {
        vec![first]
    } else {
        vec![first, last]
    }
}
