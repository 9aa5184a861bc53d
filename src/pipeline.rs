//! The stages in order, for one file: ingest → repair → normalize (with
//! indicator targets and taxonomy) → validate. Emit is separate so a batch can write all files at once.

use crate::error::{Error, Result};
use crate::ingest;
use crate::model::Document;
use crate::normalize::normalize;
use crate::raw::RawDocument;
use crate::repair::repair;
use crate::table::{Note, NotePlace};
use crate::validate::validate;
use std::path::Path;

/// Converts one file.
pub fn convert_path(path: &Path) -> Result<Document> {
    match ingest::read_path(path) {
        Err(e @ Error::NoTable { .. }) => forms_pdf(path).unwrap_or(Err(e)),
        raw => Ok(convert_raw(raw?)),
    }
}

/// The lines above a table's first part as notes. Stopgap: the PDF source
/// drops a title repeated on every page (one form per page) as a running
/// header, and forms need it.
fn lines_above(
    pages: &[crate::pdf::model::Page],
    t: &crate::pdf::tables::LogicalTable,
) -> Vec<Note> {
    let Some(grid) = t.parts.first().map(|p| &p.grid) else {
        return Vec::new();
    };
    let Some(page) = pages.get(grid.page.saturating_sub(1) as usize) else {
        return Vec::new();
    };
    let page = page.upright();
    crate::pdf::text::lines(&page)
        .into_iter()
        .filter(|l| l.iter().all(|g| g.bbox.center().1 > grid.bbox.y1))
        .map(|l| Note {
            page: grid.page,
            place: NotePlace::Above,
            text: l.iter().map(|g| g.text.as_str()).collect(),
        })
        .collect()
}

/// A PDF without the packed table may hold forms (`kinds::performance_form`).
fn forms_pdf(path: &Path) -> Option<Result<Document>> {
    use crate::kinds::performance_form as forms;
    let bytes = std::fs::read(path).ok()?;
    let pdf = crate::pdf::open(path, &bytes).ok()?;
    let params = crate::pdf::lattice::LatticeParams::default();
    let lattice = crate::pdf::tables::logical_tables(&pdf.pages, &params);
    let mut tables = crate::pdf::to_table::to_tables(&lattice);
    for (t, l) in tables.iter_mut().zip(&lattice) {
        t.notes.splice(0..0, lines_above(&pdf.pages, l));
    }
    let source = path.display().to_string();
    tables.iter().any(forms::detect).then(|| {
        Ok(Document {
            source: source.clone(),
            format: crate::raw::Format::Pdf,
            pages: u32::try_from(pdf.pages.len()).unwrap_or(u32::MAX),
            tables: Vec::new(),
            warnings: pdf.warnings,
            forms: vec![forms::build_document(&tables, &source)],
        })
    })
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
        forms: Vec::new(),
    }
}
