//! Repair rules on small hand-made tables.

use super::*;

use crate::columns::STANDARD_COLUMNS as COLS;

fn row(cells: [&str; 7], page: u32) -> RawRow {
    RawRow::new(cells.iter().map(|s| s.to_string()).collect(), page, None)
}

fn table(rows: Vec<RawRow>) -> RawTable {
    RawTable {
        columns: COLS.iter().map(|s| s.to_string()).collect(),
        rows,
        ..RawTable::default()
    }
}

const DONE: &str = "1、1-产出指标；11-数量指标；a；实施周期指标值:1；年度指标值:1。";

#[test]
fn fragment_after_a_row_with_an_unfinished_item_is_appended() {
    let t = table(vec![
        row(
            [
                "A",
                "1.00",
                "1.00",
                "",
                "",
                "目标。",
                "1、1-产出指标；11-数量指标；a；实施周期指标值:1；年度指标值:1。2、1-产出指",
            ],
            1,
        ),
        row(
            [
                "",
                "",
                "",
                "",
                "",
                "",
                "标；11-数量指标；b；实施周期指标值:2；年度指标值:2。",
            ],
            2,
        ),
        row(["B", "2.00", "2.00", "", "", "目标。", DONE], 2),
    ]);
    let r = repair(&t, "t");
    assert_eq!(r.table.rows.len(), 2);
    assert!(r.table.rows[0].cells[6]
        .ends_with("2、1-产出指标；11-数量指标；b；实施周期指标值:2；年度指标值:2。"));
    assert_eq!(r.table.rows[0].pages, vec![1, 2]);
    assert_eq!(r.notes[0].kind, "appended_fragment");
    assert!(r.table.warnings.is_empty());
}

#[test]
fn fragment_before_a_row_that_starts_mid_item_is_prepended() {
    let t = table(vec![
        row(["A", "1.00", "1.00", "", "", "目标。", DONE], 1),
        row(["", "", "", "", "", "通过举办交易会，召开", "1、1-产出指标；11-数量指标；b；实施周期指标值:征集"], 1),
        row(["B", "2.00", "2.00", "", "", "工作会议。", "约500项；年度指标值:约500项。2、1-产出指标；11-数量指标；c；实施周期指标值:1；年度指标值:1。"], 2),
    ]);
    let r = repair(&t, "t");
    assert_eq!(r.table.rows.len(), 2);
    let b = &r.table.rows[1];
    assert_eq!(b.cells[0], "B");
    assert_eq!(b.cells[1], "2.00");
    assert_eq!(b.cells[5], "通过举办交易会，召开工作会议。");
    assert!(b.cells[6].starts_with("1、1-产出指标；11-数量指标；b；实施周期指标值:征集约500项"));
    assert_eq!(b.pages, vec![1, 2]);
    assert_eq!(r.notes[0].kind, "prepended_fragment");
}

#[test]
fn a_new_sub_list_after_a_complete_row_stays_with_it_when_the_next_row_starts_fresh() {
    let t = table(vec![
        row(["A", "1.00", "1.00", "", "", "目标。", DONE], 1),
        row(["", "", "", "", "", "", DONE], 2),
        row(["B", "2.00", "2.00", "", "", "目标。", DONE], 2),
    ]);
    let r = repair(&t, "t");
    assert_eq!(r.table.rows.len(), 2);
    assert_eq!(r.table.rows[0].cells[6], format!("{DONE}{DONE}"));
}

#[test]
fn numbering_that_continues_the_previous_list_appends() {
    let t = table(vec![
        row(["A", "1.00", "1.00", "", "", "目标。", DONE], 1),
        row(
            [
                "",
                "",
                "",
                "",
                "",
                "",
                "2、1-产出指标；11-数量指标；b；实施周期指标值:1；年度指标值:1。",
            ],
            1,
        ),
        row(
            ["B", "2.00", "2.00", "", "", "目标。", "没有编号的续文。"],
            2,
        ),
    ]);
    let r = repair(&t, "t");
    assert!(r.table.rows[0].cells[6].contains("2、1-产出指标"));
}

#[test]
fn a_name_broken_by_a_page_is_joined() {
    let t = table(vec![
        row(
            [
                "“广州科技”微信公众",
                "227.88",
                "227.88",
                "",
                "",
                "根据市科",
                DONE,
            ],
            1,
        ),
        row(["号·视频号运营经费", "", "", "", "", "协要求。", ""], 2),
    ]);
    let r = repair(&t, "t");
    assert_eq!(r.table.rows.len(), 1);
    assert_eq!(
        r.table.rows[0].cells[0],
        "“广州科技”微信公众号·视频号运营经费"
    );
    assert_eq!(r.table.rows[0].cells[5], "根据市科协要求。");
    assert_eq!(r.notes[0].kind, "joined_name");
}

#[test]
fn repeated_headers_and_blank_rows_are_dropped() {
    let t = table(vec![
        row(["A", "1.00", "1.00", "", "", "目标。", DONE], 1),
        row(COLS, 2),
        row(["", "", "", "", "", "", ""], 2),
    ]);
    let r = repair(&t, "t");
    assert_eq!(r.table.rows.len(), 1);
    assert_eq!(r.notes[0].kind, "dropped_header");
}

#[test]
fn a_lone_text_cell_placed_by_content_moves_to_the_unfinished_column() {
    let mut f = row(
        ["", "", "", "", "", "约5000项；年度指标值:约5000项。", ""],
        2,
    );
    f.placed_by_content = true;
    // Goal finished, indicator cut: the text belongs to the indicator cell.
    let t = table(vec![
        row(
            [
                "A",
                "1.00",
                "1.00",
                "",
                "",
                "目标。",
                "1、1-产出指标；11-数量指标；a；实施周期指标值:",
            ],
            1,
        ),
        f,
    ]);
    let r = repair(&t, "t");
    assert_eq!(r.table.rows[0].cells[5], "目标。");
    assert!(r.table.rows[0].cells[6].ends_with("实施周期指标值:约5000项；年度指标值:约5000项。"));
}

#[test]
fn no_evidence_either_way_is_flagged() {
    let t = table(vec![
        row(["A", "1.00", "1.00", "", "", "目标。", DONE], 1),
        row(["", "", "", "", "", "另一段。", ""], 1),
        row(["B", "2.00", "2.00", "", "", "目标。", DONE], 1),
    ]);
    let r = repair(&t, "t");
    assert_eq!(r.table.rows.len(), 2);
    assert_eq!(r.table.warnings.len(), 1);
    assert_eq!(r.table.warnings[0].kind.as_str(), "ambiguous_fragment");
}

#[test]
fn a_fragment_with_no_row_to_join_is_kept() {
    let t = table(vec![
        row(["合计", "1.00", "1.00", "", "", "", ""], 1),
        row(["", "", "", "", "", "孤立文字", ""], 1),
    ]);
    let r = repair(&t, "t");
    assert_eq!(r.table.rows.len(), 2, "kept for normalize to report");
}
