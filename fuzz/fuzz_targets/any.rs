//! Any bytes through format sniffing and the whole pipeline.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let input = yusuan::Input::Bytes {
        name: "fuzz",
        bytes: data,
    };
    if let Ok(tables) = yusuan::read_tables(input, &yusuan::Options::default()) {
        for t in &tables.tables {
            let _ = (t.flat_header(), t.body_rows());
        }
    }
    if let Ok(doc) = yusuan::convert(input, &yusuan::Options::default()) {
        let _ = yusuan::emit::render(&[doc], yusuan::emit::EmitOptions::default());
    }
});
