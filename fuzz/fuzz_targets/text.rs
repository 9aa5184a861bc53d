//! Text extracts: the source and every later stage must not panic on any bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    if let Ok(src) = yusuan::sources::text::read_source(Path::new("fuzz.txt"), data) {
        if let Ok(doc) = yusuan::pipeline::convert_source(src) {
            let _ = yusuan::emit::render(&[doc], yusuan::emit::EmitOptions::default());
        }
    }
});
