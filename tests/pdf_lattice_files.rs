//! The PDF table stage on small generated PDFs (scripts/gen_lattice_pdfs.py,
//! samples/pdf/; golden/pdf/ holds what they convert to):
//! one situation each, asserted row by row with pages.

use std::path::Path;
use yusuan::raw::RawDocument;

fn read(name: &str) -> yusuan::Result<RawDocument> {
    let path = Path::new("samples").join(name);
    let bytes = std::fs::read(&path).unwrap();
    yusuan::pipeline::read_raw(&path, &bytes)
}

/// (first cell, goal, indicators, page) of every row.
fn rows(doc: &RawDocument, t: usize) -> Vec<(String, String, String, u32)> {
    doc.tables[t]
        .rows
        .iter()
        .map(|r| {
            (
                r.cells[0].clone(),
                r.cells[5].clone(),
                r.cells[6].clone(),
                r.page,
            )
        })
        .collect()
}

fn row(name: &str, goal: &str, ind: &str, page: u32) -> (String, String, String, u32) {
    (name.into(), goal.into(), ind.into(), page)
}

const COLUMNS: [&str; 7] = [
    "项目名称（资金使用单位）",
    "总计",
    "财政拨款",
    "财政专户拨款",
    "其他资金",
    "绩效目标",
    "绩效指标",
];

#[test]
fn a_row_broken_across_pages_without_borders_stays_in_one_table() {
    let doc = read("pdf/open-border.pdf").unwrap();
    assert_eq!(doc.tables.len(), 1);
    let t = &doc.tables[0];
    assert_eq!(t.columns, COLUMNS);
    assert_eq!(t.meta.title.as_deref(), Some("项目支出绩效目标表"));
    assert_eq!(t.meta.department.as_deref(), Some("测试局"));
    assert_eq!(t.meta.currency_unit.as_deref(), Some("万元"));
    assert_eq!(
        rows(&doc, 0),
        vec![
            row("合计", "", "", 1),
            row("测试局（本级）", "", "", 1),
            row(
                "办公设备购置",
                "保障日常办公设备更新，",
                "1、1-产出指标；11-数量指标；购置台数；实施周期指标值:10台；",
                1
            ),
            row("", "提高办公效率。", "年度指标值:10台。", 2),
            row(
                "信息系统运维",
                "系统稳定运行。",
                "1、1-产出指标；12-质量指标；系统可用率；实施周期指标值:≥99%；年度指标值:≥99%。",
                2
            ),
        ]
    );
    assert_eq!(t.rows[2].cells[1..3], ["100.00", "100.00"]);
}

#[test]
fn a_repeated_header_goes_to_repair_and_a_fragment_before_its_name_row_is_kept() {
    let doc = read("pdf/header-repeat.pdf").unwrap();
    assert_eq!(doc.tables.len(), 1);
    let got = rows(&doc, 0);
    assert_eq!(got.len(), 6);
    // The header repeated on page 2 is a row for repair to drop and log.
    assert_eq!(
        (got[4].0.as_str(), got[4].3),
        ("项目名称（资金使用单位）", 2)
    );
    let fixed = yusuan::repair::repair(&doc.tables[0], "header-repeat.pdf");
    assert!(fixed
        .notes
        .iter()
        .any(|n| n.kind == "dropped_header" && n.page == 2));
    assert_eq!(
        got[3],
        row(
            "",
            "开展科普活动，",
            "1、2-效益指标；22-社会效益；受众人数；",
            1
        )
    );
    assert_eq!(
        got[5],
        row(
            "科普活动经费",
            "提升公众科学素质。",
            "实施周期指标值:1000人次；年度指标值:1000人次。",
            2
        )
    );
    assert_eq!(doc.tables[0].rows[5].cells[4], "50.00");
}

#[test]
fn a_name_broken_across_pages_stays_two_fragments() {
    let doc = read("pdf/name-split.pdf").unwrap();
    let got = rows(&doc, 0);
    assert_eq!(got.len(), 5);
    assert_eq!(
        got[3].0, "项目名称（资金使用单位）",
        "the repeated header, for repair"
    );
    assert_eq!(got[2].0, "2024-2025年科技计划项目管理");
    assert_eq!(got[2].3, 1);
    assert_eq!(
        got[4],
        row(
            "系统运维项目",
            "提升服务水平。",
            "实施周期指标值:≥99.9%；年度指标值:≥99.9%。",
            2
        )
    );
    assert!(doc.tables[0].rows[4].cells[1..5]
        .iter()
        .all(String::is_empty));
}

#[test]
fn two_departments_stay_two_tables() {
    let doc = read("pdf/two-departments.pdf").unwrap();
    let metas: Vec<(Option<&str>, Option<&str>)> = doc
        .tables
        .iter()
        .map(|t| {
            (
                t.meta.department.as_deref(),
                t.meta.currency_unit.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        metas,
        vec![(Some("甲局"), Some("万元")), (Some("乙局"), Some("元"))]
    );
    assert_eq!(rows(&doc, 1)[2].0, "乙局专项");
    assert_eq!(doc.tables[1].rows[2].cells[1], "20000.00");
    assert!(doc.tables[1].rows.iter().all(|r| r.page == 2));
}

#[test]
fn a_box_around_a_paragraph_is_no_table_and_says_so() {
    let err = read("bad/pdf-paragraph-box.pdf").unwrap_err().to_string();
    assert!(err.contains("paragraph-box.pdf"), "{err}");
    assert!(err.contains("no ruled tables on 1 page"), "{err}");
}
