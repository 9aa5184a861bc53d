//! The stages in order, for one file: ingest → repair → normalize (with
//! indicator targets and taxonomy) → validate. Emit is separate so a batch can write all files at once.

use crate::error::Result;
use crate::ingest;
use crate::model::Document;
use crate::normalize::normalize;
use crate::raw::RawDocument;
use crate::repair::repair;
use crate::validate::validate;
use std::path::Path;

/// Converts one file.
pub fn convert_path(path: &Path) -> Result<Document> {
    let raw = ingest::read_path(path)?;
    crate::cancel::check()?;
    Ok(convert_raw(raw))
}

/// Runs the stages after ingest.
pub fn convert_raw(raw: RawDocument) -> Document {
    let source = raw.source.as_str();
    let tables = raw
        .tables
        .iter()
        .map(|t| {
            let fixed = repair(t, source);
            let mut table = normalize(&fixed.table, fixed.notes, source);
            crate::target::enrich_table(&mut table, source);
            validate(&mut table, source);
            table
        })
        .collect();
    Document {
        source: raw.source.clone(),
        format: raw.format,
        pages: raw.pages,
        tables,
        warnings: raw.warnings,
    }
}
