//! Downloads: a document's outputs, one table's CSV, everything as a zip.
//! The bytes are the ones `yusuan convert` / `yusuan tables` write.

use super::convert::{batch_outputs, OutputQuery};
use super::store::Entry;
use super::AppState;
use crate::emit::render;
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use std::io::Write;
use std::sync::Arc;

fn not_found() -> Response {
    (StatusCode::NOT_FOUND, "not found").into_response()
}

/// `GET /api/documents/{id}/files/{name}`: one of the files `convert` writes.
pub async fn file(
    State(state): State<Arc<AppState>>,
    Path((id, name)): Path<(String, String)>,
) -> Response {
    let Some(e) = state.store.get(&id) else {
        return not_found();
    };
    match e.files.iter().find(|(n, _)| *n == name) {
        Some((n, bytes)) => attachment(&format!("{}-{n}", stem(&e)), bytes.clone()),
        None => not_found(),
    }
}

/// `GET /api/documents/{id}/tables/{n}/csv`: a source table's CSV as
/// `yusuan tables` writes it; a 绩效目标表's projects.csv as `yusuan
/// convert` writes it for a file holding only that table.
pub async fn table_csv(
    State(state): State<Arc<AppState>>,
    Path((id, n)): Path<(String, String)>,
) -> Response {
    let (Some(e), Ok(i)) = (state.store.get(&id), n.parse::<usize>()) else {
        return not_found();
    };
    match table_bytes(&e, i) {
        Some((name, bytes)) => attachment(&name, bytes),
        None => not_found(),
    }
}

fn table_bytes(e: &Entry, i: usize) -> Option<(String, Vec<u8>)> {
    let doc = e.result.document.as_ref();
    let k = e.packed_count();
    if i >= k {
        let r = e.sources.get(i - k)?;
        return Some((format!("{}-{}", stem(e), r.csv_name), r.csv.clone()));
    }
    let mut one = doc?.clone();
    one.tables = vec![one.tables.get(i)?.clone()];
    let files = render(std::slice::from_ref(&one), e.opts).ok()?;
    let (_, bytes) = files.into_iter().find(|(n, _)| *n == "projects.csv")?;
    Some((format!("{}-table{}-projects.csv", stem(e), i + 1), bytes))
}

#[derive(Debug, Deserialize)]
pub struct ZipQuery {
    /// Comma-separated document ids, in the order wanted.
    pub ids: String,
    #[serde(flatten)]
    pub output: OutputQuery,
}

/// `GET /api/zip?ids=d1,d2`: what `yusuan convert` writes for those files
/// together (in that order), plus every source table's CSV under `tables/`.
pub async fn zip_all(State(state): State<Arc<AppState>>, Query(q): Query<ZipQuery>) -> Response {
    let entries: Vec<Arc<Entry>> = q
        .ids
        .split(',')
        .filter_map(|id| state.store.get(id.trim()))
        .collect();
    if entries.is_empty() {
        return not_found();
    }
    let bytes = tokio::task::spawn_blocking(move || zip_bytes(&entries, &q.output)).await;
    match bytes {
        Ok(Ok(b)) => attachment("yusuan.zip", b),
        Ok(Err(e)) => (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response(),
        Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response(),
    }
}

fn zip_bytes(entries: &[Arc<Entry>], q: &OutputQuery) -> zip::result::ZipResult<Vec<u8>> {
    let results: Vec<_> = entries.iter().map(|e| e.result.clone()).collect();
    let mut files = batch_outputs(&results, q.options());
    for e in entries {
        for r in &e.sources {
            files.push((format!("tables/{}/{}", stem(e), r.csv_name), r.csv.clone()));
        }
    }
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut used = Vec::new();
    for (name, bytes) in files {
        // Two uploads with one name: keep both.
        let mut unique = name.clone();
        let mut n = 2;
        while used.contains(&unique) {
            unique = format!("{name}.{n}");
            n += 1;
        }
        zip.start_file(unique.as_str(), opts)?;
        zip.write_all(&bytes)?;
        used.push(unique);
    }
    Ok(zip.finish()?.into_inner())
}

/// The upload's name without its extension (and without folders).
fn stem(e: &Entry) -> String {
    let base = e.result.source.rsplit('/').next().unwrap_or("");
    let stem = base.rsplit_once('.').map_or(base, |(s, _)| s);
    if stem.is_empty() {
        "upload".to_string()
    } else {
        stem.to_string()
    }
}

fn attachment(name: &str, bytes: Vec<u8>) -> Response {
    let kind = match name.rsplit('.').next() {
        Some("csv") => "text/csv; charset=utf-8",
        Some("json") => "application/json",
        Some("xlsx") => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        Some("zip") => "application/zip",
        _ => "application/octet-stream",
    };
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || ".-_".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let disposition = format!(
        "attachment; filename=\"{ascii}\"; filename*=UTF-8''{}",
        percent(name)
    );
    (
        [
            (header::CONTENT_TYPE, kind.to_string()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        bytes,
    )
        .into_response()
}

/// RFC 5987 encoding of a file name.
fn percent(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}
