//! `yusuan tables INPUT... -o DIR`: every table of every input (PDF, HTML,
//! text extract, XLSX/XLS, DOCX), one CSV per
//! logical table, an index `tables.csv` and `report.json`. Files and
//! folders are taken like `convert`, read in parallel under the same
//! guards, with the same exit codes.

use crate::batch::{self, Limits, Status};
use crate::emit::{json_string, Output};
use crate::kinds;
use crate::sources::SourceDoc;
use crate::table::output::{self, Fill, RowOptions, Rows};
use crate::table::{LogicalTable, PageSet};
use crate::{Error, Input, Options, Result};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use serde::Serialize;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::Duration;

#[derive(Debug, clap::Args)]
pub struct TablesArgs {
    /// Files or folders (folders are searched like `convert` does).
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Output folder (created when missing), or `-` to write the one
    /// table found to stdout as CSV.
    #[arg(
        short,
        long,
        visible_alias = "out",
        default_value = ".",
        value_name = "DIR"
    )]
    pub output: PathBuf,
    /// Only tables on these pages, e.g. `3-5,8`.
    #[arg(long, value_name = "PAGES")]
    pub pages: Option<PageSet>,
    /// Print the tables found (file, pages, title, rows × columns, kind)
    /// and write nothing.
    #[arg(long)]
    pub list: bool,
    /// Also write one workbook per input, one sheet per table.
    #[arg(long)]
    pub xlsx: bool,
    /// `flat`: one header row, multi-level labels joined with `/`; `raw`:
    /// the header rows as printed.
    #[arg(long, value_enum, default_value_t = HeaderMode::Flat)]
    pub header: HeaderMode,
    /// Repeat a merged cell's text in the cells it covers: `--fill` in
    /// every one, `--fill=down` down its column (a label merged over rows),
    /// `--fill=across` along its row.
    #[arg(
        long,
        value_enum,
        num_args = 0..=1,
        require_equals = true,
        default_missing_value = "all",
        value_name = "WAY"
    )]
    pub fill: Option<FillMode>,
    /// Write amounts without thousands separators (9066.79).
    #[arg(long)]
    pub plain_numbers: bool,
    /// Start the CSV files with a UTF-8 byte-order mark, so that Excel and
    /// WPS open them as UTF-8.
    #[arg(long)]
    pub bom: bool,
    /// Files read at once (default: all cores).
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,
    /// A file larger than this many MiB fails without being read.
    #[arg(long, default_value_t = 256, value_name = "MIB")]
    pub max_size: u64,
    /// A file still being read after this many seconds fails.
    #[arg(long, default_value_t = 60, value_name = "SECS")]
    pub timeout: u64,
    /// No progress bar, warnings or summary: only errors.
    #[arg(short, long)]
    pub quiet: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum HeaderMode {
    Flat,
    Raw,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FillMode {
    All,
    Down,
    Across,
}

impl FillMode {
    fn rows(way: Option<FillMode>) -> Fill {
        match way {
            None => Fill::None,
            Some(FillMode::All) => Fill::All,
            Some(FillMode::Down) => Fill::Down,
            Some(FillMode::Across) => Fill::Across,
        }
    }
}

/// One input's outcome.
struct Read {
    source: String,
    result: std::result::Result<SourceDoc, (Status, String)>,
}

pub fn run(args: &TablesArgs) -> Result<i32> {
    let inputs = batch::discover(&args.inputs);
    let reads = read_all(&inputs.files, args)?;
    let opts = RowOptions {
        raw_header: args.header == HeaderMode::Raw,
        fill: FillMode::rows(args.fill),
        plain_numbers: args.plain_numbers,
    };
    if args.output == Path::new("-") {
        return to_stdout(&reads, opts);
    }
    if args.list {
        super::write_stdout(&listing(&reads))?;
    } else {
        write_outputs(&reads, &inputs.skipped, opts, args)?;
    }
    let failed = reads
        .iter()
        .any(|r| matches!(r.result, Err((Status::Failed, _))));
    let none = !reads
        .iter()
        .any(|r| r.result.as_ref().is_ok_and(|d| !d.tables.is_empty()));
    for r in &reads {
        match &r.result {
            Err((Status::Failed, e)) => eprintln!("error: {e}"),
            Err((_, e)) if !args.quiet => eprintln!("no table: {e}"),
            _ => {}
        }
    }
    if none && !args.quiet {
        eprintln!("yusuan: no input held a table");
    }
    Ok(if failed || none {
        super::EXIT_PROBLEM
    } else {
        super::EXIT_OK
    })
}

/// Reads every file on `-j` threads under the guards, in input order.
fn read_all(files: &[PathBuf], args: &TablesArgs) -> Result<Vec<Read>> {
    let jobs = match args.jobs {
        Some(0) => return Err(Error::Usage("--jobs must be at least 1".into())),
        Some(n) => n,
        None => std::thread::available_parallelism().map_or(1, |n| n.get()),
    };
    let limits = Limits {
        max_bytes: args.max_size.saturating_mul(1 << 20),
        timeout: Duration::from_secs(args.timeout.max(1)),
        ..Limits::default()
    };
    let opts = Options {
        pages: args.pages.clone(),
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .map_err(|e| Error::Usage(format!("cannot start {jobs} worker threads: {e}")))?;
    let bar = progress(
        files.len() as u64,
        args.quiet || args.output == Path::new("-"),
    );
    let reads = pool.install(|| {
        files
            .par_iter()
            .with_max_len(1)
            .map(|f| {
                let opts = opts.clone();
                let result = batch::guarded(f, limits, move |p| {
                    let doc = crate::pipeline::read_tables(Input::Path(p), &opts)?;
                    if doc.tables.is_empty() {
                        return Err(Error::NoTables {
                            path: p.to_path_buf(),
                            detail: no_table_reason(&doc),
                        });
                    }
                    Ok(doc)
                });
                bar.inc(1);
                Read {
                    source: f.display().to_string(),
                    result,
                }
            })
            .collect()
    });
    bar.finish_and_clear();
    Ok(reads)
}

fn progress(len: u64, quiet: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() || len < 2 {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("{bar:30} {pos}/{len} files  ETA {eta}") {
        bar.set_style(style);
    }
    bar
}

/// Why a readable input gave no table, in its format's terms.
fn no_table_reason(doc: &SourceDoc) -> String {
    match doc.format {
        crate::raw::Format::Pdf => format!(
            "no ruled tables on {} (tables drawn without lines are not read)",
            crate::sources::pdf::tables::count_pages(doc.pages as usize)
        ),
        crate::raw::Format::Html => "the page has no <table> with text".to_string(),
        crate::raw::Format::Text => "no TAB-separated rows".to_string(),
        _ => "no table with text".to_string(),
    }
}

/// `-o -`: the only table found, as CSV on stdout.
fn to_stdout(reads: &[Read], opts: RowOptions) -> Result<i32> {
    let tables: Vec<&LogicalTable> = reads
        .iter()
        .filter_map(|r| r.result.as_ref().ok())
        .flat_map(|d| &d.tables)
        .collect();
    match tables.as_slice() {
        [t] => {
            let bytes = csv_bytes(&output::rows(t, opts), false)?;
            super::write_stdout(&String::from_utf8_lossy(&bytes))?;
            Ok(super::EXIT_OK)
        }
        [] => Err(Error::Usage(
            "-o -: no table found (see the errors above)".into(),
        ))
        .inspect_err(|_| print_errors(reads)),
        many => Err(Error::Usage(format!(
            "-o - writes one table, but {} were found: choose one with --pages (see --list)",
            many.len()
        ))),
    }
}

fn print_errors(reads: &[Read]) {
    for r in reads {
        if let Err((_, e)) = &r.result {
            eprintln!("error: {e}");
        }
    }
}

/// `--list`: one line per table.
fn listing(reads: &[Read]) -> String {
    let mut out = String::new();
    for r in reads {
        let Ok(doc) = &r.result else { continue };
        for t in &doc.tables {
            out.push_str(&format!(
                "{}\t{}\t{}\t{} × {}\t{}\n",
                r.source,
                page_span(t),
                t.meta.title.as_deref().unwrap_or(""),
                t.grid.n_rows.saturating_sub(t.header_rows),
                t.grid.n_cols,
                kinds::kind_of(t).id()
            ));
        }
    }
    out
}

/// `3` or `3-5`.
fn page_span(t: &LogicalTable) -> String {
    if t.first_page == t.last_page {
        t.first_page.to_string()
    } else {
        format!("{}-{}", t.first_page, t.last_page)
    }
}

/// One row of the index `tables.csv`.
#[derive(Debug, Serialize)]
struct IndexRow {
    source: String,
    table: usize,
    csv: String,
    first_page: u32,
    last_page: u32,
    title: String,
    number: String,
    department: String,
    currency_unit: String,
    kind: &'static str,
    rows: usize,
    columns: usize,
    /// Text printed around the table that is not its furniture (`注：…`),
    /// one `p. N: text` per line.
    notes: String,
}

#[derive(Debug, Serialize)]
struct FileReport {
    source: String,
    status: Status,
    tables: usize,
    rows: usize,
    /// Rows with no text in any cell, left out of the CSVs.
    empty_rows_dropped: usize,
    /// What joining across pages did, per table: `p. 8 joined_row: …`.
    joins: Vec<String>,
    warnings: Vec<String>,
    error: Option<String>,
}

/// The CSVs, workbooks, `tables.csv` and `report.json`, written together.
fn write_outputs(
    reads: &[Read],
    skipped: &[PathBuf],
    opts: RowOptions,
    args: &TablesArgs,
) -> Result<()> {
    // A table's CSV is rendered as its file is written, one at a time:
    // all of them rendered first were the peak on a page of many tables.
    let mut files: Vec<Output> = Vec::new();
    let mut index = Vec::new();
    let mut report = Vec::new();
    let mut dirs: Vec<String> = Vec::new();
    let mut written = String::new();
    let several = reads.len() > 1;
    for r in reads {
        let doc = match &r.result {
            Ok(doc) => doc,
            Err((status, e)) => {
                report.push(failed_report(&r.source, *status, e));
                continue;
            }
        };
        let dir = if several {
            format!("{}/", output::unique_name(stem(&r.source), &mut dirs))
        } else {
            String::new()
        };
        let mut taken = Vec::new();
        let mut sheets = Vec::new();
        let mut fr = FileReport {
            source: r.source.clone(),
            status: Status::Ok,
            tables: doc.tables.len(),
            rows: 0,
            empty_rows_dropped: 0,
            joins: Vec::new(),
            warnings: doc.warnings.iter().map(|w| w.to_string()).collect(),
            error: None,
        };
        for (i, t) in doc.tables.iter().enumerate() {
            // Counted here, rendered only as the file is written.
            let (body, dropped) = output::counts(t, opts);
            let name = format!("{dir}{}", output::csv_name(t, &mut taken));
            fr.rows += body;
            fr.empty_rows_dropped += dropped;
            fr.joins.extend(
                t.joins
                    .iter()
                    .map(|j| format!("table {}, p. {} {}: {}", i + 1, j.page, j.kind, j.detail)),
            );
            fr.warnings.extend(t.warnings.iter().map(|w| w.to_string()));
            written.push_str(&format!("{name}\tpages {}\trows {}\n", page_span(t), body));
            index.push(index_row(&r.source, i + 1, &name, t, body));
            let bom = args.bom;
            files.push(Output::new(
                name,
                Box::new(move |w| write_csv(w, &output::rows(t, opts), bom)),
            ));
            // Rows are held (several times their CSV) only for a workbook.
            if args.xlsx {
                sheets.push((sheet_name(t, i), output::rows(t, opts)));
            }
        }
        if args.xlsx {
            let name = format!("{dir}{}.xlsx", stem(&r.source));
            let book = workbook(&sheets)?;
            files.push(Output::new(name, Box::new(move |w| w.write_all(&book))));
        }
        report.push(fr);
    }
    report.extend(skipped.iter().map(|p| FileReport {
        source: p.display().to_string(),
        status: Status::Skipped,
        tables: 0,
        rows: 0,
        empty_rows_dropped: 0,
        joins: Vec::new(),
        warnings: Vec::new(),
        error: None,
    }));
    let index = index_csv(&index, args.bom)?;
    let report_json = json_string(&report).into_bytes();
    files.push(Output::new(
        "tables.csv",
        Box::new(move |w| w.write_all(&index)),
    ));
    files.push(Output::new(
        "report.json",
        Box::new(move |w| w.write_all(&report_json)),
    ));
    write_all(&args.output, &files)?;
    if !args.quiet {
        super::write_stdout(&written)?;
        summary(&report, &args.output);
    }
    Ok(())
}

fn failed_report(source: &str, status: Status, error: &str) -> FileReport {
    FileReport {
        source: source.to_string(),
        status,
        tables: 0,
        rows: 0,
        empty_rows_dropped: 0,
        joins: Vec::new(),
        warnings: Vec::new(),
        error: Some(error.to_string()),
    }
}

fn summary(report: &[FileReport], out: &Path) {
    let tables: usize = report.iter().map(|f| f.tables).sum();
    let rows: usize = report.iter().map(|f| f.rows).sum();
    let dropped: usize = report.iter().map(|f| f.empty_rows_dropped).sum();
    for w in report.iter().flat_map(|f| &f.warnings) {
        eprintln!("{w}");
    }
    eprintln!(
        "yusuan: {} file(s): {tables} tables, {rows} rows ({dropped} empty rows left out) → {}",
        report.len(),
        out.display()
    );
}

/// Files in sub-folders (one per input when there are several) staged
/// and renamed into place together.
fn write_all(dir: &Path, files: &[Output]) -> Result<()> {
    let mut subdirs: Vec<&str> = files
        .iter()
        .filter_map(|o| o.name.rsplit_once('/'))
        .map(|(d, _)| d)
        .collect();
    subdirs.dedup();
    for d in subdirs {
        std::fs::create_dir_all(dir.join(d)).map_err(|source| Error::Write {
            path: dir.join(d),
            source,
        })?;
    }
    crate::emit::write_outputs(dir, files).map(|_| ())
}

fn index_row(source: &str, table: usize, csv: &str, t: &LogicalTable, rows: usize) -> IndexRow {
    let s = |o: &Option<String>| o.clone().unwrap_or_default();
    IndexRow {
        source: source.to_string(),
        table,
        csv: csv.to_string(),
        first_page: t.first_page,
        last_page: t.last_page,
        title: s(&t.meta.title),
        number: s(&t.meta.number),
        department: s(&t.meta.department),
        currency_unit: s(&t.meta.currency_unit),
        kind: kinds::kind_of(t).id(),
        rows,
        columns: t.grid.n_cols,
        notes: crate::table::furniture::leftover_notes(t)
            .iter()
            .map(|n| format!("p. {}: {}", n.page, n.text.trim()))
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

fn csv_err(e: impl std::fmt::Display) -> Error {
    Error::Write {
        path: "csv".into(),
        source: std::io::Error::other(e.to_string()),
    }
}

fn index_csv(rows: &[IndexRow], bom: bool) -> Result<Vec<u8>> {
    let buf = if bom {
        b"\xEF\xBB\xBF".to_vec()
    } else {
        Vec::new()
    };
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(buf);
    if rows.is_empty() {
        w.write_record([
            "source",
            "table",
            "csv",
            "first_page",
            "last_page",
            "title",
            "number",
            "department",
            "currency_unit",
            "kind",
            "rows",
            "columns",
            "notes",
        ])
        .map_err(csv_err)?;
    }
    for r in rows {
        w.serialize(r).map_err(csv_err)?;
    }
    w.into_inner().map_err(csv_err)
}

/// The CSV of [`csv_bytes`] written straight into `w`.
fn write_csv(w: &mut dyn std::io::Write, rows: &Rows, bom: bool) -> std::io::Result<()> {
    if bom {
        w.write_all(b"\xEF\xBB\xBF")?;
    }
    let mut out = csv_writer(w);
    for row in rows.header.iter().chain(&rows.body) {
        out.write_record(row)?;
    }
    out.flush()
}

fn csv_writer<W: std::io::Write>(w: W) -> csv::Writer<W> {
    csv::WriterBuilder::new()
        .flexible(true)
        .terminator(csv::Terminator::CRLF)
        .from_writer(w)
}

/// RFC 4180 (CRLF): the header row(s), then the body rows.
fn csv_bytes(rows: &Rows, bom: bool) -> Result<Vec<u8>> {
    let buf = if bom {
        b"\xEF\xBB\xBF".to_vec()
    } else {
        Vec::new()
    };
    let mut w = csv_writer(buf);
    for row in rows.header.iter().chain(&rows.body) {
        w.write_record(row).map_err(csv_err)?;
    }
    w.into_inner().map_err(csv_err)
}

/// One workbook, one sheet per table, cells as text (as printed).
fn workbook(sheets: &[(String, Rows)]) -> Result<Vec<u8>> {
    let xerr = |e: rust_xlsxwriter::XlsxError| csv_err(e);
    let mut wb = rust_xlsxwriter::Workbook::new();
    let bold = rust_xlsxwriter::Format::new().set_bold();
    for (name, rows) in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(name).map_err(xerr)?;
        let h = rows.header.len();
        for (r, row) in rows.header.iter().chain(&rows.body).enumerate() {
            let r = u32::try_from(r).map_err(|_| csv_err("too many rows for a sheet"))?;
            for (c, text) in row.iter().enumerate().filter(|(_, t)| !t.is_empty()) {
                let c = u16::try_from(c).map_err(|_| csv_err("too many columns for a sheet"))?;
                if (r as usize) < h {
                    ws.write_string_with_format(r, c, text, &bold)
                        .map_err(xerr)?;
                } else {
                    ws.write_string(r, c, text).map_err(xerr)?;
                }
            }
        }
    }
    wb.save_to_buffer().map_err(xerr)
}

/// A sheet name: `3 收支总表`, at most 31 characters, none of `[]:*?/\`.
fn sheet_name(t: &LogicalTable, i: usize) -> String {
    let title = t.meta.title.as_deref().unwrap_or("table");
    let clean: String = title
        .chars()
        .filter(|c| !"[]:*?/\\'".contains(*c) && !c.is_control())
        .collect();
    format!("{} {clean}", i + 1).chars().take(31).collect()
}

/// The input's file name without extension, safe as a folder name.
fn stem(source: &str) -> String {
    let s = Path::new(source)
        .file_stem()
        .map_or_else(|| "input".to_string(), |s| s.to_string_lossy().into_owned());
    output::safe_name(&s, 60)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn args(list: &[&str]) -> TablesArgs {
        let cli = crate::cli::Cli::parse_from(
            ["yusuan", "tables"]
                .iter()
                .copied()
                .chain(list.iter().copied()),
        );
        match cli.command {
            crate::cli::Command::Tables(a) => a,
            _ => panic!("not tables"),
        }
    }

    fn read_csv(path: &Path) -> Vec<Vec<String>> {
        let text = std::fs::read_to_string(path).unwrap();
        csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes())
            .records()
            .map(|r| r.unwrap().iter().map(str::to_string).collect())
            .collect()
    }

    #[test]
    fn writes_one_csv_per_table_and_an_index() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let a = args(&["samples/kjfw-cid.pdf", "-o", out.to_str().unwrap(), "-q"]);
        assert_eq!(run(&a).unwrap(), 0);
        let name = "p001-项目支出绩效目标表（含转移支付项目）.csv";
        let rows = read_csv(&out.join(name));
        assert_eq!(rows[0][0], "项目名称（资金使用单位）");
        assert_eq!(rows[1][0], "合计");
        assert_eq!(rows[1][1], "9,376.33");
        // Header repeated on pages 2-6 is dropped: it appears once.
        assert_eq!(rows.iter().filter(|r| r[6] == "绩效指标").count(), 1);
        let index = read_csv(&out.join("tables.csv"));
        assert_eq!(index[0][..4], ["source", "table", "csv", "first_page"]);
        assert_eq!(index[1][2], name);
        assert_eq!(index[1][9], "packed");
        assert!(out.join("report.json").exists());
    }

    #[test]
    fn html_and_text_inputs_write_the_same_shape() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let a = args(&[
            "samples/html-no-table.html",
            "samples/two-tables.txt",
            "-o",
            out.to_str().unwrap(),
            "-q",
            "--plain-numbers",
        ]);
        assert_eq!(run(&a).unwrap(), 0);
        let index = read_csv(&out.join("tables.csv"));
        assert_eq!(index.len(), 4, "html: 1 table, text: 2 tables: {index:?}");
        for row in &index[1..] {
            let rows = read_csv(&out.join(&row[2]));
            assert_eq!(rows.len(), row[10].parse::<usize>().unwrap() + 1, "{row:?}");
            assert!(rows.iter().all(|r| r.len().to_string() == row[11]));
        }
        let text = read_csv(&out.join(&index[3][2]));
        assert_eq!(text[1][1], "2500.50", "--plain-numbers");
    }

    #[test]
    fn an_unreadable_input_is_an_error_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let a = args(&[
            "samples/missing.pdf",
            "-o",
            dir.path().to_str().unwrap(),
            "-q",
        ]);
        assert_eq!(run(&a).unwrap(), crate::cli::EXIT_PROBLEM);
        let report = std::fs::read_to_string(dir.path().join("report.json")).unwrap();
        assert!(report.contains("samples/missing.pdf"), "{report}");
    }
}
