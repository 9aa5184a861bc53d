//! The stages in order, for one file: source → logical tables → kinds
//! (packed: repair → normalize → targets → validate) → one [`Document`].
//! Emit is separate so a batch can write all files at once.

use crate::error::{Error, Result};
use crate::kinds::{self, packed, Built, DocInfo, Kind};
use crate::model::Document;
use crate::raw::RawDocument;
use crate::sources::{self, SourceDoc};
use crate::table::{LogicalTable, PageSet};
use crate::{Input, Options};
use std::path::Path;

/// Converts one file (a thin wrapper of [`crate::convert`]).
pub fn convert_path(path: &Path) -> Result<Document> {
    crate::convert(Input::Path(path), &Options::default())
}

/// Reads an input with its source, tables outside `pages` left out.
pub fn read(input: Input, opts: &Options) -> Result<SourceDoc> {
    let mut doc = match input {
        Input::Path(path) => sources::read_path(path)?,
        Input::Bytes { name, bytes } => sources::read_bytes(Path::new(name), bytes)?,
    };
    if let Some(pages) = &opts.pages {
        select_pages(&mut doc, pages);
    }
    Ok(doc)
}

/// [`read`] for `yusuan tables`: kind-blind, so the pieces (a second copy
/// of each table's cells that only the packed kind reads) are freed.
pub fn read_tables(input: Input, opts: &Options) -> Result<SourceDoc> {
    let mut doc = read(input, opts)?;
    for t in &mut doc.tables {
        t.pieces = Vec::new();
    }
    Ok(doc)
}

fn select_pages(doc: &mut SourceDoc, pages: &PageSet) {
    doc.tables
        .retain(|t| (t.first_page..=t.last_page).any(|p| pages.contains(p)));
}

/// Runs the kinds over a source's tables. A document of which no kind made
/// anything fails with `NoTable`, naming the tables it does hold.
pub fn convert_source(mut src: SourceDoc) -> Result<Document> {
    // Past --timeout or the memory budget: stop before the kinds run.
    crate::cancel::check()?;
    let mut ids = kinds::ids_of(&src.tables);
    let first = build_packed(&mut src, &mut ids);
    let info = DocInfo {
        tables: &src.tables,
        ..DocInfo::new(&src.source, src.format, src.pages)
    };
    let built = first
        .into_iter()
        .chain(kinds::build_kinds(&src.tables, &ids, &info));
    let mut doc = Document {
        source: src.source.clone(),
        format: src.format,
        pages: src.pages,
        tables: Vec::new(),
        records: Vec::new(),
        sheets: Vec::new(),
        checks: Vec::new(),
        warnings: src.warnings.clone(),
    };
    for (_, b) in built {
        doc.tables.extend(b.tables);
        doc.records.extend(b.records);
        doc.sheets.extend(b.sheets);
        doc.checks.extend(b.checks);
        doc.warnings.extend(b.warnings);
    }
    if doc.tables.is_empty() && doc.records.is_empty() && doc.sheets.is_empty() {
        return Err(no_table(src));
    }
    Ok(doc)
}

/// The packed kind (first in the registry) over its tables, built apart
/// so that the source's copies only it reads are freed before repair,
/// normalize and validate make theirs: its own tables (removed from
/// `src.tables` and `ids`) and every table's pieces. Kept when it found
/// no 绩效目标表, for the `no_table` message.
fn build_packed(src: &mut SourceDoc, ids: &mut Vec<&'static str>) -> Option<(&'static str, Built)> {
    let id = packed::Packed.id();
    let mine: Vec<&LogicalTable> = src
        .tables
        .iter()
        .zip(ids.iter())
        .filter(|(_, k)| **k == id)
        .map(|(t, _)| t)
        .collect();
    if mine.is_empty() {
        return None;
    }
    let info = DocInfo {
        tables: &src.tables,
        ..DocInfo::new(&src.source, src.format, src.pages)
    };
    let (raws, warnings) = packed::raw_tables(&mine, &info);
    if !raws.is_empty() {
        let mut theirs = ids.iter().map(|k| *k != id);
        src.tables.retain(|_| theirs.next().unwrap_or(true));
        ids.retain(|k| *k != id);
        for t in &mut src.tables {
            t.pieces = Vec::new();
        }
    }
    Some((id, packed::build_raws(raws, warnings, &src.source)))
}

/// The source's own reason when it holds no table; when it holds tables
/// of other kinds, they are named and `yusuan tables` suggested.
fn no_table(src: SourceDoc) -> Error {
    let path = std::path::PathBuf::from(&src.source);
    let found = found_tables(&src);
    let detail = match src.seen {
        Some(seen) if seen.tables => format!("{}, {}", seen.what, packed::none_of(src.format)),
        Some(seen) => seen.what,
        None => packed::why_none(src.format).to_string(),
    };
    if found.is_empty() {
        Error::no_table(path, detail)
    } else {
        Error::no_table(path, format!("{detail}; {found}"))
    }
}

/// "it holds 3 other tables (p. 1 收支总表, …): `yusuan tables` extracts them".
fn found_tables(src: &SourceDoc) -> String {
    let useful: Vec<String> = src
        .tables
        .iter()
        .filter(|t| t.grid.n_rows > 1)
        .map(|t| {
            let title = t.meta.title.as_deref().unwrap_or("untitled");
            format!("p. {} {title}", t.first_page)
        })
        .collect();
    if useful.is_empty() {
        return String::new();
    }
    let shown: Vec<&str> = useful.iter().take(5).map(String::as_str).collect();
    let more = if useful.len() > 5 { ", …" } else { "" };
    format!(
        "it holds {} other table(s) ({}{more}): `yusuan tables` extracts them",
        useful.len(),
        shown.join(", ")
    )
}

/// A file's 绩效目标表s as raw tables, before repair (tests, fuzzing): the
/// rows the packed kind reads from the source's logical tables; `NoTable`
/// (with the message `convert` gives) when there is none.
pub fn read_raw(path: &Path, bytes: &[u8]) -> Result<RawDocument> {
    raw_document(sources::read_bytes(path, bytes)?)
}

/// [`read_raw`] for a source already read.
pub fn raw_document(src: SourceDoc) -> Result<RawDocument> {
    let info = DocInfo {
        tables: &src.tables,
        ..DocInfo::new(&src.source, src.format, src.pages)
    };
    let mine: Vec<&LogicalTable> = src
        .tables
        .iter()
        .filter(|t| kinds::kind_of(t).id() == "packed")
        .collect();
    let (tables, mut warnings) = packed::raw_tables(&mine, &info);
    if tables.is_empty() {
        return Err(no_table(src));
    }
    let mut all = src.warnings.clone();
    all.append(&mut warnings);
    Ok(RawDocument {
        source: src.source.clone(),
        format: src.format,
        pages: src.pages,
        tables,
        warnings: all,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &[u8] = "<table><tr><td>项目名称</td><td>总计</td><td>绩效目标</td></tr>\
        <tr><td>甲项目</td><td>1.00</td><td>目标。</td></tr></table>\
        <table><tr><td>项目</td><td>金额</td></tr><tr><td>合计</td><td>1.00</td></tr></table>"
        .as_bytes();

    fn input() -> Input<'static> {
        Input::Bytes {
            name: "t.html",
            bytes: PAGE,
        }
    }

    #[test]
    fn tables_reads_grids_without_the_pieces() {
        let opts = Options::default();
        assert!(read(input(), &opts).is_ok_and(|d| d.tables.iter().all(|t| !t.pieces.is_empty())));
        let doc = read_tables(input(), &opts).expect("reads");
        assert_eq!(doc.tables.len(), 2);
        assert!(doc.tables.iter().all(|t| t.pieces.is_empty()));
    }

    #[test]
    fn the_packed_tables_are_freed_once_built_and_the_others_kept() {
        let mut src = read(input(), &Options::default()).expect("reads");
        let mut ids = kinds::ids_of(&src.tables);
        assert_eq!(ids, ["packed", "generic"]);
        let built = build_packed(&mut src, &mut ids).map(|(_, b)| b.tables.len());
        assert_eq!(built, Some(1), "the 绩效目标表");
        assert_eq!(ids, ["generic"]);
        assert_eq!(src.tables.len(), 1);
        assert!(src.tables.iter().all(|t| t.pieces.is_empty()));
    }
}
