//! `yusuan._native`: the library's entry points for Python. Every call
//! converts with the GIL released (`Python::detach`) and hands back plain
//! data — JSON text, lists of cells — that `python/yusuan/*.py` turns into
//! dicts and DataFrames, so the Rust side knows nothing of pandas.

mod errors;
mod sheets;
mod tables;

use pyo3::prelude::*;
use std::path::{Path, PathBuf};
use yusuan::{Error, Input, Options, PageSet};

/// Fails a file larger than `max_bytes` before reading it, as the CLI's
/// `--max-size` does.
fn check_size(name: &Path, len: u64, max_bytes: u64) -> yusuan::Result<()> {
    if len <= max_bytes {
        return Ok(());
    }
    let reason = format!(
        "file is {} MiB, over the size limit of {} MiB (max_size)",
        len >> 20,
        max_bytes >> 20
    );
    Err(Error::unsupported(name, reason))
}

/// One input as Python names it: a path, or bytes with a name.
pub(crate) enum Source<'a> {
    Path(PathBuf),
    Bytes { name: &'a str, data: &'a [u8] },
}

impl Source<'_> {
    fn input(&self) -> Input<'_> {
        match self {
            Source::Path(p) => Input::Path(p),
            Source::Bytes { name, data } => Input::Bytes { name, bytes: data },
        }
    }

    /// Fails an input over the size limit before it is read.
    fn check_size(&self, max_bytes: u64) -> yusuan::Result<()> {
        match self {
            Source::Path(path) => {
                let meta = std::fs::metadata(path).map_err(|source| Error::Io {
                    path: path.clone(),
                    source,
                })?;
                check_size(path, meta.len(), max_bytes)
            }
            Source::Bytes { name, data } => {
                check_size(Path::new(name), data.len() as u64, max_bytes)
            }
        }
    }

    /// Runs `f` on the input, GIL released, after the options and size checks.
    pub(crate) fn with_input<T: Send>(
        &self,
        py: Python<'_>,
        max_bytes: u64,
        pages: Option<&str>,
        f: impl FnOnce(Input, &Options) -> yusuan::Result<T> + Send,
    ) -> PyResult<T> {
        let done = py.detach(|| {
            let opts = options(pages)?;
            self.check_size(max_bytes)?;
            f(self.input(), &opts)
        });
        done.map_err(|e| errors::to_py(py, &e))
    }
}

/// `Options` from the Python arguments: `pages` as `3-5,8`.
fn options(pages: Option<&str>) -> Result<Options, Error> {
    let pages = pages
        .map(|p| p.parse::<PageSet>())
        .transpose()
        .map_err(|e| Error::Usage(format!("pages: {e}")))?;
    Ok(Options { pages })
}

fn document_json(
    py: Python<'_>,
    src: Source,
    max_bytes: u64,
    pages: Option<&str>,
) -> PyResult<String> {
    let doc = src.with_input(py, max_bytes, pages, yusuan::convert)?;
    serde_json::to_string(&doc).map_err(errors::internal)
}

/// Converts one file; returns its documents.json object as JSON text.
#[pyfunction]
#[pyo3(signature = (path, max_bytes, pages=None))]
fn convert_path(
    py: Python<'_>,
    path: PathBuf,
    max_bytes: u64,
    pages: Option<&str>,
) -> PyResult<String> {
    document_json(py, Source::Path(path), max_bytes, pages)
}

/// Converts a buffer; `name` stands for the file in `source` and messages.
#[pyfunction]
#[pyo3(signature = (data, name, max_bytes, pages=None))]
fn convert_bytes(
    py: Python<'_>,
    data: &[u8],
    name: &str,
    max_bytes: u64,
    pages: Option<&str>,
) -> PyResult<String> {
    document_json(py, Source::Bytes { name, data }, max_bytes, pages)
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
    m.add_function(wrap_pyfunction!(tables::tables_path, m)?)?;
    m.add_function(wrap_pyfunction!(tables::tables_bytes, m)?)?;
    Ok(())
}
