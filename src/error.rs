//! The one error type. Every variant names the file it concerns, so a batch
//! can print one line per failed file.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: cannot read: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The file is readable but is not something we can convert
    /// (empty, binary, unsupported format, no table inside).
    #[error("{path}: {reason}")]
    Unsupported { path: PathBuf, reason: String },
    /// The file claims a format but is damaged or unreadable as such.
    #[error("{path}: {reason}")]
    Malformed { path: PathBuf, reason: String },
    /// A readable file that holds no 绩效目标表.
    #[error("{path}: no 项目支出绩效目标表 found ({detail})")]
    NoTable { path: PathBuf, detail: String },
    /// A readable file that holds no table at all (`yusuan tables`).
    #[error("{path}: {detail}")]
    NoTables { path: PathBuf, detail: String },
    #[error("{path}: cannot write: {source}")]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{0}")]
    Usage(String),
    /// The conversion was stopped (`--timeout`); the batch names the file.
    #[error("stopped: over the time limit")]
    Cancelled,
    /// The conversion held more than its memory budget (`--max-memory`).
    #[error("stopped: over the memory budget")]
    OverMemory,
}

pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    pub fn unsupported(path: impl Into<PathBuf>, reason: impl Into<String>) -> Self {
        Error::Unsupported {
            path: path.into(),
            reason: reason.into(),
        }
    }
    pub fn malformed(path: impl Into<PathBuf>, reason: impl Into<String>) -> Self {
        Error::Malformed {
            path: path.into(),
            reason: reason.into(),
        }
    }
    pub fn no_table(path: impl Into<PathBuf>, detail: impl Into<String>) -> Self {
        Error::NoTable {
            path: path.into(),
            detail: detail.into(),
        }
    }
}
