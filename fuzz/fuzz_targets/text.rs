//! Text extracts: ingest and every later stage must not panic on any bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    if let Ok(raw) = yusuan::ingest::text::read(Path::new("fuzz.txt"), data) {
        let doc = yusuan::pipeline::convert_raw(raw);
        let _ = yusuan::emit::render(&[doc], yusuan::emit::EmitOptions::default());
    }
});
