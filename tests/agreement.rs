//! Same-document agreement: the JSON from the text extract, the HTML page
//! and the PDF of one document is identical except for what legitimately
//! differs between formats (source, format, page and line numbers, and the
//! repair log, which records how each format's page splits were mended).

mod common;

use serde_json::{json, Value};
use yusuan::model::Document;
use yusuan::pipeline::convert_path;

fn convert(sample: &str) -> Document {
    convert_path(&common::root().join("samples").join(sample)).unwrap_or_else(|e| panic!("{e}"))
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

fn assert_agree(a: &str, b: &str) {
    let (x, y) = (comparable(&convert(a)), comparable(&convert(b)));
    assert!(
        x.get("tables").is_some_and(|t| t != &json!([])),
        "{a} has tables"
    );
    if let Some(d) = first_diff(&x, &y, a) {
        panic!("{a} and {b} disagree: {d}");
    }
}

#[test]
fn seed_text_html_and_pdf_agree() {
    for other in [
        "seed-gzast-gbk.txt",
        "seed-html-word.htm",
        "seed-docx-lo-landscape-noto.pdf",
    ] {
        assert_agree("seed-gzast.txt", other);
    }
}

#[test]
fn kjfw_text_html_and_pdfs_agree() {
    for other in [
        "kjfw-text-cid.txt",
        "kjfw-html-clean.html",
        "kjfw-docx-lo-landscape-noto.pdf",
        "kjfw-cid.pdf",
    ] {
        assert_agree("kjfw-text.txt", other);
    }
}

#[test]
fn html_and_pdf_agree_directly() {
    assert_agree("seed-html-word.htm", "seed-docx-lo-landscape-noto.pdf");
    assert_agree("kjfw-html-clean.html", "kjfw-cid.pdf");
}

#[test]
fn the_comparison_sees_a_changed_amount() {
    let mut doc = convert("seed-gzast.txt");
    let before = comparable(&doc);
    let p = &mut doc.tables[0].units[0].projects[0];
    p.amounts.0[0].1 = yusuan::amount::Amount::parse("31.00");
    assert!(first_diff(&comparable(&doc), &before, "seed").is_some());
}
