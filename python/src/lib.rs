//! `yusuan._native`: the library's entry points for Python. Every call
//! converts with the GIL released (`Python::detach`) and hands back plain
//! data — JSON text, lists of cells — that `python/yusuan/*.py` turns into
//! dicts and DataFrames, so the Rust side knows nothing of pandas.

mod errors;
mod sheets;
mod tables;

use pyo3::prelude::*;
use std::path::{Path, PathBuf};
use yusuan::model::Document;
use yusuan::{ingest, pipeline, Error};

/// Reads a file unless it is larger than `max_bytes` (then fails unread,
/// as the CLI's `--max-size` does).
fn read_limited(path: &Path, max_bytes: u64) -> yusuan::Result<Vec<u8>> {
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let len = std::fs::metadata(path).map_err(io)?.len();
    check_size(path, len, max_bytes)?;
    std::fs::read(path).map_err(io)
}

fn check_size(path: &Path, len: u64, max_bytes: u64) -> yusuan::Result<()> {
    if len <= max_bytes {
        return Ok(());
    }
    let reason = format!(
        "file is {} MiB, over the size limit of {} MiB (max_size)",
        len >> 20,
        max_bytes >> 20
    );
    Err(Error::unsupported(path, reason))
}

/// The stages after reading, for bytes named `source`.
fn convert_bytes_named(source: &Path, bytes: &[u8]) -> yusuan::Result<Document> {
    ingest::read_bytes(source, bytes).map(pipeline::convert_raw)
}

fn document_json(py: Python<'_>, doc: yusuan::Result<Document>) -> PyResult<String> {
    let doc = doc.map_err(|e| errors::to_py(py, &e))?;
    serde_json::to_string(&doc).map_err(errors::internal)
}

/// Converts one file; returns its documents.json object as JSON text.
#[pyfunction]
fn convert_path(py: Python<'_>, path: PathBuf, max_bytes: u64) -> PyResult<String> {
    let doc =
        py.detach(|| read_limited(&path, max_bytes).and_then(|b| convert_bytes_named(&path, &b)));
    document_json(py, doc)
}

/// Converts a buffer; `name` stands for the file in `source` and messages.
#[pyfunction]
fn convert_bytes(py: Python<'_>, data: &[u8], name: PathBuf, max_bytes: u64) -> PyResult<String> {
    let doc = py.detach(|| {
        check_size(&name, data.len() as u64, max_bytes)
            .and_then(|()| convert_bytes_named(&name, data))
    });
    document_json(py, doc)
}

/// The files a batch over `paths` converts, and those the walk skips.
#[pyfunction]
fn discover(py: Python<'_>, paths: Vec<PathBuf>) -> (Vec<String>, Vec<String>) {
    let found = py.detach(|| yusuan::batch::discover(&paths));
    let shown = |v: &[PathBuf]| v.iter().map(|p| p.display().to_string()).collect();
    (shown(&found.files), shown(&found.skipped))
}

/// The Rust library's version, for bug reports.
#[pyfunction]
fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(convert_path, m)?)?;
    m.add_function(wrap_pyfunction!(convert_bytes, m)?)?;
    m.add_function(wrap_pyfunction!(version, m)?)?;
    m.add_function(wrap_pyfunction!(discover, m)?)?;
    m.add_class::<sheets::Batch>()?;
    m.add_function(wrap_pyfunction!(sheets::convert_batch, m)?)?;
    m.add_function(wrap_pyfunction!(tables::pdf_tables_path, m)?)?;
    m.add_function(wrap_pyfunction!(tables::pdf_tables_bytes, m)?)?;
    Ok(())
}
