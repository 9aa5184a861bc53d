//! `POST /api/convert`: multipart field `file`, one or more; a zip of a
//! folder is opened and each supported file in it converted. Every file is
//! converted as `yusuan convert` would (same stages, same messages) on a
//! blocking thread, at most `jobs` at once, within the time limit.

use super::store::{Entry, SourceTable};
use super::{view, AppState};
use crate::batch::{self, FileResult, Status};
use crate::emit::sheet::Labels;
use crate::emit::{json_string, render, render_sheets, EmitOptions};
use crate::error::Error;
use crate::pipeline::convert_source;
use crate::table::output::{self, RowOptions};
use crate::table::LogicalTable;
use crate::{Input, Options};
use axum::extract::{Multipart, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use std::io::Read;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Output options, as `convert --labels zh --bom` takes them.
#[derive(Debug, Default, Deserialize)]
pub struct OutputQuery {
    pub labels: Option<String>,
    pub bom: Option<String>,
}

impl OutputQuery {
    pub fn options(&self) -> EmitOptions {
        EmitOptions {
            bom: matches!(self.bom.as_deref(), Some("1" | "true" | "yes")),
            labels: match self.labels.as_deref() {
                Some("zh") => Labels::Zh,
                _ => Labels::En,
            },
            xlsx: true,
        }
    }
}

/// A request that cannot be served, with its status and one-line reason.
pub struct Reject(StatusCode, String);

impl IntoResponse for Reject {
    fn into_response(self) -> Response {
        let body = serde_json::json!({ "error": self.1 });
        (self.0, Json(body)).into_response()
    }
}

pub async fn upload(
    State(state): State<Arc<AppState>>,
    Query(q): Query<OutputQuery>,
    mut form: Multipart,
) -> Result<Response, Reject> {
    let opts = q.options();
    let mut files = Vec::new();
    while let Some(field) = form.next_field().await.map_err(multipart_error)? {
        if field.name() != Some("file") {
            continue;
        }
        let name = safe_name(field.file_name().unwrap_or("upload"));
        let bytes = read_field(field, state.config.max_bytes, &name).await?;
        files.extend(expand_zip(&name, bytes, state.config.max_bytes)?);
    }
    if files.is_empty() {
        let msg = "no file: send one or more multipart fields named `file`";
        return Err(Reject(StatusCode::BAD_REQUEST, msg.into()));
    }
    let tasks: Vec<_> = files
        .into_iter()
        .map(|(name, bytes)| {
            // Ids in upload order, whichever conversion ends first.
            let id = state.store.new_id();
            tokio::spawn(convert_one(Arc::clone(&state), id, name, bytes, opts))
        })
        .collect();
    let mut docs = Vec::new();
    for t in tasks {
        let entry = t.await.map_err(|e| {
            Reject(
                StatusCode::INTERNAL_SERVER_ERROR,
                format!("internal error: {e}"),
            )
        })?;
        docs.push(view::summary(&entry));
    }
    Ok(Json(serde_json::json!({ "documents": docs })).into_response())
}

fn multipart_error(e: axum::extract::multipart::MultipartError) -> Reject {
    Reject(e.status(), e.body_text())
}

/// Reads one file field, refusing it (413) as soon as it grows too large.
async fn read_field(
    mut field: axum::extract::multipart::Field<'_>,
    max: u64,
    name: &str,
) -> Result<Vec<u8>, Reject> {
    let mut bytes = Vec::new();
    while let Some(chunk) = field.chunk().await.map_err(multipart_error)? {
        bytes.extend_from_slice(&chunk);
        if bytes.len() as u64 > max {
            return Err(too_large(name, max));
        }
    }
    Ok(bytes)
}

fn too_large(name: &str, max: u64) -> Reject {
    Reject(
        StatusCode::PAYLOAD_TOO_LARGE,
        format!(
            "{name}: over the size limit of {} MiB (--max-size)",
            max >> 20
        ),
    )
}

/// The last path component of an uploaded name, without control characters.
pub fn safe_name(raw: &str) -> String {
    let base = raw.rsplit(['/', '\\']).next().unwrap_or("");
    let clean: String = base.chars().filter(|c| !c.is_control()).collect();
    match clean.trim() {
        "" | "." | ".." => "upload".to_string(),
        s => s.to_string(),
    }
}

/// Most entries a zip may hold.
const ZIP_ENTRIES: usize = 2000;

/// A zip of a folder becomes its supported files (path inside the zip as
/// the source name, folders in name order, as a folder walk finds them);
/// anything else, an XLSX or DOCX included, stays one file.
fn expand_zip(name: &str, bytes: Vec<u8>, max: u64) -> Result<Vec<(String, Vec<u8>)>, Reject> {
    if !bytes.starts_with(b"PK\x03\x04") {
        return Ok(vec![(name.to_string(), bytes)]);
    }
    let Ok(mut zip) = zip::ZipArchive::new(std::io::Cursor::new(&bytes)) else {
        return Ok(vec![(name.to_string(), bytes)]);
    };
    // Office documents are zips too: they are inputs, not folders.
    if zip.index_for_name("[Content_Types].xml").is_some() || zip.len() > ZIP_ENTRIES {
        return Ok(vec![(name.to_string(), bytes)]);
    }
    let mut out = Vec::new();
    let mut total = 0u64;
    for i in 0..zip.len() {
        let Ok(entry) = zip.by_index(i) else { continue };
        let Some(path) = entry.enclosed_name().filter(|_| entry.is_file()) else {
            continue;
        };
        if !has_input_extension(&path) {
            continue;
        }
        let inner = path.to_string_lossy().replace('\\', "/");
        let mut data = Vec::new();
        entry
            .take(max.saturating_add(1))
            .read_to_end(&mut data)
            .map_err(|e| Reject(StatusCode::BAD_REQUEST, format!("{name}: {inner}: {e}")))?;
        total = total.saturating_add(data.len() as u64);
        if data.len() as u64 > max || total > max.saturating_mul(4) {
            return Err(too_large(&format!("{name}: {inner}"), max));
        }
        out.push((inner, data));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(out)
}

fn has_input_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .is_some_and(|e| batch::INPUT_EXTENSIONS.contains(&e.as_str()))
}

/// Keeps the upload in the temporary folder, then converts it on a
/// blocking thread. The permit is held by that thread until it really
/// ends, so a file past its time limit still counts against `jobs`.
async fn convert_one(
    state: Arc<AppState>,
    id: String,
    name: String,
    bytes: Vec<u8>,
    opts: EmitOptions,
) -> Arc<Entry> {
    let kept = keep_upload(&state.config.upload_dir, &id, &name, &bytes).await;
    let started = Instant::now();
    let timeout = state.config.timeout;
    let result = match Arc::clone(&state.permits).acquire_owned().await {
        Err(_) => Err(format!("{name}: the server is shutting down")),
        Ok(permit) => {
            let source = name.clone();
            let job = tokio::task::spawn_blocking(move || {
                let _permit = permit;
                under_deadline(timeout, || convert_bytes(&source, &bytes, opts))
            });
            match tokio::time::timeout(timeout, job).await {
                Ok(Ok(c)) => Ok(c),
                Ok(Err(_)) => Err(format!(
                    "{name}: internal error while converting (please report this file)"
                )),
                Err(_) => Err(format!(
                    "{name}: gave up after {} s (--timeout); the file may be pathological",
                    timeout.as_secs()
                )),
            }
        }
    };
    let mut c = result.unwrap_or_else(|e| Converted::failed(&name, e, opts));
    if let Err(e) = kept {
        c.result.status = Status::Failed;
        c.result.error = Some(e);
    }
    state
        .store
        .put(c.into_entry(id, opts, started.elapsed().as_secs_f64()))
}

/// Runs `f` under a cancellation token that expires after `timeout`: a
/// file past its time limit stops at the next check, freeing its memory and
/// its permit, instead of running on after the page has given up on it.
fn under_deadline<R>(timeout: Duration, f: impl FnOnce() -> R) -> R {
    let token = crate::cancel::Token::new(Instant::now().checked_add(timeout));
    crate::cancel::scope(&token, f)
}

/// Writes the upload to `<dir>/<id>/<name>`.
async fn keep_upload(dir: &Path, id: &str, name: &str, bytes: &[u8]) -> Result<(), String> {
    let folder = dir.join(id);
    let path = folder.join(name.replace('/', "_"));
    let fail = |e: std::io::Error| format!("{name}: cannot keep the upload: {e}");
    tokio::fs::create_dir_all(&folder).await.map_err(fail)?;
    tokio::fs::write(&path, bytes).await.map_err(fail)
}

/// What converting one file produced, before it gets an id.
#[derive(Debug, Clone)]
pub struct Converted {
    pub result: FileResult,
    pub sources: Vec<SourceTable>,
    pub source_warnings: Vec<crate::warning::Warning>,
    pub files: Vec<(String, Vec<u8>)>,
}

impl Converted {
    fn failed(source: &str, error: String, opts: EmitOptions) -> Self {
        let result = FileResult {
            source: source.to_string(),
            status: Status::Failed,
            document: None,
            error: Some(error),
        };
        let files = outputs(&result, opts);
        Converted {
            result,
            sources: Vec::new(),
            source_warnings: Vec::new(),
            files,
        }
    }

    fn into_entry(self, id: String, opts: EmitOptions, seconds: f64) -> Entry {
        Entry {
            id,
            result: self.result,
            sources: self.sources,
            source_warnings: self.source_warnings,
            opts,
            files: self.files,
            seconds,
        }
    }
}

/// Converts one file's bytes as `yusuan convert SOURCE` would, and keeps
/// every table its source read (what `yusuan tables SOURCE` writes).
/// `source` names the file in the outputs and messages.
pub fn convert_bytes(source: &str, bytes: &[u8], opts: EmitOptions) -> Converted {
    let input = Input::Bytes {
        name: source,
        bytes,
    };
    let src = match crate::read_tables(input, &Options::default()) {
        Ok(src) => src,
        Err(e) => {
            let status = match e {
                Error::NoTable { .. } => Status::NoTable,
                _ => Status::Failed,
            };
            let result = file_result(source, status, None, Some(e.to_string()));
            let files = outputs(&result, opts);
            return Converted {
                result,
                sources: Vec::new(),
                source_warnings: Vec::new(),
                files,
            };
        }
    };
    let sources = source_tables(&src.tables, opts.bom);
    let source_warnings = src.warnings.clone();
    let result = match convert_source(src) {
        Ok(doc) => file_result(source, Status::Ok, Some(doc), None),
        Err(e @ Error::NoTable { .. }) => {
            file_result(source, Status::NoTable, None, Some(e.to_string()))
        }
        Err(e) => file_result(source, Status::Failed, None, Some(e.to_string())),
    };
    let files = outputs(&result, opts);
    Converted {
        result,
        sources,
        source_warnings,
        files,
    }
}

fn file_result(
    source: &str,
    status: Status,
    document: Option<crate::model::Document>,
    error: Option<String>,
) -> FileResult {
    FileResult {
        source: source.to_string(),
        status,
        document,
        error,
    }
}

/// The files `yusuan convert SOURCE -o DIR --xlsx` writes.
pub fn outputs(result: &FileResult, opts: EmitOptions) -> Vec<(String, Vec<u8>)> {
    batch_outputs(std::slice::from_ref(result), opts)
}

/// The files `yusuan convert A B … -o DIR --xlsx` writes for these results:
/// the packed outputs, report.json, and one CSV per sheet other kinds make.
pub fn batch_outputs(results: &[FileResult], opts: EmitOptions) -> Vec<(String, Vec<u8>)> {
    let docs: Vec<_> = results.iter().filter_map(|r| r.document.clone()).collect();
    let report = batch::report(results);
    // Rendering fails only when the XLSX writer does; keep the rest then.
    let plain = EmitOptions {
        xlsx: false,
        ..opts
    };
    let files = render(&docs, opts)
        .or_else(|_| render(&docs, plain))
        .unwrap_or_default();
    let mut out: Vec<(String, Vec<u8>)> =
        files.into_iter().map(|(n, b)| (n.to_string(), b)).collect();
    out.push(("report.json".into(), json_string(&report).into_bytes()));
    out.extend(render_sheets(&docs, opts).unwrap_or_default());
    out
}

/// Every table the source read, with the CSV `yusuan tables` writes for
/// it (default options: one flattened header row, then the body).
fn source_tables(tables: &[LogicalTable], bom: bool) -> Vec<SourceTable> {
    let mut taken = Vec::new();
    tables
        .iter()
        .map(|t| {
            let rows = output::rows(t, RowOptions::default());
            SourceTable {
                csv_name: output::csv_name(t, &mut taken),
                csv: table_csv(rows.header.into_iter().chain(rows.body), bom),
                table: t.clone(),
            }
        })
        .collect()
}

/// The bytes `yusuan tables` writes for one table (RFC 4180, CRLF, rows as
/// wide as they print); the serve tests compare them with the command's.
pub fn table_csv(rows: impl Iterator<Item = Vec<String>>, bom: bool) -> Vec<u8> {
    let buf = if bom {
        b"\xEF\xBB\xBF".to_vec()
    } else {
        Vec::new()
    };
    let mut w = csv::WriterBuilder::new()
        .flexible(true)
        .terminator(csv::Terminator::CRLF)
        .from_writer(buf);
    for cells in rows {
        // Writing to memory cannot fail.
        let _ = w.write_record(&cells);
    }
    w.into_inner().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn an_upload_name_keeps_only_its_last_component() {
        assert_eq!(safe_name("../../etc/passwd"), "passwd");
        assert_eq!(safe_name("C:\\Users\\a\\预算.pdf"), "预算.pdf");
        assert_eq!(safe_name(".."), "upload");
        assert_eq!(safe_name("a\u{0}b.txt"), "ab.txt");
        assert_eq!(safe_name("dir/"), "upload");
    }

    fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for (name, bytes) in entries {
            z.start_file(*name, zip::write::SimpleFileOptions::default())
                .expect("entry");
            z.write_all(bytes).expect("write");
        }
        z.finish().expect("zip").into_inner()
    }

    #[test]
    fn a_zip_of_a_folder_opens_but_an_office_file_does_not() {
        let folder = zip_of(&[
            ("d/b.txt", b"b"),
            ("d/a.PDF", b"a"),
            ("d/../../evil.txt", b"x"),
            ("d/notes.md", b"n"),
        ]);
        let names: Vec<String> = expand_zip("d.zip", folder, 1 << 20)
            .unwrap_or_else(|_| panic!("expands"))
            .into_iter()
            .map(|(n, _)| n)
            .collect();
        assert_eq!(names, ["d/a.PDF", "d/b.txt"]);
        let office = zip_of(&[
            ("[Content_Types].xml", b"<Types/>"),
            ("word/document.xml", b""),
        ]);
        let kept = expand_zip("a.docx", office, 1 << 20).unwrap_or_else(|_| panic!("kept"));
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].0, "a.docx");
    }

    #[test]
    fn an_entry_over_the_limit_is_refused() {
        let big = vec![b'a'; 5000];
        let z = zip_of(&[("d/big.txt", &big)]);
        assert!(expand_zip("d.zip", z, 1000).is_err());
    }

    /// A conversion past its deadline stops inside the pipeline (it would
    /// otherwise run to the end on its blocking thread, holding a permit).
    #[test]
    fn a_conversion_past_its_deadline_stops() {
        let bytes = std::fs::read("samples/seed-gzast.txt").expect("seed");
        let run = |t| {
            under_deadline(t, || {
                convert_bytes("seed.txt", &bytes, EmitOptions::default())
            })
        };
        let late = run(Duration::ZERO);
        assert_eq!(late.result.status, Status::Failed);
        assert!(late.result.document.is_none());
        assert_eq!(run(Duration::from_secs(600)).result.status, Status::Ok);
    }

    #[test]
    fn converting_the_seed_keeps_its_repairs_and_every_output() {
        let bytes = std::fs::read("samples/seed-gzast.txt").expect("seed");
        let c = convert_bytes("seed-gzast.txt", &bytes, EmitOptions::default());
        assert_eq!(c.result.status, Status::Ok);
        let doc = c.result.document.as_ref().expect("a document");
        let mut projects = doc
            .tables
            .iter()
            .flat_map(|t| &t.units)
            .flat_map(|u| &u.projects);
        assert!(
            projects.any(|p| p.pages.len() > 1),
            "a project joined across pages"
        );
        let names: Vec<&str> = c.files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "documents.json",
                "projects.csv",
                "indicators.csv",
                "report.json"
            ]
        );
        assert!(!c.sources.is_empty(), "the source's tables are listed");
    }

    #[test]
    fn source_table_names_are_unique() {
        let t = LogicalTable {
            meta: crate::table::Meta {
                title: Some("收支/总表".into()),
                ..Default::default()
            },
            first_page: 3,
            ..Default::default()
        };
        let mut taken = Vec::new();
        assert_eq!(output::csv_name(&t, &mut taken), "p003-收支_总表.csv");
        assert_eq!(output::csv_name(&t, &mut taken), "p003-收支_总表-2.csv");
    }
}
