//! The standard budget tables (issue 12) on small generated PDFs
//! (scripts/gen_standard_pdfs.py): every amount of a truth-format table in
//! budget_lines with its kind, item and measure label; split codes over two
//! pages; a 决算 总表; an empty 政府性基金 table with its statement; 元 beside
//! 万元; `--labels zh` headers.

mod common;

use yusuan::emit::sheet::{Labels, Sheet};
use yusuan::kinds::standard::{build_document, info_of, StandardDoc, Status};
use yusuan::model::Document;
use yusuan::pipeline::convert_path;
use yusuan::{read_tables, Input, Options};

fn convert(sample: &str) -> Document {
    convert_path(&common::root().join(sample)).expect("sample converts")
}

/// The typed tables and checks of a sample, as the standard kind builds them.
fn standard(sample: &str) -> StandardDoc {
    let path = common::root().join(sample);
    let src = read_tables(Input::Path(&path), &Options::default()).expect("sample reads");
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or(sample);
    build_document(&src.tables, &info_of(&src.tables, &[name]), sample)
}

/// Column `key` of every row.
fn col<'a>(s: &'a Sheet, row: &'a [yusuan::emit::sheet::Cell], key: &str) -> String {
    let i = s.keys.iter().position(|k| k == key).expect("column exists");
    row.get(i).map(|c| c.as_text()).unwrap_or_default()
}

#[test]
fn every_truth_amount_is_a_budget_line_with_kind_item_and_label() {
    let doc = convert("samples/standard/js-summary.pdf");
    let lines = yusuan::emit::merged_sheets(std::slice::from_ref(&doc))
        .into_iter()
        .find(|s| s.name == "budget_lines")
        .expect("budget_lines sheet");
    let path = common::root().join("tests/data/standard/js-summary.truth.json");
    let truth: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("truth file")).expect("json");
    let header: Vec<&str> = truth["header"]
        .as_array()
        .expect("header")
        .iter()
        .filter_map(|h| h.as_str())
        .collect();
    let mut checked = 0;
    for row in truth["rows"].as_array().expect("rows") {
        let cells: Vec<&str> = row
            .as_array()
            .expect("row")
            .iter()
            .filter_map(|c| c.as_str())
            .collect();
        let mut label = "";
        for (c, cell) in cells.iter().enumerate() {
            let amount = cell.replace(',', "");
            if amount.is_empty() || amount.parse::<f64>().is_err() {
                // The item of an amount is the nearest label on its left
                // (a label spanning three columns included).
                label = if cell.is_empty() { label } else { cell };
                continue;
            }
            let found = lines.rows.iter().any(|r| {
                col(&lines, r, "kind") == truth["kind"]
                    && col(&lines, r, "item") == label
                    && col(&lines, r, "measure_label") == header[c]
                    && col(&lines, r, "amount") == amount
                    && col(&lines, r, "currency_unit") == truth["unit"]
            });
            assert!(
                found,
                "{label} / {} = {cell} not in budget_lines",
                header[c]
            );
            checked += 1;
        }
    }
    assert_eq!(checked, 13, "amounts in the truth table");
    assert_eq!(
        lines.rows.len(),
        checked,
        "no amount beyond the printed ones"
    );
}

#[test]
fn three_lists_side_by_side_reconcile() {
    let s = standard("samples/standard/js-summary.pdf");
    let t = s.tables.first().expect("one table");
    let names: Vec<&str> = t.sides.iter().map(|x| x.name.as_str()).collect();
    assert_eq!(names, ["income", "expenditure_function", "expenditure_use"]);
    // 当年支出小计 spans 功能分类 and 支出用途: it is the 支出用途 list's row only.
    let has = |side: usize| t.sides[side].rows.iter().any(|r| r.item == "当年支出小计");
    assert!(!has(1) && has(2));
    let rules: Vec<&str> = s.checks.iter().map(|c| c.rule).collect();
    for r in ["B101", "B102", "B108"] {
        assert!(rules.contains(&r), "{r} ran: {rules:?}");
    }
    assert!(
        s.checks.iter().all(|c| c.status == Status::Ok),
        "{:?}",
        s.checks
    );
    assert_eq!(
        s.info.year, None,
        "no year printed in titles or on the cover"
    );
}

#[test]
fn split_codes_over_two_pages_empty_fund_and_two_units() {
    let s = standard("samples/standard/sh-budget.pdf");
    let kinds: Vec<&str> = s.tables.iter().map(|t| t.kind.id()).collect();
    assert_eq!(
        kinds,
        ["general_expenditure", "fund_expenditure", "three_public"]
    );
    let general = &s.tables[0];
    let rows = &general.sides[0].rows;
    let item = rows
        .iter()
        .find(|r| r.code.as_deref() == Some("2080505"))
        .expect("split code joined");
    assert_eq!(
        (item.parent.as_deref(), item.pages.as_slice()),
        (Some("20805"), &[2][..])
    );
    assert!(rows
        .iter()
        .any(|r| r.code.as_deref() == Some("2010302") && r.item_plain == "一般行政管理事务"));
    assert_eq!(general.currency_unit.as_deref(), Some("元"));
    assert_eq!(s.tables[2].currency_unit.as_deref(), Some("万元"));
    let fund = &s.tables[1];
    assert!(fund.empty);
    assert!(fund
        .empty_statement
        .as_deref()
        .is_some_and(|x| x.contains("无政府性基金预算财政拨款安排")));
    assert!(s.warnings.is_empty(), "{:?}", s.warnings);
    assert!(s.checks.len() >= 20 && s.checks.iter().all(|c| c.status == Status::Ok));
    assert!(s
        .checks
        .iter()
        .any(|c| c.rule == "B106" && c.expected.to_string() == "12.50"));
}

#[test]
fn final_accounts_summary_adds_balances_to_this_years_totals() {
    let s = standard("samples/standard/sh-final.pdf");
    assert_eq!(s.info.stage.map(|x| x.id()), Some("final"));
    assert_eq!(s.info.department.as_deref(), Some("示例市示例区示例局"));
    let carry: Vec<_> = s.checks.iter().filter(|c| c.rule == "B108").collect();
    assert_eq!(carry.len(), 2, "income and expenditure side");
    assert!(carry
        .iter()
        .all(|c| c.status == Status::Ok && c.expected.to_string() == "1000.00"));
}

#[test]
fn budget_outputs_have_chinese_headers() {
    let doc = convert("samples/standard/sh-final.pdf");
    let opts = yusuan::emit::EmitOptions {
        labels: Labels::Zh,
        ..Default::default()
    };
    let files = yusuan::emit::render_sheets(&[doc], opts).expect("renders");
    let lines = files
        .iter()
        .find(|(n, _)| n == "budget_lines.csv")
        .expect("budget_lines.csv");
    let text = String::from_utf8_lossy(&lines.1);
    assert!(text.starts_with("来源文件,部门名称,年度,预决算,表类型,表名,页码,金额单位,科目编码,科目级次,项目,指标,栏目,金额"), "{text}");
    let checks = files
        .iter()
        .find(|(n, _)| n == "budget_checks.csv")
        .expect("budget_checks.csv");
    assert!(String::from_utf8_lossy(&checks.1).contains("规则编号"));
}

/// (kind, side, code, item, measure, label, amount, unit) of every value.
fn line_keys(s: &StandardDoc) -> Vec<String> {
    let mut out = Vec::new();
    for t in &s.tables {
        for side in &t.sides {
            for r in &side.rows {
                for v in &r.values {
                    out.push(format!(
                        "{} {} {:?} {} {} {} {} {:?}",
                        t.kind.id(),
                        side.name,
                        r.code,
                        r.item,
                        v.measure,
                        v.label,
                        v.amount,
                        v.unit
                    ));
                }
            }
        }
    }
    out
}

#[test]
fn the_same_table_as_pdf_html_and_xlsx_gives_the_same_lines() {
    let pdf = line_keys(&standard("samples/standard/js-summary.pdf"));
    let html = line_keys(&standard("tests/data/standard/js-summary.html"));
    assert_eq!(pdf.len(), 13);
    assert_eq!(html, pdf, "HTML");
    let path = common::root().join("tests/data/standard/js-summary.xlsx");
    let bytes = std::fs::read(&path).expect("xlsx");
    let mut tables = yusuan::sources::xlsx::read(&path, &bytes).expect("xlsx reads");
    tables.iter_mut().for_each(yusuan::table::finish);
    let info = info_of(&tables, &["js-summary.xlsx"]);
    let xlsx = line_keys(&build_document(&tables, &info, "js-summary.xlsx"));
    assert_eq!(xlsx, pdf, "XLSX");
}
