//! Batch conversion: find the input files, convert them in parallel with a
//! size and time guard per file, and account for every file in a report.
//! Results come back in input order whatever the number of threads, so the
//! outputs are identical for any `-j`.

use crate::cancel::{self, Token};
use crate::error::{Error, Result};
use crate::model::Document;
use crate::pipeline::convert_path;
use rayon::prelude::*;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Extensions a directory walk picks up; the format is still sniffed.
pub const INPUT_EXTENSIONS: [&str; 7] = ["pdf", "html", "htm", "txt", "xlsx", "xls", "docx"];

#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Larger files fail without being read.
    pub max_bytes: u64,
    /// A file still converting after this fails; the batch goes on.
    pub timeout: Duration,
    /// Bytes one file's conversion may hold before it fails.
    pub max_memory: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: 256 << 20,
            timeout: Duration::from_secs(60),
            max_memory: 4 << 30,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Ok,
    /// Readable, but holds no 绩效目标表: reported, not a failure.
    NoTable,
    /// Unreadable: corrupt, encrypted, scanned, not text …
    Failed,
    /// Not a supported type (found while walking a directory).
    Skipped,
}

#[derive(Debug, Clone)]
pub struct FileResult {
    pub source: String,
    pub status: Status,
    pub document: Option<Document>,
    pub error: Option<String>,
}

/// The inputs: files to convert and files a directory walk passed over.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Inputs {
    pub files: Vec<PathBuf>,
    pub skipped: Vec<PathBuf>,
}

/// Files named are always converted (their content decides the format);
/// directories are walked recursively in name order.
pub fn discover(paths: &[PathBuf]) -> Inputs {
    let mut out = Inputs::default();
    for p in paths {
        if p.is_dir() {
            walk(p, &mut out);
        } else if !out.files.contains(p) {
            out.files.push(p.clone());
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Inputs) {
    let entries = walkdir::WalkDir::new(dir).sort_by_file_name().into_iter();
    for entry in entries {
        let path = match entry {
            Ok(e) if e.file_type().is_dir() => continue,
            Ok(e) => e.into_path(),
            // An unreadable directory entry: converting it reports the error.
            Err(e) => match e.path() {
                Some(p) => p.to_path_buf(),
                None => continue,
            },
        };
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        if ext.is_some_and(|e| INPUT_EXTENSIONS.contains(&e.as_str())) {
            if !out.files.contains(&path) {
                out.files.push(path);
            }
        } else {
            out.skipped.push(path);
        }
    }
}

/// Converts `files` on `jobs` threads; `done` is called after each file.
pub fn convert_all(
    files: &[PathBuf],
    jobs: usize,
    limits: Limits,
    done: &(dyn Fn() + Sync),
) -> Result<Vec<FileResult>> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .map_err(|e| Error::Usage(format!("cannot start {jobs} worker threads: {e}")))?;
    // Largest files first so that two threads finish together; results
    // are put back in input order afterwards.
    let mut order: Vec<usize> = (0..files.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(std::fs::metadata(&files[i]).map_or(0, |m| m.len())));
    let mut done_in_order: Vec<(usize, FileResult)> = pool.install(|| {
        order
            .par_iter()
            .with_max_len(1)
            .map(|&i| {
                let r = convert_guarded(&files[i], limits);
                done();
                (i, r)
            })
            .collect()
    });
    done_in_order.sort_by_key(|(i, _)| *i);
    Ok(done_in_order.into_iter().map(|(_, r)| r).collect())
}

/// One file under the size and time guards; a panic is a failure, not a crash.
pub fn convert_guarded(path: &Path, limits: Limits) -> FileResult {
    let source = path.display().to_string();
    match run_guarded(path, limits, "converting", convert_path) {
        Ok(doc) if is_empty(&doc) => FileResult {
            status: Status::NoTable,
            document: None,
            error: Some(format!(
                "{source}: no 项目支出绩效目标表 found (a header but no rows under it)"
            )),
            source,
        },
        Ok(doc) => FileResult {
            source,
            status: Status::Ok,
            document: Some(doc),
            error: None,
        },
        Err((status, msg)) => FileResult {
            source,
            status,
            document: None,
            error: Some(msg),
        },
    }
}

/// How long a cancelled conversion gets to reach its next check.
const STOP_GRACE: Duration = Duration::from_secs(3);

/// A document without a single row is no table, not an empty success.
fn is_empty(doc: &Document) -> bool {
    doc.tables
        .iter()
        .all(|t| t.units.is_empty() && t.total.is_none())
        && doc.records.is_empty()
        && doc.sheets.is_empty()
}

pub fn skipped(path: &Path) -> FileResult {
    let source = path.display().to_string();
    FileResult {
        source,
        status: Status::Skipped,
        document: None,
        error: None,
    }
}

/// Runs `work` on one file under the size and time guards, as `convert`
/// does (`yusuan tables`); a failure comes back as its status and one line
/// naming the file. A panic is a failure, not a crash.
pub fn guarded<T, F>(
    path: &Path,
    limits: Limits,
    work: F,
) -> std::result::Result<T, (Status, String)>
where
    T: Send + 'static,
    F: FnOnce(&Path) -> Result<T> + Send + 'static,
{
    run_guarded(path, limits, "reading", work)
}

/// Runs `work` on its own thread with a cancellation token: past the
/// deadline or the memory budget it stops itself (`cancel::check` in the
/// hot loops) and frees its memory before the next file starts. `doing`
/// names the work in the thread's name and in an internal error.
fn run_guarded<T, F>(
    path: &Path,
    limits: Limits,
    doing: &str,
    work: F,
) -> std::result::Result<T, (Status, String)>
where
    T: Send + 'static,
    F: FnOnce(&Path) -> Result<T> + Send + 'static,
{
    let source = path.display().to_string();
    if let Ok(meta) = std::fs::metadata(path) {
        if meta.len() > limits.max_bytes {
            let msg = format!(
                "{source}: file is {} MiB, over the size limit of {} MiB (--max-size)",
                meta.len() >> 20,
                limits.max_bytes >> 20
            );
            return Err((Status::Failed, msg));
        }
    }
    let (tx, rx) = mpsc::channel();
    let owned = path.to_path_buf();
    let token = Token::new(Some(Instant::now() + limits.timeout)).with_memory(limits.max_memory);
    let worker_token = token.clone();
    let spawned = std::thread::Builder::new()
        .name(format!("{doing} {source}"))
        .spawn(move || {
            let r = cancel::scope(&worker_token, || work(&owned));
            cancel::release_freed_memory();
            // The receiver may have given up; nothing to do then.
            let _ = tx.send(r);
        });
    if let Err(e) = spawned {
        let msg = format!("{source}: cannot start a worker thread: {e}");
        return Err((Status::Failed, msg));
    }
    let outcome = rx.recv_timeout(limits.timeout + STOP_GRACE);
    token.cancel();
    match outcome {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => Err(failure(e, &source, limits)),
        Err(mpsc::RecvTimeoutError::Timeout) => Err((
            Status::Failed,
            format!(
                "{source}: gave up after {} s (--timeout); the work could not be stopped",
                limits.timeout.as_secs()
            ),
        )),
        Err(mpsc::RecvTimeoutError::Disconnected) => Err((
            Status::Failed,
            format!("{source}: internal error while {doing} (please report this file)"),
        )),
    }
}

/// The status and one-line reason of a file whose work returned `e`.
fn failure(e: Error, source: &str, limits: Limits) -> (Status, String) {
    match e {
        e @ (Error::NoTable { .. } | Error::NoTables { .. }) => (Status::NoTable, e.to_string()),
        Error::Cancelled => (
            Status::Failed,
            format!(
                "{source}: stopped after {} s (--timeout); the file may be pathological",
                limits.timeout.as_secs()
            ),
        ),
        Error::OverMemory => (
            Status::Failed,
            format!(
                "{source}: stopped at over {} MiB of memory (--max-memory); the file may be pathological",
                limits.max_memory >> 20
            ),
        ),
        e => (Status::Failed, e.to_string()),
    }
}

/// `report.json`: every file's fate and the totals.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub files: Vec<FileReport>,
    pub summary: Summary,
}

#[derive(Debug, Clone, Serialize)]
pub struct FileReport {
    pub source: String,
    pub status: Status,
    pub tables: usize,
    pub projects: usize,
    pub indicators: usize,
    /// Every warning, one line each (file, page, line, message).
    pub warnings: Vec<String>,
    /// Reconciliation checks that failed.
    pub checks_failed: usize,
    pub error: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    pub files: usize,
    pub ok: usize,
    pub no_table: usize,
    pub failed: usize,
    pub skipped: usize,
    pub tables: usize,
    pub projects: usize,
    pub indicators: usize,
    pub warnings: usize,
    pub checks_failed: usize,
}

pub fn report(results: &[FileResult]) -> Report {
    let files: Vec<FileReport> = results.iter().map(file_report).collect();
    let mut s = Summary {
        files: files.len(),
        ..Summary::default()
    };
    for f in &files {
        match f.status {
            Status::Ok => s.ok += 1,
            Status::NoTable => s.no_table += 1,
            Status::Failed => s.failed += 1,
            Status::Skipped => s.skipped += 1,
        }
        s.tables += f.tables;
        s.projects += f.projects;
        s.indicators += f.indicators;
        s.warnings += f.warnings.len();
        s.checks_failed += f.checks_failed;
    }
    Report { files, summary: s }
}

fn file_report(r: &FileResult) -> FileReport {
    let mut f = FileReport {
        source: r.source.clone(),
        status: r.status,
        tables: 0,
        projects: 0,
        indicators: 0,
        warnings: Vec::new(),
        checks_failed: 0,
        error: r.error.clone(),
    };
    if let Some(d) = &r.document {
        f.tables = d.tables.len() + d.records.len();
        let projects = d
            .tables
            .iter()
            .flat_map(|t| &t.units)
            .flat_map(|u| &u.projects);
        f.projects = projects.clone().count();
        f.indicators = projects.map(|p| p.indicators.len()).sum();
        let warnings = d
            .warnings
            .iter()
            .chain(d.tables.iter().flat_map(|t| &t.warnings));
        f.warnings = warnings.map(|w| w.to_string()).collect();
        f.checks_failed = d
            .tables
            .iter()
            .flat_map(|t| &t.checks)
            .chain(&d.checks)
            .filter(|c| !c.ok)
            .count();
    }
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walk_picks_inputs_by_extension_in_name_order() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let d = tmp.path();
        std::fs::create_dir_all(d.join("sub")).expect("mkdir");
        for f in ["b.txt", "a.PDF", "sub/c.htm", "notes.doc", "sub/d.html"] {
            std::fs::write(d.join(f), b"x").expect("write");
        }
        let inputs = discover(&[d.to_path_buf()]);
        let names: Vec<String> = inputs
            .files
            .iter()
            .map(|p| p.strip_prefix(d).expect("under d").display().to_string())
            .collect();
        assert_eq!(names, ["a.PDF", "b.txt", "sub/c.htm", "sub/d.html"]);
        assert_eq!(inputs.skipped.len(), 1);
    }

    #[test]
    fn oversized_file_fails_without_reading() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let p = tmp.path().join("big.txt");
        std::fs::write(&p, vec![b'a'; 2048]).expect("write");
        let r = convert_guarded(
            &p,
            Limits {
                max_bytes: 1024,
                ..Limits::default()
            },
        );
        assert_eq!(r.status, Status::Failed);
        assert!(r.error.unwrap_or_default().contains("size limit"));
    }

    /// A 50,000-row text extract in a temporary folder, and limits whose
    /// deadline has passed.
    fn long_extract_past_its_deadline() -> (tempfile::TempDir, std::path::PathBuf, Limits) {
        let tmp = tempfile::tempdir().expect("tempdir");
        let p = tmp.path().join("long.txt");
        let row = "项目\t1\t目标\t指标\n".repeat(50_000);
        std::fs::write(&p, format!("项目名称\t总计\t绩效目标\t绩效指标\n{row}")).expect("write");
        let limits = Limits {
            timeout: Duration::ZERO,
            ..Limits::default()
        };
        (tmp, p, limits)
    }

    #[test]
    fn work_past_the_deadline_stops_itself() {
        let (_tmp, p, limits) = long_extract_past_its_deadline();
        let started = Instant::now();
        let r = convert_guarded(&p, limits);
        assert_eq!(r.status, Status::Failed);
        let e = r.error.unwrap_or_default();
        assert!(e.contains("stopped after"), "{e}");
        assert!(started.elapsed() < STOP_GRACE, "stopped, not abandoned");
    }

    /// `yusuan tables` reads under the same cancellation as `convert`.
    #[test]
    fn guarded_work_past_the_deadline_stops_itself() {
        let (_tmp, p, limits) = long_extract_past_its_deadline();
        let started = Instant::now();
        let opts = crate::Options::default();
        let r = guarded(&p, limits, move |p| {
            crate::pipeline::read_tables(crate::Input::Path(p), &opts)
        });
        let (status, e) = r.map(|_| ()).unwrap_err();
        assert_eq!(status, Status::Failed);
        assert!(e.contains("stopped after 0 s (--timeout)"), "{e}");
        assert!(started.elapsed() < STOP_GRACE, "stopped, not abandoned");
    }

    #[test]
    fn a_header_without_rows_is_no_table() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let p = tmp.path().join("tabs.txt");
        std::fs::write(&p, "项目名称\t总计\t绩效目标\t绩效指标\n\t\t\t\n\t\t\n").expect("write");
        let r = convert_guarded(&p, Limits::default());
        assert_eq!(r.status, Status::NoTable, "{:?}", r.error);
    }

    #[test]
    fn statuses_map_from_errors() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let p = tmp.path().join("prose.txt");
        std::fs::write(&p, "只是文字\n").expect("write");
        assert_eq!(
            convert_guarded(&p, Limits::default()).status,
            Status::NoTable
        );
        let e = tmp.path().join("empty.txt");
        std::fs::write(&e, "").expect("write");
        assert_eq!(
            convert_guarded(&e, Limits::default()).status,
            Status::Failed
        );
    }
}
