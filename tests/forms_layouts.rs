//! The generated forms of each layout class (scripts/gen_forms_samples.py,
//! samples/forms/layouts; golden/ holds their full outputs): what each class
//! must show, read through `convert` as a user gets it.

mod common;

use yusuan::kinds::performance_form::{build_document, detect, FormDoc};
use yusuan::model::{Document, Indicator, Project, Table};
use yusuan::pipeline::convert_path;

fn convert(name: &str) -> Document {
    let path = common::root().join("samples/forms/layouts").join(name);
    convert_path(&path).unwrap_or_else(|e| panic!("{e}"))
}

fn table(doc: &Document) -> &Table {
    assert_eq!(doc.tables.len(), 1, "one forms table");
    &doc.tables[0]
}

fn projects(t: &Table) -> Vec<&Project> {
    t.units.iter().flat_map(|u| &u.projects).collect()
}

fn form_of(p: &Project) -> &yusuan::kinds::performance_form::model::FormProjectInfo {
    p.form.as_deref().expect("a form project")
}

fn kinds(t: &Table) -> Vec<&str> {
    t.warnings.iter().map(|w| w.kind.as_str()).collect()
}

fn values(p: &Project) -> Vec<(&str, Option<&str>, Option<&str>)> {
    p.indicators
        .iter()
        .map(|i: &Indicator| {
            (
                i.name.as_str(),
                i.annual_value.as_deref(),
                i.period_value.as_deref(),
            )
        })
        .collect()
}

#[test]
fn l1a_free_text_targets_yuan_amounts_and_an_empty_grid() {
    let doc = convert("l1a-shenzhen.pdf");
    let t = table(&doc);
    let ps = projects(t);
    assert_eq!(ps.len(), 2);
    assert_eq!(form_of(ps[0]).code.as_deref(), Some("4403001234567"));
    assert_eq!(ps[0].indicators.len(), 7, "one indicator per grid row");
    let kind = |i: usize| {
        ps[0].indicators[i]
            .annual_target
            .as_ref()
            .map(|t| t.kind.as_str())
    };
    assert_eq!(kind(2), Some("time_limit"), "11月底前");
    assert_eq!(kind(5), Some("not_applicable"), "不适用");
    assert!(
        kinds(t).contains(&"amount_unit"),
        "246700 labelled 万元 is reported"
    );
    assert_eq!(
        ps[0].amounts.get("total").map(|a| a.to_string()).as_deref(),
        Some("246700"),
        "not rescaled"
    );
    assert!(ps[1].indicators.is_empty());
    assert!(kinds(t).contains(&"form_without_indicators"));
}

#[test]
fn l1b_form_over_two_pages_with_merged_levels_cut_by_the_break() {
    let doc = convert("l1b-xiangtan-two-pages.pdf");
    let t = table(&doc);
    let ps = projects(t);
    assert_eq!(ps.len(), 2);
    let second = ps[1];
    assert_eq!(second.indicators.len(), 11);
    let cut: Vec<&Indicator> = second
        .indicators
        .iter()
        .filter(|i| i.name.starts_with("购置车辆"))
        .collect();
    assert_eq!(cut.len(), 10);
    assert!(
        cut.iter()
            .all(|i| i.level1.as_deref() == Some("产出指标")
                && i.level2.as_deref() == Some("数量指标")),
        "the merged 一级/二级 cells cover the rows after the break"
    );
    assert_eq!(second.pages, vec![2, 3]);
    let log = &t.form.as_deref().expect("form table").log;
    assert!(log
        .iter()
        .any(|l| l.kind == "dropped_header" && l.page == 3));
    assert!(log
        .iter()
        .any(|l| l.kind == "placeholder_row" && l.text == "效益指标 | 经济效益"));
    assert!(t.checks.iter().all(|c| c.ok) && t.checks.len() == 2);
}

#[test]
fn l1c_codes_split_and_value_unit_direction_columns() {
    let doc = convert("l1c-wuhai.pdf");
    let t = table(&doc);
    assert_eq!(
        t.department.as_deref(),
        Some("乌海市测试服务中心"),
        "the plain name"
    );
    let ps = projects(t);
    let f = form_of(ps[0]);
    assert_eq!(
        f.department.as_deref(),
        Some("(433)乌海市测试服务中心"),
        "as printed"
    );
    let dept = f.codes.get("department").expect("split");
    assert_eq!(
        (dept.code.as_str(), dept.name.as_str()),
        ("433", "乌海市测试服务中心")
    );
    let i = &ps[0].indicators[1];
    let extra = i.form.as_deref().expect("form indicator");
    assert_eq!(
        (
            i.annual_value.as_deref(),
            extra.unit.as_deref(),
            extra.direction.as_deref()
        ),
        (Some("99.9"), Some("%"), Some("≥"))
    );
    let target = i.annual_target.as_ref().expect("read");
    assert_eq!(
        target.op.map(|o| o.as_str()),
        Some(">="),
        "the operator from 指标方向"
    );
    assert_eq!(
        ps[1].amounts.get("other").map(|a| a.to_string()).as_deref(),
        Some("0")
    );
}

/// The L1c forms stacked on one sheet read like the PDF.
#[test]
fn l1c_stacked_workbook_agrees_with_the_pdf() {
    let dir = common::root().join("samples/forms/layouts");
    let path = dir.join("l1c-wuhai-stacked.xlsx");
    let bytes = std::fs::read(&path).expect("workbook");
    let sheets = yusuan::sources::xlsx::read(&path, &bytes).expect("reads");
    assert_eq!(sheets.len(), 1, "all forms on one sheet");
    let mine: Vec<_> = sheets.into_iter().filter(detect).collect();
    let xlsx = build_document(&mine, "x");
    let pdf_src = yusuan::read_tables(
        yusuan::Input::Path(&dir.join("l1c-wuhai.pdf")),
        &Default::default(),
    )
    .expect("pdf");
    let pdf = build_document(&pdf_src.tables, "x");
    assert_eq!(xlsx.projects.len(), 2);
    assert_eq!(data(&xlsx), data(&pdf));
}

/// The L1c forms as a Word document (one table per form, gridSpan/vMerge
/// merges) read like the PDF.
#[test]
fn l1c_word_document_agrees_with_the_pdf() {
    let dir = common::root().join("samples/forms/layouts");
    let path = dir.join("l1c-wuhai.docx");
    let bytes = std::fs::read(&path).expect("document");
    let tables = yusuan::sources::docx::read(&path, &bytes).expect("reads");
    // Through the table stage as ingest will route DOCX (pieces joined).
    let src = yusuan::sources::from_tables(&path, yusuan::raw::Format::Docx, tables);
    let mine: Vec<_> = src.tables.into_iter().filter(detect).collect();
    let docx = build_document(&mine, "x");
    let pdf_src = yusuan::read_tables(
        yusuan::Input::Path(&dir.join("l1c-wuhai.pdf")),
        &Default::default(),
    )
    .expect("pdf");
    let pdf = build_document(&pdf_src.tables, "x");
    assert_eq!(docx.title, pdf.title);
    assert_eq!(docx.projects.len(), 2);
    assert_eq!(data(&docx), data(&pdf));
}

/// The L1b forms as a Word document with each part its own table (the
/// grid header printed again for every form) read like the PDF.
#[test]
fn l1b_word_parts_agree_with_the_pdf() {
    let dir = common::root().join("samples/forms/layouts");
    let path = dir.join("l1b-xiangtan-parts.docx");
    let bytes = std::fs::read(&path).expect("document");
    let tables = yusuan::sources::docx::read(&path, &bytes).expect("reads");
    assert!(tables.len() >= 4, "a table per part");
    let src = yusuan::sources::from_tables(&path, yusuan::raw::Format::Docx, tables);
    let mine: Vec<_> = src.tables.into_iter().filter(detect).collect();
    let docx = build_document(&mine, "x");
    let pdf_src = yusuan::read_tables(
        yusuan::Input::Path(&dir.join("l1b-xiangtan-two-pages.pdf")),
        &Default::default(),
    )
    .expect("pdf");
    let pdf = build_document(&pdf_src.tables, "x");
    assert_eq!(
        (docx.title.as_deref(), docx.currency_unit.as_deref()),
        (Some("2025年项目支出绩效目标申报表"), Some("万元"))
    );
    assert_eq!(data(&docx), data(&pdf));
}

/// Projects without pages (the workbook has sheets, not pages).
fn data(d: &FormDoc) -> Vec<String> {
    d.projects
        .iter()
        .map(|p| {
            let mut p = p.clone();
            p.pages.clear();
            p.indicators.iter_mut().for_each(|i| i.page = 0);
            format!("{p:?}")
        })
        .collect()
}

#[test]
fn l1d_cost_sub_table_checked_against_the_total() {
    let doc = convert("l1d-ezhou-cost.pdf");
    let t = table(&doc);
    let p = projects(t)[0];
    let cost = form_of(p)
        .cost
        .as_ref()
        .expect("cost table read as its own part");
    assert_eq!(cost.rows.len(), 3);
    assert_eq!(cost.total.map(|a| a.to_string()).as_deref(), Some("30.00"));
    assert!(t.checks.iter().any(|c| c.kind == "cost_total" && c.ok));
    assert_eq!(
        p.indicators[0].name, "养护面积",
        "the unlabelled column after 二级 is the 三级"
    );
    assert_eq!(p.indicators[0].annual_value.as_deref(), Some("≥50万平方米"));
    let log = &t.form.as_deref().expect("form table").log;
    assert!(log.iter().any(|l| l.kind == "footer"));
}

#[test]
fn l1e_two_grids_long_term_value_matched_by_indicator() {
    let doc = convert("l1e-ningxiang-two-grids.pdf");
    let p = projects(table(&doc))[0];
    assert_eq!(
        values(p),
        [
            ("硬化道路", Some("10公里"), Some("30公里")),
            ("验收合格率", Some("100%"), Some("100%")),
            ("通行时间缩短", Some("≥5%"), Some("≥20%")),
            ("群众满意度", Some("≥90%"), None),
        ]
    );
    let f = form_of(p);
    assert_eq!(
        f.long_term_goal.as_deref(),
        Some("三年建成镇域道路网。"),
        "goal below its label"
    );
    assert_eq!(p.goal, "完成道路硬化。");
    let code = f.codes.get("department").expect("trailing code split");
    assert_eq!(code.code, "418001");
    let extra = p.indicators[0].form.as_deref().expect("form indicator");
    assert_eq!(extra.extra.get("备注（长期绩效指标）"), Some("三年合计"));
    let sat = p.indicators[3].level1_category.expect("classified");
    assert_eq!(
        serde_json::to_value(sat).ok(),
        Some(serde_json::json!("satisfaction"))
    );
}

/// `yusuan convert` on a forms PDF: the file is `ok`, its projects and
/// indicators are counted and written to the CSVs.
#[test]
fn convert_writes_forms_to_the_flat_outputs() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let input = common::root().join("samples/forms/layouts/l1e-ningxiang-two-grids.pdf");
    let out = tmp.path().join("out");
    let o = common::yusuan(
        tmp.path(),
        &["convert", &input.display().to_string(), "-o", "out", "-q"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", common::stderr(&o));
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("report.json")).expect("report"))
            .expect("json");
    let file = &report["files"][0];
    assert_eq!(file["status"], "ok");
    assert_eq!(
        (file["projects"].as_u64(), file["indicators"].as_u64()),
        (Some(1), Some(4))
    );
    let indicators = std::fs::read_to_string(out.join("indicators.csv")).expect("csv");
    assert_eq!(indicators.lines().count(), 5, "header and four indicators");
    assert!(
        indicators.contains("硬化道路,30公里,10公里"),
        "period and annual value side by side"
    );
}
