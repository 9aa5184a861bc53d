//! Opening a PDF and turning each page into the page model.

use super::content::{FontCache, Interpreter};
use super::font::FontInfo;
use super::model::{Page, Rect};
use super::obj;
use crate::warning::{Warning, WarningKind};
use crate::{Error, Result};
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::path::Path;

/// A whole document: pages, the fonts they used, and what went wrong.
#[derive(Debug, Clone)]
pub struct PdfDoc {
    pub pages: Vec<Page>,
    pub fonts: Vec<FontInfo>,
    pub warnings: Vec<Warning>,
}

/// Opens `bytes` (read from `path`, which names the file in errors and
/// warnings). Encrypted files open when the user password is empty.
pub fn open(path: &Path, bytes: &[u8]) -> Result<PdfDoc> {
    if bytes.is_empty() {
        return Err(Error::unsupported(path, "empty file"));
    }
    let head = bytes.get(..1024).unwrap_or(bytes);
    if !head.windows(5).any(|w| w == b"%PDF-") {
        return Err(Error::unsupported(path, "not a PDF (no %PDF- header)"));
    }
    // lopdf is not panic-free on hostile input; contain it.
    let loaded = std::panic::catch_unwind(|| Document::load_mem(bytes))
        .map_err(|_| Error::malformed(path, "damaged PDF: the parser gave up"))?;
    let mut doc = match loaded {
        Ok(d) => d,
        Err(lopdf::Error::InvalidPassword) | Err(lopdf::Error::Decryption(_)) => {
            return Err(Error::unsupported(
                path,
                "encrypted PDF that needs a password",
            ))
        }
        Err(e) => {
            return Err(Error::malformed(
                path,
                format!("damaged PDF: {}", obj::reason(&e)),
            ))
        }
    };
    if doc.trailer.has(b"Encrypt") && doc.encryption_state.is_none() {
        if !obj::content_in_clear(&doc) {
            return Err(Error::unsupported(
                path,
                "encrypted PDF that needs a password (its user password is not empty)",
            ));
        }
        let clear = obj::without_encrypt_entry(bytes);
        doc = std::panic::catch_unwind(|| Document::load_mem(&clear))
            .ok()
            .and_then(|r| r.ok())
            .ok_or_else(|| Error::malformed(path, "damaged PDF: the parser gave up"))?;
    }
    obj::resolve_stream_params(&mut doc);
    obj::recover_unsized_streams(&mut doc, bytes);
    let mut pages = doc.get_pages();
    let mut repaired = false;
    let distinct: std::collections::HashSet<_> = pages.values().collect();
    if pages.is_empty() || distinct.len() < pages.len() {
        // A page tree that loops (lopdf repeats pages then) or lost its root:
        // find the pages as poppler does, walking with a guard, else by
        // scanning the objects.
        pages = obj::pages_by_walk(&doc);
        repaired = !pages.is_empty();
    }
    if pages.is_empty() {
        return Err(Error::malformed(path, "damaged PDF: no pages found"));
    }
    let source = path.display().to_string();
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        read_pages(&doc, &pages, &source)
    }))
    .map_err(|_| Error::malformed(path, "damaged PDF: a page could not be interpreted"))?
    .map(|mut d| {
        if repaired {
            d.warnings.push(Warning::new(
                WarningKind::ContentError,
                &source,
                "the page tree is damaged (a loop or no root): pages were found by scanning the file"
                    .to_string(),
            ));
        }
        d
    })
}

fn read_pages(
    doc: &Document,
    pages: &std::collections::BTreeMap<u32, ObjectId>,
    source: &str,
) -> Result<PdfDoc> {
    let mut fonts = FontCache::default();
    let mut warnings = Vec::new();
    let mut out = Vec::with_capacity(pages.len());
    for (&number, &id) in pages {
        crate::cancel::check()?;
        let page = read_page(doc, &mut fonts, number, id, source, &mut warnings);
        out.push(page);
    }
    crate::cancel::check()?;
    let fonts = fonts
        .order
        .iter()
        .map(|f| f.info.borrow().clone())
        .collect();
    Ok(PdfDoc {
        pages: out,
        fonts,
        warnings,
    })
}

/// A page attribute, inherited through the page tree (§7.7.3.4).
fn inherited<'a>(doc: &'a Document, page: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    let mut node = page;
    for _ in 0..64 {
        if let Some(v) = obj::get(doc, node, key) {
            return Some(v);
        }
        node = obj::get_dict(doc, node, b"Parent")?;
    }
    None
}

fn page_box(doc: &Document, page: &Dictionary) -> Rect {
    let rect = |key: &[u8]| {
        let Some(Object::Array(a)) = inherited(doc, page, key) else {
            return None;
        };
        let v: Vec<f64> = obj::numbers(doc, a).into_iter().flatten().collect();
        let [a, b, c, d] = v.as_slice() else {
            return None;
        };
        let r = Rect {
            x0: a.min(*c) as f32,
            y0: b.min(*d) as f32,
            x1: a.max(*c) as f32,
            y1: b.max(*d) as f32,
        };
        (r.width() > 0.0 && r.height() > 0.0).then_some(r)
    };
    rect(b"CropBox")
        .or_else(|| rect(b"MediaBox"))
        .unwrap_or(Rect {
            x0: 0.0,
            y0: 0.0,
            x1: 612.0,
            y1: 792.0,
        })
}

fn read_page(
    doc: &Document,
    fonts: &mut FontCache,
    number: u32,
    id: ObjectId,
    source: &str,
    warnings: &mut Vec<Warning>,
) -> Page {
    let warn =
        |kind: WarningKind, msg: String| Warning::new(kind, source, msg).at(Some(number), None);
    let empty = Dictionary::new();
    let dict = doc.get_dictionary(id).unwrap_or(&empty);
    let bx = page_box(doc, dict);
    let rotation = inherited(doc, dict, b"Rotate")
        .and_then(obj::num)
        .map_or(0, |r| (r as i32).rem_euclid(360) / 90 * 90);
    let resources = match inherited(doc, dict, b"Resources") {
        Some(Object::Dictionary(d)) => Some(d),
        _ => None,
    };
    let content = match doc.get_page_content_with_limit(id, obj::MAX_STREAM) {
        Ok(c) => c,
        Err(e) => {
            warnings.push(warn(
                WarningKind::ContentError,
                format!("page content unreadable: {}", obj::reason(&e)),
            ));
            Vec::new()
        }
    };
    let missing = doc
        .get_page_contents(id)
        .iter()
        .filter(|c| doc.get_object(**c).is_err())
        .count();
    let lost_page = doc.get_dictionary(id).is_err();
    let damaged = missing > 0 || lost_page;
    if damaged {
        warnings.push(warn(
            WarningKind::ContentError,
            "page or its content is missing: the file is truncated or damaged".into(),
        ));
    }
    let mut interp = Interpreter::new(doc, fonts, bx);
    interp.run(&content, resources);
    let mut out = interp.out;
    let form_glyphs = appearance_glyphs(doc, fonts, dict, bx);
    if !form_glyphs.is_empty() {
        warnings.push(warn(
            WarningKind::FormText,
            format!(
                "{} character(s) come from form fields or annotations (their appearance streams), not the page content",
                form_glyphs.len()
            ),
        ));
        out.glyphs.extend(form_glyphs);
    }
    for p in &out.problems {
        warnings.push(warn(WarningKind::ContentError, p.clone()));
    }
    let (w, h) = (bx.width(), bx.height());
    let glyphs: Vec<_> = out
        .glyphs
        .into_iter()
        .map(|mut g| {
            g.bbox = shift(g.bbox, bx);
            g
        })
        .collect();
    let lines = out
        .lines
        .into_iter()
        .map(|mut s| {
            (s.x0, s.y0, s.x1, s.y1) = (s.x0 - bx.x0, s.y0 - bx.y0, s.x1 - bx.x0, s.y1 - bx.y0);
            s
        })
        .collect();
    let undecoded = glyphs.iter().filter(|g| g.undecoded.is_some()).count();
    if undecoded > 0 {
        warnings.push(warn(
            WarningKind::UndecodedGlyphs,
            format!("{undecoded} glyph(s) could not be decoded to Unicode and were left out"),
        ));
    }
    if !damaged
        && !glyphs
            .iter()
            .any(|g| g.text.chars().any(|c| !c.is_whitespace()))
    {
        warnings.push(if out.images > 0 {
            warn(
                WarningKind::NoText,
                "page has images but no text layer: it looks scanned and needs OCR".into(),
            )
        } else {
            warn(
                WarningKind::BlankPage,
                "page has no text and no images".into(),
            )
        });
    }
    Page {
        number,
        width: w,
        height: h,
        rotation,
        glyphs,
        lines,
        undecoded,
    }
}

/// Glyphs of the page's annotation and widget appearances (§12.5.5): each
/// normal appearance runs as a form XObject mapped onto the annotation's
/// rectangle. Hidden annotations and unselected states are left out.
fn appearance_glyphs(
    doc: &Document,
    fonts: &mut FontCache,
    page: &Dictionary,
    bx: Rect,
) -> Vec<super::model::Glyph> {
    let mut glyphs = Vec::new();
    let Some(annots) = obj::get_array(doc, page, b"Annots") else {
        return glyphs;
    };
    for annot in annots.iter().take(MAX_ANNOTS) {
        let Object::Dictionary(a) = obj::resolve(doc, annot) else {
            continue;
        };
        let Some((form, matrix)) = appearance(doc, a) else {
            continue;
        };
        let mut xobjects = Dictionary::new();
        xobjects.set("Ap", form);
        let mut res = Dictionary::new();
        res.set("XObject", Object::Dictionary(xobjects));
        let m = matrix.map(|v| format!("{v:.6}")).join(" ");
        let content = format!("q {m} cm /Ap Do Q");
        let mut interp = Interpreter::new(doc, fonts, bx);
        interp.run(content.as_bytes(), Some(&res));
        // Field borders and backgrounds are no table rulings: text only.
        glyphs.extend(interp.out.glyphs);
    }
    glyphs
}

/// Cap on annotations read per page, against files with millions.
const MAX_ANNOTS: usize = 10_000;

/// An annotation's visible normal appearance and the matrix that maps its
/// form space onto the annotation rectangle.
fn appearance(doc: &Document, a: &Dictionary) -> Option<(Object, [f64; 6])> {
    let flags = obj::get_num(doc, a, b"F").unwrap_or(0.0) as i64;
    // Hidden (bit 2) or NoView (bit 6).
    if flags & (2 | 32) != 0 {
        return None;
    }
    let ap = obj::get_dict(doc, a, b"AP")?;
    let raw_n = ap.get(b"N").ok()?;
    let raw = match obj::resolve(doc, raw_n) {
        Object::Stream(_) => raw_n,
        Object::Dictionary(states) => states.get(obj::get_name(doc, a, b"AS")?).ok()?,
        _ => return None,
    };
    let Object::Stream(form) = obj::resolve(doc, raw) else {
        return None;
    };
    let rect = four(doc, obj::get_array(doc, a, b"Rect")?)?;
    let bbox = four(doc, obj::get_array(doc, &form.dict, b"BBox")?)?;
    let m = obj::get_array(doc, &form.dict, b"Matrix")
        .and_then(|v| {
            obj::numbers(doc, v)
                .into_iter()
                .collect::<Option<Vec<f64>>>()
        })
        .and_then(|v| <[f64; 6]>::try_from(v).ok())
        .unwrap_or([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);
    // The bounding box as the form matrix moves it (§12.5.5 step 1).
    let corners = [
        (bbox[0], bbox[1]),
        (bbox[2], bbox[1]),
        (bbox[0], bbox[3]),
        (bbox[2], bbox[3]),
    ]
    .map(|(x, y)| (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]));
    let xs = corners.map(|c| c.0);
    let ys = corners.map(|c| c.1);
    let (x0, x1) = (
        xs.iter().copied().fold(f64::MAX, f64::min),
        xs.iter().copied().fold(f64::MIN, f64::max),
    );
    let (y0, y1) = (
        ys.iter().copied().fold(f64::MAX, f64::min),
        ys.iter().copied().fold(f64::MIN, f64::max),
    );
    if x1 - x0 <= 0.0 || y1 - y0 <= 0.0 {
        return None;
    }
    let (sx, sy) = (
        (rect[2] - rect[0]) / (x1 - x0),
        (rect[3] - rect[1]) / (y1 - y0),
    );
    let matrix = [sx, 0.0, 0.0, sy, rect[0] - x0 * sx, rect[1] - y0 * sy];
    Some((raw.clone(), matrix))
}

/// A rectangle `[x0 y0 x1 y1]`, normalised so that x0 < x1 and y0 < y1.
fn four(doc: &Document, arr: &[Object]) -> Option<[f64; 4]> {
    let v: Vec<f64> = obj::numbers(doc, arr).into_iter().collect::<Option<_>>()?;
    let [a, b, c, d] = v.as_slice() else {
        return None;
    };
    Some([a.min(*c), b.min(*d), a.max(*c), b.max(*d)])
}

fn shift(r: Rect, by: Rect) -> Rect {
    Rect {
        x0: r.x0 - by.x0,
        y0: r.y0 - by.y0,
        x1: r.x1 - by.x0,
        y1: r.y1 - by.y0,
    }
}
