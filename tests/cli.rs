//! The real binary, run in a temporary directory as a user would.

mod common;

use common::{stderr, yusuan};
use std::fs;

fn copy_sample(dir: &std::path::Path, name: &str) {
    fs::copy(common::root().join("samples").join(name), dir.join(name)).expect("copy sample");
}

#[test]
fn convert_writes_the_three_outputs() {
    let tmp = tempfile::tempdir().expect("tempdir");
    copy_sample(tmp.path(), "seed-gzast.txt");
    let o = yusuan(tmp.path(), &["convert", "seed-gzast.txt", "-o", "out"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let projects = fs::read_to_string(tmp.path().join("out/projects.csv")).expect("projects.csv");
    assert_eq!(projects.lines().count(), 16, "header + 15 projects");
    assert!(projects.starts_with("source,table,department,unit,project,total,fiscal,fiscal_special,other,goal,indicator_count,pages\r\n"));
    assert!(
        projects.contains(",科普经费,1200.00,1200.00,,,"),
        "amounts without separators"
    );
    let indicators =
        fs::read_to_string(tmp.path().join("out/indicators.csv")).expect("indicators.csv");
    assert_eq!(indicators.lines().count(), 126, "header + 125 indicators");
    let json: serde_json::Value = serde_json::from_str(
        &fs::read_to_string(tmp.path().join("out/documents.json")).expect("json"),
    )
    .expect("valid json");
    assert_eq!(json[0]["source"], "seed-gzast.txt");
    assert!(stderr(&o).contains("1 file(s) converted, 0 failed, 15 projects"));
}

#[test]
fn bom_option_prefixes_csv() {
    let tmp = tempfile::tempdir().expect("tempdir");
    copy_sample(tmp.path(), "seed-gzast.txt");
    let o = yusuan(
        tmp.path(),
        &["convert", "seed-gzast.txt", "-o", "out", "--bom"],
    );
    assert!(o.status.success());
    for f in ["projects.csv", "indicators.csv"] {
        let b = fs::read(tmp.path().join("out").join(f)).expect("csv");
        assert!(
            b.starts_with(b"\xEF\xBB\xBFsource,"),
            "{f} starts with a BOM"
        );
    }
    let j = fs::read(tmp.path().join("out/documents.json")).expect("json");
    assert!(j.starts_with(b"["), "no BOM in JSON");
}

#[test]
fn bad_files_fail_with_one_line_each_and_the_batch_goes_on() {
    let tmp = tempfile::tempdir().expect("tempdir");
    copy_sample(tmp.path(), "seed-gzast.txt");
    fs::write(tmp.path().join("empty.txt"), b"").expect("write");
    fs::write(tmp.path().join("blob.bin"), [0u8, 1, 2, 3, 255, 254, 0, 7]).expect("write");
    fs::write(tmp.path().join("prose.txt"), "只是一段文字。\n").expect("write");
    fs::write(
        tmp.path().join("bad-gbk.txt"),
        [0xB2u8, 0xBF, 0xC3, 0xC5, 0xFF, 0xFF, 0x81],
    )
    .expect("write");
    let args = [
        "convert",
        "empty.txt",
        "blob.bin",
        "seed-gzast.txt",
        "prose.txt",
        "bad-gbk.txt",
        "missing.txt",
        "-o",
        "out",
    ];
    let o = yusuan(tmp.path(), &args);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    let errors: Vec<&str> = err.lines().filter(|l| l.starts_with("error: ")).collect();
    assert_eq!(errors.len(), 5, "{err}");
    for name in [
        "empty.txt",
        "blob.bin",
        "prose.txt",
        "bad-gbk.txt",
        "missing.txt",
    ] {
        assert!(
            errors
                .iter()
                .any(|l| l.starts_with(&format!("error: {name}: "))),
            "{name} named in: {err}"
        );
    }
    assert!(!err.contains("panicked"));
    let projects =
        fs::read_to_string(tmp.path().join("out/projects.csv")).expect("good file still converted");
    assert_eq!(projects.lines().count(), 16);
}

#[test]
fn a_failed_check_sets_exit_code_one() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let text = fs::read_to_string(common::root().join("samples/seed-gzast.txt")).expect("seed");
    fs::write(
        tmp.path().join("off.txt"),
        text.replacen("30.00\t30.00", "31.00\t30.00", 1),
    )
    .expect("write");
    let o = yusuan(tmp.path(), &["convert", "off.txt", "-o", "out"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("check_failed"), "{}", stderr(&o));
}

#[test]
fn help_explains_every_option() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let o = yusuan(tmp.path(), &["convert", "--help"]);
    let out = String::from_utf8_lossy(&o.stdout);
    for flag in ["--output", "--bom", "--quiet"] {
        assert!(out.contains(flag), "{flag} in help");
    }
    let top = yusuan(tmp.path(), &["--help"]);
    assert!(String::from_utf8_lossy(&top.stdout).contains("convert"));
}

#[test]
fn usage_errors_exit_two() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let o = yusuan(tmp.path(), &["convert"]);
    assert_eq!(o.status.code(), Some(2));
}
