//! HTML pages: decoding, table finding, span expansion and every later stage.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    if let Ok(src) = yusuan::sources::html::read_source(Path::new("fuzz.html"), data) {
        if let Ok(doc) = yusuan::pipeline::convert_source(src) {
            let _ = yusuan::emit::render(&[doc], yusuan::emit::EmitOptions::default());
        }
    }
});
