//! A pass over an XLS workbook's records before calamine reads it: the
//! number format of each numeric cell, which calamine reads but does not
//! expose (the FORMAT and XF records of the workbook globals and the XF
//! index of each NUMBER, RK, MULRK and FORMULA record), and each sheet's
//! declared and used size, which calamine allocates up front. Best effort:
//! anything unexpected leaves a cell (or the whole workbook) in the
//! `General` form.

use std::collections::HashMap;
use std::io::{Cursor, Read};

/// The format code of each XF record, and each sheet (in BOUNDSHEET
/// order, as calamine lists them).
#[derive(Debug, Default)]
pub struct XlsFormats {
    pub codes: Vec<String>,
    pub sheets: Vec<SheetScan>,
}

/// One sheet's records as seen before calamine reads them.
#[derive(Debug, Default)]
pub struct SheetScan {
    /// The XF index of each numeric cell whose format is not `General`.
    pub formats: HashMap<(u32, u32), u16>,
    /// Bounding box of the value records: (first row, last row, first
    /// column, last column).
    pub used: Option<(u32, u32, u32, u32)>,
    /// A DIMENSIONS record beyond an XLS sheet (65,536 × 256) or inverted:
    /// calamine would reserve memory for it.
    pub bad_dimensions: bool,
}

impl SheetScan {
    /// Rows × columns of the used range.
    pub fn used_slots(&self) -> usize {
        self.used.map_or(0, |(r0, r1, c0, c1)| {
            let rows = r1.saturating_sub(r0) as usize + 1;
            rows.saturating_mul(c1.saturating_sub(c0) as usize + 1)
        })
    }

    fn widen(&mut self, row: u16, col: u16) {
        let (r, c) = (u32::from(row), u32::from(col));
        let (r0, r1, c0, c1) = self.used.unwrap_or((r, r, c, c));
        self.used = Some((r0.min(r), r1.max(r), c0.min(c), c1.max(c)));
    }
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
const LABEL: u16 = 0x0204;
const RSTRING: u16 = 0x00D6;
const BOOLERR: u16 = 0x0205;
const LABELSST: u16 = 0x00FD;
const DIMENSIONS: u16 = 0x0200;
/// BOF version of BIFF8, whose FORMAT strings are read here.
const BIFF8: u16 = 0x0600;

/// Reads the formats of an XLS file; empty when it is not BIFF8 or cannot
/// be read.
/// Walks the OLE container with the `cfb` crate, which checks every sector
/// chain for loops and ends, and reads each stream to its end (no further
/// than the file's size). calamine's own container reader follows a looped
/// chain until memory runs out (7 KB of fuzzed bytes took 24 GB), so a
/// container `cfb` refuses never reaches it.
pub fn check_container(bytes: &[u8]) -> Result<(), String> {
    let mut file = cfb::CompoundFile::open(Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let streams: Vec<_> = file
        .walk()
        .filter(|e| e.is_stream())
        .map(|e| e.path().to_path_buf())
        .collect();
    let limit = bytes.len() as u64 + 1;
    for path in streams {
        let stream = file.open_stream(&path).map_err(|e| e.to_string())?;
        let read = std::io::copy(&mut stream.take(limit), &mut std::io::sink())
            .map_err(|e| format!("{}: {e}", path.display()))?;
        if read >= limit {
            return Err(format!("{}: a stream larger than the file", path.display()));
        }
    }
    Ok(())
}

pub fn read(bytes: &[u8]) -> XlsFormats {
    read_stream(bytes)
        .map(|s| from_workbook(&s))
        .unwrap_or_default()
}

fn read_stream(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut file = cfb::CompoundFile::open(Cursor::new(bytes)).ok()?;
    // BIFF8 names the stream Workbook, BIFF5 Book.
    let mut stream = file
        .open_stream("/Workbook")
        .or_else(|_| file.open_stream("/Book"))
        .ok()?;
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
    let mut biff8 = false;
    for r in records(stream, 0) {
        match r.typ {
            BOF => biff8 = u16_at(r.data, 0) == Some(BIFF8),
            FORMAT if biff8 => {
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
    let codes: Vec<String> = xf_formats
        .iter()
        .map(|id| {
            custom.get(id).cloned().unwrap_or_else(|| {
                super::numfmt::builtin_code(u32::from(*id))
                    .unwrap_or("General")
                    .to_string()
            })
        })
        .collect();
    let sheets = sheet_pos
        .iter()
        .map(|&pos| sheet_cells(stream, pos, &codes))
        .collect();
    XlsFormats { codes, sheets }
}

/// The sheet substream at `pos` (embedded chart substreams skipped): the
/// formats of its numeric cells, its used range and its DIMENSIONS.
fn sheet_cells(stream: &[u8], pos: usize, codes: &[String]) -> SheetScan {
    let mut scan = SheetScan::default();
    let mut depth = 0usize;
    for r in records(stream, pos) {
        match r.typ {
            BOF => depth += 1,
            EOF => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    break;
                }
            }
            _ if depth != 1 => {}
            DIMENSIONS => scan.bad_dimensions |= !dimensions_fit(r.data),
            NUMBER | RK | FORMULA | LABEL | RSTRING | BOOLERR | LABELSST => {
                let (Some(row), Some(col)) = (u16_at(r.data, 0), u16_at(r.data, 2)) else {
                    continue;
                };
                scan.widen(row, col);
                if matches!(r.typ, NUMBER | RK | FORMULA) {
                    put_format(&mut scan, codes, row, col, u16_at(r.data, 4));
                }
            }
            MULRK => {
                let (Some(row), Some(first)) = (u16_at(r.data, 0), u16_at(r.data, 2)) else {
                    continue;
                };
                let n = r.data.len().saturating_sub(6) / 6;
                for k in 0..n {
                    let col = first.saturating_add(u16::try_from(k).unwrap_or(u16::MAX));
                    scan.widen(row, col);
                    put_format(&mut scan, codes, row, col, u16_at(r.data, 4 + 6 * k));
                }
            }
            _ => {}
        }
    }
    scan
}

fn put_format(scan: &mut SheetScan, codes: &[String], row: u16, col: u16, ixfe: Option<u16>) {
    let Some(ixfe) = ixfe else {
        return;
    };
    if codes.get(usize::from(ixfe)).is_some_and(|c| c != "General") {
        scan.formats.insert((u32::from(row), u32::from(col)), ixfe);
    }
}

/// Whether a DIMENSIONS record (BIFF8 32-bit rows, or BIFF5 16-bit) stays
/// within an XLS sheet and is not inverted, as calamine reads it.
fn dimensions_fit(d: &[u8]) -> bool {
    let (first_row, last_row, last_col) = match d.len() {
        10 => (
            u16_at(d, 0).map(u32::from),
            u16_at(d, 2).map(u32::from),
            u16_at(d, 6),
        ),
        14 | 16 => (u32_at(d, 0), u32_at(d, 4), u16_at(d, 10)),
        _ => return true, // calamine refuses the record itself
    };
    let (Some(rf), Some(rl), Some(cl)) = (first_row, last_row, last_col) else {
        return true;
    };
    // "Last" values are one past the end, 0 for an empty sheet; calamine
    // resets an inverted first column itself.
    rl <= 65_536 && cl <= 256 && (rl == 0 || rf <= rl)
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
        let code = |pos| {
            let ixfe = f.sheets[0].formats.get(&pos)?;
            f.codes.get(usize::from(*ixfe)).map(String::as_str)
        };
        assert_eq!(code((1, 2)), Some("#,##0.00"));
        assert_eq!(code((3, 0)), Some("0.00%"));
        assert_eq!(code((3, 1)), Some("#,##0.00"));
        assert_eq!(f.sheets[0].formats.len(), 3);
        assert_eq!(f.sheets[0].used, Some((1, 3, 0, 2)));
        assert!(!f.sheets[0].bad_dimensions);
    }

    #[test]
    fn dimensions_beyond_a_sheet_are_flagged() {
        let dims = |rf: u32, rl: u32, cl: u16| {
            let mut d = rf.to_le_bytes().to_vec();
            d.extend(rl.to_le_bytes());
            d.extend([0, 0]);
            d.extend(cl.to_le_bytes());
            d.extend([0, 0]);
            d
        };
        assert!(dimensions_fit(&dims(0, 100, 8)));
        assert!(dimensions_fit(&dims(0, 0, 0)));
        assert!(!dimensions_fit(&dims(0, u32::MAX, 8)));
        assert!(!dimensions_fit(&dims(9, 3, 8)));
        assert!(!dimensions_fit(&dims(0, 10, 60_000)));
    }

    #[test]
    fn truncated_streams_are_empty() {
        assert!(read(b"not an ole file").sheets.is_empty());
        let s = rec(BOUNDSHEET, &[255, 255, 255, 255, 0, 0]);
        let f = from_workbook(&s[..s.len() - 1]);
        assert!(f.sheets.is_empty());
    }
}
