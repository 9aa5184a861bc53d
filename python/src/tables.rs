//! Every ruled table of a PDF as the shared `LogicalTable`, flattened for a
//! DataFrame: one label per column, the body rows as printed and the page
//! of each row, with the furniture and notes beside them.

use crate::errors;
use pyo3::prelude::*;
use serde::Serialize;
use std::path::{Path, PathBuf};
use yusuan::pdf::lattice::LatticeParams;
use yusuan::pdf::{self, tables::logical_tables, to_table::to_tables};
use yusuan::table::{LogicalTable, Meta, Note};

#[derive(Serialize)]
struct TableOut<'a> {
    #[serde(flatten)]
    meta: &'a Meta,
    first_page: u32,
    last_page: u32,
    columns: Vec<String>,
    rows: Vec<Vec<String>>,
    /// The page each body row is printed on.
    row_pages: Vec<u32>,
    notes: &'a [Note],
}

#[derive(Serialize)]
struct DocOut<'a> {
    tables: Vec<TableOut<'a>>,
    /// Warnings of the document and of its tables, one line each.
    warnings: Vec<String>,
}

fn table_out(t: &LogicalTable) -> TableOut<'_> {
    // The same rows as `body_rows()`, kept together with their pages.
    let body: Vec<usize> = (t.header_rows..t.grid.n_rows)
        .filter(|&r| !t.grid.row_is_blank(r))
        .collect();
    TableOut {
        meta: &t.meta,
        first_page: t.first_page,
        last_page: t.last_page,
        columns: t.flat_header(),
        rows: body.iter().map(|&r| t.grid.row_texts(r)).collect(),
        row_pages: body.iter().map(|&r| t.grid.page_of(r)).collect(),
        notes: &t.notes,
    }
}

fn tables_json(path: &Path, bytes: &[u8]) -> yusuan::Result<String> {
    let doc = pdf::open(path, bytes)?;
    let tables = to_tables(&logical_tables(&doc.pages, &LatticeParams::default()));
    let mut warnings: Vec<String> = doc.warnings.iter().map(ToString::to_string).collect();
    warnings.extend(
        tables
            .iter()
            .flat_map(|t| &t.warnings)
            .map(ToString::to_string),
    );
    let out = DocOut {
        tables: tables.iter().map(table_out).collect(),
        warnings,
    };
    Ok(serde_json::to_string(&out).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}")))
}

/// The tables of a PDF file, as JSON text.
#[pyfunction]
pub fn pdf_tables_path(py: Python<'_>, path: PathBuf, max_bytes: u64) -> PyResult<String> {
    let out =
        py.detach(|| crate::read_limited(&path, max_bytes).and_then(|b| tables_json(&path, &b)));
    out.map_err(|e| errors::to_py(py, &e))
}

/// The tables of a PDF in memory; `name` stands for the file in messages.
#[pyfunction]
pub fn pdf_tables_bytes(
    py: Python<'_>,
    data: &[u8],
    name: PathBuf,
    max_bytes: u64,
) -> PyResult<String> {
    let out = py.detach(|| {
        crate::check_size(&name, data.len() as u64, max_bytes)
            .and_then(|()| tables_json(&name, data))
    });
    out.map_err(|e| errors::to_py(py, &e))
}
