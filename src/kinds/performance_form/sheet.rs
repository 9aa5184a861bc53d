//! Forms in the flat outputs: one `projects.csv` row per form and one
//! `indicators.csv` row per indicator, in the packed table's columns plus
//! the form's own (added only when a forms document is present).

use super::model::{FormDoc, FormIndicator, FormProject};
use crate::emit::sheet::Cell;
use crate::model::Document;
use crate::target::Target;

/// Project columns after the packed table's.
pub const PROJECT_KEYS: [&str; 3] = ["code", "period", "long_term_goal"];
/// Indicator columns after the packed table's.
pub const INDICATOR_KEYS: [&str; 3] = ["indicator_unit", "direction", "extra"];

fn forms(docs: &[Document]) -> impl Iterator<Item = (&Document, &FormDoc)> {
    docs.iter()
        .flat_map(|d| d.forms.iter().map(move |f| (d, f)))
}

fn text(s: &Option<String>) -> Cell {
    Cell::Text(s.clone().unwrap_or_default())
}

/// `source, table, department, unit, project`: the implementer is the unit.
fn context(d: &Document, f: &FormDoc, p: &FormProject) -> Vec<Cell> {
    vec![
        Cell::Text(d.source.clone()),
        text(&f.title),
        text(&p.department.clone().or(f.department.clone())),
        text(&p.implementer),
        Cell::Text(p.name.clone()),
    ]
}

/// Whether any document holds forms.
pub fn any(docs: &[Document]) -> bool {
    docs.iter().any(|d| !d.forms.is_empty())
}

/// Rows laid out as `projects.csv` with `amounts` columns, then [`PROJECT_KEYS`].
pub fn project_rows(docs: &[Document], amounts: &[String]) -> Vec<Vec<Cell>> {
    let mut rows = Vec::new();
    for (d, f) in forms(docs) {
        for p in &f.projects {
            let mut r = context(d, f, p);
            r.extend(amounts.iter().map(|k| {
                Cell::Amount(match k.as_str() {
                    "total" => p.amounts.total,
                    "fiscal" => p.amounts.fiscal,
                    "other" => p.amounts.other,
                    _ => None,
                })
            }));
            let pages: Vec<String> = p.pages.iter().map(u32::to_string).collect();
            r.push(text(&p.goal));
            r.push(Cell::Int(p.indicators.len() as u64));
            r.push(Cell::Text(pages.join(";")));
            r.extend([text(&p.code), text(&p.period), text(&p.long_term_goal)]);
            rows.push(r);
        }
    }
    rows
}

/// Rows laid out as `indicators.csv`, then [`INDICATOR_KEYS`].
pub fn indicator_rows(docs: &[Document]) -> Vec<Vec<Cell>> {
    let mut rows = Vec::new();
    for (d, f) in forms(docs) {
        for p in &f.projects {
            for (seq, i) in (1..).zip(&p.indicators) {
                let mut r = context(d, f, p);
                r.extend(indicator_cells(seq, i));
                rows.push(r);
            }
        }
    }
    rows
}

fn indicator_cells(seq: u64, i: &FormIndicator) -> Vec<Cell> {
    let mut cells = vec![
        Cell::Int(1),
        Cell::Int(seq),
        Cell::Text(String::new()),
        text(&i.level1),
        Cell::Text(String::new()),
        text(&i.level2),
        Cell::Text(i.name.clone()),
        text(&i.period_value),
        text(&i.annual_value),
    ];
    for t in [&i.period_target, &i.annual_target] {
        let fields = t.as_ref().map(Target::csv_fields).unwrap_or_default();
        cells.extend(fields.into_iter().map(Cell::Text));
    }
    for c in [json_name(&i.level1_category), json_name(&i.level2_category)] {
        cells.push(Cell::Text(c));
    }
    let extra = serde_json::to_string(&i.extra).unwrap_or_default();
    cells.extend([text(&i.unit), text(&i.direction), Cell::Text(extra)]);
    cells
}

fn json_name<T: serde::Serialize>(v: &Option<T>) -> String {
    let value = v.as_ref().and_then(|v| serde_json::to_value(v).ok());
    value
        .and_then(|n| n.as_str().map(str::to_string))
        .unwrap_or_default()
}
