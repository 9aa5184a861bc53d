//! Reading-order text of a page: glyphs grouped into lines by baseline
//! (top to bottom), left to right within a line, a space where the gap is
//! wide. Good for `inspect text` and for text-based fallbacks.

use super::model::{Glyph, Page};

/// Text lines of a page (as stored: call on `upright()` for turned pages),
/// each its glyphs in x order.
pub fn lines(page: &Page) -> Vec<Vec<&Glyph>> {
    let mut glyphs: Vec<&Glyph> = page
        .glyphs
        .iter()
        .filter(|g| !g.text.trim().is_empty() && g.bbox.x0.is_finite() && g.bbox.y0.is_finite())
        .collect();
    // Top to bottom by vertical centre.
    glyphs.sort_by(|a, b| b.bbox.center().1.total_cmp(&a.bbox.center().1));
    let mut lines: Vec<(f32, f32, Vec<&Glyph>)> = Vec::new();
    for g in glyphs {
        let (_, cy) = g.bbox.center();
        let tol = (g.bbox.height() * 0.4).max(1.0);
        match lines.last_mut() {
            Some((y, h, line)) if (cy - *y).abs() <= tol.min(*h * 0.4).max(1.0) => line.push(g),
            _ => lines.push((cy, g.bbox.height().max(1.0), vec![g])),
        }
    }
    lines
        .into_iter()
        .map(|(_, _, mut l)| {
            l.sort_by(|a, b| a.bbox.x0.total_cmp(&b.bbox.x0));
            l
        })
        .collect()
}

/// The page's text, one line per text line.
pub fn page_text(page: &Page) -> String {
    let mut out = String::new();
    let page = page.upright();
    for line in lines(&page) {
        let mut prev: Option<&Glyph> = None;
        for g in line {
            if let Some(p) = prev {
                let gap = g.bbox.x0 - p.bbox.x1;
                if gap > 0.25 * g.size.max(p.size).max(1.0) {
                    out.push(' ');
                }
            }
            out.push_str(&g.text);
            prev = Some(g);
        }
        out.push('\n');
    }
    out
}

/// All pages, separated by form feeds like `pdftotext`.
pub fn document_text(pages: &[Page]) -> String {
    pages.iter().map(|p| page_text(p) + "\u{c}").collect()
}

/// Groups glyphs into lines: sorted by top, a glyph joins the current line
/// when it overlaps it vertically by `line_overlap` of the smaller height
/// (LatticeParams.line_overlap); each line is then sorted by x.
pub fn group_lines(mut glyphs: Vec<&Glyph>, line_overlap: f32) -> Vec<Vec<&Glyph>> {
    glyphs.sort_by(|a, b| b.bbox.y1.total_cmp(&a.bbox.y1));
    let mut lines: Vec<(f32, f32, Vec<&Glyph>)> = Vec::new();
    for g in glyphs {
        let (lo, hi) = (g.bbox.y0.min(g.bbox.y1), g.bbox.y0.max(g.bbox.y1));
        match lines.last_mut() {
            Some((top, bottom, line)) if overlaps(lo, hi, *bottom, *top, line_overlap) => {
                *top = top.max(hi);
                *bottom = bottom.min(lo);
                line.push(g);
            }
            _ => lines.push((hi, lo, vec![g])),
        }
    }
    lines
        .into_iter()
        .map(|(_, _, mut l)| {
            l.sort_by(|a, b| a.bbox.x0.total_cmp(&b.bbox.x0));
            l
        })
        .collect()
}

/// Whether [lo, hi] overlaps [blo, bhi] by at least `share` of the smaller
/// height.
fn overlaps(lo: f32, hi: f32, blo: f32, bhi: f32, share: f32) -> bool {
    let overlap = hi.min(bhi) - lo.max(blo);
    let smaller = (hi - lo).min(bhi - blo).max(0.01);
    overlap >= share * smaller
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sources::pdf::model::Rect;

    fn glyph(t: &str, x: f32, y: f32) -> Glyph {
        Glyph {
            text: t.into(),
            bbox: Rect {
                x0: x,
                y0: y,
                x1: x + 10.0,
                y1: y + 10.0,
            },
            size: 10.0,
            undecoded: None,
            dir: 0,
        }
    }

    #[test]
    fn lines_top_down_left_right_with_gaps() {
        let page = Page {
            number: 1,
            width: 100.0,
            height: 100.0,
            rotation: 0,
            glyphs: vec![
                glyph("b", 10.0, 50.0),
                glyph("a", 0.0, 51.0),
                glyph("c", 40.0, 50.0),
                glyph("d", 0.0, 80.0),
            ],
            lines: vec![],
            undecoded: 0,
        };
        assert_eq!(page_text(&page), "d\nab c\n");
    }
}
