//! The lattice stage (grids and cell text) on small generated PDFs, one per
//! class of ruled table (scripts/gen_lattice_cases.py, tests/data/lattice/):
//! every grid of a page as rows of cell texts, a spanning cell's text in its
//! top-left slot.

use yusuan::sources::pdf::cells::fill;
use yusuan::sources::pdf::lattice::{find_grids, upright, Grid, LatticeParams};

/// Every page's grids as rows of texts, and the text left outside them.
fn read(name: &str) -> Vec<(Vec<Vec<Vec<String>>>, String)> {
    let path = std::path::Path::new("tests/data/lattice").join(name);
    let bytes = std::fs::read(&path).unwrap();
    let doc = yusuan::sources::pdf::open(&path, &bytes).unwrap();
    let params = LatticeParams::default();
    doc.pages
        .iter()
        .map(|p| {
            let page = upright(p);
            let mut grids = find_grids(&page, &params);
            let outside = fill(&mut grids, &page.glyphs, &params);
            let rest: String = outside.iter().map(|g| g.text.as_str()).collect();
            (grids.iter().map(rows).collect(), rest)
        })
        .collect()
}

fn rows(g: &Grid) -> Vec<Vec<String>> {
    (0..g.n_rows())
        .map(|r| {
            (0..g.n_cols())
                .map(|c| match g.cell_at(r, c) {
                    Some(cell) if cell.row == r && cell.col == c => cell.text.clone(),
                    _ => String::new(),
                })
                .collect()
        })
        .collect()
}

fn table(rows: &[&[&str]]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|r| r.iter().map(|s| s.to_string()).collect())
        .collect()
}

#[test]
fn latin_words_wrapped_or_tab_separated_keep_one_space() {
    let pages = read("latin-wrap.pdf");
    assert_eq!(
        pages[0].0,
        vec![table(&[
            &["Cycle", "KI (1/km)"],
            &["Agencies", "NSF, DOE, DOD, and NIH"],
            &["Procurement of", "Box AN 5216"],
        ])]
    );
}

#[test]
fn a_grid_without_outer_verticals_keeps_its_first_and_last_columns() {
    let pages = read("open-sides.pdf");
    assert_eq!(
        pages[0].0,
        vec![table(&[
            &["CROP", "11/12", "Jun/13", "VARIATION"],
            &["COTTON", "1,2", "3,4", "( 498,5)"],
            &["RICE", "5,6", "7,8", "6,3"],
        ])]
    );
    assert_eq!(pages[0].1, "");
}

#[test]
fn a_missing_right_border_does_not_lose_the_amount_column() {
    let pages = read("missing-right-border.pdf");
    assert_eq!(
        pages[0].0,
        vec![table(&[
            &["科目编码", "科目名称", "金额"],
            &["", "合计", "7,877.76"],
            &["301", "工资福利支出", "5,017.21"],
            &["30101", "基本工资", "1,203.40"],
        ])]
    );
    assert_eq!(pages[0].1, "");
}

#[test]
fn a_table_set_sideways_reads_upright_with_or_without_rotate() {
    let want = vec![table(&[
        &["State", "1975-79", "2011-12"],
        &["Kerala", "12.5", "7.25"],
        &["Orissa", "30.1", "4.0"],
    ])];
    let pages = read("sideways.pdf");
    // Page 1 is turned by its text alone, page 2 by its /Rotate 90.
    assert_eq!(pages[0].0, want);
    assert_eq!(pages[1].0, want);
}

#[test]
fn a_title_row_inside_the_grid_stays_a_row() {
    let path = std::path::Path::new("tests/data/lattice/title-row.pdf");
    let doc = yusuan::sources::pdf::open(path, &std::fs::read(path).unwrap()).unwrap();
    let tables =
        yusuan::sources::pdf::tables::logical_tables(&doc.pages, &LatticeParams::default());
    let rows: Vec<Vec<String>> = tables[0].rows().into_iter().map(|r| r.0).collect();
    assert_eq!(
        rows,
        table(&[
            &["Improved operation scenario", "", ""],
            &["Volume servers in:", "2007", "2008"],
            &["Server closets", "1,505", "1,580"],
        ])
    );
}

#[test]
fn the_same_header_over_other_column_widths_starts_a_new_table() {
    let path = std::path::Path::new("tests/data/lattice/other-widths.pdf");
    let doc = yusuan::sources::pdf::open(path, &std::fs::read(path).unwrap()).unwrap();
    let tables =
        yusuan::sources::pdf::tables::logical_tables(&doc.pages, &LatticeParams::default());
    let pages: Vec<(u32, usize)> = tables
        .iter()
        .map(|t| (t.first_page(), t.rows().len()))
        .collect();
    assert_eq!(pages, vec![(1, 3), (2, 3)]);
}

#[test]
fn a_header_divider_off_the_body_divider_gives_no_empty_column() {
    let path = std::path::Path::new("tests/data/lattice/sliver.pdf");
    let doc = yusuan::sources::pdf::open(path, &std::fs::read(path).unwrap()).unwrap();
    let tables =
        yusuan::sources::pdf::tables::logical_tables(&doc.pages, &LatticeParams::default());
    let rows: Vec<Vec<String>> = tables[0].rows().into_iter().map(|r| r.0).collect();
    assert_eq!(
        rows,
        table(&[
            &["功能科目代码", "功能科目名称", "金额"],
            &["204", "公共安全支出", "16,593.12"],
            &["20404", "检察", "16,593.12"],
        ])
    );
}

#[test]
fn a_chart_legend_is_no_table() {
    let path = std::path::Path::new("tests/data/lattice/legend.pdf");
    let doc = yusuan::sources::pdf::open(path, &std::fs::read(path).unwrap()).unwrap();
    let pages = yusuan::sources::pdf::tables::page_tables(&doc.pages, &LatticeParams::default());
    assert!(pages.is_empty());
    // The grid is there, but all its text is one row between swatches.
    let (grids, _) = &read("legend.pdf")[0];
    assert_eq!(grids.len(), 1);
}

#[test]
fn a_grid_of_shaded_cells_without_strokes_is_found() {
    let pages = read("shaded.pdf");
    assert_eq!(
        pages[0].0,
        vec![table(&[
            &["Region", "2019", "2020"],
            &["North", "1,200", "1,350"],
            &["South", "980", "1,010"],
        ])]
    );
}

#[test]
fn row_labels_beside_the_grid_become_its_first_column() {
    let pages = read("labels-beside.pdf");
    assert_eq!(
        pages[0].0,
        vec![table(&[
            &["Cost Category", "Total", "Indirect"],
            &["Salaries (a)", "1,314,000", "373,250"],
            &["Fringe Benefits (b)", "352,000", "99,988"],
            &["Staff Travel", "94,000", "20,000"],
        ])]
    );
    assert_eq!(pages[0].1, "");
    assert_eq!(
        pages[1].0,
        vec![table(&[
            &["", "2001", "2002"],
            &["On labour market training", "29 300", "25 800"],
        ])]
    );
    assert_eq!(pages[1].1, "");
}

#[test]
fn a_table_nested_in_a_cell_is_its_own_table() {
    let pages = read("nested.pdf");
    assert_eq!(
        pages[0].0,
        vec![
            table(&[
                &["FINALITY", "An insurance contract of unit-linked type."],
                &["BONUS", ""],
            ]),
            table(&[
                &["Age at death", "Bonus %"],
                &["18-75", "1,00%"],
                &["76-85", "0,50%"],
            ]),
        ]
    );
}

#[test]
fn spaces_drawn_under_the_text_separate_no_letters() {
    let pages = read("blank-filled.pdf");
    assert_eq!(
        pages[0].0,
        vec![table(&[
            &["Service area", "Contact"],
            &["Delhi and Mumbai", "Mob. No. 9868137726"],
        ])]
    );
}

#[test]
fn tables_ruled_by_horizontal_rules_alone_take_columns_from_the_text() {
    let pages = read("rules-only.pdf");
    assert_eq!(
        pages[0].0,
        vec![table(&[
            &["项目", "2024年预算数", "执行数"],
            &["本年收入（按资金来源分列的各项收入明细）", "", ""],
            &["一般公共预算拨款收入", "1,200.00", "1,180.50"],
            &["政府性基金预算拨款收入", "300.00", "296.10"],
            &["事业收入", "45.60", "45.60"],
            &["上级补助收入和附属单位上缴收入", "20.00", "20.00"],
            &["收入总计", "1,565.60", "1,542.20"],
        ])]
    );
    assert_eq!(pages[0].1, "2024年部门收支总表单位：万元");
    assert_eq!(
        pages[1].0,
        vec![table(&[
            &["Region", "Budget", "Actual"],
            &["North and North-East", "1,200", "1,350"],
            &["South", "980", "1,010"],
        ])]
    );
    assert!(
        pages[2].0.is_empty(),
        "prose between rules: {:?}",
        pages[2].0
    );
    assert_eq!(
        pages[3].0,
        vec![table(&[
            &["Year", "Enrollment (thousands)", ""],
            &["", "Public", "Private"],
            &["1996", "45,611", "5,933"],
            &["1997", "46,127", "5,944"],
            &["1998", "46,539", "5,988"],
            &["1999", "46,857", "6,018"],
        ])]
    );
}

#[test]
fn text_set_sideways_in_a_cell_reads_upright() {
    let pages = read("turned-header.pdf");
    assert_eq!(
        pages[0].0,
        vec![table(&[
            &["District", "Projected Population", "Total Requirement"],
            &["Nellore", "29.67", "8.81"],
            &["Guntur", "48.87", "9.52"],
        ])]
    );
}

#[test]
fn a_rules_only_header_ends_at_its_header_rule() {
    let path = std::path::Path::new("tests/data/lattice/rules-only.pdf");
    let bytes = std::fs::read(path).unwrap();
    let doc = yusuan::sources::pdf::open(path, &bytes).unwrap();
    let tables =
        yusuan::sources::pdf::tables::logical_tables(&doc.pages, &LatticeParams::default());
    let header_rows: Vec<usize> = yusuan::sources::pdf::to_table::to_tables(&tables)
        .iter()
        .map(|t| t.header_rows)
        .collect();
    // The 三线表's section label under its header rule is body, not a
    // second header row; the two-level header is two rows.
    assert_eq!(header_rows, vec![1, 1, 2]);
}
