//! Tables ruled by horizontal rules alone (三线表: a rule over the header,
//! one under it, one under the body; or a rule under every row), with no
//! vertical line at all. The rules give the frame and the header; the
//! columns come from the text: x-ranges no body glyph covers. Where the
//! body holds many text lines between two rules, each line is a row.
//!
//! The result is an ordinary [`Grid`]: the rows and columns found are
//! turned into lines and built like a drawn grid, so everything after
//! (text into cells, titles, joins across pages) is the same.

use super::{
    anchors, glyph_size, grid_from_lines, merge_collinear, split_axes, Grid, LatticeParams, Line,
};
use crate::sources::pdf::model::{Glyph, Page, Rect, Segment};
use crate::sources::pdf::text::group_lines;

/// Lengths of this stage in points, for one page.
struct Tol {
    /// Rules whose ends are within this of each other are one stack.
    ends: f32,
    /// A gap no body glyph covers at least this wide is a column boundary.
    gap: f32,
    /// How far a rule may stop short of a vertical and still meet it.
    joint: f32,
    /// Rules closer than this are at one height.
    anchor: f32,
    /// A header's free stretch at least this wide can hold a boundary.
    room: f32,
}

/// The rules-only tables of a page: stacks of horizontal rules meeting no
/// vertical line and lying outside every grid already found (`grids`).
pub fn grids(page: &Page, ruled: &[Segment], found: &[Grid], params: &LatticeParams) -> Vec<Grid> {
    let glyph = glyph_size(page, params);
    let tol = Tol {
        ends: params.open_edge * glyph,
        gap: params.column_gap * glyph,
        joint: params.joint_tol * glyph,
        anchor: params.anchor_tol * glyph,
        room: params.header_gap * glyph,
    };
    let (h, v) = split_axes(ruled, params.min_segment * glyph);
    let h = merge_collinear(h, params.line_tol * glyph, params.gap_tol * glyph);
    let v = merge_collinear(v, params.line_tol * glyph, params.gap_tol * glyph);
    let free: Vec<Line> = h
        .into_iter()
        .filter(|l| !v.iter().any(|v| meets(l, v, tol.joint)))
        .filter(|l| !found.iter().any(|g| near_box(l, &g.bbox, tol.joint)))
        .collect();
    let glyphs: Vec<&Glyph> = page
        .glyphs
        .iter()
        .filter(|g| !g.text.trim().is_empty() && g.dir == 0)
        .filter(|g| {
            let (x, y) = g.bbox.center();
            !found.iter().any(|b| inside(&b.bbox, x, y))
        })
        .collect();
    let mut out = Vec::new();
    for stack in stacks(free.clone(), tol.ends, params.rule_stack) {
        for run in runs(&stack, &glyphs, found, tol.gap, params) {
            if let Some(g) = table(page, &run, &free, &glyphs, &tol, params) {
                out.push(g);
            }
        }
    }
    out
}

fn meets(h: &Line, v: &Line, tol: f32) -> bool {
    v.pos >= h.lo - tol && v.pos <= h.hi + tol && h.pos >= v.lo - tol && h.pos <= v.hi + tol
}

fn near_box(l: &Line, b: &Rect, tol: f32) -> bool {
    l.pos >= b.y0 - tol && l.pos <= b.y1 + tol && l.lo < b.x1 && l.hi > b.x0
}

fn inside(b: &Rect, x: f32, y: f32) -> bool {
    x >= b.x0 && x <= b.x1 && y >= b.y0 && y <= b.y1
}

/// Rules with the same ends (within `tol`), top down; stacks of fewer than
/// `min` rules are dropped (a title underline, a page header's rule).
fn stacks(mut rules: Vec<Line>, tol: f32, min: usize) -> Vec<Vec<Line>> {
    rules.sort_by(|a, b| b.pos.total_cmp(&a.pos));
    let mut out: Vec<Vec<Line>> = Vec::new();
    for r in rules {
        let same = |s: &&mut Vec<Line>| {
            s.first()
                .is_some_and(|f| (f.lo - r.lo).abs() <= tol && (f.hi - r.hi).abs() <= tol)
        };
        match out.iter_mut().find(same) {
            Some(s) => s.push(r),
            None => out.push(vec![r]),
        }
    }
    out.retain(|s| s.len() >= min);
    out
}

/// The text lines between two rules, top down, each sorted by x.
fn band<'a>(
    glyphs: &[&'a Glyph],
    top: &Line,
    bottom: &Line,
    params: &LatticeParams,
) -> Vec<Vec<&'a Glyph>> {
    let held: Vec<&Glyph> = glyphs
        .iter()
        .copied()
        .filter(|g| {
            let (x, y) = g.bbox.center();
            x >= top.lo && x <= top.hi && y < top.pos && y > bottom.pos
        })
        .collect();
    group_lines(held, params.line_overlap)
}

/// Parts of a stack that can be one table: runs of consecutive rules whose
/// bands all hold text, none a line of prose (no gap of `gap` and wider
/// than half the rules) nor another table; at least `rule_stack` rules.
fn runs(
    stack: &[Line],
    glyphs: &[&Glyph],
    found: &[Grid],
    gap: f32,
    params: &LatticeParams,
) -> Vec<Vec<Line>> {
    let mut out: Vec<Vec<Line>> = Vec::new();
    let mut cur: Vec<Line> = Vec::new();
    for pair in stack.windows(2) {
        let [top, bottom] = pair else { continue };
        let lines = band(glyphs, top, bottom, params);
        let width = top.hi - top.lo;
        let prose = lines
            .iter()
            .any(|l| gaps(l, gap).is_empty() && extent(l).1 - extent(l).0 > 0.5 * width);
        let holds_grid = found.iter().any(|g| {
            g.bbox.y1 <= top.pos
                && g.bbox.y0 >= bottom.pos
                && g.bbox.x0 < top.hi
                && g.bbox.x1 > top.lo
        });
        if lines.is_empty() || prose || holds_grid {
            if cur.len() >= params.rule_stack {
                out.push(std::mem::take(&mut cur));
            }
            cur.clear();
            continue;
        }
        if cur.is_empty() {
            cur.push(*top);
        }
        cur.push(*bottom);
    }
    if cur.len() >= params.rule_stack {
        out.push(cur);
    }
    out
}

/// Left and right ends of a line's glyphs.
fn extent(line: &[&Glyph]) -> (f32, f32) {
    line.iter().fold((f32::MAX, f32::MIN), |(a, b), g| {
        (a.min(g.bbox.x0), b.max(g.bbox.x1))
    })
}

/// Empty x-ranges at least `gap` wide between the glyphs of `lines`
/// (merged over all of them), as (start, end).
fn gaps_of<'a>(lines: impl Iterator<Item = &'a Vec<&'a Glyph>>, gap: f32) -> Vec<(f32, f32)> {
    let mut spans: Vec<(f32, f32)> = lines
        .flatten()
        .map(|g| (g.bbox.x0.min(g.bbox.x1), g.bbox.x0.max(g.bbox.x1)))
        .collect();
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut out = Vec::new();
    let mut reach: Option<f32> = None;
    for (lo, hi) in spans {
        if let Some(r) = reach {
            if lo - r >= gap {
                out.push((r, lo));
            }
        }
        reach = Some(reach.map_or(hi, |r| r.max(hi)));
    }
    out
}

fn gaps(line: &Vec<&Glyph>, gap: f32) -> Vec<(f32, f32)> {
    gaps_of(std::iter::once(line), gap)
}

/// The grid of one run of rules: the first band is the header, the
/// others the body; a body band much taller in lines than the others (or
/// the only one) gives one row per text line. Shorter rules inside the
/// header (`free`, under a label spanning several columns) split it into
/// levels.
fn table(
    page: &Page,
    rules: &[Line],
    free: &[Line],
    glyphs: &[&Glyph],
    tol: &Tol,
    params: &LatticeParams,
) -> Option<Grid> {
    let (first, last) = (rules.first()?, rules.last()?);
    let (lo, hi) = (first.lo, first.hi);
    let bands: Vec<Vec<Vec<&Glyph>>> = rules
        .windows(2)
        .map(|p| match p {
            [t, b] => band(glyphs, t, b, params),
            _ => Vec::new(),
        })
        .collect();
    let (header, body) = bands.split_first()?;
    let body_lines: Vec<&Vec<&Glyph>> = body.iter().flatten().collect();
    if body_lines.len() < 2 {
        return None;
    }
    let head: Vec<&Glyph> = header.iter().flatten().copied().collect();
    // Lines of one phrase (a section label running over the amounts'
    // columns) say nothing about where columns are.
    let voters: Vec<&Vec<&Glyph>> = body_lines
        .iter()
        .copied()
        .filter(|l| !gaps(l, tol.gap).is_empty())
        .collect();
    if voters.len() < 2 {
        return None;
    }
    let cols: Vec<f32> = gaps_of(voters.iter().copied(), tol.gap)
        .into_iter()
        .map(|(a, b)| boundary(a, b, &head, tol.room))
        .filter(|&x| x > lo && x < hi)
        .collect();
    if cols.is_empty() {
        return None;
    }
    let header_rule = rules.get(1)?.pos;
    let mut bounds = vec![lo];
    bounds.extend(&cols);
    bounds.push(hi);
    let partial = header_rules(free, first, header_rule, &bounds, tol);
    let mut h: Vec<Line> = rules.iter().map(|r| Line { pos: r.pos, lo, hi }).collect();
    h.extend(&partial);
    h.extend(
        line_rows(body, &cols, tol.gap)
            .into_iter()
            .map(|pos| Line { pos, lo, hi }),
    );
    let mut v: Vec<Line> = [lo, hi]
        .iter()
        .map(|&pos| Line {
            pos,
            lo: last.pos,
            hi: first.pos,
        })
        .collect();
    // Per elementary row, a column boundary is drawn only where no text
    // of that row crosses it (a header or label over several columns).
    let rows = anchors(h.iter().map(|l| l.pos).collect(), tol.anchor);
    let text: Vec<&Glyph> = bands.iter().flatten().flatten().copied().collect();
    for pair in rows.windows(2) {
        let [bottom, top] = pair else { continue };
        let held: Vec<&&Glyph> = text
            .iter()
            .filter(|g| (*bottom..*top).contains(&g.bbox.center().1))
            .collect();
        for &x in &cols {
            if !held.iter().any(|g| g.bbox.x0 < x && g.bbox.x1 > x) {
                v.push(Line {
                    pos: x,
                    lo: *bottom,
                    hi: *top,
                });
            }
        }
    }
    let mut grid = grid_from_lines(page, &h, &v, params)?;
    // The header rule ends the header: no need to guess it from the text.
    grid.header_rows = grid
        .rows
        .iter()
        .position(|&y| (y - header_rule).abs() <= tol.anchor);
    Some(grid)
}

/// Rules inside the header band (between the top rule and the header's),
/// their ends moved to the nearest column boundary so they bound whole
/// columns; a rule shorter than one column is dropped.
fn header_rules(
    free: &[Line],
    top: &Line,
    header_rule: f32,
    bounds: &[f32],
    tol: &Tol,
) -> Vec<Line> {
    let snap = |x: f32| {
        bounds
            .iter()
            .copied()
            .min_by(|a, b| (a - x).abs().total_cmp(&(b - x).abs()))
            .unwrap_or(x)
    };
    free.iter()
        .filter(|l| l.pos < top.pos - tol.anchor && l.pos > header_rule + tol.anchor)
        .filter(|l| l.lo >= top.lo - tol.ends && l.hi <= top.hi + tol.ends)
        .map(|l| Line {
            pos: l.pos,
            lo: snap(l.lo),
            hi: snap(l.hi),
        })
        .filter(|l| l.hi > l.lo)
        .collect()
}

/// Where a column boundary goes in the body's gap (a, b): the middle of
/// the widest part no header glyph covers, if at least `room` wide (more
/// than a word space: a header wider than its body column then keeps to
/// its column), else the gap's middle.
fn boundary(a: f32, b: f32, header: &[&Glyph], room: f32) -> f32 {
    let mut covered: Vec<(f32, f32)> = header
        .iter()
        .map(|g| (g.bbox.x0.max(a), g.bbox.x1.min(b)))
        .filter(|(x0, x1)| x0 < x1)
        .collect();
    covered.sort_by(|p, q| p.0.total_cmp(&q.0));
    let mut best: Option<(f32, f32)> = None;
    let mut from = a;
    for (x0, x1) in covered.into_iter().chain(std::iter::once((b, b))) {
        let wider = best.is_none_or(|(p, q)| x0 - from > q - p);
        if x0 - from >= room && wider {
            best = Some((from, x0));
        }
        from = from.max(x1);
    }
    best.map_or((a + b) / 2.0, |(p, q)| (p + q) / 2.0)
}

/// Row boundaries inside body bands read one row per text line (a band
/// much taller in lines than the others, the only one, or one whose
/// every line has text in two columns or more): midway
/// between consecutive lines, except before a wrapped cell's next line.
fn line_rows(body: &[Vec<Vec<&Glyph>>], cols: &[f32], gap: f32) -> Vec<f32> {
    let mut counts: Vec<usize> = body.iter().map(Vec::len).collect();
    counts.sort_unstable();
    let median = counts.get(counts.len() / 2).copied().unwrap_or(1).max(1);
    // Columns' widths as the lines that set the columns show them.
    let voters: Vec<&Vec<&Glyph>> = body
        .iter()
        .flatten()
        .filter(|l| !gaps(l, gap).is_empty())
        .collect();
    let edges = column_edges(voters.iter().copied(), cols);
    let mut out = Vec::new();
    let full = |l: &Vec<&Glyph>| line_ends(l, cols).iter().flatten().count() >= 2;
    for lines in body {
        // A band of full lines is several rows (a rule under each group).
        let rows = body.len() == 1 || lines.len() > 2 * median || lines.iter().all(full);
        if !rows {
            continue;
        }
        for two in lines.windows(2) {
            let [a, b] = two else { continue };
            if wraps_into(a, b, cols, &edges, gap) {
                continue;
            }
            let bottom = a.iter().map(|g| g.bbox.y0).fold(f32::MAX, f32::min);
            let top = b.iter().map(|g| g.bbox.y1).fold(f32::MIN, f32::max);
            out.push((bottom + top) / 2.0);
        }
    }
    out
}

/// The column (between inner boundaries `cols`) holding a glyph's centre.
fn column(g: &Glyph, cols: &[f32]) -> usize {
    let x = g.bbox.center().0;
    cols.partition_point(|&c| c <= x)
}

/// Per column, the right end of its widest body text.
fn column_edges<'a>(lines: impl Iterator<Item = &'a Vec<&'a Glyph>>, cols: &[f32]) -> Vec<f32> {
    let mut edges = vec![f32::MIN; cols.len() + 1];
    for g in lines.flatten() {
        if let Some(e) = edges.get_mut(column(g, cols)) {
            *e = e.max(g.bbox.x1);
        }
    }
    edges
}

/// Per column, the right end of a line's text there (`None`: empty).
fn line_ends(line: &[&Glyph], cols: &[f32]) -> Vec<Option<f32>> {
    let mut ends = vec![None; cols.len() + 1];
    for g in line {
        if let Some(e) = ends.get_mut(column(g, cols)) {
            *e = Some(e.map_or(g.bbox.x1, |x: f32| x.max(g.bbox.x1)));
        }
    }
    ends
}

/// Whether line `b` carries on cells of line `a` (a label too wide for
/// its column, wrapped): `b` has text in fewer columns, only where `a`
/// has text running to within `gap` of the column's widest text.
fn wraps_into(a: &[&Glyph], b: &[&Glyph], cols: &[f32], edges: &[f32], gap: f32) -> bool {
    let (ea, eb) = (line_ends(a, cols), line_ends(b, cols));
    let used = |e: &[Option<f32>]| e.iter().flatten().count();
    used(&eb) < used(&ea)
        && eb
            .iter()
            .zip(&ea)
            .zip(edges)
            .all(|((b, a), edge)| match (b, a) {
                (None, _) => true,
                (Some(_), Some(end)) => *end >= edge - gap,
                (Some(_), None) => false,
            })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sources::pdf::cells::tests::run;

    fn line(pos: f32, lo: f32, hi: f32) -> Line {
        Line { pos, lo, hi }
    }

    #[test]
    fn rules_with_the_same_ends_stack_and_a_lone_rule_does_not() {
        let rules = vec![
            line(700.0, 60.0, 400.0),
            line(650.0, 61.0, 399.0),
            line(600.0, 60.0, 400.0),
            line(500.0, 100.0, 300.0),
        ];
        let s = stacks(rules, 5.0, 3);
        assert_eq!(s.len(), 1);
        assert_eq!(
            s[0].iter().map(|l| l.pos).collect::<Vec<_>>(),
            vec![700.0, 650.0, 600.0]
        );
    }

    #[test]
    fn a_boundary_keeps_clear_of_a_wider_header_but_not_of_a_word_space() {
        // Body gap 100..200; the header covers 140..190: the free part
        // 100..140 takes the boundary.
        let head = run("HEADERSXXXXXXXXXXXXX", 140.0, 700.0, 5.0);
        let head: Vec<&Glyph> = head.iter().take(20).collect();
        assert_eq!(boundary(100.0, 200.0, &head, 4.0), 120.0);
        // Only a 2 pt word space free: the gap's middle (the header spans).
        let mut words = run("AAAAAAAA", 90.0, 700.0, 10.0);
        words.extend(run("BBBBBBBBBBBBBBBB", 132.0, 700.0, 10.0));
        let words: Vec<&Glyph> = words.iter().collect();
        assert_eq!(boundary(100.0, 200.0, &words, 4.0), 150.0);
    }

    #[test]
    fn a_wrapped_label_carries_on_only_from_a_full_line() {
        let cols = [100.0];
        let mut full = run("ABCDEFGHIJ", 0.0, 700.0, 10.0); // ends at 50
        full.extend(run("12", 150.0, 700.0, 10.0));
        let mut short = run("ABC", 0.0, 680.0, 10.0);
        short.extend(run("34", 150.0, 680.0, 10.0));
        let tail = run("KLM", 0.0, 690.0, 10.0);
        let (full, short, tail): (Vec<&Glyph>, Vec<&Glyph>, Vec<&Glyph>) = (
            full.iter().collect(),
            short.iter().collect(),
            tail.iter().collect(),
        );
        let edges = [50.0, 160.0];
        assert!(wraps_into(&full, &tail, &cols, &edges, 5.0));
        assert!(!wraps_into(&short, &tail, &cols, &edges, 5.0));
        assert!(!wraps_into(&full, &short, &cols, &edges, 5.0));
    }
}
