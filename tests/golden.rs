//! Golden tests: every file under `samples/` is converted and compared with
//! `golden/<case>/` (documents.json, projects.csv, indicators.csv; or
//! error.txt for input that must fail). Cases are found by walking
//! `samples/`. `YUSUAN_BLESS=1 cargo test --test golden` (or `make bless`)
//! rewrites the golden files: review the diff before committing.

mod common;

use std::path::{Path, PathBuf};
use yusuan::emit::{render, render_sheets, EmitOptions};
use yusuan::pipeline::convert_path;

/// Guards against a walk that silently finds nothing.
const MIN_CASES: usize = 14;
const INPUT_EXTS: [&str; 4] = ["txt", "html", "htm", "pdf"];

fn cases(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("samples/ readable")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            cases(&p, out);
        } else if p
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| INPUT_EXTS.contains(&e))
        {
            out.push(p);
        }
    }
}

/// `samples/bad/empty.txt` → `bad/empty`
fn case_name(sample: &Path) -> String {
    let rel = sample.strip_prefix("samples").unwrap_or(sample);
    rel.with_extension("").to_string_lossy().replace('\\', "/")
}

/// The files a case produces: name → bytes (the kinds' sheets, such as
/// budget_lines.csv, included).
fn outputs(sample: &Path) -> Vec<(String, Vec<u8>)> {
    match convert_path(sample) {
        Ok(doc) => {
            let docs = [doc];
            let files = render(&docs, EmitOptions::default()).expect("renders");
            let sheets = render_sheets(&docs, EmitOptions::default()).expect("renders sheets");
            let named = files.into_iter().map(|(n, b)| (n.to_string(), b));
            named.chain(sheets).collect()
        }
        Err(e) => vec![("error.txt".to_string(), format!("{e}\n").into_bytes())],
    }
}

#[test]
fn golden_files_match() {
    std::env::set_current_dir(common::root()).expect("crate root");
    let bless = std::env::var_os("YUSUAN_BLESS").is_some();
    let mut found = Vec::new();
    cases(Path::new("samples"), &mut found);
    assert!(
        found.len() >= MIN_CASES,
        "only {} cases under samples/ (expected ≥ {MIN_CASES})",
        found.len()
    );
    let mut failures = Vec::new();
    for sample in &found {
        let dir = Path::new("golden").join(case_name(sample));
        let outs = outputs(sample);
        if bless {
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).expect("golden dir");
        }
        for (name, bytes) in outs {
            let path = dir.join(name);
            if bless {
                std::fs::write(&path, &bytes).expect("write golden");
            } else if std::fs::read(&path).ok().as_deref() != Some(&bytes[..]) {
                failures.push(format!("{} (from {})", path.display(), sample.display()));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "golden mismatches (run `make bless` and review the diff):\n{}",
        failures.join("\n")
    );
}

#[test]
fn no_golden_without_a_sample() {
    std::env::set_current_dir(common::root()).expect("crate root");
    let mut found = Vec::new();
    cases(Path::new("samples"), &mut found);
    let names: Vec<String> = found.iter().map(|p| case_name(p)).collect();
    let mut stale = Vec::new();
    let mut stack = vec![PathBuf::from("golden")];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if let Some(parent) = p.parent() {
                let case = parent
                    .strip_prefix("golden")
                    .unwrap_or(parent)
                    .to_string_lossy()
                    .replace('\\', "/");
                if !names.contains(&case) {
                    stale.push(p.display().to_string());
                }
            }
        }
    }
    assert!(stale.is_empty(), "golden files without a sample: {stale:?}");
}
