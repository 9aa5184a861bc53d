//! HTML input end to end: hand-made cases, a page without the table, and
//! agreement with the text extract of the same document. The corpus pages'
//! truth comparison is in `truth.rs`; every sample's golden files are
//! checked by `golden.rs`.

mod common;

use yusuan::model::{Amounts, Document};
use yusuan::pipeline::convert_path;

fn convert(sample: &str) -> Document {
    convert_path(&common::root().join(sample)).unwrap_or_else(|e| panic!("{e}"))
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
fn page_without_table_is_reported_naming_the_file() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let page = common::root().join("samples/html-no-table.html");
    std::fs::copy(page, tmp.path().join("page.html")).unwrap_or_else(|e| panic!("{e}"));
    let o = common::yusuan(tmp.path(), &["convert", "page.html", "-o", "out"]);
    let err = common::stderr(&o);
    assert!(
        err.contains("page.html: no 项目支出绩效目标表 found (1 table(s) in the page"),
        "{err}"
    );
    let report = std::fs::read_to_string(tmp.path().join("out/report.json")).unwrap_or_default();
    assert!(report.contains("\"no_table\""), "{report}");
    assert_eq!(o.status.code(), Some(1), "no table anywhere: non-zero exit");
}
