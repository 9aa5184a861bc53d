//! No panic on any input: truncated, bit-flipped, empty and non-PDF bytes
//! give a clean result or a one-line error naming the file.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use yusuan::sources::pdf;

fn variants(base: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut out = vec![
        ("empty".to_string(), Vec::new()),
        ("text".to_string(), b"just some words, not a PDF\n".to_vec()),
        ("header only".to_string(), b"%PDF-1.7\n".to_vec()),
        (
            "header and garbage".to_string(),
            b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 9 0 R >>\n".to_vec(),
        ),
    ];
    for cut in (0..base.len()).step_by(37) {
        out.push((format!("truncated at {cut}"), base[..cut].to_vec()));
    }
    // Deterministic pseudo-random bit flips (LCG), 1 and 8 flips each.
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as usize
    };
    for round in 0..300 {
        let mut b = base.to_vec();
        for _ in 0..(1 + round % 8) {
            let i = next() % b.len();
            b[i] ^= 1 << (next() % 8);
        }
        out.push((format!("bit flips #{round}"), b));
    }
    let mut junk = b"%PDF-1.5\n".to_vec();
    junk.extend((0..4000).map(|_| next() as u8));
    out.push(("random body".to_string(), junk));
    out
}

#[test]
fn corrupted_inputs_never_panic() {
    let panics = Arc::new(AtomicUsize::new(0));
    let counter = panics.clone();
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        counter.fetch_add(1, Ordering::SeqCst);
        default_hook(info);
    }));
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/pdf");
    let mut errors = 0;
    let mut total = 0;
    for base in [
        "form-xobject.pdf",
        "tounicode.pdf",
        "lines.pdf",
        "encrypted-empty-user.pdf",
    ] {
        let bytes = std::fs::read(dir.join(base)).expect("test file present");
        for (what, data) in variants(&bytes) {
            let path = Path::new("bad").join(format!("{base} {what}"));
            total += 1;
            if let Err(e) = pdf::open(&path, &data) {
                errors += 1;
                let msg = e.to_string();
                assert!(msg.starts_with(&path.display().to_string()), "{msg}");
                assert!(!msg.contains('\n'), "{msg}");
            }
        }
    }
    let _ = std::panic::take_hook();
    assert_eq!(
        panics.load(Ordering::SeqCst),
        0,
        "panics on corrupted input"
    );
    // Empty, text and header-only inputs at least must be errors.
    assert!(errors >= 12, "{errors} errors of {total}");
}

#[test]
fn empty_and_non_pdf_errors_say_why() {
    let p = Path::new("x.pdf");
    assert!(pdf::open(p, b"")
        .expect_err("empty")
        .to_string()
        .contains("empty"));
    assert!(pdf::open(p, b"hello")
        .expect_err("text")
        .to_string()
        .contains("not a PDF"));
}
