//! The number format of each numeric cell of an XLS (BIFF8) workbook,
//! which calamine reads but does not expose: the FORMAT and XF records of
//! the workbook globals and the XF index of each NUMBER, RK, MULRK and
//! FORMULA record. Best effort: anything unexpected leaves the cell (or the
//! whole workbook) in the `General` form, never an error.

use std::collections::HashMap;
use std::io::{Cursor, Read};

/// Per sheet (in BOUNDSHEET order, as calamine lists them): the format
/// code of each numeric cell at (row, column).
#[derive(Debug, Default)]
pub struct XlsFormats {
    pub sheets: Vec<HashMap<(u32, u32), String>>,
}

/// One BIFF record: its type and data.
struct Record<'a> {
    typ: u16,
    data: &'a [u8],
}

/// Records from `pos` on, stopping at the first that does not fit.
fn records(stream: &[u8], pos: usize) -> impl Iterator<Item = Record<'_>> {
    let mut at = pos;
    std::iter::from_fn(move || {
        let head = stream.get(at..at.checked_add(4)?)?;
        let typ = u16::from_le_bytes([head[0], head[1]]);
        let len = usize::from(u16::from_le_bytes([head[2], head[3]]));
        let data = stream.get(at + 4..at + 4 + len)?;
        at += 4 + len;
        Some(Record { typ, data })
    })
}

fn u16_at(d: &[u8], i: usize) -> Option<u16> {
    Some(u16::from_le_bytes(d.get(i..i + 2)?.try_into().ok()?))
}

fn u32_at(d: &[u8], i: usize) -> Option<u32> {
    Some(u32::from_le_bytes(d.get(i..i + 4)?.try_into().ok()?))
}

const BOF: u16 = 0x0809;
const EOF: u16 = 0x000A;
const FORMAT: u16 = 0x041E;
const XF: u16 = 0x00E0;
const BOUNDSHEET: u16 = 0x0085;
const NUMBER: u16 = 0x0203;
const RK: u16 = 0x027E;
const MULRK: u16 = 0x00BD;
const FORMULA: u16 = 0x0006;

/// Reads the formats of an XLS file; empty when it is not BIFF8 or cannot
/// be read.
pub fn read(bytes: &[u8]) -> XlsFormats {
    read_stream(bytes)
        .map(|s| from_workbook(&s))
        .unwrap_or_default()
}

fn read_stream(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut file = cfb::CompoundFile::open(Cursor::new(bytes)).ok()?;
    let mut stream = file.open_stream("/Workbook").ok()?;
    let mut out = Vec::new();
    // The stream is no larger than the file it is in.
    stream
        .by_ref()
        .take(bytes.len() as u64)
        .read_to_end(&mut out)
        .ok()?;
    Some(out)
}

fn from_workbook(stream: &[u8]) -> XlsFormats {
    let mut custom: HashMap<u16, String> = HashMap::new();
    let mut xf_formats: Vec<u16> = Vec::new();
    let mut sheet_pos: Vec<usize> = Vec::new();
    for r in records(stream, 0) {
        match r.typ {
            FORMAT => {
                if let (Some(id), Some(code)) = (u16_at(r.data, 0), unicode_string(r.data, 2)) {
                    custom.insert(id, code);
                }
            }
            XF => xf_formats.push(u16_at(r.data, 2).unwrap_or(0)),
            BOUNDSHEET => sheet_pos.push(u32_at(r.data, 0).unwrap_or(0) as usize),
            EOF => break,
            _ => {}
        }
    }
    let code_of = |ixfe: u16| -> Option<String> {
        let id = *xf_formats.get(usize::from(ixfe))?;
        custom
            .get(&id)
            .cloned()
            .or_else(|| super::numfmt::builtin_code(u32::from(id)).map(str::to_string))
    };
    let sheets = sheet_pos
        .iter()
        .map(|&pos| sheet_cells(stream, pos, &code_of))
        .collect();
    XlsFormats { sheets }
}

/// The numeric cells of the sheet substream at `pos` (embedded chart
/// substreams skipped) with their format codes, `General` ones left out.
fn sheet_cells(
    stream: &[u8],
    pos: usize,
    code_of: &dyn Fn(u16) -> Option<String>,
) -> HashMap<(u32, u32), String> {
    let mut out = HashMap::new();
    let mut depth = 0usize;
    let mut put = |row: u16, col: u16, ixfe: u16| {
        if let Some(code) = code_of(ixfe).filter(|c| c != "General") {
            out.insert((u32::from(row), u32::from(col)), code);
        }
    };
    for r in records(stream, pos) {
        match r.typ {
            BOF => depth += 1,
            EOF => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    break;
                }
            }
            NUMBER | RK | FORMULA if depth == 1 => {
                if let (Some(row), Some(col), Some(ixfe)) =
                    (u16_at(r.data, 0), u16_at(r.data, 2), u16_at(r.data, 4))
                {
                    put(row, col, ixfe);
                }
            }
            MULRK if depth == 1 => {
                let (Some(row), Some(first)) = (u16_at(r.data, 0), u16_at(r.data, 2)) else {
                    continue;
                };
                let n = r.data.len().saturating_sub(6) / 6;
                for k in 0..n {
                    if let Some(ixfe) = u16_at(r.data, 4 + 6 * k) {
                        let col = first.saturating_add(u16::try_from(k).unwrap_or(u16::MAX));
                        put(row, col, ixfe);
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// A BIFF8 XLUnicodeString at `i`: a 16-bit count, a flags byte (bit 0:
/// two bytes per character), then the characters.
fn unicode_string(d: &[u8], i: usize) -> Option<String> {
    let cch = usize::from(u16_at(d, i)?);
    let flags = *d.get(i + 2)?;
    let body = d.get(i + 3..)?;
    if flags & 1 == 1 {
        let units: Vec<u16> = body
            .chunks_exact(2)
            .take(cch)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        Some(String::from_utf16_lossy(&units))
    } else {
        Some(body.iter().take(cch).map(|&b| char::from(b)).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(typ: u16, data: &[u8]) -> Vec<u8> {
        let mut v = typ.to_le_bytes().to_vec();
        v.extend((data.len() as u16).to_le_bytes());
        v.extend(data);
        v
    }

    #[test]
    fn formats_of_numeric_cells() {
        let mut s = rec(BOF, &[0, 6, 5, 0]);
        let mut fmt = 164u16.to_le_bytes().to_vec();
        fmt.extend(8u16.to_le_bytes());
        fmt.push(0);
        fmt.extend(b"#,##0.00");
        s.extend(rec(FORMAT, &fmt));
        s.extend(rec(XF, &[0, 0, 0, 0])); // ixfe 0: General
        s.extend(rec(XF, &[0, 0, 164, 0])); // ixfe 1: custom
        s.extend(rec(XF, &[0, 0, 10, 0])); // ixfe 2: built-in 0.00%
        let sheet_at = s.len() + 10 + 4; // after BOUNDSHEET and EOF
        let mut bs = (sheet_at as u32).to_le_bytes().to_vec();
        bs.extend([0, 0]);
        s.extend(rec(BOUNDSHEET, &bs));
        s.extend(rec(EOF, &[]));
        assert_eq!(s.len(), sheet_at);
        s.extend(rec(BOF, &[0, 6, 16, 0]));
        s.extend(rec(NUMBER, &[1, 0, 2, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
        s.extend(rec(
            MULRK,
            &[3, 0, 0, 0, 2, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0],
        ));
        s.extend(rec(EOF, &[]));
        let f = from_workbook(&s);
        assert_eq!(f.sheets.len(), 1);
        let cells = &f.sheets[0];
        assert_eq!(cells.get(&(1, 2)).map(String::as_str), Some("#,##0.00"));
        assert_eq!(cells.get(&(3, 0)).map(String::as_str), Some("0.00%"));
        assert_eq!(cells.get(&(3, 1)).map(String::as_str), Some("#,##0.00"));
        assert_eq!(cells.len(), 3);
    }

    #[test]
    fn truncated_streams_are_empty() {
        assert!(read(b"not an ole file").sheets.is_empty());
        let s = rec(BOUNDSHEET, &[255, 255, 255, 255, 0, 0]);
        let f = from_workbook(&s[..s.len() - 1]);
        assert!(f.sheets.is_empty());
    }
}
