//! Small generated reproductions (scripts/gen_hostile_pdfs.py) of PDFs from
//! other projects' test suites that poppler reads and yusuan read as blank
//! or as needing a password (issue 15).

use std::path::{Path, PathBuf};
use yusuan::sources::pdf::{self, PdfDoc};

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/hostile")
        .join(name)
}

fn open(name: &str) -> PdfDoc {
    let path = data(name);
    let bytes = std::fs::read(&path).expect("test file present");
    match pdf::open(&path, &bytes) {
        Ok(doc) => doc,
        Err(e) => panic!("{name}: {e}"),
    }
}

fn text(doc: &PdfDoc) -> String {
    pdf::text::document_text(&doc.pages)
}

fn kinds(doc: &PdfDoc) -> Vec<&str> {
    doc.warnings.iter().map(|w| w.kind.as_str()).collect()
}

#[test]
fn an_indirect_filter_is_resolved() {
    for name in ["indirect-filter.pdf", "indirect-filter-array.pdf"] {
        let doc = open(name);
        assert_eq!(text(&doc).trim(), "Indirect filter", "{name}");
        assert!(kinds(&doc).is_empty(), "{name}: {:?}", doc.warnings);
    }
}

#[test]
fn operators_inside_a_tj_array_are_skipped_and_a_missing_length_recovered() {
    for name in ["tj-operator.pdf", "no-length.pdf"] {
        let doc = open(name);
        assert_eq!(text(&doc).trim(), "GrandesClientes", "{name}");
    }
}

#[test]
fn empty_user_password_encryption_opens() {
    for name in ["rc4-40-empty.pdf", "aes128-empty.pdf"] {
        assert_eq!(text(&open(name)).trim(), "GrandesClientes", "{name}");
    }
}

#[test]
fn identity_crypt_filters_leave_the_pages_readable_without_a_password() {
    let doc = open("clear-crypt-filter.pdf");
    assert_eq!(text(&doc).trim(), "Clear under encryption");
}

#[test]
fn appearance_streams_give_form_text_marked_as_such() {
    let doc = open("widget-text.pdf");
    let t = text(&doc);
    for shown in ["Field value", "Checked", "Note"] {
        assert!(t.contains(shown), "{shown} in {t:?}");
    }
    for hidden in ["Hidden", "Unchecked"] {
        assert!(!t.contains(hidden), "{hidden} in {t:?}");
    }
    let w = doc
        .warnings
        .iter()
        .find(|w| w.kind == yusuan::warning::WarningKind::FormText);
    assert!(
        w.is_some_and(|w| w.message.contains("22 character(s)")),
        "{:?}",
        doc.warnings
    );
    // Mapped onto the annotation rectangle [150 20 250 60], scaled ×2.
    let note = doc.pages[0].glyphs.iter().find(|g| g.text == "N");
    let b = note.map(|g| g.bbox).expect("a glyph N");
    assert!(b.x0 > 150.0 && b.x0 < 160.0, "{b:?}");
}

#[test]
fn pages_of_a_damaged_page_tree_are_found() {
    for name in ["looping-page-tree.pdf", "no-page-root.pdf"] {
        assert_eq!(text(&open(name)).trim(), "Found anyway", "{name}");
    }
    let doc = open("no-page-root.pdf");
    assert!(
        doc.warnings.iter().any(|w| w.message.contains("page tree")),
        "{:?}",
        doc.warnings
    );
}
