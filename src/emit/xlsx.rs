//! One workbook with a sheet each for projects and indicators; amounts and
//! counts are numbers, so sums work in the spreadsheet.

use super::sheet::{Cell, Labels, Sheet};
use crate::error::{Error, Result};
use rust_xlsxwriter::{Format, Workbook, XlsxError};

fn xerr(e: XlsxError) -> Error {
    Error::Write {
        path: "yusuan.xlsx".into(),
        source: std::io::Error::other(e.to_string()),
    }
}

pub fn workbook(sheets: &[Sheet], labels: Labels) -> Result<Vec<u8>> {
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    for s in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(s.name).map_err(xerr)?;
        for (c, h) in s.header(labels).iter().enumerate() {
            ws.write_string_with_format(0, col(c), h, &bold)
                .map_err(xerr)?;
        }
        for (r, row) in s.rows.iter().enumerate() {
            let r = u32::try_from(r + 1).map_err(|_| xerr(XlsxError::RowColumnLimitError))?;
            for (c, cell) in row.iter().enumerate() {
                write_cell(ws, r, col(c), cell)?;
            }
        }
        ws.set_freeze_panes(1, 0).map_err(xerr)?;
    }
    wb.save_to_buffer().map_err(xerr)
}

fn col(c: usize) -> u16 {
    u16::try_from(c).unwrap_or(u16::MAX)
}

fn write_cell(ws: &mut rust_xlsxwriter::Worksheet, r: u32, c: u16, cell: &Cell) -> Result<()> {
    match cell {
        Cell::Text(s) if s.is_empty() => Ok(()),
        Cell::Text(s) => ws.write_string(r, c, s).map(|_| ()).map_err(xerr),
        Cell::Amount(None) => Ok(()),
        Cell::Amount(Some(a)) => {
            // Shown with the printed decimals; the value is the exact decimal's nearest double.
            let v: f64 = a.to_string().parse().unwrap_or(0.0);
            ws.write_number(r, c, v).map(|_| ()).map_err(xerr)
        }
        Cell::Int(i) => ws.write_number(r, c, *i as f64).map(|_| ()).map_err(xerr),
    }
}
