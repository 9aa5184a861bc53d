//! HTML input end to end: the corpus pages against their truth, golden
//! outputs for every HTML sample, hand-made cases, and agreement with the
//! text extract of the same document.
//!
//! Goldens live in `golden/<case>/` (documents.json, projects.csv,
//! indicators.csv); `UPDATE_GOLDEN=1 cargo test --test html` rewrites them.

use serde_json::{json, Map, Value};
use std::path::{Path, PathBuf};
use std::process::Command;
use yusuan::emit::{write_all, EmitOptions};
use yusuan::model::{amount_key, Amounts, Document, Table};
use yusuan::pipeline::convert_path;

/// Samples are named relative to the crate root so `source` is stable.
fn convert(sample: &str) -> Document {
    convert_path(Path::new(sample)).unwrap_or_else(|e| panic!("{e}"))
}

fn read_json(path: &str) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

// ------------------------------------------------------------ truth

/// Amounts keyed by printed label, as decimal strings, like the truth files.
fn amounts_json(a: &Amounts, columns: &[String]) -> Value {
    let mut m = Map::new();
    for label in columns {
        let key = amount_key(label);
        if a.keys().any(|k| k == key) {
            let v = a.get(&key).map(|x| x.to_string());
            m.insert(label.clone(), json!(v));
        }
    }
    Value::Object(m)
}

/// A converted table in the truth schema.
fn truth_shape(t: &Table) -> Value {
    let units: Vec<Value> = t
        .units
        .iter()
        .map(|u| {
            let projects: Vec<Value> = u
                .projects
                .iter()
                .map(|p| {
                    json!({
                        "name": p.name,
                        "amounts": amounts_json(&p.amounts, &t.columns),
                        "goal": p.goal,
                        "indicators": serde_json::to_value(&p.indicators).unwrap_or_default(),
                    })
                })
                .collect();
            json!({"name": u.name, "amounts": amounts_json(&u.amounts, &t.columns), "projects": projects})
        })
        .collect();
    json!({
        "title": t.title,
        "department": t.department,
        "currency_unit": t.currency_unit,
        "columns": t.columns,
        "total": t.total.as_ref().map(|a| amounts_json(a, &t.columns)),
        "units": units,
    })
}

/// The first place two JSON values differ, as a path and both sides.
fn first_diff(a: &Value, b: &Value, path: &str) -> Option<String> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let mut keys: Vec<&String> = x.keys().chain(y.keys()).collect();
            keys.sort();
            keys.dedup();
            keys.into_iter().find_map(|k| {
                let (u, w) = (
                    x.get(k).unwrap_or(&Value::Null),
                    y.get(k).unwrap_or(&Value::Null),
                );
                first_diff(u, w, &format!("{path}/{k}"))
            })
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => x
            .iter()
            .zip(y)
            .enumerate()
            .find_map(|(i, (u, w))| first_diff(u, w, &format!("{path}[{i}]"))),
        _ if a == b => None,
        _ => Some(format!("{path}: got {a}, want {b}")),
    }
}

fn assert_matches_truth(sample: &str, truth: &str) {
    let doc = convert(sample);
    let mut want = read_json(truth);
    let want_tables = match want.get_mut("tables") {
        Some(Value::Array(ts)) => std::mem::take(ts),
        _ => vec![want],
    };
    assert_eq!(doc.tables.len(), want_tables.len(), "{sample}: table count");
    for (t, mut w) in doc.tables.iter().zip(want_tables) {
        if let Some(obj) = w.as_object_mut() {
            obj.remove("id");
        }
        if let Some(d) = first_diff(&truth_shape(t), &w, sample) {
            panic!("{sample} differs from {truth}: {d}");
        }
        let failed: Vec<_> = t.checks.iter().filter(|c| !c.ok).collect();
        assert!(failed.is_empty(), "{sample}: failed checks {failed:?}");
    }
}

#[test]
fn word_html_matches_truth() {
    assert_matches_truth("samples/seed-html-word.htm", "tests/truth/seed.json");
}

#[test]
fn government_page_matches_truth() {
    assert_matches_truth("samples/kjfw-html-clean.html", "tests/truth/kjfw.json");
}

// ----------------------------------------------------------- goldens

const GOLDEN_CASES: [&str; 8] = [
    "seed-html-word.htm",
    "kjfw-html-clean.html",
    "html-two-level.html",
    "html-no-total.html",
    "html-two-tables.html",
    "html-utf8-nocharset.html",
    "html-paged.html",
    "html-rowspan-records.html",
];

fn case_name(sample: &str) -> &str {
    sample.rsplit_once('.').map_or(sample, |(stem, _)| stem)
}

#[test]
fn html_samples_match_goldens() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut stale = Vec::new();
    for sample in GOLDEN_CASES {
        let doc = convert(&format!("samples/{sample}"));
        let out = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        write_all(out.path(), &[doc], EmitOptions::default()).unwrap_or_else(|e| panic!("{e}"));
        let golden = PathBuf::from("golden").join(case_name(sample));
        for file in ["documents.json", "projects.csv", "indicators.csv"] {
            let got = std::fs::read(out.path().join(file)).unwrap_or_default();
            let path = golden.join(file);
            if update {
                std::fs::create_dir_all(&golden).unwrap_or_else(|e| panic!("{e}"));
                std::fs::write(&path, &got).unwrap_or_else(|e| panic!("{e}"));
            } else if std::fs::read(&path).ok() != Some(got) {
                stale.push(path.display().to_string());
            }
        }
    }
    assert!(
        stale.is_empty(),
        "outputs differ from goldens (UPDATE_GOLDEN=1 to accept): {stale:?}"
    );
}

// -------------------------------------------------------- hand-made

fn amount(a: &Amounts, key: &str) -> Option<String> {
    a.get(key).map(|x| x.to_string())
}

#[test]
fn two_level_header_keeps_leaf_columns() {
    let doc = convert("samples/html-two-level.html");
    let t = &doc.tables[0];
    assert_eq!(t.columns[2..4], ["一般公共预算", "政府性基金预算"]);
    assert_eq!(t.department.as_deref(), Some("广州市示例局"));
    assert_eq!(t.currency_unit.as_deref(), Some("万元"));
    let total = t.total.as_ref().map(|a| amount(a, "fiscal_fund"));
    assert_eq!(total, Some(Some("100.00".into())));
    let park = &t.units[0].projects[1];
    assert_eq!(park.name, "城市公园建设");
    assert_eq!(amount(&park.amounts, "fiscal_general"), None);
    assert_eq!(park.indicators.len(), 2);
    assert!(t.checks.iter().all(|c| c.ok));
}

#[test]
fn table_without_total_row() {
    let doc = convert("samples/html-no-total.html");
    let t = &doc.tables[0];
    assert!(t.total.is_none());
    assert_eq!(t.currency_unit.as_deref(), Some("元"));
    assert_eq!(t.title.as_deref(), Some("2025年部门预算项目支出绩效目标表"));
    let names: Vec<&str> = t.units[0]
        .projects
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(names, ["OA System升级", "培训经费"]);
    // ASCII words across <p> keep a space; Chinese text gets none.
    assert_eq!(
        t.units[0].projects[0].goal,
        "Upgrade the OA system to version 2；提升办公效率。"
    );
    assert_eq!(t.units[0].projects[1].goal, "开展业务培训。");
    assert!(t.checks.iter().all(|c| c.ok));
}

#[test]
fn page_with_two_tables() {
    let doc = convert("samples/html-two-tables.html");
    let depts: Vec<Option<&str>> = doc.tables.iter().map(|t| t.department.as_deref()).collect();
    assert_eq!(depts, [Some("广州市甲局"), Some("广州市乙中心")]);
    let units: Vec<&str> = doc
        .tables
        .iter()
        .map(|t| t.units[0].name.as_str())
        .collect();
    assert_eq!(units, ["广州市甲局", "广州市乙中心"]);
    assert!(doc
        .tables
        .iter()
        .all(|t| t.currency_unit.as_deref() == Some("万元")));
}

#[test]
fn utf8_page_without_charset() {
    let doc = convert("samples/html-utf8-nocharset.html");
    let p = &doc.tables[0].units[0].projects[0];
    assert_eq!(p.name, "“科普e站”建设");
    assert_eq!(p.goal, "建成“科普e站”10个。");
    let values: Vec<Option<&str>> = p
        .indicators
        .iter()
        .map(|i| i.annual_value.as_deref())
        .collect();
    assert_eq!(values, [Some("10个"), Some(">90%")]);
}

#[test]
fn pdf_viewer_pages_are_repaired_like_text() {
    let doc = convert("samples/html-paged.html");
    assert_eq!(doc.pages, 2);
    let t = &doc.tables[0];
    assert_eq!(t.units[0].projects.len(), 2);
    let p = &t.units[0].projects[1];
    assert_eq!(p.goal, "开展科普宣传，提升公众科学素质。");
    assert_eq!(p.pages, [1, 2]);
    assert_eq!(p.indicators.len(), 2);
}

#[test]
fn one_indicator_per_row_under_a_spanning_name() {
    let doc = convert("samples/html-rowspan-records.html");
    let t = &doc.tables[0];
    let counts: Vec<(&str, usize)> = t.units[0]
        .projects
        .iter()
        .map(|p| (p.name.as_str(), p.indicators.len()))
        .collect();
    assert_eq!(counts, [("展览经费", 3), ("维修经费", 2)]);
    assert!(t.repairs.is_empty() && t.checks.iter().all(|c| c.ok));
}

#[test]
fn page_without_table_fails_naming_the_file() {
    let out = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let run = Command::new(env!("CARGO_BIN_EXE_yusuan"))
        .args(["convert", "samples/html-no-table.html", "-o"])
        .arg(out.path())
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(!run.status.success(), "{stderr}");
    assert!(
        stderr.contains("samples/html-no-table.html: no 项目支出绩效目标表 found"),
        "{stderr}"
    );
}

// -------------------------------------------------------- agreement

/// A document's JSON without what legitimately differs between formats:
/// source, format, page numbers, and repair notes (which record how a
/// format's page splits were mended).
fn comparable(doc: &Document) -> Value {
    fn strip(v: &mut Value) {
        match v {
            Value::Object(m) => {
                for k in ["source", "format", "pages", "page", "line", "repairs"] {
                    m.remove(k);
                }
                m.values_mut().for_each(strip);
            }
            Value::Array(a) => a.iter_mut().for_each(strip),
            _ => {}
        }
    }
    let mut v = serde_json::to_value(doc).unwrap_or_default();
    strip(&mut v);
    v
}

#[test]
fn html_and_text_of_the_same_document_agree() {
    for (html, text) in [
        ("samples/seed-html-word.htm", "samples/seed-gzast.txt"),
        ("samples/kjfw-html-clean.html", "samples/kjfw-text.txt"),
    ] {
        let (h, t) = (comparable(&convert(html)), comparable(&convert(text)));
        assert!(h.get("tables").is_some_and(|t| t != &json!([])));
        if let Some(d) = first_diff(&h, &t, html) {
            panic!("{html} and {text} disagree: {d}");
        }
    }
}
