//! `yusuan convert`: files and folders in, one combined set of outputs out.

use crate::batch::{self, FileResult, Limits, Status};
use crate::emit::sheet::Labels;
use crate::emit::{json_output, outputs, write_outputs, EmitOptions, Published};
use crate::error::{Error, Result};
use crate::model::Document;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::{Duration, Instant};

#[derive(Debug, clap::Args)]
pub struct ConvertArgs {
    /// Files or folders. Files are read whatever their extension (the format
    /// is detected from content); folders are searched recursively for
    /// .pdf .html .htm .txt .xlsx .xls .docx, other files are skipped and counted.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,

    /// Output folder: documents.json, projects.csv, indicators.csv and
    /// report.json (plus yusuan.xlsx with --xlsx). Earlier outputs there are
    /// replaced only once all new ones are complete.
    #[arg(short, long, value_name = "DIR")]
    pub output: PathBuf,

    /// Files converted at once (default: all cores). Outputs are identical
    /// whatever the number.
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,

    /// Start the CSV files with a UTF-8 byte-order mark, so that Excel and
    /// WPS open them as UTF-8.
    #[arg(long)]
    pub bom: bool,

    /// Column headers of the CSV and XLSX outputs: `en` (source, project,
    /// total …) or `zh` (来源文件, 项目名称, 总计 …).
    #[arg(long, value_enum, default_value_t = Labels::En, value_name = "LANG")]
    pub labels: Labels,

    /// Also write yusuan.xlsx with a sheet for projects and one for
    /// indicators (amounts as numbers).
    #[arg(long)]
    pub xlsx: bool,

    /// A file larger than this many MiB fails without being read.
    #[arg(long, default_value_t = 256, value_name = "MIB")]
    pub max_size: u64,

    /// A file still converting after this many seconds fails; the batch goes on.
    #[arg(long, default_value_t = 60, value_name = "SECS")]
    pub timeout: u64,

    /// A file whose conversion holds more than this many MiB fails; the
    /// batch goes on (at most --jobs files hold memory at once).
    #[arg(long, default_value_t = 4096, value_name = "MIB")]
    pub max_memory: u64,

    /// No progress bar and no warnings: only errors and the exit code.
    #[arg(short, long)]
    pub quiet: bool,
}

pub fn run(args: &ConvertArgs) -> Result<i32> {
    let started = Instant::now();
    let jobs = match args.jobs {
        Some(0) => return Err(Error::Usage("--jobs must be at least 1".into())),
        Some(n) => n,
        None => std::thread::available_parallelism().map_or(1, |n| n.get()),
    };
    let inputs = batch::discover(&args.inputs);
    let limits = Limits {
        max_bytes: args.max_size.saturating_mul(1 << 20),
        timeout: Duration::from_secs(args.timeout.max(1)),
        max_memory: usize::try_from(args.max_memory.saturating_mul(1 << 20)).unwrap_or(usize::MAX),
    };
    let bar = progress(inputs.files.len() as u64, args.quiet);
    let tick = || bar.inc(1);
    let mut results = batch::convert_all(&inputs.files, jobs, limits, &tick)?;
    bar.finish_and_clear();
    results.extend(inputs.skipped.iter().map(|p| batch::skipped(p)));
    let report = batch::report(&results);
    let docs: Vec<Document> = results
        .iter_mut()
        .filter_map(|r| r.document.take())
        .collect();
    let opts = EmitOptions {
        bom: args.bom,
        labels: args.labels,
        xlsx: args.xlsx,
    };
    // Each output goes straight into its file: documents.json alone is
    // several times the input, too much to hold whole.
    let (mut files, sheets) = outputs(&docs, opts)?;
    files.push(json_output("report.json", &report));
    files.extend(sheets);
    let published = write_outputs(&args.output, &files)?;
    if published == Published::FileByFile && !args.quiet {
        eprintln!(
            "yusuan: {} holds files yusuan did not write: outputs replaced one by one, not as one set (give -o a folder of its own)",
            args.output.display()
        );
    }
    print_messages(&results, &report, args.quiet);
    if !args.quiet {
        print_summary(&report, started.elapsed(), args);
    }
    let s = &report.summary;
    // A run that found no table at all has nothing to offer: say so in the code.
    let nothing = s.ok == 0;
    if nothing && !args.quiet {
        eprintln!("yusuan: no input held a 项目支出绩效目标表");
    }
    Ok(if s.failed > 0 || s.checks_failed > 0 || nothing {
        super::EXIT_PROBLEM
    } else {
        super::EXIT_OK
    })
}

fn progress(len: u64, quiet: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() || len < 2 {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
    let style = ProgressStyle::with_template(
        "{bar:30} {pos}/{len} files  {rate}  ETA {eta}  elapsed {elapsed}",
    )
    .map(|st| st.with_key("rate", rate))
    .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    bar
}

/// Files per second with one decimal.
fn rate(state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write) {
    let _ = write!(w, "{:.1} files/s", state.per_sec());
}

/// Errors always; warnings unless quiet. In input order, after the run.
fn print_messages(results: &[FileResult], report: &batch::Report, quiet: bool) {
    for (r, f) in results.iter().zip(&report.files) {
        if r.status == Status::Failed || (r.status == Status::NoTable && !quiet) {
            if let Some(e) = &r.error {
                let label = if r.status == Status::Failed {
                    "error"
                } else {
                    "no table"
                };
                eprintln!("{label}: {e}");
            }
        }
        if !quiet {
            for w in &f.warnings {
                eprintln!("{w}");
            }
        }
    }
}

fn print_summary(report: &batch::Report, elapsed: Duration, args: &ConvertArgs) {
    let s = &report.summary;
    eprintln!(
        "yusuan: {} file(s): {} ok, {} no table, {} failed, {} skipped; {} tables, {} projects, {} indicators, {} warnings, {} failed checks; {:.2} s → {}",
        s.files,
        s.ok,
        s.no_table,
        s.failed,
        s.skipped,
        s.tables,
        s.projects,
        s.indicators,
        s.warnings,
        s.checks_failed,
        elapsed.as_secs_f64(),
        args.output.display()
    );
    let failed: Vec<&str> = report
        .files
        .iter()
        .filter(|f| f.status == Status::Failed)
        .map(|f| f.source.as_str())
        .collect();
    if !failed.is_empty() {
        eprintln!("yusuan: failed: {}", name_some(&failed, args));
    }
    let unreconciled: Vec<&str> = report
        .files
        .iter()
        .filter(|f| f.checks_failed > 0)
        .map(|f| f.source.as_str())
        .collect();
    if !unreconciled.is_empty() {
        eprintln!(
            "yusuan: checks did not reconcile in: {}",
            name_some(&unreconciled, args)
        );
    }
}

/// At most ten names, then where to find the rest.
fn name_some(names: &[&str], args: &ConvertArgs) -> String {
    const SHOWN: usize = 10;
    let mut s = names
        .iter()
        .take(SHOWN)
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > SHOWN {
        let report = args.output.join("report.json");
        s.push_str(&format!(
            " and {} more (see {})",
            names.len() - SHOWN,
            report.display()
        ));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[test]
    fn a_long_list_names_ten_then_points_to_the_report() {
        let cli = crate::cli::Cli::parse_from(["yusuan", "convert", "x", "-o", "out"]);
        let crate::cli::Command::Convert(args) = cli.command else {
            panic!("parsed as convert");
        };
        let names: Vec<String> = (0..300).map(|i| format!("f{i}.pdf")).collect();
        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
        let line = name_some(&refs, &args);
        assert!(line.starts_with("f0.pdf, f1.pdf"), "{line}");
        assert!(
            line.contains("f9.pdf and 290 more (see out/report.json)"),
            "{line}"
        );
        assert!(!line.contains("f10.pdf"), "{line}");
        assert_eq!(name_some(&refs[..2], &args), "f0.pdf, f1.pdf");
    }
}
