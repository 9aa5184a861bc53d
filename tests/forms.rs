//! Forms (kind `performance_form`): every corpus file under
//! samples/forms/corpus converts exactly to its department's truth.json,
//! and the files of one department agree but for source, format and pages.

mod common;

use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use yusuan::kinds::kind_of;
use yusuan::kinds::performance_form::{build_document, FormDoc, FormIndicator, FormProject, KIND};
use yusuan::{read_tables, Input, LogicalTable, Options};

const DEPARTMENTS: [&str; 2] = ["hn-xt", "nm-wh"];
/// The files each department has a source for today (html-word: hn-xt only).
const FILES: [&str; 6] = [
    "docx-lo-noto.pdf",
    "docx-lo-wqy.pdf",
    "html.html",
    "html-word.htm",
    "xlsx-sheets.xlsx",
    "xlsx-stacked.xlsx",
];

/// The department's files present in samples/.
fn files(dept: &str) -> Vec<&'static str> {
    let dir = corpus(dept);
    FILES.into_iter().filter(|f| dir.join(f).exists()).collect()
}

fn corpus(dept: &str) -> PathBuf {
    common::root().join("samples/forms/corpus").join(dept)
}

/// The source's tables, as `convert` reads them.
fn tables(path: &Path) -> (String, Vec<LogicalTable>) {
    let src = read_tables(Input::Path(path), &Options::default()).unwrap_or_else(|e| panic!("{e}"));
    (src.source, src.tables)
}

/// What `convert` builds: the tables the registry gives this kind.
fn form(path: &Path) -> FormDoc {
    let (source, tables) = tables(path);
    let mine: Vec<LogicalTable> = tables
        .into_iter()
        .filter(|t| kind_of(t).id() == KIND)
        .collect();
    build_document(&mine, &source)
}

fn text(v: &Option<String>) -> Value {
    v.as_ref().map_or(Value::Null, |s| json!(s))
}

fn amount(a: Option<yusuan::amount::Amount>) -> Value {
    a.map_or(Value::Null, |a| json!(a.to_string()))
}

fn indicator(i: &FormIndicator) -> Value {
    let extra: serde_json::Map<String, Value> = i
        .extra
        .0
        .iter()
        .map(|(k, v)| (k.clone(), json!(v)))
        .collect();
    json!({"level1": text(&i.level1), "level2": text(&i.level2), "name": i.name,
           "annual_value": text(&i.annual_value), "period_value": text(&i.period_value),
           "unit": text(&i.unit), "extra": extra})
}

fn project(p: &FormProject) -> Value {
    let a = &p.amounts;
    json!({"name": p.name, "code": text(&p.code), "department": text(&p.department),
           "implementer": text(&p.implementer), "period": text(&p.period),
           "amounts": {"total": amount(a.total), "fiscal": amount(a.fiscal), "other": amount(a.other)},
           "goal": text(&p.goal), "long_term_goal": text(&p.long_term_goal),
           "indicators": p.indicators.iter().map(indicator).collect::<Vec<_>>()})
}

/// The conversion in the shape of truth.json.
fn truth_view(d: &FormDoc, id: &str) -> Value {
    json!({"id": id, "title": text(&d.title), "department": text(&d.department),
           "currency_unit": text(&d.currency_unit),
           "projects": d.projects.iter().map(project).collect::<Vec<_>>()})
}

/// First difference between two JSON values, as a path.
fn diff(a: &Value, b: &Value, at: &str) -> Option<String> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let keys: std::collections::BTreeSet<&String> = x.keys().chain(y.keys()).collect();
            keys.into_iter().find_map(|k| {
                diff(
                    x.get(k).unwrap_or(&Value::Null),
                    y.get(k).unwrap_or(&Value::Null),
                    &format!("{at}.{k}"),
                )
            })
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => x
            .iter()
            .zip(y)
            .enumerate()
            .find_map(|(i, (p, q))| diff(p, q, &format!("{at}[{i}]"))),
        _ if a == b => None,
        _ => Some(format!("{at}: got {a} expected {b}")),
    }
}

#[test]
fn every_corpus_file_converts_to_its_truth() {
    let mut failures = Vec::new();
    for dept in DEPARTMENTS {
        let dir = corpus(dept);
        let raw = std::fs::read_to_string(dir.join("truth.json")).expect("truth.json");
        let truth: Value = serde_json::from_str(&raw).expect("truth parses");
        let names = files(dept);
        assert!(
            names.len() >= 5,
            "{dept}: PDF, HTML and XLSX files expected"
        );
        for file in names {
            let got = truth_view(&form(&dir.join(file)), dept);
            if let Some(d) = diff(&got, &truth, "") {
                failures.push(format!("{dept}/{file}: {d}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The whole document as JSON without what differs between formats: the
/// source, pages, and the text printed around the tables (notes).
fn comparable(d: &FormDoc) -> Value {
    let mut d = d.clone();
    d.log.retain(|l| l.kind != "note");
    let mut v = serde_json::to_value(&d).expect("serialises");
    strip(&mut v);
    v
}

fn strip(v: &mut Value) {
    match v {
        Value::Object(m) => {
            for k in ["source", "format", "page", "pages"] {
                m.remove(k);
            }
            m.values_mut().for_each(strip);
        }
        Value::Array(a) => a.iter_mut().for_each(strip),
        _ => {}
    }
}

#[test]
fn formats_of_one_department_agree() {
    for dept in DEPARTMENTS {
        let dir = corpus(dept);
        let names = files(dept);
        let docs: Vec<Value> = names
            .iter()
            .map(|f| comparable(&form(&dir.join(f))))
            .collect();
        for (f, d) in names.iter().zip(&docs).skip(1) {
            assert_eq!(
                diff(d, &docs[0], ""),
                None,
                "{dept}: {f} against {}",
                names[0]
            );
        }
    }
}

#[test]
fn placeholder_rows_are_logged_not_indicators() {
    let d = form(&corpus("hn-xt").join("docx-lo-noto.pdf"));
    let placeholders: Vec<&str> = d
        .log
        .iter()
        .filter(|l| l.kind == "placeholder_row")
        .map(|l| l.text.as_str())
        .collect();
    assert!(
        placeholders.contains(&"效益指标 | 经济效益"),
        "{placeholders:?}"
    );
    let first = &d.projects[0];
    assert!(first
        .indicators
        .iter()
        .all(|i| i.level2.as_deref() != Some("质量指标")));
    assert!(d.checks.iter().all(|c| c.ok) && d.checks.len() == d.projects.len());
}
