//! HTML pages: decoding, table finding, span expansion and every later stage.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    if let Ok(raw) = yusuan::ingest::html::read(Path::new("fuzz.html"), data) {
        let doc = yusuan::pipeline::convert_raw(raw);
        let _ = yusuan::emit::render(&[doc], yusuan::emit::EmitOptions::default());
    }
});
