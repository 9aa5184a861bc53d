//! The two flat outputs of the 绩效目标表s, projects and indicators, built
//! from the documents of a batch (the sheet types are `crate::sheet`'s).

use crate::model::{Document, Indicator, Project, Table, Text, Unit};
pub use crate::sheet::{zh_label, Cell, Labels, Sheet};
use crate::target::Target;

/// The header row for column `keys` (as [`Sheet::header`]).
pub fn header(keys: &[String], labels: Labels) -> Vec<String> {
    match labels {
        Labels::En => keys.to_vec(),
        Labels::Zh => keys
            .iter()
            .map(|k| zh_label(k).unwrap_or(k).to_string())
            .collect(),
    }
}

/// A sheet's column keys and its rows, made one at a time (a sheet held
/// whole is ~10× its document's input).
pub type Rows<'a> = (Vec<String>, Box<dyn Iterator<Item = Vec<Cell>> + 'a>);

const FIXED_AMOUNTS: [&str; 4] = ["total", "fiscal", "fiscal_special", "other"];

/// The four standard amount columns, then any other keys the tables print,
/// in first-seen order.
fn amount_columns(docs: &[Document]) -> Vec<String> {
    let mut cols: Vec<String> = FIXED_AMOUNTS.iter().map(|s| s.to_string()).collect();
    for t in docs.iter().flat_map(|d| &d.tables) {
        let total = t.total.iter().flat_map(|a| a.keys());
        let units = t.units.iter().flat_map(|u| u.amounts.keys());
        let projects = t
            .units
            .iter()
            .flat_map(|u| &u.projects)
            .flat_map(|p| p.amounts.keys());
        for k in total.chain(units).chain(projects) {
            if !cols.iter().any(|c| c == k) {
                cols.push(k.to_string());
            }
        }
    }
    cols
}

type Ctx<'a> = (&'a Document, &'a Table, &'a Unit, &'a Project);

/// Every project with its document, table and unit, in document order.
fn each_project(docs: &[Document]) -> impl Iterator<Item = Ctx<'_>> {
    docs.iter().flat_map(|d| {
        d.tables.iter().flat_map(move |t| {
            t.units
                .iter()
                .flat_map(move |u| u.projects.iter().map(move |p| (d, t, u, p)))
        })
    })
}

fn context((d, t, u, p): Ctx<'_>) -> Vec<Cell> {
    let opt = |s: &Option<String>| Cell::Text(s.clone().unwrap_or_default());
    vec![
        Cell::Text(d.source.clone()),
        opt(&t.title),
        opt(&t.department),
        Cell::Text(u.name.clone()),
        Cell::Text(p.name.to_string()),
    ]
}

const CONTEXT: [&str; 5] = ["source", "table", "department", "unit", "project"];

fn keys(parts: &[&[&str]]) -> Vec<String> {
    parts
        .iter()
        .flat_map(|p| p.iter())
        .map(|s| s.to_string())
        .collect()
}

pub fn projects(docs: &[Document]) -> Sheet {
    let (keys, rows) = project_rows(docs);
    Sheet {
        name: "projects",
        keys,
        rows: rows.collect(),
    }
}

/// The projects sheet as [`Rows`].
pub fn project_rows(docs: &[Document]) -> Rows<'_> {
    let amounts = amount_columns(docs);
    let mut k = keys(&[&CONTEXT]);
    k.extend(amounts.iter().cloned());
    k.extend(keys(&[&["goal", "indicator_count", "pages"]]));
    let rows = each_project(docs).map(move |ctx| {
        let p = ctx.3;
        let mut r = context(ctx);
        r.extend(amounts.iter().map(|a| Cell::Amount(p.amounts.get(a))));
        let pages: Vec<String> = p.pages.iter().map(u32::to_string).collect();
        r.push(Cell::Text(p.goal.to_string()));
        r.push(Cell::Int(p.indicators.len() as u64));
        r.push(Cell::Text(pages.join(";")));
        r
    });
    (k, Box::new(rows))
}

const INDICATOR_KEYS: [&str; 9] = [
    "group",
    "seq",
    "level1_code",
    "level1",
    "level2_code",
    "level2",
    "indicator",
    "period_value",
    "annual_value",
];
const CATEGORY_KEYS: [&str; 2] = ["level1_category", "level2_category"];

/// `period_op, period_number, …, annual_kind`.
fn target_keys() -> Vec<String> {
    let mut k = Target::csv_header("period").to_vec();
    k.extend(Target::csv_header("annual"));
    k
}

fn indicator_cells(i: &Indicator) -> Vec<Cell> {
    let opt = |s: &Option<Text>| Cell::Text(s.as_deref().unwrap_or_default().to_string());
    let mut cells = vec![
        Cell::Int(u64::from(i.group)),
        Cell::Int(u64::from(i.seq)),
        opt(&i.level1_code),
        opt(&i.level1),
        opt(&i.level2_code),
        opt(&i.level2),
        Cell::Text(i.name.to_string()),
        opt(&i.period_value),
        opt(&i.annual_value),
    ];
    for t in [&i.period_target, &i.annual_target] {
        let fields = t.as_ref().map(Target::csv_fields).unwrap_or_default();
        cells.extend(fields.into_iter().map(Cell::Text));
    }
    cells.push(Cell::Text(snake_name(&i.level1_category)));
    cells.push(Cell::Text(snake_name(&i.level2_category)));
    cells
}

/// A category's JSON name (`service_satisfaction`), empty for none.
fn snake_name<T: serde::Serialize>(v: &Option<T>) -> String {
    let name = v.as_ref().and_then(|v| serde_json::to_value(v).ok());
    name.and_then(|n| n.as_str().map(str::to_string))
        .unwrap_or_default()
}

pub fn indicators(docs: &[Document]) -> Sheet {
    let (keys, rows) = indicator_rows(docs);
    Sheet {
        name: "indicators",
        keys,
        rows: rows.collect(),
    }
}

/// The indicators sheet as [`Rows`].
pub fn indicator_rows(docs: &[Document]) -> Rows<'_> {
    let mut k = keys(&[&CONTEXT, &INDICATOR_KEYS]);
    k.extend(target_keys());
    k.extend(keys(&[&CATEGORY_KEYS]));
    let rows = each_project(docs).flat_map(|ctx| {
        ctx.3.indicators.iter().map(move |i| {
            let mut r = context(ctx);
            r.extend(indicator_cells(i));
            r
        })
    });
    (k, Box::new(rows))
}
