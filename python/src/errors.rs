//! The library's errors as the Python classes of `yusuan.errors`, each
//! carrying the CLI's one-line message (`FILE: reason`) and the file.

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use yusuan::Error;

/// The `yusuan.errors` class for an error, and the file it names.
fn class_of(e: &Error) -> (&'static str, Option<String>) {
    let shown = |p: &std::path::Path| Some(p.display().to_string());
    match e {
        Error::Io { path, .. } => ("ReadError", shown(path)),
        Error::Unsupported { path, .. } => ("UnsupportedError", shown(path)),
        Error::Malformed { path, .. } => ("MalformedError", shown(path)),
        Error::NoTable { path, .. } | Error::NoTables { path, .. } => ("NoTableError", shown(path)),
        Error::Write { path, .. } => ("Error", shown(path)),
        Error::Usage(_) => ("UsageError", None),
        // A variant added to the library later is still a yusuan.Error
        // with its message, until it gets a class of its own here.
        #[allow(unreachable_patterns)]
        _ => ("Error", None),
    }
}

pub fn to_py(py: Python<'_>, e: &Error) -> PyErr {
    let (class, source) = class_of(e);
    raise(py, class, &e.to_string(), source)
}

/// Instantiates `yusuan.errors.<class>(message, source)` as the error to raise.
pub fn raise(py: Python<'_>, class: &str, message: &str, source: Option<String>) -> PyErr {
    let made = py
        .import("yusuan.errors")
        .and_then(|m| m.getattr(class))
        .and_then(|c| c.call1((message, source)));
    match made {
        Ok(obj) => PyErr::from_value(obj),
        // The package is half-installed: say that rather than lose the message.
        Err(e) => e,
    }
}

/// A bug on our side (a type that failed to serialise), not the input's.
pub fn internal(e: impl std::fmt::Display) -> PyErr {
    PyRuntimeError::new_err(format!("yusuan internal error: {e}"))
}
