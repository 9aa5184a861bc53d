//! The table stage on small generated PDFs (scripts/gen_table_pdfs.py):
//! furniture (表号 lines, a title opening with its 表号 and wrapped) and the
//! joiner (rows cut by page breaks, a same-frame grid with a header of its
//! own kept apart), through the public `read_tables` API.

mod common;

use yusuan::{read_tables, Input, LogicalTable, Options};

fn tables(name: &str) -> Vec<LogicalTable> {
    let path = common::root().join("tests/data/tables").join(name);
    read_tables(Input::Path(&path), &Options::default())
        .expect("reads")
        .tables
}

fn strs(rows: &[&[&str]]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|r| r.iter().map(|s| s.to_string()).collect())
        .collect()
}

#[test]
fn a_table_number_under_the_title_is_the_number_not_the_title() {
    let t = tables("titles.pdf");
    assert_eq!(t[0].meta.title.as_deref(), Some("收支预算总表"));
    assert_eq!(t[0].meta.number.as_deref(), Some("公开表一"));
    assert_eq!(t[0].meta.department.as_deref(), Some("某局"));
    assert_eq!(t[0].meta.currency_unit.as_deref(), Some("万元"));
}

#[test]
fn a_department_line_repeated_above_every_table_is_each_tables_metadata() {
    let t = tables("repeated-furniture.pdf");
    assert_eq!(t.len(), 3);
    for table in &t {
        assert_eq!(
            table.meta.department.as_deref(),
            Some("某局"),
            "{:?}",
            table.meta
        );
        assert_eq!(
            table.meta.currency_unit.as_deref(),
            Some("万元"),
            "{:?}",
            table.meta
        );
    }
}

#[test]
fn a_note_under_the_second_table_of_a_page_is_the_second_tables() {
    let t = tables("note-under-second.pdf");
    assert_eq!(
        t.len(),
        2,
        "{:?}",
        t.iter().map(|t| &t.meta.title).collect::<Vec<_>>()
    );
    let says = |t: &LogicalTable| t.notes.iter().any(|n| n.text.contains("无相关收支项目"));
    assert!(!says(&t[0]), "{:?}", t[0].notes);
    assert!(says(&t[1]), "{:?}", t[1].notes);
}

/// `yusuan tables` keeps that note: the `notes` column of `tables.csv`,
/// beside the table it belongs to (it was in no output before).
#[test]
fn the_index_lists_the_notes_beside_their_table() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pdf = common::root().join("tests/data/tables/note-under-second.pdf");
    let out = common::yusuan(
        dir.path(),
        &["tables", "-q", "-o", "out", &pdf.to_string_lossy()],
    );
    assert!(out.status.success(), "{}", common::stderr(&out));
    let index = std::fs::read_to_string(dir.path().join("out/tables.csv")).expect("index");
    let mut rd = csv::Reader::from_reader(index.as_bytes());
    let head = rd.headers().expect("header").clone();
    assert_eq!(head.iter().next_back(), Some("notes"));
    let notes: Vec<String> = rd
        .records()
        .map(|r| {
            r.expect("row")
                .get(head.len() - 1)
                .unwrap_or("")
                .to_string()
        })
        .collect();
    assert_eq!(notes.len(), 2);
    assert!(!notes[0].contains("无相关收支项目"), "{notes:?}");
    assert!(
        notes[1].starts_with("p. 1: 注：本部门无相关收支项目"),
        "{notes:?}"
    );
}

#[test]
fn a_title_opening_with_its_number_keeps_both_lines() {
    let t = tables("titles.pdf");
    assert_eq!(
        t[1].meta.title.as_deref(),
        Some("一般公共预算“三公”经费、会议费、培训费支出预算表")
    );
    assert_eq!(t[1].meta.number.as_deref(), Some("公开09表"));
}

#[test]
fn a_grid_in_the_same_frame_under_its_own_header_is_another_table() {
    let t = tables("titles.pdf");
    assert_eq!(
        t.len(),
        3,
        "{:?}",
        t.iter().map(|t| &t.meta.title).collect::<Vec<_>>()
    );
    assert_eq!((t[1].first_page, t[1].last_page), (2, 2));
    assert_eq!(t[2].flat_header(), ["科目编码", "科目名称", "金额"]);
}

#[test]
fn rows_cut_by_page_breaks_are_one_row_and_the_joins_are_logged() {
    let t = tables("cut-rows.pdf");
    assert_eq!(t.len(), 1);
    let t = &t[0];
    assert_eq!((t.first_page, t.last_page), (1, 4));
    assert_eq!(
        t.body_rows(),
        strs(&[
            &["一、财政拨款", "120.00", "一、外交支出", "100.00"],
            &["二、事业收入", "", "二、教育支出", ""],
            &["", "", "八、社会保障和就业支出", "20.00"],
            &["", "", "九、卫生健康支出", ""],
            &["当年收入小计", "120.00", "当年支出小计", "120.00"],
            &["上年结转", "", "结转下年", ""],
            // A short label at the page's foot: the next page's row is new.
            &["", "", "年末结余", ""],
            &["收入总计", "120.00", "支出总计", "120.00"],
        ])
    );
    let joined: Vec<(u32, &str)> = t
        .joins
        .iter()
        .filter(|j| j.kind == "joined_row")
        .map(|j| (j.page, j.detail.as_str()))
        .collect();
    assert_eq!(joined.len(), 2, "{joined:?}");
    assert_eq!(joined[0].0, 2);
    assert!(joined[1].1.contains("小计"), "{joined:?}");
    assert_eq!(
        t.joins.iter().filter(|j| j.kind == "joined_page").count(),
        3
    );
}

#[test]
fn the_tables_command_selects_pages_lists_and_writes_stdout_and_workbooks() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let pdf = common::root().join("tests/data/tables/titles.pdf");
    let pdf = pdf.to_str().expect("utf-8 path");
    let listed = common::yusuan(tmp.path(), &["tables", pdf, "--list"]);
    let text = String::from_utf8_lossy(&listed.stdout);
    assert_eq!(text.lines().count(), 3, "{text}");
    assert!(text.contains("\t2\t一般公共预算“三公”经费、会议费、培训费支出预算表\t2 × 3\tstandard"));
    let one = common::yusuan(tmp.path(), &["tables", pdf, "--pages", "2", "-o", "-"]);
    assert_eq!(one.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&one.stdout),
        "项目,类别,金额\r\n公务接待费,三公,1.00\r\n会议费,会议,2.00\r\n"
    );
    let many = common::yusuan(tmp.path(), &["tables", pdf, "-o", "-"]);
    assert_eq!(
        many.status.code(),
        Some(2),
        "several tables on stdout is a usage error"
    );
    let out = common::yusuan(tmp.path(), &["tables", pdf, "-o", "out", "--xlsx", "-q"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(tmp.path().join("out/titles.xlsx").exists());
    let index = std::fs::read_to_string(tmp.path().join("out/tables.csv")).expect("index");
    assert!(
        index.contains(",公开09表,某局,万元,standard,2,3"),
        "{index}"
    );
}

/// A paragraph above a grid introduces a new table, even in the same frame
/// under the same header; a header repeated with no text above it on the
/// next page is still a continuation (prose-between.pdf).
#[test]
fn a_grid_introduced_by_prose_is_another_table() {
    let t = tables("prose-between.pdf");
    let pages: Vec<(u32, u32)> = t.iter().map(|t| (t.first_page, t.last_page)).collect();
    assert_eq!(pages, [(1, 1), (2, 3)]);
    let body = |t: &LogicalTable| -> Vec<String> {
        (t.header_rows..t.grid.n_rows)
            .map(|r| t.grid.text(r, 0).to_string())
            .collect()
    };
    assert_eq!(body(&t[0]), ["财政拨款收入", "合计"]);
    assert_eq!(body(&t[1]), ["基本支出", "项目支出", "其他支出", "合计"]);
    assert!(
        t[1].notes.iter().any(|n| n.text.contains("具体如下表")),
        "the paragraph is kept as the table's note: {:?}",
        t[1].notes
    );
}
