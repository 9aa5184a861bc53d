//! Sources: the bytes of one file → [`SourceDoc`], its tables as
//! [`crate::table::LogicalTable`]s and nothing else (no table kind is known
//! here): text extracts, HTML pages, PDF, XLSX/XLS workbooks and DOCX
//! documents, one module each. [`read_path`] / [`read_bytes`] sniff the
//! format from the content (the extension is only a tie-breaker) and call
//! its reader.
//!
//! The lines printed above a table are its `Above` notes, those below it
//! `Below` notes; the table stage reads the furniture (title, 表号, 部门,
//! 单位) from them. Bad input fails with one [`crate::Error`] naming the
//! file, in bounded time and memory ([`limits`]).

pub mod clean;
pub mod decode;
pub mod doc;
pub mod docx;
pub mod html;
pub mod html_dom;
pub mod limits;
pub mod numfmt;
pub mod office;
pub mod pdf;
pub mod text;
pub mod xls_formats;
pub mod xlsx;

pub use doc::SourceDoc;

use crate::error::{Error, Result};
use crate::raw::Format;
use crate::table::LogicalTable;
use std::path::Path;

/// What a file looks like from its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sniffed {
    Pdf,
    Html,
    Text,
    /// A ZIP container: XLSX or DOCX (told apart by its part names).
    Xlsx,
    Docx,
    /// An OLE2 compound file: XLS (or an old .doc).
    Ole,
    Empty,
    Binary,
}

/// Sniffs content, falling back to the extension only for plain text.
pub fn sniff(bytes: &[u8]) -> Sniffed {
    let head = &bytes[..bytes.len().min(1024)];
    let trimmed = trim_ascii_start(strip_bom(head));
    if trimmed.is_empty() {
        return Sniffed::Empty;
    }
    // PDF headers may be preceded by junk; the spec allows the first 1024 bytes.
    if head.windows(5).any(|w| w == b"%PDF-") {
        return Sniffed::Pdf;
    }
    if let Some(zipped) = sniff_container(bytes) {
        return zipped;
    }
    let lower: Vec<u8> = trimmed
        .iter()
        .take(512)
        .map(u8::to_ascii_lowercase)
        .collect();
    let html_marks: [&[u8]; 5] = [b"<!doctype html", b"<html", b"<head", b"<meta", b"<table"];
    if html_marks
        .iter()
        .any(|m| lower.windows(m.len()).any(|w| w == *m))
    {
        return Sniffed::Html;
    }
    if looks_binary(head) {
        return Sniffed::Binary;
    }
    Sniffed::Text
}

/// ZIP (OOXML) and OLE2 containers, from their magic bytes; an OOXML
/// package is a Word document when its parts say so, else it goes to the
/// spreadsheet reader (which names what it is when it is no workbook).
fn sniff_container(bytes: &[u8]) -> Option<Sniffed> {
    if crate::sources::office::is_ole(bytes) {
        return Some(Sniffed::Ole);
    }
    if !crate::sources::office::is_zip(bytes) {
        return None;
    }
    match crate::sources::office::sniff_zip(bytes) {
        Some(crate::sources::office::ZipKind::Docx) => Some(Sniffed::Docx),
        _ => Some(Sniffed::Xlsx),
    }
}

fn strip_bom(b: &[u8]) -> &[u8] {
    b.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(b)
}

fn trim_ascii_start(b: &[u8]) -> &[u8] {
    let n = b.iter().take_while(|c| c.is_ascii_whitespace()).count();
    &b[n..]
}

/// Control bytes other than whitespace mean this is not a text extract.
fn looks_binary(head: &[u8]) -> bool {
    let ctrl = head
        .iter()
        .filter(|&&c| c < 0x20 && !matches!(c, b'\t' | b'\n' | b'\r' | 0x0c))
        .count();
    ctrl > 0 && ctrl * 20 > head.len().min(200) || head.contains(&0)
}

/// Reads one file.
pub fn read_path(path: &Path) -> Result<SourceDoc> {
    let bytes = std::fs::read(path).map_err(|e| Error::Io {
        path: path.to_path_buf(),
        source: e,
    })?;
    // An HTML page's bytes go as soon as they are decoded (see there).
    if kind_of(path, &bytes) == Sniffed::Html {
        return html::read_source_owned(path, bytes);
    }
    read_bytes(path, &bytes)
}

/// The format of a file: sniffed, the extension breaking a tie.
fn kind_of(path: &Path, bytes: &[u8]) -> Sniffed {
    match sniff(bytes) {
        Sniffed::Text if html_by_extension(path, bytes) => Sniffed::Html,
        k => k,
    }
}

/// Reads already-read bytes; `path` names the source in messages.
pub fn read_bytes(path: &Path, bytes: &[u8]) -> Result<SourceDoc> {
    match kind_of(path, bytes) {
        Sniffed::Empty => Err(Error::unsupported(path, "file is empty")),
        Sniffed::Binary => Err(Error::unsupported(
            path,
            "binary file, not a PDF, HTML page or text extract",
        )),
        Sniffed::Pdf => crate::sources::pdf::tables::read_source(path, bytes),
        Sniffed::Html => html::read_source(path, bytes),
        Sniffed::Text => text::read_source(path, bytes),
        Sniffed::Xlsx => {
            let tables = crate::sources::xlsx::read(path, bytes)?;
            Ok(from_tables(path, Format::Xlsx, tables))
        }
        Sniffed::Ole => {
            let tables = crate::sources::xlsx::read(path, bytes)?;
            Ok(from_tables(path, Format::Xls, tables))
        }
        Sniffed::Docx => {
            let tables = crate::sources::docx::read(path, bytes)?;
            Ok(from_tables(path, Format::Docx, tables))
        }
    }
}

/// A source's tables through the table stage, wrapped as a document
/// (XLSX, XLS, DOCX).
pub fn from_tables(path: &Path, format: Format, mut tables: Vec<LogicalTable>) -> SourceDoc {
    tables.iter_mut().for_each(crate::table::finish);
    if format == Format::Docx {
        // Word tables split at page breaks come as pieces.
        tables = crate::table::join::join_tables(tables);
    }
    let pages = tables.iter().map(|t| t.last_page).max().unwrap_or(0);
    SourceDoc {
        source: path.display().to_string(),
        format,
        pages,
        tables,
        warnings: Vec::new(),
        seen: None,
    }
}

/// An `.htm`/`.html` file whose start did not look like a page (a CMS
/// fragment opening with a long `<div><style>`) is still HTML if it has tags.
fn html_by_extension(path: &Path, bytes: &[u8]) -> bool {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let head = &bytes[..bytes.len().min(64 * 1024)];
    matches!(ext.as_deref(), Some("htm" | "html"))
        && head
            .windows(2)
            .any(|w| w[0] == b'<' && w[1].is_ascii_alphabetic())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_by_content() {
        assert_eq!(sniff(b"%PDF-1.7\n"), Sniffed::Pdf);
        assert_eq!(sniff(b"\xEF\xBB\xBF<!DOCTYPE html><html>"), Sniffed::Html);
        assert_eq!(sniff(b"<html xmlns:v=\"urn\">"), Sniffed::Html);
        assert_eq!(sniff("## 项目支出绩效目标表\n".as_bytes()), Sniffed::Text);
        assert_eq!(sniff(b"  \n\t"), Sniffed::Empty);
        assert_eq!(sniff(b"\x00\x01\x02\x03binary"), Sniffed::Binary);
    }

    /// A page read from its path (bytes freed once decoded) is read as
    /// from its bytes.
    #[test]
    fn html_from_a_path_reads_as_from_bytes() {
        for name in ["samples/seed-html-word.htm", "samples/html-paged.html"] {
            let path = Path::new(name);
            let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(kind_of(path, &bytes), Sniffed::Html);
            let a = format!("{:?}", read_path(path));
            assert_eq!(a, format!("{:?}", read_bytes(path, &bytes)));
            assert!(a.starts_with("Ok("), "{name}");
        }
    }

    #[test]
    fn html_extension_breaks_the_tie_for_fragments() {
        let frag = format!(
            "{}<div><table><tr><td>x</td></tr></table></div>",
            " ".repeat(600)
        );
        assert!(html_by_extension(Path::new("a.HTML"), frag.as_bytes()));
        assert!(!html_by_extension(Path::new("a.txt"), frag.as_bytes()));
        assert!(!html_by_extension(
            Path::new("a.html"),
            "纯文字 a < b".as_bytes()
        ));
    }
}
