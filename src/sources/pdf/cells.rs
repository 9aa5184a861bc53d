//! Text into cells: each glyph goes to the cell holding its centre; the
//! glyphs of a cell are grouped into lines and joined in reading order.
//! Chinese text wraps without separators, so lines are joined with none,
//! except between two ASCII words; a hyphen or a number broken at a line
//! end thus stays whole.

use super::lattice::{Grid, LatticeParams};
use super::model::{Glyph, Rect};
use super::text::group_lines;

/// One line of text with its vertical extent (for page furniture).
#[derive(Debug, Clone, PartialEq)]
pub struct TextLine {
    pub text: String,
    /// Top and bottom of the line, page coordinates (y up).
    pub top: f32,
    pub bottom: f32,
    /// Largest glyph size on the line.
    pub size: f32,
}

/// Fills every grid cell's text from the page's glyphs; returns the glyphs
/// that fall in no grid (titles, page numbers, notes).
pub fn fill<'a>(grids: &mut [Grid], glyphs: &'a [Glyph], params: &LatticeParams) -> Vec<&'a Glyph> {
    let mut per_cell: Vec<Vec<Vec<&Glyph>>> = grids
        .iter()
        .map(|g| vec![Vec::new(); g.cells.len()])
        .collect();
    let mut outside = Vec::new();
    for glyph in glyphs.iter().filter(|g| is_visible(g)) {
        let (x, y) = glyph.bbox.center();
        // A glyph overflowing the table's outer border by less than half
        // its width (wide punctuation at a line end) still belongs inside.
        let slack = 0.5 * glyph.bbox.width().abs();
        // The innermost grid holding it: a table nested in another's cell
        // keeps its own text (the outer cell does not get it too).
        let area = |g: &Grid| g.bbox.width() * g.bbox.height();
        let hit = grids
            .iter()
            .enumerate()
            .filter_map(|(i, g)| {
                let b = &g.bbox;
                let inside = x >= b.x0 - slack && x <= b.x1 + slack && y >= b.y0 && y <= b.y1;
                let (x, y) = (x.clamp(b.x0, b.x1), y);
                inside
                    .then(|| g.locate(x, y).map(|c| (i, c, area(g))))
                    .flatten()
            })
            .min_by(|a, b| a.2.total_cmp(&b.2))
            .map(|(i, c, _)| (i, c));
        match hit.and_then(|(g, c)| per_cell.get_mut(g)?.get_mut(c)) {
            Some(cell) => cell.push(glyph),
            None => outside.push(glyph),
        }
    }
    for (grid, cells) in grids.iter_mut().zip(per_cell) {
        for (cell, glyphs) in grid.cells.iter_mut().zip(cells) {
            cell.text = text_of(glyphs, params);
        }
        grid.drop_slivers();
    }
    outside
}

/// Glyphs worth reading: decoded, not control characters (a TAB is a word
/// separator and kept), finite box.
fn is_visible(g: &Glyph) -> bool {
    let b = &g.bbox;
    !g.text.is_empty()
        && !g.text.chars().all(|c| c.is_control() && !c.is_whitespace())
        && [b.x0, b.y0, b.x1, b.y1].iter().all(|v| v.is_finite())
}

/// The text of one cell: its lines, top to bottom, joined; a cell whose
/// text is set sideways (a narrow header turned 90°) is read in its own
/// upright frame.
pub fn text_of(glyphs: Vec<&Glyph>, params: &LatticeParams) -> String {
    let turned = turned_upright(&glyphs);
    let glyphs = match &turned {
        Some(owned) => owned.iter().collect(),
        None => glyphs,
    };
    let lines: Vec<String> = group_lines(glyphs, params.line_overlap)
        .iter()
        .map(|l| join_line(l, params))
        .filter(|l| !l.is_empty())
        .collect();
    join_lines(&lines)
}

/// The glyphs turned so that most of them read left to right, when most
/// of them (by count of visible glyphs) have a turned baseline; `None`
/// when they read left to right already.
fn turned_upright(glyphs: &[&Glyph]) -> Option<Vec<Glyph>> {
    let mut counts = [0usize; 4];
    for g in glyphs.iter().filter(|g| !g.text.trim().is_empty()) {
        if let Some(n) = counts.get_mut((g.dir.rem_euclid(360) / 90) as usize) {
            *n += 1;
        }
    }
    let total: usize = counts.iter().sum();
    let quarter = (1..4).find(|&i| counts.get(i).is_some_and(|&n| 2 * n > total))?;
    let rot = quarter as i32 * 90;
    // The page turn of `Page::turned`, without the page offset.
    let turn = |x: f32, y: f32| match rot {
        90 => (y, -x),
        180 => (-x, -y),
        _ => (-y, x),
    };
    let out = glyphs
        .iter()
        .map(|g| {
            let (ax, ay) = turn(g.bbox.x0, g.bbox.y0);
            let (bx, by) = turn(g.bbox.x1, g.bbox.y1);
            Glyph {
                bbox: Rect {
                    x0: ax.min(bx),
                    y0: ay.min(by),
                    x1: ax.max(bx),
                    y1: ay.max(by),
                },
                dir: (g.dir - rot).rem_euclid(360),
                ..(*g).clone()
            }
        })
        .collect();
    Some(out)
}

/// Lines of text with their extents, top to bottom.
pub fn text_lines(glyphs: Vec<&Glyph>, params: &LatticeParams) -> Vec<TextLine> {
    group_lines(glyphs, params.line_overlap)
        .iter()
        .filter_map(|l| {
            let text = join_line(l, params);
            (!text.is_empty()).then(|| TextLine {
                text,
                top: l.iter().map(|g| g.bbox.y1).fold(f32::MIN, f32::max),
                bottom: l.iter().map(|g| g.bbox.y0).fold(f32::MAX, f32::min),
                size: l.iter().map(|g| g.size).fold(0.0, f32::max),
            })
        })
        .collect()
}

/// One line's text: overprints dropped, superscript digits marked, one
/// space where a gap (or a space, TAB or no-break-space glyph) separates
/// two characters of a spaced script (not CJK).
pub fn join_line(line: &[&Glyph], params: &LatticeParams) -> String {
    let base = median_size(line);
    let middle = median_middle(line);
    let mut out = String::new();
    let mut prev: Option<&Glyph> = None;
    let mut pending_space = false;
    let filler = filler_blanks(line);
    for (i, g) in line.iter().enumerate() {
        if g.text.trim().is_empty() {
            pending_space |= !filler.contains(&i);
            continue;
        }
        if let Some(p) = prev {
            if p.text == g.text && (g.bbox.x0 - p.bbox.x0).abs() < params.overprint * g.size {
                continue;
            }
            let gap = g.bbox.x0 - p.bbox.x1;
            let wide = gap > params.space_gap * g.size.max(p.size);
            if (pending_space || wide) && word_boundary(&out, &g.text) {
                out.push(' ');
            }
        }
        let raised = g.bbox.center().1 > middle + 0.15 * base;
        if g.size < params.superscript * base && raised {
            out.extend(g.text.chars().map(superscript));
        } else {
            out.push_str(&g.text);
        }
        prev = Some(g);
        pending_space = false;
    }
    out.trim().to_string()
}

/// Indices (into `line`, sorted by x0) of blank glyphs that a form
/// filler drew as a run across the cell before the text over it: each
/// has its centre on a visible glyph, and so does a blank next to it
/// (within 1.5 blank widths). They separate no words ("D e l h i"); a
/// lone TAB the next word overlaps still does.
fn filler_blanks(line: &[&Glyph]) -> Vec<usize> {
    let blank = |g: &Glyph| g.text.trim().is_empty();
    let inked: Vec<&Glyph> = line.iter().copied().filter(|g| !blank(g)).collect();
    let on_ink = |b: &Glyph| {
        let x = b.bbox.center().0;
        let i = inked.partition_point(|g| g.bbox.x0 <= x);
        i.checked_sub(1)
            .and_then(|i| inked.get(i))
            .is_some_and(|g| g.bbox.x1 > x)
    };
    let under: Vec<(usize, f32, f32)> = line
        .iter()
        .enumerate()
        .filter(|(_, g)| blank(g) && on_ink(g))
        .map(|(i, g)| (i, g.bbox.center().0, g.bbox.width().abs()))
        .collect();
    let near = |a: &(usize, f32, f32), b: Option<&(usize, f32, f32)>| {
        b.is_some_and(|b| (a.1 - b.1).abs() <= 1.5 * a.2.max(b.2))
    };
    (0..under.len())
        .filter_map(|k| {
            let me = under.get(k)?;
            let paired =
                near(me, k.checked_sub(1).and_then(|p| under.get(p))) || near(me, under.get(k + 1));
            paired.then_some(me.0)
        })
        .collect()
}

/// Whether the text so far ends, and `next` starts, with a character of a
/// script written with spaces between words (a word gap there is a
/// space). Punctuation takes the script of the letter it is attached to:
/// `值:` / `40` is Chinese, `47%` / `(Fruit` is not.
fn word_boundary(so_far: &str, next: &str) -> bool {
    let end = so_far.chars().last().is_some_and(is_spaced);
    let start = next.chars().next().is_some_and(is_spaced);
    let letter = |c: &char| c.is_alphanumeric() || is_cjk(*c);
    let before = so_far.chars().rev().find(letter);
    let after = next.chars().find(letter);
    end && start && !before.is_some_and(is_cjk) && !after.is_some_and(is_cjk)
}

/// A visible character of a script that separates words by spaces: not
/// CJK (ideographs, kana, CJK and full-width punctuation), not a space,
/// not the dashes and ellipsis Chinese text sets in pairs (`……`, `——`).
fn is_spaced(c: char) -> bool {
    !c.is_whitespace() && !c.is_control() && !is_cjk(c) && !matches!(c, '—' | '―' | '…')
}

/// CJK ideographs, kana, Hangul syllables, CJK symbols and punctuation,
/// and full-width forms: text wrapped between them needs no separator.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FDF      // radicals
        | 0x3000..=0x30FF    // CJK punctuation, kana
        | 0x3100..=0x31FF    // bopomofo, kana extensions
        | 0x3200..=0x9FFF    // enclosed, compatibility, ideographs
        | 0xAC00..=0xD7AF    // Hangul syllables
        | 0xF900..=0xFAFF    // compatibility ideographs
        | 0xFE30..=0xFE4F    // vertical forms
        | 0xFF00..=0xFFEF    // full-width forms
        | 0x20000..=0x3FFFF) // extension ideographs
}

/// Lines joined: nothing between CJK (it wraps anywhere), one space
/// between two words of a spaced script (`KI` / `(1/km)`, `car-` / `nes`):
/// word-wrapping producers break Latin text at spaces. A number broken
/// at the line end stays whole (`1,458.` / `15`, `2024-` / `2025`), and
/// closing punctuation (`99.9` / `%`) never follows a space.
pub fn join_lines(lines: &[String]) -> String {
    let mut out = String::new();
    for line in lines {
        let closing = line.starts_with(['%', ')', ']', '}', ',', '.', ';', ':', '!', '?']);
        if word_boundary(&out, line) && !closing && !number_continues(&out, line) {
            out.push(' ');
        }
        out.push_str(line);
    }
    out
}

/// Whether `next` starts with the rest of a number that `so_far` ends
/// with: the word broken at the line end and the one after it make one
/// well-formed amount (`1,458.` / `15`), or a digit range (`2024-` /
/// `2025年`). Two numbers (`No. 309,` / `3rd`, two phone numbers, `+91-` /
/// `8447040077`) are not.
fn number_continues(so_far: &str, next: &str) -> bool {
    let tail = so_far.rsplit(char::is_whitespace).next().unwrap_or("");
    let head = next.split(char::is_whitespace).next().unwrap_or("");
    let range = tail
        .strip_suffix('-')
        .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
        && head.starts_with(|c: char| c.is_ascii_digit());
    range || is_amount(&format!("{tail}{head}"))
}

/// An amount as printed: grouped (`12,345.60`) or plain with at most 12
/// integer digits (`8571.5`), optionally signed or in parentheses.
fn is_amount(text: &str) -> bool {
    static RE: std::sync::OnceLock<Option<regex::Regex>> = std::sync::OnceLock::new();
    let re = RE.get_or_init(|| {
        regex::Regex::new(r"^[(（]?[-+]?(?:\d{1,3}(?:,\d{3})+|\d{1,12})(?:\.\d+)?[)）]?$").ok()
    });
    re.as_ref().is_some_and(|re| re.is_match(text))
}

fn median_size(line: &[&Glyph]) -> f32 {
    let mut s: Vec<f32> = line.iter().map(|g| g.size).collect();
    s.sort_by(f32::total_cmp);
    s.get(s.len() / 2).copied().unwrap_or(0.0)
}

/// The vertical middle of the line's full-size glyphs.
fn median_middle(line: &[&Glyph]) -> f32 {
    let mut s: Vec<f32> = line.iter().map(|g| g.bbox.center().1).collect();
    s.sort_by(f32::total_cmp);
    s.get(s.len() / 2).copied().unwrap_or(0.0)
}

/// Superscript form of a digit or sign; other characters unchanged (a
/// raised footnote mark then cannot pass as part of an amount).
fn superscript(c: char) -> char {
    match c {
        '0' => '⁰',
        '1' => '¹',
        '2' => '²',
        '3' => '³',
        '4' => '⁴',
        '5' => '⁵',
        '6' => '⁶',
        '7' => '⁷',
        '8' => '⁸',
        '9' => '⁹',
        '+' => '⁺',
        '-' => '⁻',
        _ => c,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::sources::pdf::lattice::find_grids;
    use crate::sources::pdf::lattice::tests::{page, ruled};
    use crate::sources::pdf::model::Rect;

    /// Lays `text` out as a run of glyphs from (x, baseline y); CJK glyphs
    /// are `size` wide, ASCII half that.
    pub fn run(text: &str, x: f32, y: f32, size: f32) -> Vec<Glyph> {
        let mut x = x;
        text.chars()
            .map(|c| {
                let w = if c.is_ascii() { size / 2.0 } else { size };
                let g = Glyph {
                    text: c.to_string(),
                    bbox: Rect {
                        x0: x,
                        y0: y - size * 0.2,
                        x1: x + w,
                        y1: y + size * 0.8,
                    },
                    size,
                    undecoded: None,
                    dir: 0,
                };
                x += w;
                g
            })
            .collect()
    }

    fn join(lines: &[Vec<Glyph>]) -> String {
        let all: Vec<&Glyph> = lines.iter().flatten().collect();
        text_of(all, &LatticeParams::default())
    }

    #[test]
    fn cjk_lines_join_without_separator() {
        let text = join(&[
            run("科技创新政策", 0.0, 100.0, 10.0),
            run("宣传经费", 0.0, 88.0, 10.0),
        ]);
        assert_eq!(text, "科技创新政策宣传经费");
    }

    #[test]
    fn ascii_words_get_one_space_at_a_gap() {
        let mut line = run("ISO", 0.0, 100.0, 10.0);
        line.extend(run("9001", 20.0, 100.0, 10.0));
        line.extend(run("认证", 42.0, 100.0, 10.0));
        assert_eq!(join(&[line]), "ISO 9001认证");
        // A space glyph between CJK characters is dropped.
        assert_eq!(join(&[run("合 计", 0.0, 100.0, 10.0)]), "合计");
        // Letter-spaced CJK ("合    计") stays one word.
        let mut spaced = run("合", 0.0, 100.0, 10.0);
        spaced.extend(run("计", 40.0, 100.0, 10.0));
        assert_eq!(join(&[spaced]), "合计");
    }

    #[test]
    fn breaks_at_line_end_keep_numbers_and_hyphens_whole() {
        let text = join(&[run("1,458.", 0.0, 100.0, 10.0), run("15", 0.0, 88.0, 10.0)]);
        assert_eq!(text, "1,458.15");
        let text = join(&[
            run("2024-", 0.0, 100.0, 10.0),
            run("2025年", 0.0, 88.0, 10.0),
        ]);
        assert_eq!(text, "2024-2025年");
        let text = join(&[
            run("通过ISO", 0.0, 100.0, 10.0),
            run("27001认证", 0.0, 88.0, 10.0),
        ]);
        assert_eq!(text, "通过ISO 27001认证");
        let text = join(&[run("预算", 0.0, 100.0, 10.0), run("ABC", 0.0, 88.0, 10.0)]);
        assert_eq!(text, "预算ABC");
    }

    #[test]
    fn latin_wraps_keep_one_space_cjk_wraps_none() {
        let two = |a: &str, b: &str| join(&[run(a, 0.0, 100.0, 10.0), run(b, 0.0, 88.0, 10.0)]);
        assert_eq!(two("KI", "(1/km)"), "KI (1/km)");
        assert_eq!(two("DOE,", "DOD"), "DOE, DOD");
        assert_eq!(two("car-", "nes"), "car- nes");
        assert_eq!(two("Total: 47%", "(Fruit d’or)"), "Total: 47% (Fruit d’or)");
        assert_eq!(two("12,", "345"), "12,345");
        assert_eq!(two("17,99", "6.68"), "17,996.68");
        assert_eq!(two("Room No. 309,", "3rd Floor"), "Room No. 309, 3rd Floor");
        assert_eq!(two("09825145505", "09940100119"), "09825145505 09940100119");
        assert_eq!(two("Mob. +91-", "8447040077"), "Mob. +91- 8447040077");
        assert_eq!(two("≥99.9", "%"), "≥99.9%");
        assert_eq!(two("指标值:", "40余件"), "指标值:40余件");
        assert_eq!(two("通过ISO", "27001认证"), "通过ISO 27001认证");
        assert_eq!(two("“三公”", "经费"), "“三公”经费");
        assert_eq!(two("……", "…"), "………");
        assert_eq!(two("（一）", "ABC"), "（一）ABC");
    }

    #[test]
    fn tab_and_no_break_space_separate_words() {
        for sep in ["\t", "\u{a0}"] {
            // Narrow separators: the gap alone would not make a space.
            let mut line = run("of", 0.0, 100.0, 10.0);
            line.extend(run(sep, 10.0, 100.0, 2.0));
            line.extend(run("33", 11.0, 100.0, 10.0));
            line.extend(run("•", 21.0, 100.0, 10.0));
            line.extend(run(sep, 31.0, 100.0, 2.0));
            line.extend(run("Item", 32.0, 100.0, 10.0));
            assert_eq!(join(&[line]), "of 33• Item", "{sep:?}");
        }
    }

    #[test]
    fn glyphs_out_of_order_are_read_top_down_left_right() {
        let mut glyphs = run("宣传", 0.0, 88.0, 10.0);
        glyphs.extend(run("政策", 0.0, 100.0, 10.0));
        glyphs.reverse();
        assert_eq!(join(&[glyphs]), "政策宣传");
    }

    #[test]
    fn overprinted_bold_glyphs_count_once() {
        let mut glyphs = run("合计", 0.0, 100.0, 10.0);
        glyphs.extend(run("合计", 0.3, 100.2, 10.0));
        assert_eq!(join(&[glyphs]), "合计");
        // Narrow letters repeated at their (small) advance are no overprint.
        let mut narrow = run("i", 0.0, 100.0, 10.0);
        narrow.extend(run("i", 1.5, 100.0, 10.0));
        assert_eq!(join(&[narrow]), "ii");
    }

    #[test]
    fn superscripts_and_stray_marks() {
        let mut glyphs = run("100.00", 0.0, 100.0, 10.0);
        glyphs.extend(run("1", 30.0, 105.0, 5.0));
        assert_eq!(join(&[glyphs.clone()]), "100.00¹");
        // Undecoded glyphs and control characters are skipped.
        glyphs.push(Glyph {
            text: String::new(),
            bbox: glyphs[0].bbox,
            size: 10.0,
            undecoded: Some(7),
            dir: 0,
        });
        glyphs.extend(run("\u{1}", 40.0, 100.0, 10.0));
        let mut grids = find_grids(
            &page(ruled(&[-5.0, 60.0, 90.0], &[120.0, 90.0])),
            &LatticeParams::default(),
        );
        let outside = fill(&mut grids, &glyphs, &LatticeParams::default());
        assert!(outside.is_empty());
        assert_eq!(grids[0].cells[0].text, "100.00¹");
    }

    #[test]
    fn glyphs_go_to_the_cell_holding_their_centre() {
        let mut grids = find_grids(
            &page(ruled(&[0.0, 100.0, 200.0], &[500.0, 480.0, 460.0])),
            &LatticeParams::default(),
        );
        let mut glyphs = run("项目", 10.0, 485.0, 10.0);
        glyphs.extend(run("45.00", 150.0, 465.0, 10.0));
        // Half outside the first column but centred inside the second.
        glyphs.extend(run("总", 96.0, 485.0, 10.0));
        glyphs.extend(run("第1页", 10.0, 700.0, 10.0));
        // Wide punctuation overflowing the right border by less than half.
        glyphs.extend(run("、", 196.0, 465.0, 10.0));
        let outside = fill(&mut grids, &glyphs, &LatticeParams::default());
        let texts: Vec<&str> = grids[0].cells.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(texts, vec!["项目", "总", "", "45.00、"]);
        assert_eq!(outside.len(), 3);
    }

    #[test]
    fn text_lines_report_extent_and_size() {
        let mut glyphs = run("部门名称：某局", 0.0, 700.0, 10.0);
        glyphs.extend(run("项目支出绩效目标表", 0.0, 730.0, 18.0));
        let lines = text_lines(glyphs.iter().collect(), &LatticeParams::default());
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].text, "项目支出绩效目标表");
        assert_eq!(lines[0].size, 18.0);
        assert!(lines[1].top < lines[0].bottom);
    }
}
