//! The PDF table stage on the corpus PDFs, against the truth files: the
//! 绩效目标表's metadata, columns, 合计 row, and every goal, indicator and
//! project name, in order. Rows split across pages stay split here (repair
//! joins them), so texts are compared concatenated over the whole table.

use serde_json::Value;
use std::path::Path;
use yusuan::raw::RawTable;

fn table(pdf: &str) -> RawTable {
    let path = Path::new(pdf);
    let bytes = std::fs::read(path).unwrap();
    let doc = yusuan::pipeline::read_raw(path, &bytes).unwrap();
    assert_eq!(doc.tables.len(), 1, "{pdf}");
    doc.tables.into_iter().next().unwrap()
}

fn truth(name: &str) -> Value {
    let text = std::fs::read_to_string(format!("tests/truth/{name}.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn s(v: &Value) -> String {
    v.as_str().unwrap_or_default().to_string()
}

fn projects(t: &Value) -> Vec<&Value> {
    let units = t["units"].as_array().unwrap();
    units
        .iter()
        .flat_map(|u| u["projects"].as_array().unwrap())
        .collect()
}

/// An indicator as printed: `1、1-产出指标；12-质量指标；名称；实施周期指标值:…；年度指标值:…。`
fn indicator(i: &Value) -> String {
    let mut out = format!(
        "{}、{}-{}；{}-{}；{}",
        i["seq"],
        s(&i["level1_code"]),
        s(&i["level1"]),
        s(&i["level2_code"]),
        s(&i["level2"]),
        s(&i["name"])
    );
    if let Some(v) = i["period_value"].as_str() {
        out += &format!("；实施周期指标值:{v}");
    }
    if let Some(v) = i["annual_value"].as_str() {
        out += &format!("；年度指标值:{v}");
    }
    out + "。"
}

/// A column's text over all rows but repeated headers (repair drops those).
fn column(t: &RawTable, c: usize) -> String {
    t.rows
        .iter()
        .filter(|r| !yusuan::columns::is_target_table_header(&r.cells))
        .map(|r| r.cells[c].as_str())
        .collect()
}

fn check(pdf: &str, truth_name: &str) {
    let t = table(pdf);
    let want = truth(truth_name);
    assert_eq!(t.meta.title.as_deref(), want["title"].as_str(), "{pdf}");
    assert_eq!(t.meta.department.as_deref(), want["department"].as_str());
    assert_eq!(
        t.meta.currency_unit.as_deref(),
        want["currency_unit"].as_str()
    );
    let columns: Vec<String> = want["columns"].as_array().unwrap().iter().map(s).collect();
    assert_eq!(t.columns, columns);
    let total = &t.rows[0];
    assert_eq!(total.cells[0], "合计");
    for (i, key) in ["总计", "财政拨款", "财政专户拨款", "其他资金"]
        .iter()
        .enumerate()
    {
        let printed = total.cells[i + 1].replace(',', "");
        let expected = want["total"][key].as_str().unwrap_or("");
        assert_eq!(printed, expected, "{pdf} 合计 {key}");
    }
    let goals: String = projects(&want).iter().map(|p| s(&p["goal"])).collect();
    assert_eq!(column(&t, 5), goals, "{pdf} goals");
    let indicators: String = projects(&want)
        .iter()
        .flat_map(|p| p["indicators"].as_array().unwrap())
        .map(indicator)
        .collect();
    assert_eq!(
        column(&t, 6).replace('：', ":"),
        indicators.replace('：', ":")
    );
    let names = column(&t, 0);
    for p in projects(&want) {
        assert!(names.contains(&s(&p["name"])), "{pdf}: {}", p["name"]);
    }
    assert!(t.rows.iter().all(|r| r.page >= 1 && r.cells.len() == 7));
}

#[test]
fn kjfw_word_pdf_matches_truth() {
    check("samples/kjfw-docx-lo-landscape-noto.pdf", "kjfw");
}

#[test]
fn kjfw_cid_pdf_matches_truth() {
    check("samples/kjfw-cid.pdf", "kjfw");
}

#[test]
fn seed_word_pdf_matches_truth() {
    check("samples/seed-docx-lo-landscape-noto.pdf", "seed");
}

#[test]
fn rows_split_across_pages_stay_separate_fragments() {
    let t = table("samples/kjfw-cid.pdf");
    // Fragments (no name, no amounts) sit on a later page than the row
    // before them; repair, not the table stage, joins them.
    let fragments: Vec<u32> = t
        .rows
        .iter()
        .filter(|r| r.cells[0].is_empty() && r.cells[1].is_empty())
        .map(|r| r.page)
        .collect();
    assert!(!fragments.is_empty());
    let pages: Vec<u32> = t.rows.iter().map(|r| r.page).collect();
    assert!(pages.windows(2).all(|w| w[0] <= w[1]));
    assert_eq!(*pages.last().unwrap(), 6);
}

#[test]
fn tables_command_writes_csvs_and_fails_clearly_without_tables() {
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_yusuan"))
        .args(["tables", "samples/pdf/two-departments.pdf", "-o"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    let listed = String::from_utf8_lossy(&out.stdout);
    assert!(
        listed.contains("p001-项目支出绩效目标表.csv\tpages 1\trows 3"),
        "{listed}"
    );
    assert!(
        listed.contains("p002-项目支出绩效目标表.csv\tpages 2\trows 3"),
        "{listed}"
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_yusuan"))
        .args(["tables", "samples/bad/pdf-paragraph-box.pdf", "-o"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("samples/bad/pdf-paragraph-box.pdf: no ruled tables on 1 page"),
        "{err}"
    );
}
