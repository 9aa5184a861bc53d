//! `yusuan tables FILE.pdf -o DIR`: every ruled table of a PDF as CSV, one
//! file per logical table (tables continuing across pages joined), named
//! by first page and title.

use crate::pdf;
use crate::pdf::lattice::LatticeParams;
use crate::pdf::tables::{count_pages, csv_name, logical_tables, LogicalTable};
use crate::{Error, Result};
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Args)]
pub struct TablesArgs {
    /// The PDF to read.
    pub file: PathBuf,
    /// Directory for the CSV files (created when missing).
    #[arg(
        short,
        long,
        visible_alias = "out",
        default_value = ".",
        value_name = "DIR"
    )]
    pub output: PathBuf,
    /// Start the CSV files with a UTF-8 byte-order mark, so that Excel and
    /// WPS open them as UTF-8.
    #[arg(long)]
    pub bom: bool,
}

/// Writes the CSVs and lists them on stdout (name, pages, rows); warnings
/// go to stderr. Exit code 0; an error when the PDF has no ruled table.
pub fn run(args: &TablesArgs) -> Result<i32> {
    let bytes = std::fs::read(&args.file).map_err(|source| Error::Io {
        path: args.file.clone(),
        source,
    })?;
    let doc = pdf::open(&args.file, &bytes)?;
    for w in &doc.warnings {
        eprintln!("{w}");
    }
    let tables = logical_tables(&doc.pages, &LatticeParams::default());
    if tables.is_empty() {
        return Err(Error::unsupported(
            &args.file,
            format!(
                "no ruled tables on {} (tables drawn without lines are not read)",
                count_pages(doc.pages.len())
            ),
        ));
    }
    std::fs::create_dir_all(&args.output).map_err(|source| Error::Write {
        path: args.output.clone(),
        source,
    })?;
    let mut taken = Vec::new();
    let mut listing = String::new();
    for t in &tables {
        let name = csv_name(t, &mut taken);
        let path = args.output.join(&name);
        write_csv(&path, t, args.bom)?;
        listing.push_str(&format!(
            "{name}\tpages {}\trows {}\n",
            page_list(t),
            t.rows().len()
        ));
    }
    super::write_stdout(&listing)?;
    Ok(0)
}

/// Pages a table spans, e.g. `3-5`.
fn page_list(t: &LogicalTable) -> String {
    let first = t.first_page();
    let last = t.parts.last().map_or(first, |p| p.grid.page);
    if first == last {
        first.to_string()
    } else {
        format!("{first}-{last}")
    }
}

/// RFC 4180 (CRLF), rows as wide as they print; written atomically.
fn write_csv(path: &Path, t: &LogicalTable, bom: bool) -> Result<()> {
    let fail = |e: &dyn std::fmt::Display| Error::Write {
        path: path.to_path_buf(),
        source: std::io::Error::other(e.to_string()),
    };
    let buf = if bom {
        b"\xEF\xBB\xBF".to_vec()
    } else {
        Vec::new()
    };
    let mut w = csv::WriterBuilder::new()
        .flexible(true)
        .terminator(csv::Terminator::CRLF)
        .from_writer(buf);
    for (cells, _) in t.rows() {
        w.write_record(&cells).map_err(|e| fail(&e))?;
    }
    let bytes = w.into_inner().map_err(|e| fail(&e))?;
    crate::emit::write_atomic(path, &bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_one_csv_per_logical_table() {
        let dir = tempfile::tempdir().unwrap();
        let args = TablesArgs {
            file: PathBuf::from("samples/kjfw-cid.pdf"),
            output: dir.path().join("out"),
            bom: false,
        };
        assert_eq!(run(&args).unwrap(), 0);
        let names: Vec<String> = std::fs::read_dir(&args.output)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, vec!["p001-项目支出绩效目标表（含转移支付项目）.csv"]);
        let text = std::fs::read_to_string(args.output.join(&names[0])).unwrap();
        let mut rd = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(text.as_bytes());
        let rows: Vec<csv::StringRecord> = rd.records().map(|r| r.unwrap()).collect();
        assert_eq!(&rows[0][0], "项目名称（资金使用单位）");
        assert_eq!(&rows[1][0], "合计");
        assert_eq!(&rows[1][1], "9,376.33");
        // Header repeated on pages 2-6 is dropped: it appears once.
        assert_eq!(rows.iter().filter(|r| &r[6] == "绩效指标").count(), 1);
    }

    #[test]
    fn a_pdf_without_ruled_tables_is_an_error_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let args = TablesArgs {
            file: PathBuf::from("samples/missing.pdf"),
            output: dir.path().to_path_buf(),
            bom: false,
        };
        let err = run(&args).unwrap_err().to_string();
        assert!(err.contains("samples/missing.pdf"), "{err}");
    }
}
