//! The XLSX/XLS source on corpus workbooks and generated samples
//! (scripts/gen_sources_samples.py), and its guards against bad input.

use std::path::Path;
use yusuan::sources::office::{self, ZipKind};
use yusuan::sources::xlsx;
use yusuan::table::{LogicalTable, NotePlace};

mod common;

use common::source_sample as sample;

fn read(name: &str) -> yusuan::Result<Vec<LogicalTable>> {
    let path = sample(name);
    let bytes = std::fs::read(&path).expect("sample present");
    xlsx::read(&path, &bytes)
}

fn tables(name: &str) -> Vec<LogicalTable> {
    read(name).expect("sample reads")
}

fn notes(t: &LogicalTable, place: NotePlace) -> Vec<&str> {
    t.notes
        .iter()
        .filter(|n| n.place == place)
        .map(|n| n.text.as_str())
        .collect()
}

/// The error for a bad sample: one line naming the file.
fn error(name: &str) -> String {
    common::one_line_error(read(name), name)
}

#[test]
fn one_table_per_sheet_with_title_lines_as_notes() {
    let ts = tables("hn-xt-xlsx-sheets.xlsx");
    assert_eq!(ts.len(), 8);
    for (i, t) in ts.iter().enumerate() {
        assert_eq!((t.first_page, t.last_page), (i as u32 + 1, i as u32 + 1));
        assert_eq!(
            notes(t, NotePlace::Above),
            [
                "2025年项目支出绩效目标申报表",
                "填报单位:（盖章）",
                "单位:万元"
            ]
        );
        assert_eq!(t.grid.text(0, 0), "项目支出名称");
        assert!(t.warnings.is_empty());
    }
}

#[test]
fn merged_cells_are_spans() {
    let t = &tables("hn-xt-xlsx-sheets.xlsx")[0];
    // A9:A19 (本年度绩效指标) and B4:C4 (the project name), rows 1–3 being notes.
    let left = t.grid.covering(10, 0).expect("covered");
    assert_eq!(
        (left.row, left.col, left.row_span, left.col_span),
        (5, 0, 11, 1)
    );
    assert_eq!(left.text, "本年度绩效指标");
    let name = t.grid.covering(0, 2).expect("covered");
    assert_eq!((name.col, name.col_span), (1, 2));
    assert_eq!(name.text, "城区道路机械化清扫保洁项目");
    assert_eq!(
        t.grid.row_texts(0)[2],
        "",
        "a span's text is in its first slot only"
    );
}

#[test]
fn amounts_read_as_printed() {
    let t = &tables("hn-xt-xlsx-sheets.xlsx")[1];
    assert_eq!(
        t.grid.row_texts(1),
        [
            "年度预算资金总额",
            "60.00",
            "其中：财政拨款",
            "52.80",
            "其他资金",
            "7.20"
        ]
    );
    let t = &tables("formats.xlsx")[0];
    let col = |c: usize| -> Vec<String> {
        (1..t.grid.n_rows)
            .map(|r| t.grid.text(r, c).to_string())
            .collect()
    };
    assert_eq!(
        col(1),
        ["1,234.50", "1,234,567.89", "8.66", "6923.3552", "170"]
    );
    assert_eq!(col(2), ["92.5%", "92%", "(5.00)", "0.3", "-"]);
    assert_eq!(col(3), ["2025年1月1日", "2025-03-15", "2025/12/31", "", ""]);
}

#[test]
fn text_as_a_reader_sees_it() {
    let t = &tables("formats.xlsx")[0];
    assert_eq!(t.grid.text(1, 0), "合计");
    assert_eq!(t.grid.text(2, 0), "一、一般公共服务支出");
    assert_eq!(t.grid.text(3, 4), "Project Name");
    let span = t.grid.covering(2, 4).expect("covered");
    assert_eq!(
        (span.row, span.row_span, span.text.as_str()),
        (1, 2, "跨两行")
    );
}

#[test]
fn furniture_above_and_notes_below() {
    let ts = tables("formats.xlsx");
    assert_eq!(ts.len(), 2, "the empty third sheet has no table");
    let t = &ts[0];
    assert_eq!(
        notes(t, NotePlace::Above),
        [
            "2025年部门收支预算总表",
            "部门名称：某某市财政局",
            "单位：万元"
        ]
    );
    assert_eq!(notes(t, NotePlace::Below), ["注：本表金额保留两位小数。"]);
    assert_eq!(
        t.grid.row_texts(0),
        ["项目", "金额", "比例", "日期", "备注"]
    );
    assert_eq!(
        t.grid.n_rows, 6,
        "blank trailing rows trimmed, hidden row kept"
    );
    assert_eq!(t.header_rows, 1);
    // Sheet 2: a title merged over two rows, the used range starting at B2.
    let t = &ts[1];
    assert_eq!(t.first_page, 2);
    assert_eq!(notes(t, NotePlace::Above), ["一般公共预算支出表"]);
    assert_eq!(t.grid.row_texts(1), ["合计", "7,877.76"]);
}

#[test]
fn stacked_forms_stay_one_table() {
    let ts = tables("nm-wh-xlsx-stacked.xlsx");
    assert_eq!(ts.len(), 1);
    let t = &ts[0];
    assert_eq!(notes(t, NotePlace::Above), ["项目支出绩效目标表（2025年）"]);
    assert_eq!(t.grid.n_cols, 9);
    let forms = (0..t.grid.n_rows)
        .filter(|&r| t.grid.text(r, 0) == "项目名称")
        .count();
    assert_eq!(forms, 12);
    assert!(t.grid.cells.iter().any(|c| c.col_span == 8));
    assert!(t.grid.cells.iter().any(|c| c.row_span == 4));
}

#[test]
fn xls_workbook() {
    let ts = tables("formats.xls");
    assert_eq!(ts.len(), 1);
    let t = &ts[0];
    assert_eq!(
        notes(t, NotePlace::Above),
        ["一般公共预算支出表", "单位：万元"]
    );
    assert_eq!(t.grid.row_texts(1), ["合计", "1,234.50", "两行"]);
    let col: Vec<&str> = (1..t.grid.n_rows).map(|r| t.grid.text(r, 1)).collect();
    assert_eq!(
        col,
        ["1,234.50", "17", "92.5%", "2025-01-01"],
        "XLS formats too"
    );
    let span = t.grid.covering(2, 2).expect("covered");
    assert_eq!((span.row, span.row_span), (1, 2));
}

#[test]
fn sniffing() {
    let bytes = |n: &str| std::fs::read(sample(n)).expect("sample present");
    assert_eq!(
        office::sniff_zip(&bytes("formats.xlsx")),
        Some(ZipKind::Xlsx)
    );
    assert_eq!(
        office::sniff_zip(&bytes("huge-part.docx")),
        Some(ZipKind::Docx)
    );
    assert_eq!(office::sniff_zip(&bytes("not-a-workbook.zip")), None);
    assert!(office::is_ole(&bytes("formats.xls")));
    assert!(!office::is_encrypted_ole(&bytes("formats.xls")));
    assert!(office::is_encrypted_ole(&bytes("encrypted.xlsx")));
}

#[test]
fn password_protected_workbook() {
    assert!(error("encrypted.xlsx").contains("password-protected"));
}

#[test]
fn zip_that_is_not_a_workbook() {
    assert!(error("not-a-workbook.zip").contains("not an XLSX or XLS workbook"));
    assert!(error("huge-part.docx").contains("Word document"));
}

#[test]
fn million_row_sheet_stops_early() {
    assert!(error("million-rows.xlsx").contains("grid slots"));
}

/// calamine alone reserves 240 GB for this count and aborts the process.
#[test]
fn shared_string_count_beyond_its_part_is_refused() {
    let good = std::fs::read(sample("formats.xlsx")).expect("sample present");
    let sst = br#"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="10000000000"><si><t>x</t></si></sst>"#;
    let bytes = rezip(&good, "xl/sharedStrings.xml", sst);
    let msg = xlsx::read(Path::new("sst.xlsx"), &bytes)
        .expect_err("refused")
        .to_string();
    assert!(
        msg.starts_with("sst.xlsx: damaged sharedStrings.xml: declares 10000000000 strings"),
        "{msg}"
    );
}

#[test]
fn xls_sizes_are_checked_before_calamine_allocates() {
    assert!(error("corners.xls").contains("grid slots"));
    assert!(error("huge-dimensions.xls").contains("damaged XLS sheet 1"));
}

/// A fuzzed XLS whose FAT points twice at one sector: calamine's container
/// reader followed the loop until 24 GB were taken; the `cfb` check refuses
/// it first.
#[test]
fn a_looped_ole_sector_chain_is_refused_before_calamine() {
    let msg = error("looped-fat.xls");
    assert!(msg.contains("damaged XLS workbook: Malformed FAT"), "{msg}");
}

#[test]
fn merged_range_over_all_columns_is_clipped() {
    let ts = tables("wide-merge.xlsx");
    let t = &ts[0];
    assert_eq!((t.grid.n_rows, t.grid.n_cols), (2, 2));
    assert_eq!(notes(t, NotePlace::Above), ["标题"]);
    assert!(t
        .grid
        .cells
        .iter()
        .all(|c| c.row + c.row_span <= 2 && c.col + c.col_span <= 2));
}

#[test]
fn binary_workbook_is_named() {
    use std::io::Write;
    let mut buf = std::io::Cursor::new(Vec::new());
    let mut z = zip::ZipWriter::new(&mut buf);
    z.start_file("xl/workbook.bin", zip::write::SimpleFileOptions::default())
        .expect("zip");
    z.write_all(b"\x83\x01\x00").expect("zip");
    z.finish().expect("zip");
    let msg = xlsx::read(Path::new("b.xlsb"), buf.get_ref())
        .expect_err("XLSB is not read")
        .to_string();
    assert_eq!(
        msg,
        "b.xlsb: a binary (XLSB) workbook: save it as XLSX to read it"
    );
}

#[test]
fn zip_bomb() {
    assert!(error("zip-bomb.xlsx").contains("256 MiB"));
}

#[test]
fn garbage_does_not_panic() {
    let path = Path::new("junk.xlsx");
    let good = std::fs::read(sample("formats.xlsx")).expect("sample present");
    let inputs: Vec<Vec<u8>> = vec![
        Vec::new(),
        b"PK\x03\x04".to_vec(),
        good[..good.len() / 2].to_vec(),
        vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0],
    ];
    for bytes in inputs {
        let msg = xlsx::read(path, &bytes).expect_err("fails").to_string();
        assert!(msg.starts_with("junk.xlsx: "), "{msg}");
    }
}

/// A small deterministic generator (no dependency): xorshift.
fn next(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

/// The workbook re-zipped with one part replaced (added when missing).
fn rezip(bytes: &[u8], part: &str, new: &[u8]) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut src = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut out = std::io::Cursor::new(Vec::new());
    let mut z = zip::ZipWriter::new(&mut out);
    for i in 0..src.len() {
        let mut f = src.by_index(i).expect("part");
        let name = f.name().expect("name").to_string();
        let mut data = Vec::new();
        f.read_to_end(&mut data).expect("inflates");
        z.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .expect("zip");
        z.write_all(if name == part { new } else { &data })
            .expect("zip");
    }
    if src.index_for_name(part).is_none() {
        z.start_file(part, zip::write::SimpleFileOptions::default())
            .expect("zip");
        z.write_all(new).expect("zip");
    }
    z.finish().expect("zip");
    out.into_inner()
}

/// Sheet and style XML with bytes overwritten, deleted or duplicated:
/// errors naming the file, never a panic.
#[test]
fn mutated_workbook_xml_never_panics() {
    use std::io::Read;
    let good = std::fs::read(sample("formats.xlsx")).expect("sample present");
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(&good[..])).expect("zip");
    let mut parts = Vec::new();
    for name in ["xl/worksheets/sheet1.xml", "xl/styles.xml"] {
        let mut xml = Vec::new();
        z.by_name(name)
            .expect("part")
            .read_to_end(&mut xml)
            .expect("inflates");
        parts.push((name, xml));
    }
    let tokens: [&[u8]; 5] = [
        b"<mergeCell ref=\"A1:XFD1048576\"/>",
        b"<c r=\"XFD1048576\"><v>1</v></c>",
        b"<numFmt numFmtId=\"164\" formatCode=\"[$-F800]dddd\\,\\ mmmm\\ dd\\,\\ yyyy;;0.0E+0%\"/>",
        b"<row r=\"4294967295\">",
        b"s=\"999999\"",
    ];
    let mut state = 0x2545_F491_4F6C_DD1D;
    for _ in 0..150 {
        let (name, xml) = &parts[(next(&mut state) % 2) as usize];
        let mut m = xml.clone();
        for _ in 0..1 + next(&mut state) % 3 {
            let at = (next(&mut state) as usize) % m.len();
            match next(&mut state) % 3 {
                0 => m[at] = next(&mut state) as u8,
                1 => {
                    m.drain(at..(at + 30).min(m.len()));
                }
                _ => {
                    let t = tokens[(next(&mut state) as usize) % tokens.len()];
                    m.splice(at..at, t.iter().copied());
                }
            }
        }
        let bytes = rezip(&good, name, &m);
        if let Err(e) = xlsx::read(Path::new("m.xlsx"), &bytes) {
            assert!(e.to_string().starts_with("m.xlsx: "));
        }
    }
}

/// Positions at and past the edges of a sheet (and of u32) in the XML.
#[test]
fn extreme_positions_are_errors_or_clipped() {
    use std::io::Read;
    let good = std::fs::read(sample("wide-merge.xlsx")).expect("sample present");
    let mut xml = String::new();
    zip::ZipArchive::new(std::io::Cursor::new(&good[..]))
        .expect("zip")
        .by_name("xl/worksheets/sheet1.xml")
        .expect("part")
        .read_to_string(&mut xml)
        .expect("inflates");
    let hostile = [
        r#"<row r="4294967295"><c><v>1</v></c></row>"#,
        r#"<row r="4294967296"><c><v>1</v></c></row>"#,
        r#"<row><c r="A4294967295"><v>1</v></c><c><v>2</v></c></row>"#,
        r#"<row><c r="XFD3"><v>1</v></c><c><v>2</v></c></row>"#,
        r#"<row><c r="ZZZZZZZZZZ3"><v>1</v></c></row>"#,
        r#"<row><c r="A0"><v>1</v></c></row>"#,
    ];
    for h in hostile {
        let sheet = xml.replacen("</sheetData>", &format!("{h}</sheetData>"), 1);
        let bytes = rezip(&good, "xl/worksheets/sheet1.xml", sheet.as_bytes());
        if let Err(e) = xlsx::read(Path::new("edge.xlsx"), &bytes) {
            let msg = e.to_string();
            assert!(
                msg.starts_with("edge.xlsx: ") && !msg.contains('\n'),
                "{msg}"
            );
        }
    }
}
