//! Command-line interface: one module per command. `main.rs` only parses
//! and dispatches.

pub mod convert;
pub mod inspect;
pub mod serve;
pub mod tables;

use clap::{Parser, Subcommand};

/// yusuan (预算): China's budget disclosures → clean, reconciled CSV and JSON.
///
/// Reads the 项目支出绩效目标表 (project expenditure performance-target
/// table) from text extracts, HTML pages and PDFs.
#[derive(Debug, Parser)]
#[command(name = "yusuan", version, about, long_about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Convert files to documents.json, projects.csv and indicators.csv.
    Convert(convert::ConvertArgs),
    /// Look inside a PDF: its text in reading order, or its fonts.
    Inspect(inspect::InspectArgs),
    /// Write every table of the inputs as CSV, one file per table, with an
    /// index tables.csv.
    Tables(tables::TablesArgs),
    /// A local web page: drop files, see the tables and repairs, download.
    Serve(serve::ServeArgs),
}

/// Exit codes: 0 all well, 1 a file failed or a check did not reconcile, 2 usage.
pub const EXIT_OK: i32 = 0;
pub const EXIT_PROBLEM: i32 = 1;
pub const EXIT_USAGE: i32 = 2;

/// Writes to stdout; a reader that went away (`| head`) is not an error.
pub fn write_stdout(text: &str) -> crate::Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(crate::Error::Write {
            path: std::path::PathBuf::from("<stdout>"),
            source: e,
        }),
        _ => Ok(()),
    }
}
