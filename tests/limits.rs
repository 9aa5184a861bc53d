//! Per-file limits through the real binary: a file over --max-memory fails
//! with that reason while the rest of the batch converts.

mod common;

use std::fs;

#[test]
fn a_file_over_the_memory_budget_fails_and_the_batch_goes_on() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let d = tmp.path();
    // 200,000 nested elements: several MiB of DOM, far over 2 MiB.
    let page = format!("<html><body>{}x</body></html>", "<div>".repeat(200_000));
    fs::write(d.join("deep.html"), page).expect("write");
    fs::copy(
        common::root().join("samples/seed-gzast.txt"),
        d.join("seed-gzast.txt"),
    )
    .expect("copy sample");
    let o = common::yusuan(
        d,
        &[
            "convert",
            "deep.html",
            "seed-gzast.txt",
            "-o",
            "out",
            "--max-memory",
            "2",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    let err = common::stderr(&o);
    assert!(
        err.contains("error: deep.html: stopped at over 2 MiB of memory (--max-memory)"),
        "{err}"
    );
    let report = fs::read_to_string(d.join("out/report.json")).expect("report");
    assert!(report.contains("\"ok\": 1"), "{report}");
}
