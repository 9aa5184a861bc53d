//! Many files converted at once, as the CLI's `convert` does (size and time
//! guards, every file accounted for), and the flat outputs — projects,
//! indicators — as typed columns ready for a DataFrame.

use crate::errors;
use pyo3::prelude::*;
use pyo3::types::{PyNone, PyString};
use std::path::PathBuf;
use std::time::Duration;
use yusuan::batch::{self, Limits};
use yusuan::emit::sheet::{self, Cell, Sheet};
use yusuan::model::Document;

/// The outcome of one batch: the report (JSON) and the converted documents.
#[pyclass(frozen, module = "yusuan._native")]
pub struct Batch {
    report: String,
    docs: Vec<Document>,
}

/// Converts `paths` (files, and folders walked as the CLI walks them) on
/// `jobs` threads with the GIL released.
#[pyfunction]
pub fn convert_batch(
    py: Python<'_>,
    paths: Vec<PathBuf>,
    jobs: usize,
    max_bytes: u64,
    timeout_secs: f64,
) -> PyResult<Batch> {
    let limits = Limits {
        max_bytes,
        timeout: Duration::try_from_secs_f64(timeout_secs)
            .map_err(|e| pyo3::exceptions::PyValueError::new_err(format!("timeout: {e}")))?,
        // The memory budget needs the CLI's counting allocator; inside a
        // Python process it keeps its default and is not enforced.
        ..Limits::default()
    };
    let run = py.detach(|| {
        let inputs = batch::discover(&paths);
        batch::convert_all(&inputs.files, jobs.max(1), limits, &|| {}).map(|mut results| {
            results.extend(inputs.skipped.iter().map(|p| batch::skipped(p)));
            results
        })
    });
    let mut results = run.map_err(|e| errors::to_py(py, &e))?;
    let report = serde_json::to_string(&batch::report(&results)).map_err(errors::internal)?;
    let docs = results
        .iter_mut()
        .filter_map(|r| r.document.take())
        .collect();
    Ok(Batch { report, docs })
}

/// Column kind names the Python side maps to dtypes.
fn kind(cell: &Cell) -> &'static str {
    match cell {
        Cell::Text(_) => "text",
        Cell::Amount(_) => "amount",
        Cell::Int(_) => "int",
    }
}

/// A column's kind when the sheet has no row to show it.
fn kind_by_key(key: &str) -> &'static str {
    match key {
        "total" | "fiscal" | "fiscal_special" | "other" | "amount" => "amount",
        "group" | "seq" | "indicator_count" => "int",
        _ => "text",
    }
}

fn cell_to_py<'py>(
    py: Python<'py>,
    decimal: &Bound<'py, PyAny>,
    cell: &Cell,
) -> PyResult<Bound<'py, PyAny>> {
    Ok(match cell {
        Cell::Text(s) => PyString::new(py, s).into_any(),
        Cell::Amount(Some(a)) => decimal.call1((a.to_string(),))?,
        Cell::Amount(None) => PyNone::get(py).to_owned().into_any(),
        Cell::Int(i) => i.into_pyobject(py)?.into_any(),
    })
}

/// Keys, kinds and columns (column-major) of a sheet.
type Columns<'py> = (Vec<String>, Vec<&'static str>, Vec<Vec<Bound<'py, PyAny>>>);

fn columns<'py>(py: Python<'py>, s: &Sheet) -> PyResult<Columns<'py>> {
    let decimal = py.import("decimal")?.getattr("Decimal")?;
    let kinds = s
        .keys
        .iter()
        .enumerate()
        .map(|(j, k)| {
            let first = s.rows.first().and_then(|r| r.get(j));
            first.map_or_else(|| kind_by_key(k), kind)
        })
        .collect();
    let mut cols: Vec<Vec<Bound<'py, PyAny>>> =
        vec![Vec::with_capacity(s.rows.len()); s.keys.len()];
    for row in &s.rows {
        for (col, cell) in cols.iter_mut().zip(row) {
            col.push(cell_to_py(py, &decimal, cell)?);
        }
    }
    Ok((s.keys.clone(), kinds, cols))
}

/// The sheets named `name` of every document as one, in document order;
/// columns one sheet lacks are empty in its rows.
fn named_sheet(docs: &[Document], name: &str) -> Option<Sheet> {
    let parts: Vec<&Sheet> = docs
        .iter()
        .flat_map(|d| &d.sheets)
        .filter(|s| s.name == name)
        .collect();
    let first = parts.first()?;
    let mut keys = first.keys.clone();
    for k in parts.iter().flat_map(|s| &s.keys) {
        if !keys.contains(k) {
            keys.push(k.clone());
        }
    }
    let mut rows = Vec::new();
    for s in &parts {
        let at: Vec<Option<usize>> = keys
            .iter()
            .map(|k| s.keys.iter().position(|x| x == k))
            .collect();
        for r in &s.rows {
            let cell = |i: &Option<usize>| i.and_then(|i| r.get(i).cloned());
            rows.push(
                at.iter()
                    .map(|i| cell(i).unwrap_or(Cell::Text(String::new())))
                    .collect(),
            );
        }
    }
    Some(Sheet {
        name: first.name,
        keys,
        rows,
    })
}

#[pymethods]
impl Batch {
    /// report.json of the batch, as JSON text.
    fn report(&self) -> &str {
        &self.report
    }

    /// documents.json of the batch, as JSON text.
    fn documents(&self) -> PyResult<String> {
        serde_json::to_string(&self.docs).map_err(errors::internal)
    }

    /// A flat output as (keys, kinds, columns): `projects`, `indicators`,
    /// or a sheet the kinds made (`budget_lines` …); `None` when no
    /// document has that sheet.
    fn sheet<'py>(&self, py: Python<'py>, name: &str) -> PyResult<Option<Columns<'py>>> {
        let s = match name {
            "projects" => Some(sheet::projects(&self.docs)),
            "indicators" => Some(sheet::indicators(&self.docs)),
            other => named_sheet(&self.docs, other),
        };
        s.map(|s| columns(py, &s)).transpose()
    }
}
