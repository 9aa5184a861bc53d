//! Inputs kept from the fuzzing runs (tests/data/fuzz/<target>/, the
//! smallest files of each libFuzzer corpus plus any crash found): every one
//! goes through ingest, the whole pipeline and the writers without a panic.
//! Refresh with scripts/keep-fuzz-corpus.sh after a fuzzing session.

use std::path::Path;
use yusuan::emit::{render, EmitOptions};

fn replay(dir: &Path) -> usize {
    let mut n = 0;
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("corpus dir")
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    for f in files {
        let bytes = std::fs::read(&f).expect("corpus file");
        // The name decides nothing: sniffing reads the content.
        let input = yusuan::Input::Bytes {
            name: "fuzz-input",
            bytes: &bytes,
        };
        if let Ok(doc) = yusuan::convert(input, &yusuan::Options::default()) {
            render(
                &[doc],
                EmitOptions {
                    xlsx: true,
                    ..EmitOptions::default()
                },
            )
            .expect("renders");
        }
        if let Ok(doc) = yusuan::sources::pdf::open(Path::new("fuzz-input"), &bytes) {
            let _ = yusuan::sources::pdf::text::document_text(&doc.pages);
        }
        n += 1;
    }
    n
}

#[test]
fn kept_fuzz_inputs_run_without_panic() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/fuzz");
    let mut total = 0;
    for target in ["text", "html", "pdf"] {
        let n = replay(&root.join(target));
        assert!(n >= 20, "{target}: only {n} kept inputs");
        total += n;
    }
    assert!(total >= 60);
}
