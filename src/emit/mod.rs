//! Emit: documents → `documents.json`, `projects.csv`, `indicators.csv`.
//! Outputs are written to a temporary file beside the target and renamed
//! when complete, so an interrupted run never leaves a truncated file.

pub mod csv;

use crate::error::{Error, Result};
use crate::model::Document;
use std::io::Write;
use std::path::Path;

/// Output options shared by the writers.
#[derive(Debug, Clone, Copy, Default)]
pub struct EmitOptions {
    /// Start CSVs with a UTF-8 BOM (Excel and WPS need it to read UTF-8).
    pub bom: bool,
}

pub fn json_string(docs: &[Document]) -> String {
    // Serialising our own types cannot fail: no maps with non-string keys.
    let mut s =
        serde_json::to_string_pretty(docs).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}

/// Writes the three outputs into `dir` (created if missing).
pub fn write_all(dir: &Path, docs: &[Document], opts: EmitOptions) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| Error::Write {
        path: dir.to_path_buf(),
        source: e,
    })?;
    write_atomic(&dir.join("documents.json"), json_string(docs).as_bytes())?;
    write_atomic(&dir.join("projects.csv"), &csv::projects(docs, opts)?)?;
    write_atomic(&dir.join("indicators.csv"), &csv::indicators(docs, opts)?)?;
    Ok(())
}

/// Writes `bytes` to `path` via a temporary file in the same directory.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let werr = |e: std::io::Error| Error::Write {
        path: path.to_path_buf(),
        source: e,
    };
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(werr)?;
    tmp.write_all(bytes).map_err(werr)?;
    tmp.as_file().sync_all().map_err(werr)?;
    tmp.persist(path).map_err(|e| werr(e.error))?;
    Ok(())
}
