//! PDFs: the text layer (content streams, fonts, CMaps, ruling lines) and,
//! through sniffing, the whole pipeline.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let path = Path::new("fuzz.pdf");
    if let Ok(doc) = yusuan::sources::pdf::open(path, data) {
        let _ = yusuan::sources::pdf::text::document_text(&doc.pages);
    }
    if let Ok(src) = yusuan::sources::read_bytes(path, data) {
        if let Ok(doc) = yusuan::pipeline::convert_source(src) {
            let _ = yusuan::emit::render(&[doc], yusuan::emit::EmitOptions::default());
        }
    }
});
