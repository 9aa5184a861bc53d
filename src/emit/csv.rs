//! RFC 4180 CSV (CRLF line ends, quoting where needed), UTF-8, optional BOM.

use super::sheet::{Labels, Sheet};
use crate::error::{Error, Result};

fn csv_err(e: impl std::fmt::Display) -> Error {
    Error::Write {
        path: "csv".into(),
        source: std::io::Error::other(e.to_string()),
    }
}

pub fn write_sheet(s: &Sheet, bom: bool, labels: Labels) -> Result<Vec<u8>> {
    let mut buf = Vec::new();
    if bom {
        buf.extend_from_slice(b"\xEF\xBB\xBF");
    }
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(buf);
    w.write_record(s.header(labels)).map_err(csv_err)?;
    for row in &s.rows {
        w.write_record(row.iter().map(|c| c.as_text()))
            .map_err(csv_err)?;
    }
    w.into_inner().map_err(csv_err)
}
