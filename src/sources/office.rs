//! Office containers (zip for XLSX/DOCX, OLE for XLS and encrypted OOXML):
//! sniffing them and bounding what their parts may decompress to; and cell
//! text as a reader sees it.

use super::limits::{MAX_PART_BYTES, MAX_TOTAL_BYTES};
use crate::{Error, Result};
use std::io::Cursor;
use std::path::Path;

/// The kind of Office document inside a zip container.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ZipKind {
    /// A spreadsheet (`xl/workbook.xml`).
    Xlsx,
    /// A Word document (`word/document.xml`).
    Docx,
}

/// The OLE compound-file signature (XLS, DOC, and encrypted OOXML).
const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Whether `bytes` start like an OLE compound file (XLS, or an encrypted
/// XLSX/DOCX, which is an OLE file holding `EncryptionInfo`).
pub fn is_ole(bytes: &[u8]) -> bool {
    bytes.starts_with(&OLE_MAGIC)
}

/// Whether `bytes` start like a zip container.
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// Whether an OLE file is an encrypted (password-protected) OOXML package:
/// its directory names the `EncryptionInfo` or `EncryptedPackage` stream
/// (stored as UTF-16LE names).
pub fn is_encrypted_ole(bytes: &[u8]) -> bool {
    let utf16 = |s: &str| -> Vec<u8> { s.encode_utf16().flat_map(u16::to_le_bytes).collect() };
    let holds = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    is_ole(bytes) && (holds(&utf16("EncryptionInfo")) || holds(&utf16("EncryptedPackage")))
}

/// Tells a workbook from a Word document by the part names of a zip
/// container; `None` for a zip that is neither (or not a zip at all).
pub fn sniff_zip(bytes: &[u8]) -> Option<ZipKind> {
    if !is_zip(bytes) {
        return None;
    }
    let archive = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let has = |name: &str| archive.index_for_name(name).is_some();
    if has("xl/workbook.xml") || has("xl/workbook.bin") {
        Some(ZipKind::Xlsx)
    } else if has("word/document.xml") {
        Some(ZipKind::Docx)
    } else {
        None
    }
}

/// Checks a zip container before anything is decompressed: every part but
/// images and embedded binaries (which the readers never inflate) declared
/// under [`MAX_PART_BYTES`] and their sum under
/// [`MAX_TOTAL_BYTES`]. A part that inflates past its declared size fails
/// when read (the `zip` crate stops it there), so the declared sizes bound
/// what reading the container can cost.
pub fn check_zip(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| Error::malformed(path, format!("not a readable zip container: {e}")))?;
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let part = archive
            .by_index_raw(i)
            .map_err(|e| Error::malformed(path, format!("damaged zip part: {e}")))?;
        let name = part
            .name()
            .map_or_else(|_| format!("#{i}"), |n| n.into_owned());
        if is_media(&name) {
            continue;
        }
        let size = part.size();
        if size > MAX_PART_BYTES {
            return Err(Error::unsupported(
                path,
                format!(
                    "zip part {name} decompresses to {} MiB, over the {} MiB limit",
                    size >> 20,
                    MAX_PART_BYTES >> 20
                ),
            ));
        }
        total = total.saturating_add(size);
        if total > MAX_TOTAL_BYTES {
            return Err(Error::unsupported(
                path,
                format!(
                    "zip parts decompress to over {} MiB (a zip bomb?)",
                    MAX_TOTAL_BYTES >> 20
                ),
            ));
        }
    }
    Ok(())
}

/// Images, media and embedded binaries, by extension (any case): the
/// readers never inflate them. Every other part counts, whatever its name
/// (a relationship may point a sheet at any part name).
fn is_media(name: &str) -> bool {
    const MEDIA: [&str; 16] = [
        "png", "jpg", "jpeg", "gif", "bmp", "tif", "tiff", "emf", "wmf", "svg", "wdp", "bin",
        "mp4", "wav", "ttf", "odttf",
    ];
    let ext = name.rsplit_once('.').map_or("", |(_, e)| e);
    MEDIA.iter().any(|m| ext.eq_ignore_ascii_case(m))
}

/// Cell text as a reader sees it: trimmed, whitespace runs (line breaks
/// inside a cell included) removed next to CJK text (`合  计` → `合计`)
/// and collapsed to one space between Latin words.
pub fn clean_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.trim().chars() {
        if c.is_whitespace() {
            pending_space = true;
            continue;
        }
        if pending_space && !is_wide(c) && !out.chars().next_back().is_some_and(is_wide) {
            out.push(' ');
        }
        pending_space = false;
        out.push(c);
    }
    out
}

/// A line printed beside a table (title, `部门名称：…    单位：万元`): like
/// [`clean_text`] within each part, but a wide gap (a tab, or three or
/// more spaces) between two parts is kept as one space, so two items set
/// apart on one line stay apart.
pub fn clean_line(s: &str) -> String {
    let mut parts = Vec::new();
    let mut part = String::new();
    let mut spaces = 0;
    for c in s.chars() {
        if c == '\t' || (c.is_whitespace() && spaces >= 2) {
            spaces = 3;
        } else if c.is_whitespace() {
            spaces += 1;
        } else {
            if spaces >= 3 {
                parts.push(clean_text(&std::mem::take(&mut part)));
            }
            spaces = 0;
        }
        part.push(c);
    }
    parts.push(clean_text(&part));
    parts.retain(|p| !p.is_empty());
    parts.join(" ")
}

/// CJK ideographs, kana, hangul, and full-width punctuation and forms: text
/// that is set without spaces between words.
fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F
        | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_text_drops_cjk_letter_spacing_keeps_latin_words() {
        assert_eq!(clean_text("  合  计 "), "合计");
        assert_eq!(clean_text("项目\n名称"), "项目名称");
        assert_eq!(clean_text("2025年 1月"), "2025年1月");
        assert_eq!(clean_text("Project\nName"), "Project Name");
        assert_eq!(clean_text("GDP  增长"), "GDP增长");
        assert_eq!(clean_text("a, b"), "a, b");
    }

    #[test]
    fn clean_line_keeps_wide_gaps() {
        assert_eq!(
            clean_line("部门名称：某某局        单位：万元"),
            "部门名称：某某局 单位：万元"
        );
        assert_eq!(
            clean_line("编制单位：甲\t单位：元"),
            "编制单位：甲 单位：元"
        );
        assert_eq!(clean_line("  收  支  总  表 "), "收支总表");
    }

    #[test]
    fn media_parts_do_not_count_against_the_caps() {
        use std::io::Write;
        let mut buf = Cursor::new(Vec::new());
        let mut z = zip::ZipWriter::new(&mut buf);
        // Stored: writing the oversized image costs a copy, not a deflate.
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        z.start_file("word/media/image1.png", opts).unwrap();
        z.write_all(&vec![0u8; (MAX_PART_BYTES + 1) as usize])
            .unwrap();
        z.start_file("word/document.xml", opts).unwrap();
        z.write_all(b"<w:document/>").unwrap();
        z.finish().unwrap();
        assert!(check_zip(Path::new("d.docx"), buf.get_ref()).is_ok());
        assert!(is_media("word/media/image1.PNG") && is_media("xl/vbaProject.bin"));
        assert!(!is_media("xl/worksheets/sheet1.xml") && !is_media("xl/worksheets/sheet1.dat"));
    }

    #[test]
    fn sniffs_magic() {
        assert!(is_ole(&OLE_MAGIC));
        assert!(!is_ole(b"PK\x03\x04"));
        assert_eq!(sniff_zip(b"PK\x03\x04 not really"), None);
        assert_eq!(sniff_zip(b"%PDF-1.4"), None);
    }
}
