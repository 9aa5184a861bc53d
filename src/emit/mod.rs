//! Emit: documents → `documents.json`, `projects.csv`, `indicators.csv`
//! (and `report.json`, `yusuan.xlsx` in batch runs). The set is published
//! whole ([`publish`]): an interrupted run never leaves a truncated file
//! or a mix of old and new outputs. The CLI writes each output straight
//! into its staged file ([`outputs`]); [`render`] gives the same bytes in
//! memory.

pub mod csv;
pub mod publish;
pub mod sheet;
pub mod xlsx;

use crate::error::Result;
use crate::model::Document;
pub use publish::{Output, Published};
use sheet::{Labels, Sheet};
use std::io::Write;
use std::path::Path;
use std::rc::Rc;

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

/// `value` as pretty JSON and a newline into `w`: the bytes of
/// [`json_string`], without holding them.
pub fn write_json<T: serde::Serialize + ?Sized>(
    w: &mut dyn Write,
    value: &T,
) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *w, value).map_err(std::io::Error::other)?;
    w.write_all(b"\n")
}

/// An output written as JSON.
pub fn json_output<'a, T: serde::Serialize + ?Sized>(name: &str, value: &'a T) -> Output<'a> {
    Output::new(name, Box::new(move |w| write_json(w, value)))
}

/// The outputs for `docs`, each written into its file when published:
/// `documents.json`, `projects.csv`, `indicators.csv` (and `yusuan.xlsx`),
/// then the kinds' sheets (`budget_lines.csv` …). The same bytes as
/// [`render`] and [`render_sheets`].
pub fn outputs(docs: &[Document], opts: EmitOptions) -> Result<(Vec<Output<'_>>, Vec<Output<'_>>)> {
    let kinds = Rc::new(merged_sheets(docs));
    let workbook = match opts.xlsx {
        true => {
            let mut sheets = vec![sheet::projects(docs), sheet::indicators(docs)];
            sheets.extend(kinds.iter().cloned());
            Some(xlsx::workbook(&sheets, opts.labels)?)
        }
        false => None,
    };
    // The two big sheets are made row by row as they are written.
    let made = |rows: fn(&[Document]) -> sheet::Rows<'_>| -> publish::WriteFn<'_> {
        Box::new(move |w| {
            let (keys, rows) = rows(docs);
            csv::write_rows_to(w, &sheet::header(&keys, opts.labels), rows, opts.bom)
        })
    };
    let mut main = vec![
        json_output("documents.json", docs),
        Output::new("projects.csv", made(sheet::project_rows)),
        Output::new("indicators.csv", made(sheet::indicator_rows)),
    ];
    if let Some(book) = workbook {
        main.push(Output::new(
            "yusuan.xlsx",
            Box::new(move |w| w.write_all(&book)),
        ));
    }
    let kinds = (0..kinds.len())
        .map(|i| {
            let name = kinds.get(i).map_or("", |s| s.name);
            let sheets = Rc::clone(&kinds);
            let write: publish::WriteFn = Box::new(move |w| match sheets.get(i) {
                Some(s) => csv::write_sheet_to(w, s, opts.bom, opts.labels),
                None => Ok(()),
            });
            Output::new(format!("{name}.csv"), write)
        })
        .collect();
    Ok((main, kinds))
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
pub fn merged_sheets(docs: &[Document]) -> Vec<Sheet> {
    let mut merged: Vec<Sheet> = Vec::new();
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

/// As [`write_files`], each output written straight into its file.
pub fn write_outputs(dir: &Path, files: &[Output]) -> Result<Published> {
    publish::publish_outputs(dir, files)
}

/// Writes one file atomically (temporary file, then rename).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    publish::write_atomic(path, bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::convert_path;

    fn written(o: &Output) -> Vec<u8> {
        let mut buf = Vec::new();
        (o.write)(&mut buf).unwrap_or_else(|e| panic!("{}: {e}", o.name));
        buf
    }

    /// The outputs the CLI streams into files are the bytes `render` and
    /// `render_sheets` give (what the golden files hold), in that order.
    #[test]
    fn streamed_outputs_are_the_rendered_bytes() {
        let samples = ["samples/seed-gzast.txt", "samples/standard/sh-final.pdf"];
        let docs: Vec<Document> = samples
            .iter()
            .map(|s| convert_path(Path::new(s)).unwrap_or_else(|e| panic!("{e}")))
            .collect();
        for opts in [
            EmitOptions::default(),
            EmitOptions {
                bom: true,
                labels: Labels::Zh,
                xlsx: false,
            },
        ] {
            let mut expected: Vec<(String, Vec<u8>)> = render(&docs, opts)
                .unwrap_or_else(|e| panic!("{e}"))
                .into_iter()
                .map(|(n, b)| (n.to_string(), b))
                .collect();
            expected.extend(render_sheets(&docs, opts).unwrap_or_else(|e| panic!("{e}")));
            let (main, kinds) = outputs(&docs, opts).unwrap_or_else(|e| panic!("{e}"));
            let got: Vec<(String, Vec<u8>)> = main
                .iter()
                .chain(&kinds)
                .map(|o| (o.name.clone(), written(o)))
                .collect();
            assert!(got.iter().any(|(n, _)| n == "budget_lines.csv"));
            assert_eq!(got, expected);
        }
    }
}
