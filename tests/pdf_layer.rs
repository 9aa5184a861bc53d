//! The PDF text layer on small generated PDFs (scripts/gen_test_pdfs.py)
//! and the corpus's finance-system export: exact text per font case,
//! glyph positions, Form XObjects, ruling lines, errors.

use std::path::{Path, PathBuf};
use yusuan::sources::pdf::{self, model::Page, PdfDoc};

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/pdf")
        .join(name)
}

fn open(name: &str) -> PdfDoc {
    let path = data(name);
    let bytes = std::fs::read(&path).expect("test file present");
    pdf::open(&path, &bytes).expect("opens")
}

fn text(page: &Page) -> String {
    page.glyphs.iter().map(|g| g.text.as_str()).collect()
}

fn decoded_by(doc: &PdfDoc) -> Vec<String> {
    doc.fonts
        .iter()
        .flat_map(|f| f.decoded_by.keys().cloned())
        .collect()
}

#[test]
fn gbk_euc_h_without_tounicode() {
    let doc = open("gbk-euc-h.pdf");
    assert_eq!(text(&doc.pages[0]), "预算表A1中文");
    assert_eq!(doc.pages[0].undecoded, 0);
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
}

#[test]
fn unigb_ucs2_h_without_tounicode_with_cid_widths() {
    let doc = open("unigb-ucs2-h.pdf");
    let p = &doc.pages[0];
    assert_eq!(text(p), "预算表A");
    // 12pt, DW 1000 for the hanzi; 'A' is CID 34, W [1 95 500] → 6pt.
    let xs: Vec<f32> = p.glyphs.iter().map(|g| g.bbox.x0).collect();
    assert_eq!(xs, vec![20.0, 32.0, 44.0, 56.0]);
    let a = &p.glyphs[3].bbox;
    assert!((a.width() - 6.0).abs() < 1e-3, "{a:?}");
    assert!((p.glyphs[0].size - 12.0).abs() < 1e-3);
    // Baseline 150: box from descent to ascent.
    assert!((p.glyphs[0].bbox.y0 - (150.0 - 2.4)).abs() < 1e-3);
    assert!((p.glyphs[0].bbox.y1 - (150.0 + 9.6)).abs() < 1e-3);
}

#[test]
fn identity_h_with_adobe_gb1_ordering_and_no_tounicode() {
    let doc = open("identity-h-gb1.pdf");
    assert_eq!(text(&doc.pages[0]), "预算表A中文");
    assert_eq!(decoded_by(&doc), vec!["Adobe-GB1 table".to_string()]);
}

#[test]
fn bogus_identity_tounicode_is_ignored() {
    let doc = open("bogus-tounicode.pdf");
    assert_eq!(text(&doc.pages[0]), "预算表A中文");
    assert_eq!(doc.fonts[0].to_unicode, "bogus (ignored)");
}

#[test]
fn tounicode_arrays_surrogates_and_an_undecodable_code() {
    let doc = open("tounicode.pdf");
    let p = &doc.pages[0];
    assert_eq!(text(p), "预\u{20000}算表ABC");
    assert_eq!(p.undecoded, 1);
    assert_eq!(p.glyphs.last().and_then(|g| g.undecoded), Some(0x99));
    assert!(doc
        .warnings
        .iter()
        .any(|w| w.kind == yusuan::warning::WarningKind::UndecodedGlyphs && w.page == Some(1)));
}

#[test]
fn differences_with_uni_names_and_standard_14_widths() {
    let doc = open("differences.pdf");
    let p = &doc.pages[0];
    assert_eq!(text(p), "预算€xy");
    // Helvetica 'x' is 500/1000 em at 10pt.
    assert!(
        (p.glyphs[3].bbox.width() - 5.0).abs() < 1e-3,
        "{:?}",
        p.glyphs[3]
    );
}

#[test]
fn form_xobjects_with_own_resources_matrix_nesting_and_cycle_guard() {
    let doc = open("form-xobject.pdf");
    let p = &doc.pages[0];
    let at = |t: &str| {
        let s: Vec<_> = p.glyphs.iter().collect();
        let i = (0..s.len())
            .find(|&i| {
                s[i..]
                    .iter()
                    .take(t.len())
                    .map(|g| g.text.as_str())
                    .collect::<String>()
                    == t
            })
            .unwrap_or_else(|| panic!("{t} not found in {}", text(p)));
        (s[i].bbox.x0, s[i].bbox.y0)
    };
    assert_eq!(text(p), "PageInsideNestedLoop");
    assert_eq!(at("Inside"), (100.0, 48.0));
    assert_eq!(at("Nested"), (100.0, 68.0));
    assert_eq!(at("Loop"), (0.0, 98.0));
    assert!(doc.warnings.iter().any(|w| w.message.contains("cyclic")));
}

#[test]
fn ruling_lines_from_strokes_and_thin_fills_only_cut_to_the_clip() {
    let doc = open("lines.pdf");
    let lines = &doc.pages[0].lines;
    // A filled box's edges are kept apart, as shaded-cell borders.
    let shaded: Vec<_> = lines.iter().filter(|s| s.shaded).collect();
    assert!(shaded.len() % 4 == 0);
    let mut segs: Vec<_> = lines
        .iter()
        .filter(|s| !s.shaded)
        .map(|s| (s.is_horizontal(), s.x0, s.y0, s.x1, s.y1, s.width))
        .collect();
    segs.sort_by(|a, b| a.partial_cmp(b).expect("finite"));
    assert_eq!(
        segs,
        vec![
            (false, 210.0, 10.0, 210.0, 110.0, 0.5),
            (false, 300.0, 20.0, 300.0, 120.0, 1.0),
            (true, 10.0, 10.0, 210.0, 10.0, 0.5),
            (true, 10.0, 30.0, 110.0, 30.0, 0.5),
            (true, 10.0, 60.3, 210.0, 60.3, 0.6),
            (true, 10.0, 150.0, 210.0, 150.0, 0.5),
        ]
    );
}

#[test]
fn page_without_text_says_it_needs_ocr() {
    let doc = open("no-text.pdf");
    assert!(doc.pages[0].glyphs.is_empty());
    let w = doc
        .warnings
        .iter()
        .find(|w| w.kind == yusuan::warning::WarningKind::NoText)
        .expect("warning");
    assert!(w.message.contains("OCR"));
    assert_eq!((doc.pages[0].width, doc.pages[0].height), (400.0, 200.0));
    let blank = open("blank.pdf");
    let kinds: Vec<&str> = blank.warnings.iter().map(|w| w.kind.as_str()).collect();
    assert_eq!(kinds, vec!["blank_page"]);
}

#[test]
fn encrypted_with_empty_user_password_opens() {
    for name in ["encrypted-empty-user.pdf", "encrypted-aes256-empty.pdf"] {
        let doc = open(name);
        assert_eq!(text(&doc.pages[0]), "预算表A中文", "{name}");
    }
}

#[test]
fn encrypted_with_a_password_is_a_clear_error() {
    let path = data("encrypted-password.pdf");
    let bytes = std::fs::read(&path).expect("present");
    let err = pdf::open(&path, &bytes)
        .expect_err("needs a password")
        .to_string();
    assert!(
        err.contains("encrypted-password.pdf") && err.contains("password"),
        "{err}"
    );
}

#[test]
fn finance_export_stsong_ucs2_decodes_completely() {
    let doc = open("kjfw-cid.pdf");
    assert_eq!(doc.pages.len(), 6);
    assert!(doc.pages.iter().all(|p| p.undecoded == 0));
    // Non-whitespace characters per page, as pdftotext -raw counts them.
    let counts: Vec<usize> = doc
        .pages
        .iter()
        .map(|p| {
            p.glyphs
                .iter()
                .flat_map(|g| g.text.chars())
                .filter(|c| !c.is_whitespace())
                .count()
        })
        .collect();
    assert_eq!(counts, vec![1564, 1736, 1567, 1791, 1639, 1278]);
    let all = pdf::text::document_text(&doc.pages);
    assert!(all.contains("部门名称：广州市科技创新服务局"));
    assert!(!all.contains('\u{FFFD}'));
    assert_eq!(all.matches('\u{c}').count(), 6);
    assert!(doc.pages.iter().all(|p| !p.lines.is_empty()));
}

#[test]
fn embedded_truetype_cmap_is_the_last_resort() {
    let doc = open("truetype-cmap.pdf");
    assert_eq!(text(&doc.pages[0]), "预算表");
    assert_eq!(decoded_by(&doc), vec!["TrueType cmap".to_string()]);
    assert!(doc.fonts[0].embedded);
}

fn cli(args: &[&str]) -> (i32, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_yusuan"))
        .args(args)
        .output()
        .expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn inspect_text_prints_pages_in_reading_order_with_form_feeds() {
    let path = data("form-xobject.pdf");
    let (code, out, _) = cli(&["inspect", "text", path.to_str().expect("utf-8 path")]);
    assert_eq!(code, 0);
    // Top to bottom: Page (y 180), Loop (100), Nested (70), Inside (50).
    assert_eq!(out, "Page\nLoop\nNested\nInside\n\u{c}");
}

#[test]
fn inspect_fonts_lists_type_encoding_and_decoding() {
    let path = data("gbk-euc-h.pdf");
    let (code, out, _) = cli(&["inspect", "fonts", path.to_str().expect("utf-8 path")]);
    assert_eq!(code, 0);
    let row = out.lines().nth(1).expect("one font");
    assert!(
        row.starts_with("F1\tSTSong-Light\tType0/CIDFontType0\tGBK-EUC-H\tno\tnone\tAdobe-GB1\t"),
        "{row}"
    );
    assert!(row.contains("predefined CMap"), "{row}");
}

#[test]
fn inspect_reports_scanned_pages_and_bad_files() {
    let path = data("no-text.pdf");
    let (code, out, err) = cli(&["inspect", "text", path.to_str().expect("utf-8 path")]);
    assert_eq!((code, out.as_str()), (0, "\u{c}"));
    assert!(err.contains("OCR"), "{err}");
    let (code, _, err) = cli(&["inspect", "text", "Cargo.toml"]);
    assert_ne!(code, 0);
    assert!(
        err.contains("Cargo.toml") && err.contains("not a PDF"),
        "{err}"
    );
}

#[test]
fn damaged_cross_reference_data_is_rebuilt() {
    for name in [
        "damaged-startxref.pdf",
        "damaged-xref-offsets.pdf",
        "damaged-no-xref.pdf",
    ] {
        let doc = open(name);
        assert_eq!(text(&doc.pages[0]), "预算表A中文", "{name}");
    }
}

#[test]
fn type1_builtin_encoding_under_differences() {
    let doc = open("type1-builtin.pdf");
    let p = &doc.pages[0];
    assert_eq!(text(p), "预算€");
    // Widths from /Widths: 1000, 1000, 600 at 10pt.
    let w: Vec<f32> = p.glyphs.iter().map(|g| g.bbox.width()).collect();
    assert!(
        w.iter()
            .zip([10.0, 10.0, 6.0])
            .all(|(a, b)| (a - b).abs() < 1e-3),
        "{w:?}"
    );
    assert!(doc.fonts[0].encoding.contains("Type 1 program"));
}

#[test]
fn truncated_file_says_which_pages_lost_their_content() {
    // Cut the form-xobject file before its XObjects: the page survives,
    // its content stream is gone.
    let path = data("form-xobject.pdf");
    let bytes = std::fs::read(&path).expect("present");
    let cut = bytes
        .windows(8)
        .position(|w| w == b"4 0 obj\n")
        .expect("content object");
    let doc = pdf::open(&path, &bytes[..cut]).expect("lopdf rebuilds the xref");
    let kinds: Vec<&str> = doc.warnings.iter().map(|w| w.kind.as_str()).collect();
    assert_eq!(kinds, vec!["content_error"]);
    assert!(doc.warnings[0].message.contains("truncated"));
    assert!(doc.pages[0].glyphs.is_empty());
}

#[test]
fn utf16_surrogates_vertical_and_gbk2k_four_byte_codes() {
    let doc = open("utf16-gbk2k.pdf");
    let p = &doc.pages[0];
    assert_eq!(text(p), "预\u{20000}算\u{3400}");
    assert_eq!(p.undecoded, 0);
    // UniGB-UTF16-V runs down from (20, 180), one em per glyph.
    let b: Vec<(f32, f32, f32)> = p.glyphs[..2]
        .iter()
        .map(|g| (g.bbox.x0, g.bbox.y0, g.bbox.y1))
        .collect();
    assert_eq!(b, vec![(14.0, 168.0, 180.0), (14.0, 156.0, 168.0)]);
    assert_eq!(p.glyphs[3].bbox.x0, 112.0);
}
