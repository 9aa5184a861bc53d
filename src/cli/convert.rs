//! `yusuan convert`: files in, one combined set of outputs out.

use crate::emit::{write_all, EmitOptions};
use crate::error::Result;
use crate::model::Document;
use crate::pipeline::convert_path;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct ConvertArgs {
    /// Input files: PDF, HTML or text extracts (format detected from content).
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,

    /// Output directory; receives documents.json, projects.csv, indicators.csv.
    #[arg(short, long, value_name = "DIR")]
    pub output: PathBuf,

    /// Start the CSV files with a UTF-8 byte-order mark, so that Excel and WPS
    /// open them as UTF-8.
    #[arg(long)]
    pub bom: bool,

    /// Print no warnings, only errors and the summary's exit code.
    #[arg(short, long)]
    pub quiet: bool,
}

pub fn run(args: &ConvertArgs) -> Result<i32> {
    let mut docs: Vec<Document> = Vec::new();
    let mut failed = 0usize;
    for path in &args.inputs {
        match convert_path(path) {
            Ok(doc) => docs.push(doc),
            Err(e) => {
                eprintln!("error: {e}");
                failed += 1;
            }
        }
    }
    let mut unreconciled = 0usize;
    for doc in &docs {
        let warnings = doc
            .warnings
            .iter()
            .chain(doc.tables.iter().flat_map(|t| &t.warnings));
        if !args.quiet {
            for w in warnings {
                eprintln!("{w}");
            }
        }
        unreconciled += doc
            .tables
            .iter()
            .flat_map(|t| &t.checks)
            .filter(|c| !c.ok)
            .count();
    }
    write_all(&args.output, &docs, EmitOptions { bom: args.bom })?;
    if !args.quiet {
        let projects: usize = docs
            .iter()
            .flat_map(|d| &d.tables)
            .flat_map(|t| &t.units)
            .map(|u| u.projects.len())
            .sum();
        eprintln!(
            "yusuan: {} file(s) converted, {failed} failed, {projects} projects, {unreconciled} failed check(s) → {}",
            docs.len(),
            args.output.display()
        );
    }
    Ok(if failed > 0 || unreconciled > 0 {
        super::EXIT_PROBLEM
    } else {
        super::EXIT_OK
    })
}
