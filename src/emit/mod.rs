//! Emit: documents → `documents.json`, `projects.csv`, `indicators.csv`
//! (and `report.json`, `yusuan.xlsx` in batch runs). Every output is
//! rendered in memory, written to a temporary file beside its target, and
//! only when all are complete are they renamed into place: an interrupted
//! run never leaves a truncated file or a mix of old and new outputs.

pub mod budget;
pub mod csv;
pub mod sheet;
pub mod xlsx;

use crate::error::{Error, Result};
use crate::model::Document;
use sheet::Labels;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Output options shared by the writers.
#[derive(Debug, Clone, Copy, Default)]
pub struct EmitOptions {
    /// Start CSVs with a UTF-8 BOM (Excel and WPS need it to read UTF-8).
    pub bom: bool,
    /// Header language of the flat outputs.
    pub labels: Labels,
    /// Also write `yusuan.xlsx`.
    pub xlsx: bool,
}

pub fn json_string<T: serde::Serialize + ?Sized>(value: &T) -> String {
    // Our types serialise without error (string keys only); keep a valid
    // document even if that ever changes.
    let mut s =
        serde_json::to_string_pretty(value).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}

/// Renders every output for `docs`: (file name, bytes).
pub fn render(docs: &[Document], opts: EmitOptions) -> Result<Vec<(&'static str, Vec<u8>)>> {
    let projects = sheet::projects(docs);
    let indicators = sheet::indicators(docs);
    let mut out = vec![
        ("documents.json", json_string(docs).into_bytes()),
        (
            "projects.csv",
            csv::write_sheet(&projects, opts.bom, opts.labels)?,
        ),
        (
            "indicators.csv",
            csv::write_sheet(&indicators, opts.bom, opts.labels)?,
        ),
    ];
    // The workbook also holds the kinds' sheets (budget_lines …).
    let mut sheets = vec![projects, indicators];
    sheets.extend(merged_sheets(docs));
    if opts.xlsx {
        out.push(("yusuan.xlsx", xlsx::workbook(&sheets, opts.labels)?));
    }
    Ok(out)
}

/// The other kinds' named sheets (`budget_lines` → `budget_lines.csv`):
/// sheets of one name from all documents concatenated, in order of first
/// appearance.
pub fn render_sheets(docs: &[Document], opts: EmitOptions) -> Result<Vec<(String, Vec<u8>)>> {
    merged_sheets(docs)
        .iter()
        .map(|s| {
            Ok((
                format!("{}.csv", s.name),
                csv::write_sheet(s, opts.bom, opts.labels)?,
            ))
        })
        .collect()
}

/// Sheets of one name from all documents concatenated, in order of first
/// appearance.
pub fn merged_sheets(docs: &[Document]) -> Vec<sheet::Sheet> {
    let mut merged: Vec<sheet::Sheet> = Vec::new();
    for s in docs.iter().flat_map(|d| &d.sheets) {
        match merged.iter_mut().find(|m| m.name == s.name) {
            Some(m) => m.rows.extend(s.rows.iter().cloned()),
            None => merged.push(s.clone()),
        }
    }
    merged
}

/// Writes all files to temporaries in `dir`, then renames them into place.
pub fn write_files(dir: &Path, files: &[(&str, Vec<u8>)]) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| Error::Write {
        path: dir.to_path_buf(),
        source: e,
    })?;
    let mut staged = Vec::new();
    for (name, bytes) in files {
        let path = dir.join(name);
        staged.push((stage(&path, bytes)?, path));
    }
    for (tmp, path) in staged {
        tmp.persist(&path).map_err(|e| Error::Write {
            path: path.clone(),
            source: e.error,
        })?;
    }
    Ok(())
}

fn stage(path: &Path, bytes: &[u8]) -> Result<tempfile::NamedTempFile> {
    let werr = |e: std::io::Error| Error::Write {
        path: path.to_path_buf(),
        source: e,
    };
    let dir: PathBuf = path
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let mut tmp = tempfile::Builder::new()
        .prefix(".yusuan-")
        .tempfile_in(&dir)
        .map_err(werr)?;
    // No fsync: the rename already protects against Ctrl-C and kill (the
    // written data is in the page cache); fsync only adds power-loss
    // durability, at milliseconds per file.
    tmp.write_all(bytes).map_err(werr)?;
    Ok(tmp)
}

/// Writes one file atomically (temporary file, then rename).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let tmp = stage(path, bytes)?;
    tmp.persist(path).map_err(|e| Error::Write {
        path: path.to_path_buf(),
        source: e.error,
    })?;
    Ok(())
}
