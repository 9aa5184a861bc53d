//! Emit: documents → `documents.json`, `projects.csv`, `indicators.csv`
//! (and `report.json`, `yusuan.xlsx` in batch runs). Every output is
//! rendered in memory, then the set is published whole ([`publish`]): an
//! interrupted run never leaves a truncated file or a mix of old and new
//! outputs.

pub mod csv;
pub mod publish;
pub mod sheet;
pub mod xlsx;

use crate::error::Result;
use crate::model::Document;
pub use publish::Published;
use sheet::Labels;
use std::path::Path;

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

/// Publishes all files as one set in `dir`, all-or-nothing when `dir` is
/// yusuan's own (docs/outputs.md).
pub fn write_files(dir: &Path, files: &[(&str, Vec<u8>)]) -> Result<Published> {
    publish::publish(dir, files)
}

/// Writes one file atomically (temporary file, then rename).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    publish::write_atomic(path, bytes)
}
