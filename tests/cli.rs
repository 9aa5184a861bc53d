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
    assert!(stderr(&o).contains("1 file(s): 1 ok, 0 no table, 0 failed, 0 skipped; 1 tables, 15 projects, 125 indicators"), "{}", stderr(&o));
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
    assert_eq!(errors.len(), 4, "{err}");
    for name in ["empty.txt", "blob.bin", "bad-gbk.txt", "missing.txt"] {
        assert!(
            errors
                .iter()
                .any(|l| l.starts_with(&format!("error: {name}: "))),
            "{name} named in: {err}"
        );
    }
    assert!(
        err.lines().any(|l| l.starts_with("no table: prose.txt: ")),
        "{err}"
    );
    assert!(
        err.contains("yusuan: failed: empty.txt, blob.bin, bad-gbk.txt, missing.txt"),
        "{err}"
    );
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
    for flag in [
        "--output",
        "--jobs",
        "--bom",
        "--labels",
        "--xlsx",
        "--max-size",
        "--timeout",
        "--max-memory",
        "--quiet",
    ] {
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

fn batch_dir() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("tempdir");
    let inp = tmp.path().join("in/sub");
    fs::create_dir_all(&inp).expect("mkdir");
    for s in [
        "seed-gzast.txt",
        "kjfw-text.txt",
        "kjfw-text-cid.txt",
        "quirk-indicators.txt",
    ] {
        fs::copy(common::root().join("samples").join(s), inp.join(s)).expect("copy");
    }
    fs::write(tmp.path().join("in/readme.doc"), b"PK").expect("write");
    fs::write(tmp.path().join("in/zero.txt"), b"").expect("write");
    tmp
}

#[test]
fn a_folder_batch_reports_every_file_and_is_the_same_for_any_jobs() {
    let tmp = batch_dir();
    let o1 = yusuan(tmp.path(), &["convert", "in", "-o", "out1", "-j", "1"]);
    let o2 = yusuan(tmp.path(), &["convert", "in", "-o", "out2", "-j", "2"]);
    assert_eq!(
        o1.status.code(),
        Some(1),
        "zero.txt failed: {}",
        stderr(&o1)
    );
    assert_eq!(o2.status.code(), Some(1));
    for f in [
        "documents.json",
        "projects.csv",
        "indicators.csv",
        "report.json",
    ] {
        let a = fs::read(tmp.path().join("out1").join(f)).expect("out1");
        let b = fs::read(tmp.path().join("out2").join(f)).expect("out2");
        assert!(a == b, "{f} differs between -j 1 and -j 2");
    }
    let report: serde_json::Value =
        serde_json::from_slice(&fs::read(tmp.path().join("out1/report.json")).expect("report"))
            .expect("json");
    let s = &report["summary"];
    assert_eq!(
        (
            s["files"].as_u64(),
            s["ok"].as_u64(),
            s["failed"].as_u64(),
            s["skipped"].as_u64()
        ),
        (Some(6), Some(4), Some(1), Some(1))
    );
    let statuses: Vec<(&str, &str)> = report["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| {
            (
                f["source"].as_str().unwrap_or(""),
                f["status"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(statuses[0], ("in/sub/kjfw-text-cid.txt", "ok"));
    assert!(statuses.contains(&("in/zero.txt", "failed")));
    assert!(statuses.contains(&("in/readme.doc", "skipped")));
    let projects = fs::read_to_string(tmp.path().join("out1/projects.csv")).expect("csv");
    assert_eq!(projects.lines().count(), 1 + 16 + 16 + 15 + 1);
}

#[test]
fn chinese_labels_and_xlsx() {
    let tmp = batch_dir();
    let o = yusuan(
        tmp.path(),
        &[
            "convert", "in/sub", "-o", "out", "--labels", "zh", "--xlsx", "-q",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let projects = fs::read_to_string(tmp.path().join("out/projects.csv")).expect("csv");
    assert!(projects.starts_with("来源文件,表名,部门名称,资金使用单位,项目名称,总计,财政拨款,财政专户拨款,其他资金,绩效目标,"));
    let x = fs::read(tmp.path().join("out/yusuan.xlsx")).expect("xlsx");
    assert!(x.starts_with(b"PK"), "xlsx is a zip");
    assert!(stderr(&o).is_empty(), "quiet: {}", stderr(&o));
}

#[test]
fn outputs_are_renamed_into_place_leaving_no_temporaries() {
    let tmp = tempfile::tempdir().expect("tempdir");
    copy_sample(tmp.path(), "seed-gzast.txt");
    let o = yusuan(tmp.path(), &["convert", "seed-gzast.txt", "-o", "out"]);
    assert!(o.status.success());
    let o = yusuan(tmp.path(), &["convert", "seed-gzast.txt", "-o", "out"]);
    assert!(o.status.success(), "a second run replaces the outputs");
    let names: Vec<String> = fs::read_dir(tmp.path().join("out"))
        .expect("dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.iter().all(|n| !n.starts_with(".yusuan-")),
        "{names:?}"
    );
    // Four outputs and the manifest naming them (docs/outputs.md).
    assert_eq!(names.len(), 5, "{names:?}");
    assert!(names.iter().any(|n| n == ".yusuan.manifest"), "{names:?}");
    let beside: Vec<String> = fs::read_dir(tmp.path())
        .expect("dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".yusuan-"))
        .collect();
    assert!(beside.is_empty(), "staging folder left: {beside:?}");
}

/// `yusuan tables … | head -1` and `yusuan inspect text … | head -1`: a
/// reader that goes away is not an error (and certainly no panic).
#[test]
fn a_closed_stdout_is_not_an_error() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let pdf = common::root().join("samples/kjfw-cid.pdf");
    let pdf = pdf.to_str().expect("utf-8 path");
    for args in [vec!["tables", pdf, "-o", "t"], vec!["inspect", "text", pdf]] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_yusuan"))
            .args(&args)
            .current_dir(tmp.path())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("spawns");
        // Close the reading end before the PDF is read and printed.
        drop(child.stdout.take());
        let out = child.wait_with_output().expect("runs");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
}

/// A file that never finishes reading (a named pipe nobody writes to) fails
/// after `--timeout` with a clear reason while the rest of the batch converts.
#[test]
fn a_hanging_file_fails_after_the_timeout() {
    let tmp = tempfile::tempdir().expect("tempdir");
    copy_sample(tmp.path(), "seed-gzast.txt");
    let made = std::process::Command::new("mkfifo")
        .arg(tmp.path().join("stuck.txt"))
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let started = std::time::Instant::now();
    let o = yusuan(
        tmp.path(),
        &[
            "convert",
            "stuck.txt",
            "seed-gzast.txt",
            "-o",
            "out",
            "--timeout",
            "1",
        ],
    );
    assert!(started.elapsed().as_secs() < 20, "the guard ends the wait");
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("error: stuck.txt: gave up after 1 s (--timeout)"),
        "{err}"
    );
    let projects = fs::read_to_string(tmp.path().join("out/projects.csv")).expect("csv");
    assert_eq!(projects.lines().count(), 16, "the other file converted");
}

/// `--fill` repeats a merged cell everywhere it covers; `--fill=down` only
/// down its column (a label merged over rows, as camelot's `copy_text="v"`);
/// without it the text sits in the top-left cell only.
#[test]
fn fill_repeats_merged_cells_down_or_everywhere() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let html = "<table><tr><th>类型</th><th>地区</th><th>人数</th></tr>\
        <tr><td rowspan=2 colspan=2>合计</td><td>1</td></tr><tr><td>2</td></tr></table>";
    fs::write(tmp.path().join("t.html"), html).expect("write");
    let body = |fill: &[&str]| {
        let mut args = vec!["tables", "t.html", "-o", "-"];
        args.extend_from_slice(fill);
        let o = yusuan(tmp.path(), &args);
        assert!(o.status.success(), "{fill:?}: {}", stderr(&o));
        let out = String::from_utf8_lossy(&o.stdout).into_owned();
        out.lines().skip(1).map(str::to_string).collect::<Vec<_>>()
    };
    assert_eq!(body(&[]), ["合计,,1", ",,2"]);
    assert_eq!(body(&["--fill=down"]), ["合计,,1", "合计,,2"]);
    assert_eq!(body(&["--fill=across"]), ["合计,合计,1", ",,2"]);
    assert_eq!(body(&["--fill"]), ["合计,合计,1", "合计,合计,2"]);
}

/// `tables` stops a file still being read at `--timeout` (the work is
/// cancelled, not left running) and goes on with the next file.
#[test]
fn tables_stops_a_slow_file_at_the_timeout() {
    let tmp = tempfile::tempdir().expect("tempdir");
    copy_sample(tmp.path(), "seed-gzast.txt");
    // ~15 MB: several seconds to read in a test build, and more under load.
    let rows: String = (0..80_000)
        .map(|i| format!("<tr><td>项目{i}</td><td>100.00</td><td>完成项目{i}的建设任务，提高服务质量</td><td>1、产出指标；完成数量；年度指标值:10个。</td></tr>"))
        .collect();
    let head = "<tr><td>项目名称</td><td>总计</td><td>绩效目标</td><td>绩效指标</td></tr>";
    fs::write(
        tmp.path().join("big.html"),
        format!("<table>{head}{rows}</table>"),
    )
    .expect("write");
    let started = std::time::Instant::now();
    let args = [
        "tables",
        "big.html",
        "seed-gzast.txt",
        "-o",
        "out",
        "--timeout",
        "1",
    ];
    let o = yusuan(tmp.path(), &args);
    assert!(started.elapsed().as_secs() < 4, "stopped, not waited for");
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("error: big.html: stopped after 1 s (--timeout)"),
        "{err}"
    );
    let index = fs::read_to_string(tmp.path().join("out/tables.csv")).expect("index");
    assert!(
        index.contains("\nseed-gzast.txt,1,"),
        "the next file read: {index}"
    );
}
