//! The DOCX source on a generated document (scripts/gen_sources_samples.py:
//! two tables with gridSpan/vMerge, a nested table, page breaks of three
//! kinds) and its guards against bad input.

use std::path::Path;
use yusuan::sources::docx;
use yusuan::table::{LogicalTable, NotePlace};

mod common;

use common::source_sample as sample;

fn read(name: &str) -> yusuan::Result<Vec<LogicalTable>> {
    let path = sample(name);
    let bytes = std::fs::read(&path).expect("sample present");
    docx::read(&path, &bytes)
}

fn tables() -> Vec<LogicalTable> {
    read("tables.docx").expect("sample reads")
}

fn notes(t: &LogicalTable, place: NotePlace) -> Vec<(u32, &str)> {
    t.notes
        .iter()
        .filter(|n| n.place == place)
        .map(|n| (n.page, n.text.as_str()))
        .collect()
}

/// The error for a bad sample: one line naming the file.
fn error(name: &str) -> String {
    common::one_line_error(read(name), name)
}

#[test]
fn every_table_in_document_order_nested_ones_too() {
    let ts = tables();
    assert_eq!(ts.len(), 3);
    assert_eq!(ts[0].grid.text(0, 0), "项目");
    assert_eq!(ts[1].grid.row_texts(0), ["内", "表"], "the nested table");
    assert_eq!(ts[2].grid.text(0, 0), "科目编码");
    assert_eq!(ts[0].grid.text(3, 3), "", "nested text is not repeated");
}

#[test]
fn grid_span_and_vmerge_are_spans() {
    let ts = tables();
    let t = &ts[0];
    assert_eq!((t.grid.n_rows, t.grid.n_cols), (4, 4));
    let item = t.grid.covering(1, 0).expect("covered");
    assert_eq!((item.row, item.row_span, item.col_span), (0, 2, 1));
    let amount = t.grid.covering(0, 3).expect("covered");
    assert_eq!(
        (amount.col, amount.col_span, amount.text.as_str()),
        (1, 3, "金额")
    );
    assert_eq!(t.header_rows, 2, "rows marked w:tblHeader");
    assert_eq!(
        t.flat_header(),
        ["项目", "金额/上年", "金额/本年", "金额/增减"]
    );
    let total = ts[2].grid.covering(2, 1).expect("covered");
    assert_eq!(
        (total.col, total.col_span, total.text.as_str()),
        (0, 2, "合计")
    );
}

#[test]
fn cell_text_as_a_reader_sees_it() {
    let t = &tables()[0];
    assert_eq!(
        t.grid.row_texts(2),
        ["合计", "1,234.50", "1,300.00", "65.50"]
    );
    assert_eq!(t.grid.text(3, 0), "一般公共服务支出");
    assert_eq!(t.grid.text(3, 1), "Project Name");
}

#[test]
fn paragraphs_around_tables_are_notes() {
    let ts = tables();
    assert_eq!(
        notes(&ts[0], NotePlace::Above),
        [
            (1, "2025年部门预算公开表"),
            (1, "公开01表"),
            (1, "收支预算总表"),
            (1, "部门名称：某某市财政局 单位：万元"),
        ]
    );
    assert!(ts[1].notes.is_empty());
    assert_eq!(
        notes(&ts[2], NotePlace::Above),
        [(2, "一般公共预算支出表"), (2, "单位：万元")]
    );
    assert_eq!(
        notes(&ts[2], NotePlace::Below),
        [(3, "注：本表为空的项目不列示。")]
    );
}

#[test]
fn pages_from_breaks() {
    let ts = tables();
    assert_eq!((ts[0].first_page, ts[0].last_page), (1, 1));
    // w:br page then w:lastRenderedPageBreak: one page turn, not two.
    assert_eq!((ts[2].first_page, ts[2].last_page), (2, 2));
    assert_eq!(ts[2].grid.row_pages, [2, 2, 2]);
}

#[test]
fn huge_document_part_is_refused_unread() {
    assert!(error("huge-part.docx").contains("over the 64 MiB limit"));
}

#[test]
fn part_larger_than_declared_fails() {
    assert!(error("lying-size.docx").contains("declared"));
}

#[test]
fn other_containers_are_named() {
    assert!(error("not-a-workbook.zip").contains("not a DOCX document"));
    assert!(error("formats.xlsx").contains("spreadsheet"));
    assert!(error("encrypted.xlsx").contains("password-protected"));
    assert!(error("formats.xls").contains("OLE"));
}

#[test]
fn garbage_does_not_panic() {
    let path = Path::new("junk.docx");
    let good = std::fs::read(sample("tables.docx")).expect("sample present");
    let inputs: Vec<Vec<u8>> = vec![
        Vec::new(),
        b"PK\x03\x04".to_vec(),
        good[..good.len() / 2].to_vec(),
        b"<w:document/>".to_vec(),
    ];
    for bytes in inputs {
        let msg = docx::read(path, &bytes).expect_err("fails").to_string();
        assert!(msg.starts_with("junk.docx: "), "{msg}");
    }
}

/// A DOCX holding `body` as its document body (written with the zip crate).
fn docx_with(body: &str) -> Vec<u8> {
    use std::io::Write;
    let mut buf = std::io::Cursor::new(Vec::new());
    let mut z = zip::ZipWriter::new(&mut buf);
    let opts = zip::write::SimpleFileOptions::default();
    z.start_file("[Content_Types].xml", opts).expect("zip");
    z.write_all(b"<Types/>").expect("zip");
    z.start_file("word/document.xml", opts).expect("zip");
    let xml = format!(
        r#"<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>{body}</w:body></w:document>"#
    );
    z.write_all(xml.as_bytes()).expect("zip");
    z.finish().expect("zip");
    buf.into_inner()
}

fn tc(props: &str, text: &str) -> String {
    format!("<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>")
}

#[test]
fn legacy_merges_grid_before_entities_and_fallbacks() {
    let body = format!(
        "<w:p><w:r><w:t>A&amp;B&#x4E00;</w:t><w:tab/><w:t>表</w:t></w:r></w:p>\
         <w:p><w:r><mc:AlternateContent><mc:Choice><w:t>选</w:t></mc:Choice>\
         <mc:Fallback><w:t>重复</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p>\
         <w:tbl><w:tr>{}{}{}</w:tr><w:tr><w:trPr><w:gridBefore w:val=\"1\"/></w:trPr>{}{}</w:tr></w:tbl>",
        tc("<w:hMerge w:val=\"restart\"/>", "甲"),
        tc("<w:hMerge/>", ""),
        tc("", "乙"),
        tc("", "1"),
        tc("", "2"),
    );
    let ts = docx::read(Path::new("x.docx"), &docx_with(&body)).expect("reads");
    let t = &ts[0];
    let texts: Vec<&str> = t.notes.iter().map(|n| n.text.as_str()).collect();
    assert_eq!(texts, ["A&B一 表", "选"]);
    assert_eq!(t.grid.covering(0, 1).map(|c| c.col_span), Some(2));
    assert_eq!(t.grid.row_texts(0), ["甲", "", "乙"]);
    assert_eq!(t.grid.row_texts(1), ["", "1", "2"]);
}

#[test]
fn damaged_xml_is_one_error() {
    let bytes = docx_with("<w:tbl><w:tr><w:tc></w:tr></w:tbl>");
    let msg = docx::read(Path::new("bad.docx"), &bytes)
        .expect_err("mismatched tags")
        .to_string();
    assert!(
        msg.starts_with("bad.docx: damaged word/document.xml"),
        "{msg}"
    );
}

/// A small deterministic generator (no dependency): xorshift.
fn next(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

/// The document XML of the sample with bytes overwritten, deleted or
/// duplicated, fed straight to the XML walker: errors, never a panic.
#[test]
fn mutated_document_xml_never_panics() {
    use std::io::Read;
    let bytes = std::fs::read(sample("tables.docx")).expect("sample present");
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut xml = Vec::new();
    z.by_name("word/document.xml")
        .expect("part")
        .read_to_end(&mut xml)
        .expect("inflates");
    let tokens: [&[u8]; 6] = [
        b"<w:tbl>",
        b"</w:tc>",
        b"<w:vMerge/>",
        b"<w:gridSpan w:val=\"99999999\"/>",
        b"<w:br w:type=\"page\"/>",
        b"<w:gridBefore w:val=\"-3\"/>",
    ];
    let mut state = 0x9E37_79B9_7F4A_7C15;
    for _ in 0..300 {
        let mut m = xml.clone();
        for _ in 0..1 + next(&mut state) % 4 {
            let at = (next(&mut state) as usize) % m.len();
            match next(&mut state) % 3 {
                0 => m[at] = next(&mut state) as u8,
                1 => {
                    m.drain(at..(at + 40).min(m.len()));
                }
                _ => {
                    let t = tokens[(next(&mut state) as usize) % tokens.len()];
                    m.splice(at..at, t.iter().copied());
                }
            }
        }
        if let Err(e) = docx::from_document_xml(Path::new("m.docx"), m.as_slice()) {
            assert!(e.to_string().starts_with("m.docx: "));
        }
    }
}

/// A table running over a page turn: each row on the page its text is on.
#[test]
fn rows_take_the_page_of_their_text() {
    let row = |text: &str| format!("<w:tr>{}</w:tr>", tc("", text));
    let body = format!(
        "<w:p><w:r><w:t>表</w:t></w:r></w:p><w:tbl>{}{}{}</w:tbl>\
         <w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>\
         <w:p><w:pPr><w:pageBreakBefore/></w:pPr><w:r><w:lastRenderedPageBreak/><w:t>注</w:t></w:r></w:p>",
        row("甲"),
        "<w:tr><w:tc><w:p><w:r><w:lastRenderedPageBreak/><w:t>乙</w:t></w:r></w:p></w:tc></w:tr>",
        row("丙"),
    );
    let ts = docx::read(Path::new("p.docx"), &docx_with(&body)).expect("reads");
    let t = &ts[0];
    assert_eq!(t.grid.row_pages, [1, 2, 2]);
    assert_eq!((t.first_page, t.last_page), (1, 2));
    // One explicit break, then pageBreakBefore and a rendered break at
    // the top of the new page: one page turn.
    assert_eq!(notes(t, NotePlace::Below), [(3, "注")]);
}

/// Section breaks (no rendered breaks saved, as LibreOffice and WPS
/// write them): a section starts a new page unless its type says
/// `continuous`; the type is in the `w:sectPr` that ends it.
#[test]
fn section_breaks_turn_pages() {
    let table = |t: &str| format!("<w:tbl><w:tr>{}{}</w:tr></w:tbl>", tc("", t), tc("", "1"));
    let sect = |ty: &str| {
        format!("<w:p><w:pPr><w:sectPr>{ty}</w:sectPr></w:pPr><w:r><w:t>节尾</w:t></w:r></w:p>")
    };
    let body = format!(
        "{}{}{}{}<w:sectPr><w:type w:val=\"nextPage\"/></w:sectPr>",
        // Section 1 ends here; section 2 (below) says continuous.
        sect(""),
        table("甲"),
        sect("<w:type w:val=\"continuous\"/>"),
        table("乙"),
    );
    let ts = docx::read(Path::new("s.docx"), &docx_with(&body)).expect("reads");
    let pages: Vec<u32> = ts.iter().map(|t| t.first_page).collect();
    assert_eq!(pages, [1, 2]);
}
