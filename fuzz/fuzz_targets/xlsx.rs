//! Spreadsheets: any bytes through the XLSX/XLS source (zip and OLE
//! containers, sheet XML, merged ranges, number formats).
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    if let Ok(tables) = yusuan::sources::xlsx::read(Path::new("fuzz.xlsx"), data) {
        for t in &tables {
            let _ = t.flat_header();
            let _ = t.body_rows();
        }
    }
    // The format renderer on its own: the input as a format code.
    if let Ok(code) = std::str::from_utf8(data) {
        let _ = yusuan::sources::numfmt::format_number(-1234.5678, code);
        let _ = yusuan::sources::numfmt::format_date(45658.25, false, code);
    }
});
