//! RFC 4180 CSV (CRLF line ends, quoting where needed), UTF-8, optional BOM.

use super::sheet::{Cell, Labels, Sheet};
use crate::error::{Error, Result};
use std::io::Write;

fn csv_err(e: impl std::fmt::Display) -> Error {
    Error::Write {
        path: "csv".into(),
        source: std::io::Error::other(e.to_string()),
    }
}

pub fn write_sheet(s: &Sheet, bom: bool, labels: Labels) -> Result<Vec<u8>> {
    let mut buf = Vec::new();
    write_sheet_to(&mut buf, s, bom, labels).map_err(csv_err)?;
    Ok(buf)
}

/// The sheet as CSV into `w` (a file, or a buffer).
pub fn write_sheet_to(
    w: &mut dyn Write,
    s: &Sheet,
    bom: bool,
    labels: Labels,
) -> std::io::Result<()> {
    write_rows_to(w, &s.header(labels), s.rows.iter(), bom)
}

/// A header and rows as CSV into `w`, one row at a time (rows made on the
/// fly need not be held).
pub fn write_rows_to<R: AsRef<[Cell]>>(
    w: &mut dyn Write,
    header: &[String],
    rows: impl Iterator<Item = R>,
    bom: bool,
) -> std::io::Result<()> {
    if bom {
        w.write_all(b"\xEF\xBB\xBF")?;
    }
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(w);
    w.write_record(header)?;
    for row in rows {
        w.write_record(row.as_ref().iter().map(|c| c.as_text()))?;
    }
    w.flush()
}
