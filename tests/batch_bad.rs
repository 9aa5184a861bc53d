//! The bad-input set (tests/data/bad, made by scripts/make-bad-inputs.py):
//! every file ends `failed` or `no_table` with a one-line reason naming it,
//! nothing panics, the batch goes on and the exit code says something failed.

mod common;

use common::{stderr, yusuan};
use serde_json::Value;

/// Each bad input's expected status and a word its reason must contain.
const EXPECTED: [(&str, &str, &str); 9] = [
    ("zero-bytes.pdf", "failed", "empty"),
    ("random-bytes.pdf", "failed", "binary"),
    ("truncated.pdf", "failed", "damaged"),
    ("cyclic-page-tree.pdf", "failed", "damaged"),
    ("encrypted-password.pdf", "failed", "password"),
    ("scanned.pdf", "failed", "OCR"),
    ("text-only.pdf", "no_table", "no ruled tables"),
    ("no-table.html", "no_table", "none with a 项目名称"),
    ("gbk-prose.txt", "no_table", "no header row"),
];

#[test]
fn every_bad_input_fails_cleanly_with_a_reason() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let bad = common::root().join("tests/data/bad");
    let good = common::root().join("samples/seed-gzast.txt");
    let out = tmp.path().join("out");
    let args = [
        "convert",
        bad.to_str().expect("utf-8 path"),
        good.to_str().expect("utf-8 path"),
        "-o",
        out.to_str().expect("utf-8 path"),
    ];
    let o = yusuan(tmp.path(), &args);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    let report: Value =
        serde_json::from_slice(&std::fs::read(out.join("report.json")).expect("report"))
            .expect("json");
    let files = report["files"].as_array().expect("files");
    assert_eq!(
        files.len(),
        EXPECTED.len() + 1,
        "all bad inputs and the good file are reported"
    );
    for f in files {
        let source = f["source"].as_str().unwrap_or_default();
        let status = f["status"].as_str().unwrap_or_default();
        if source.ends_with("seed-gzast.txt") {
            assert_eq!(status, "ok", "the good file still converts");
            continue;
        }
        assert!(
            status == "failed" || status == "no_table",
            "{source}: {status}"
        );
        let reason = f["error"].as_str().unwrap_or_default();
        let name = source.rsplit('/').next().unwrap_or_default();
        let expected = EXPECTED.iter().find(|e| e.0 == name);
        let (_, want_status, want_word) = expected.expect("every bad input has an expectation");
        assert_eq!(status, *want_status, "{source}: {reason}");
        assert!(
            reason.contains(want_word),
            "{source}: {reason:?} should mention {want_word:?}"
        );
        assert!(
            reason.starts_with(source) && !reason.contains('\n'),
            "{source}: one-line reason naming it: {reason:?}"
        );
        assert!(
            err.lines().any(|l| l.contains(reason)),
            "{source}: reason printed on stderr"
        );
    }
    let projects = std::fs::read_to_string(out.join("projects.csv")).expect("csv");
    assert_eq!(
        projects.lines().count(),
        16,
        "outputs complete for the good file"
    );
}
