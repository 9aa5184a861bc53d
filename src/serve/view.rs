//! The JSON the page shows: a document's summary (tables, checks,
//! warnings, download links) and a table's preview (cells with spans,
//! repaired rows and the cells of failed checks marked). Texts are data
//! (kinds, pages, amounts); the page words them in Chinese or English.

use super::store::{Entry, SourceTable};
use super::AppState;
use crate::model::{amount_key, Amounts, Check, Indicator, Table, Text};
use crate::table::LogicalTable;
use crate::warning::Warning;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};
use std::sync::Arc;

pub async fn document(State(state): State<Arc<AppState>>, Path(id): Path<String>) -> Response {
    match state.store.get(&id) {
        Some(e) => Json(summary(&e)).into_response(),
        None => super::assets::not_found().await.into_response(),
    }
}

pub async fn preview(
    State(state): State<Arc<AppState>>,
    Path((id, n)): Path<(String, String)>,
) -> Response {
    let entry = state.store.get(&id);
    let index = n.parse::<usize>().ok();
    match entry.zip(index).and_then(|(e, i)| table_preview(&e, i)) {
        Some(v) => Json(v).into_response(),
        None => (StatusCode::NOT_FOUND, "not found").into_response(),
    }
}

fn base(e: &Entry) -> String {
    format!("/api/documents/{}", e.id)
}

/// A document as the page lists it.
pub fn summary(e: &Entry) -> Value {
    let r = &e.result;
    let doc = r.document.as_ref();
    let files: serde_json::Map<String, Value> = e
        .files
        .iter()
        .map(|(name, _)| (name.to_string(), json!(format!("{}/files/{name}", base(e)))))
        .collect();
    // Without a document, the source's own warnings (a file without a
    // 绩效目标表 may still have had its text read with trouble).
    let mut warnings: Vec<&Warning> = doc.map_or_else(
        || e.source_warnings.iter().collect(),
        |d| d.warnings.iter().collect(),
    );
    warnings.extend(
        doc.iter()
            .flat_map(|d| d.tables.iter().flat_map(|t| &t.warnings)),
    );
    json!({
        "id": e.id,
        "source": r.source,
        "status": r.status,
        "error": r.error,
        "format": doc.map(|d| d.format),
        "pages": doc.map(|d| d.pages),
        "seconds": (e.seconds * 1000.0).round() / 1000.0,
        "files": files,
        "tables": table_list(e),
        "warnings": warnings.iter().map(|w| warning(w)).collect::<Vec<_>>(),
    })
}

fn warning(w: &Warning) -> Value {
    json!({ "kind": w.kind, "page": w.page, "line": w.line, "message": w.message })
}

/// The 绩效目标表s first (index 0 …), then every table the source read.
fn table_list(e: &Entry) -> Vec<Value> {
    let tables = e.result.document.iter().flat_map(|d| &d.tables);
    let mut out: Vec<Value> = tables
        .enumerate()
        .map(|(i, t)| performance_summary(e, i, t))
        .collect();
    let k = out.len();
    out.extend(
        e.sources
            .iter()
            .enumerate()
            .map(|(i, r)| table_summary(e, k + i, r)),
    );
    out
}

fn performance_summary(e: &Entry, i: usize, t: &Table) -> Value {
    let rows = model_rows(t);
    let pages = rows.iter().flat_map(|r| r.pages.iter().copied());
    let (first, last) = pages.fold((u32::MAX, 0), |(a, b), p| (a.min(p), b.max(p)));
    json!({
        "index": i,
        "kind": "performance",
        "title": t.title,
        "first_page": if first == u32::MAX { 0 } else { first },
        "last_page": last,
        "rows": rows.len(),
        "cols": t.columns.len(),
        "checks_ok": t.checks.iter().filter(|c| c.ok).count(),
        "checks_failed": t.checks.iter().filter(|c| !c.ok).count(),
        "repairs": t.repairs.len(),
        "preview": format!("{}/tables/{i}", base(e)),
        "csv": format!("{}/tables/{i}/csv", base(e)),
    })
}

fn table_summary(e: &Entry, i: usize, r: &SourceTable) -> Value {
    let t = &r.table;
    json!({
        "index": i,
        "kind": "table",
        "kind_id": crate::kinds::kind_of(t).id(),
        "title": t.meta.title,
        "first_page": t.first_page,
        "last_page": t.last_page,
        "rows": t.grid.n_rows,
        "cols": t.grid.n_cols,
        "checks_ok": null,
        "checks_failed": null,
        "repairs": t.joins.len(),
        "csv_name": r.csv_name,
        "preview": format!("{}/tables/{i}", base(e)),
        "csv": format!("{}/tables/{i}/csv", base(e)),
    })
}

/// Table `i` of the list above, for the preview.
pub fn table_preview(e: &Entry, i: usize) -> Option<Value> {
    let tables: Vec<&Table> = e.result.document.iter().flat_map(|d| &d.tables).collect();
    let k = e.packed_count();
    let mut v = if i < k {
        performance_preview(tables.get(i)?)
    } else {
        source_preview(e.sources.get(i - k)?, &e.source_warnings)
    };
    v["csv"] = json!(format!("{}/tables/{i}/csv", base(e)));
    v["source"] = json!(e.result.source);
    Some(v)
}

fn cell(text: &str, rowspan: usize, colspan: usize) -> Value {
    json!({ "text": text, "rowspan": rowspan.max(1), "colspan": colspan.max(1), "failed": [] })
}

/// One row of a 绩效目标表 as the packed model holds it: the 合计 row,
/// a unit, or a project.
struct ModelRow<'a> {
    name: &'a str,
    amounts: &'a Amounts,
    goal: &'a str,
    indicators: String,
    pages: Vec<u32>,
}

fn model_rows(t: &Table) -> Vec<ModelRow<'_>> {
    let mut out = Vec::new();
    if let Some(total) = &t.total {
        out.push(ModelRow {
            name: "合计",
            amounts: total,
            goal: "",
            indicators: String::new(),
            pages: Vec::new(),
        });
    }
    for u in &t.units {
        if !u.amounts.is_empty() {
            out.push(ModelRow {
                name: &u.name,
                amounts: &u.amounts,
                goal: "",
                indicators: String::new(),
                pages: Vec::new(),
            });
        }
        for p in &u.projects {
            out.push(ModelRow {
                name: &p.name,
                amounts: &p.amounts,
                goal: &p.goal,
                indicators: p.indicators.iter().map(indicator_text).collect(),
                pages: p.pages.clone(),
            });
        }
    }
    out
}

/// An indicator on one line, its parts as printed.
fn indicator_text(i: &Indicator) -> String {
    let part = |code: &Option<Text>, name: &Option<Text>| match (code, name) {
        (Some(c), Some(n)) => format!("{c}-{n}；"),
        (None, Some(n)) => format!("{n}；"),
        _ => String::new(),
    };
    let value = |label: &str, v: &Option<Text>| {
        v.as_ref()
            .map_or(String::new(), |v| format!("；{label}:{v}"))
    };
    format!(
        "{}、{}{}{}{}{}\n",
        i.seq,
        part(&i.level1_code, &i.level1),
        part(&i.level2_code, &i.level2),
        i.name,
        value("实施周期指标值", &i.period_value),
        value("年度指标值", &i.annual_value)
    )
}

/// A model row's cell under a printed column label.
fn model_cell(r: &ModelRow, label: &str, first: bool) -> String {
    if first {
        return r.name.to_string();
    }
    if label.contains("绩效目标") {
        return r.goal.to_string();
    }
    if label.contains("绩效指标") {
        return r.indicators.trim_end().to_string();
    }
    let key = amount_key(label);
    r.amounts
        .0
        .iter()
        .find(|(k, _)| *k == key)
        .and_then(|(_, v)| v.map(|a| a.to_string()))
        .unwrap_or_default()
}

fn performance_preview(t: &Table) -> Value {
    let header: Vec<Value> = t.columns.iter().map(|c| cell(c, 1, 1)).collect();
    let model = model_rows(t);
    let mut rows: Vec<Value> = model.iter().map(|r| body_row(r, t)).collect();
    let mut unplaced = Vec::new();
    for c in t.checks.iter().filter(|c| !c.ok) {
        match place_check(c, &t.columns, &model) {
            Some((r, col)) => {
                let slot = rows
                    .get_mut(r)
                    .and_then(|row| row.get_mut("cells"))
                    .and_then(|cells| cells.get_mut(col))
                    .and_then(|cell| cell.get_mut("failed"))
                    .and_then(Value::as_array_mut);
                if let Some(list) = slot {
                    list.push(check(c));
                }
            }
            None => unplaced.push(check(c)),
        }
    }
    let mut warnings: Vec<Value> = t.warnings.iter().map(warning).collect();
    warnings.sort_by_key(|w| w["page"].as_u64().unwrap_or(0));
    json!({
        "kind": "performance",
        "title": t.title,
        "header": [header],
        "rows": rows,
        "checks_unplaced": unplaced,
        "warnings": warnings,
    })
}

/// A body row; a project printed over several pages was joined by repair,
/// and is marked with the repairs logged on those pages.
fn body_row(r: &ModelRow, t: &Table) -> Value {
    let repaired = if r.pages.len() > 1 {
        let notes: Vec<Value> = t
            .repairs
            .iter()
            .filter(|n| n.kind != "dropped_header" && r.pages.contains(&n.page))
            .map(|n| json!({ "kind": n.kind, "page": n.page, "line": n.line, "detail": n.detail }))
            .collect();
        json!({ "kind": "joined_pages", "pages": r.pages, "notes": notes })
    } else {
        Value::Null
    };
    let cells: Vec<Value> = t
        .columns
        .iter()
        .enumerate()
        .map(|(i, l)| cell(&model_cell(r, l, i == 0), 1, 1))
        .collect();
    json!({
        "page": r.pages.first().copied().unwrap_or(0),
        "repaired": repaired,
        "cells": cells,
    })
}

fn check(c: &Check) -> Value {
    json!({ "kind": c.kind, "subject": c.subject, "column": c.column,
            "expected": c.expected.map(|a| a.to_string()),
            "actual": c.actual.map(|a| a.to_string()) })
}

/// The row named by the check's subject and the column of its amount.
fn place_check(c: &Check, columns: &[String], rows: &[ModelRow]) -> Option<(usize, usize)> {
    let col = columns.iter().position(|l| amount_key(l) == c.column)?;
    let row = rows.iter().position(|r| r.name == c.subject)?;
    Some((row, col))
}

fn source_preview(r: &SourceTable, pdf_warnings: &[Warning]) -> Value {
    let t = &r.table;
    let g = &t.grid;
    let row_cells = |row: usize| -> Vec<Value> {
        g.cells
            .iter()
            .filter(|c| c.row == row)
            .map(|c| cell(&c.text, c.row_span, c.col_span))
            .collect()
    };
    let header_rows = t.header_rows.min(g.n_rows);
    let header: Vec<Vec<Value>> = (0..header_rows).map(row_cells).collect();
    let rows: Vec<Value> = (header_rows..g.n_rows)
        .map(|row| {
            json!({ "page": g.page_of(row), "repaired": join_mark(t, row),
                    "cells": row_cells(row) })
        })
        .collect();
    let pages = t.first_page..=t.last_page;
    let mut warnings: Vec<Value> = t
        .warnings
        .iter()
        .chain(
            pdf_warnings
                .iter()
                .filter(|w| w.page.is_some_and(|p| pages.contains(&p))),
        )
        .map(warning)
        .collect();
    warnings.sort_by_key(|w| w["page"].as_u64().unwrap_or(0));
    json!({
        "kind": "table",
        "kind_id": crate::kinds::kind_of(t).id(),
        "title": t.meta.title,
        "header": header,
        "rows": rows,
        "checks_unplaced": [],
        "warnings": warnings,
    })
}

/// Where the table stage joined pages: a row cut by a page break and
/// joined back is the last row before the break (`joined_row`, logged on
/// the page after it); a header dropped or a span continued marks the
/// first row after the break.
fn join_mark(t: &LogicalTable, row: usize) -> Value {
    let g = &t.grid;
    let page = g.page_of(row);
    let before = (row > 0).then(|| g.page_of(row - 1)).filter(|&p| p != page);
    let after = (row + 1 < g.n_rows)
        .then(|| g.page_of(row + 1))
        .filter(|&p| p != page);
    let mut pages = vec![page];
    let notes: Vec<Value> = t
        .joins
        .iter()
        .filter(|j| match j.kind.as_str() {
            "joined_row" => after == Some(j.page),
            _ => before.is_some() && j.page == page,
        })
        .map(|j| {
            pages.push(j.page);
            json!({ "kind": j.kind, "page": j.page, "line": null, "detail": j.detail })
        })
        .collect();
    if notes.is_empty() {
        return Value::Null;
    }
    pages.extend(before);
    pages.sort_unstable();
    pages.dedup();
    json!({ "kind": "joined_pages", "pages": pages, "notes": notes })
}
