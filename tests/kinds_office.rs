//! The packed 绩效目标表 from a source with no reader of its own for it
//! (a workbook): read from the logical table by the packed kind.

use rust_xlsxwriter::Workbook;
use yusuan::{convert, Input, Options};

/// The document the pipeline makes of `bytes` named `name`.
fn convert_bytes(name: &str, bytes: &[u8]) -> yusuan::Document {
    convert(Input::Bytes { name, bytes }, &Options::default()).expect("converts")
}

#[test]
fn a_workbook_holding_a_packed_table_converts() {
    let rows: [&[&str]; 5] = [
        &["项目支出绩效目标表"],
        &["部门名称：某局", "", "", "", "", "单位：万元"],
        &[
            "项目名称（资金使用单位）",
            "总计",
            "财政拨款",
            "其他资金",
            "绩效目标",
            "绩效指标",
        ],
        &["合计", "10.00", "10.00", "", "", ""],
        &[
            "甲项目",
            "10.00",
            "10.00",
            "",
            "完成培训。",
            "1、1-产出指标；11-数量指标；培训场次；实施周期指标值:2场；年度指标值:2场。",
        ],
    ];
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            ws.write_string(r as u32, c as u16, *text).expect("cell");
        }
    }
    let bytes = wb.save_to_buffer().expect("xlsx");
    let doc = convert_bytes("t.xlsx", &bytes);
    assert_eq!(doc.tables.len(), 1);
    let t = &doc.tables[0];
    assert_eq!(t.title.as_deref(), Some("项目支出绩效目标表"));
    assert_eq!(t.department.as_deref(), Some("某局"));
    let projects: Vec<&str> = t
        .units
        .iter()
        .flat_map(|u| &u.projects)
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(projects, ["甲项目"]);
    let p = &t.units[0].projects[0];
    assert_eq!(p.indicators.len(), 1);
    assert!(t.checks.iter().all(|c| c.ok), "{:?}", t.checks);
}

/// The same table as a Word document: routed to the DOCX source, the
/// packed kind reads it from the logical table.
#[test]
fn a_word_document_holding_a_packed_table_converts() {
    let row = |cells: &[&str]| {
        let tcs: String = cells
            .iter()
            .map(|t| format!("<w:tc><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:tc>"))
            .collect();
        format!("<w:tr>{tcs}</w:tr>")
    };
    let body = format!(
        "<w:p><w:r><w:t>项目支出绩效目标表</w:t></w:r></w:p>\
         <w:p><w:r><w:t>部门名称：某局</w:t></w:r></w:p><w:tbl>{}{}{}</w:tbl>",
        row(&[
            "项目名称",
            "总计",
            "财政拨款",
            "其他资金",
            "绩效目标",
            "绩效指标"
        ]),
        row(&["合计", "10.00", "10.00", "", "", ""]),
        row(&[
            "甲项目",
            "10.00",
            "10.00",
            "",
            "完成培训。",
            "1、1-产出指标；11-数量指标；培训场次；实施周期指标值:2场；年度指标值:2场。",
        ]),
    );
    let bytes = docx_with(&body);
    let doc = convert_bytes("t.docx", &bytes);
    assert_eq!(doc.tables.len(), 1);
    let t = &doc.tables[0];
    assert_eq!(t.title.as_deref(), Some("项目支出绩效目标表"));
    assert_eq!(t.department.as_deref(), Some("某局"));
    assert_eq!(t.units[0].projects[0].name, "甲项目");
    assert!(t.checks.iter().all(|c| c.ok), "{:?}", t.checks);
}

/// A minimal DOCX holding `body` (written with the zip crate).
fn docx_with(body: &str) -> Vec<u8> {
    use std::io::Write;
    let mut buf = std::io::Cursor::new(Vec::new());
    let mut z = zip::ZipWriter::new(&mut buf);
    let opts = zip::write::SimpleFileOptions::default();
    z.start_file("[Content_Types].xml", opts).expect("zip");
    z.write_all(b"<Types/>").expect("zip");
    z.start_file("word/document.xml", opts).expect("zip");
    let xml = format!(
        r#"<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    z.write_all(xml.as_bytes()).expect("zip");
    z.finish().expect("zip");
    buf.into_inner()
}
