//! Word documents: any bytes through the DOCX source (zip container,
//! streamed document XML, gridSpan/vMerge, page breaks).
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let path = Path::new("fuzz.docx");
    let containers = yusuan::sources::docx::read(path, data);
    // The bytes as the document part itself, where most of the reader is.
    let parts = yusuan::sources::docx::from_document_xml(path, data);
    for tables in [containers, parts].into_iter().flatten() {
        for t in &tables {
            let _ = t.flat_header();
            let _ = t.body_rows();
        }
    }
});
