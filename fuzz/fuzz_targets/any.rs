//! Any bytes through format sniffing and the whole pipeline.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    if let Ok(raw) = yusuan::ingest::read_bytes(Path::new("fuzz"), data) {
        let doc = yusuan::pipeline::convert_raw(raw);
        let _ = yusuan::emit::render(&[doc], yusuan::emit::EmitOptions::default());
    }
});
