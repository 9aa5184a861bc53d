//! Every table of an input (PDF, HTML, text, XLSX, DOCX) as the shared
//! `LogicalTable`, flattened for a DataFrame: one label per column, the
//! body rows as printed and the page of each row, with the furniture, the
//! kind that reads it and the notes beside them. What `yusuan tables` writes.

use crate::errors;
use crate::Source;
use pyo3::prelude::*;
use serde::Serialize;
use std::path::PathBuf;
use yusuan::table::{Meta, Note};
use yusuan::{kinds, read_tables, LogicalTable, SourceDoc};

#[derive(Serialize)]
struct TableOut<'a> {
    #[serde(flatten)]
    meta: &'a Meta,
    kind: &'static str,
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
    source: &'a str,
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
        kind: kinds::kind_of(t).id(),
        first_page: t.first_page,
        last_page: t.last_page,
        columns: t.flat_header(),
        rows: body.iter().map(|&r| t.grid.row_texts(r)).collect(),
        row_pages: body.iter().map(|&r| t.grid.page_of(r)).collect(),
        notes: &t.notes,
    }
}

fn tables_json(doc: &SourceDoc) -> PyResult<String> {
    let mut warnings: Vec<String> = doc.warnings.iter().map(ToString::to_string).collect();
    let table_warnings = doc.tables.iter().flat_map(|t| &t.warnings);
    warnings.extend(table_warnings.map(ToString::to_string));
    let out = DocOut {
        source: &doc.source,
        tables: doc.tables.iter().map(table_out).collect(),
        warnings,
    };
    serde_json::to_string(&out).map_err(errors::internal)
}

/// The tables of a file, as JSON text.
#[pyfunction]
#[pyo3(signature = (path, max_bytes, pages=None))]
pub fn tables_path(
    py: Python<'_>,
    path: PathBuf,
    max_bytes: u64,
    pages: Option<&str>,
) -> PyResult<String> {
    tables_json(&Source::Path(path).with_input(py, max_bytes, pages, read_tables)?)
}

/// The tables of a buffer; `name` stands for the file in messages.
#[pyfunction]
#[pyo3(signature = (data, name, max_bytes, pages=None))]
pub fn tables_bytes(
    py: Python<'_>,
    data: &[u8],
    name: &str,
    max_bytes: u64,
    pages: Option<&str>,
) -> PyResult<String> {
    let src = Source::Bytes { name, data };
    tables_json(&src.with_input(py, max_bytes, pages, read_tables)?)
}
