//! Lattice tables: ruled grids found from a page's ruling lines (the camelot
//! "lattice" model, written for our page model). The steps, each a small
//! function: normalise segments → merge collinear ones → group crossing
//! lines into candidate tables → row/column anchors → elementary cells with
//! edge flags → spans (merged cells) → reject non-tables.
//!
//! Text is not looked at here; `cells` puts glyphs into the cells.

use super::model::{Page, Rect, Segment};
use std::borrow::Cow;

pub mod rules_only;

/// Every tolerance of the lattice stage. Lengths are multiples of the
/// page's typical glyph size (the median font size of its glyphs), so the
/// same parameters work for 7 pt finance exports and 12 pt Word documents.
#[derive(Debug, Clone, PartialEq)]
pub struct LatticeParams {
    /// Segments whose cross-axis coordinates differ by at most this are on
    /// one line (double strokes, thick borders drawn as two rectangles).
    pub line_tol: f32,
    /// A gap along a line up to this long is bridged when merging segments
    /// (borders drawn cell by cell, with tiny breaks at the joints).
    pub gap_tol: f32,
    /// How far a line's end may stop short of (or overshoot) a crossing
    /// line and still meet it: a joint.
    pub joint_tol: f32,
    /// Anchors (row or column boundaries) closer than this are one.
    pub anchor_tol: f32,
    /// Segments shorter than this are dropped (glyph strokes, ticks).
    pub min_segment: f32,
    /// When the vertical lines run on this far past the outermost
    /// horizontal line, the border there is missing (a row broken across
    /// pages by a producer that draws none) and an open edge is added.
    pub open_edge: f32,
    /// Two column boundaries closer than this whose rules never share a
    /// row are one boundary drawn at different places (a header divider
    /// a little left of the body's): one column, not an empty sliver.
    pub sliver: f32,
    /// This many rules running past the outermost vertical (by more than
    /// `open_edge`) give the grid an open side there; fewer are a title
    /// underline or a page frame.
    pub open_side_rules: usize,
    /// Fewer cells than this in every row: not a table (a box around a
    /// paragraph, a framed note).
    pub min_cols: usize,
    /// Column boundaries of a table's parts on consecutive pages within
    /// this of each other line up (the table continues).
    pub column_match: f32,
    /// Glyph size assumed on a page without glyphs, in points.
    pub default_glyph: f32,
    /// A table ruled by horizontal rules alone (三线表) needs at least this
    /// many rules with the same ends (top, under the header, bottom).
    pub rule_stack: usize,
    /// In such a table, an x-range at least this wide that no body glyph
    /// covers separates two columns (a word space is under half of it;
    /// tightly set amount columns leave three quarters of a glyph).
    pub column_gap: f32,
    /// There, a column boundary crossing the header goes where the header
    /// leaves at least this much free (more than a word space), so a
    /// header wider than its column keeps to it.
    pub header_gap: f32,
    // Text inside cells: multiples of the glyph's own size.
    /// Glyphs overlapping a text line vertically by this share of the
    /// smaller height belong to that line.
    pub line_overlap: f32,
    /// A horizontal gap wider than this between ASCII glyphs is a space.
    pub space_gap: f32,
    /// The same glyph drawn again within this distance is a fake-bold
    /// overprint and is dropped.
    pub overprint: f32,
    /// A glyph smaller than this share of its line's size, raised above
    /// the line's middle, is a superscript.
    pub superscript: f32,
}

impl Default for LatticeParams {
    fn default() -> Self {
        LatticeParams {
            line_tol: 0.25,
            gap_tol: 0.6,
            joint_tol: 0.4,
            anchor_tol: 0.3,
            min_segment: 0.4,
            open_edge: 1.0,
            sliver: 2.0,
            open_side_rules: 3,
            min_cols: 2,
            column_match: 1.0,
            default_glyph: 10.0,
            rule_stack: 3,
            column_gap: 0.7,
            header_gap: 0.5,
            line_overlap: 0.5,
            space_gap: 0.25,
            overprint: 0.1,
            superscript: 0.8,
        }
    }
}

/// The parameters turned into point lengths for one page.
#[derive(Debug, Clone, Copy)]
struct Tol {
    line: f32,
    gap: f32,
    joint: f32,
    anchor: f32,
    min_segment: f32,
    open_edge: f32,
    sliver: f32,
    open_side_rules: usize,
}

impl LatticeParams {
    /// Checks that every tolerance is usable: lengths finite and positive,
    /// shares within (0, 1], counts at least 1, and a sliver wider than
    /// the anchor tolerance. Names the first bad field.
    pub fn validate(&self) -> Result<(), String> {
        let lengths = [
            ("line_tol", self.line_tol),
            ("gap_tol", self.gap_tol),
            ("joint_tol", self.joint_tol),
            ("anchor_tol", self.anchor_tol),
            ("min_segment", self.min_segment),
            ("open_edge", self.open_edge),
            ("sliver", self.sliver),
            ("column_match", self.column_match),
            ("default_glyph", self.default_glyph),
            ("column_gap", self.column_gap),
            ("header_gap", self.header_gap),
            ("space_gap", self.space_gap),
            ("overprint", self.overprint),
        ];
        let shares = [
            ("line_overlap", self.line_overlap),
            ("superscript", self.superscript),
        ];
        if let Some((name, v)) = lengths.iter().find(|(_, v)| !(v.is_finite() && *v > 0.0)) {
            return Err(format!(
                "LatticeParams.{name} must be a positive number, not {v}"
            ));
        }
        if let Some((name, v)) = shares.iter().find(|(_, v)| !(*v > 0.0 && *v <= 1.0)) {
            return Err(format!(
                "LatticeParams.{name} must be within (0, 1], not {v}"
            ));
        }
        if self.min_cols == 0 || self.open_side_rules == 0 {
            return Err("LatticeParams.min_cols and open_side_rules must be at least 1".into());
        }
        if self.rule_stack < 2 {
            return Err(
                "LatticeParams.rule_stack must be at least 2 (a frame needs a top and a bottom)"
                    .into(),
            );
        }
        if self.sliver <= self.anchor_tol {
            return Err("LatticeParams.sliver must exceed anchor_tol".into());
        }
        Ok(())
    }

    fn scaled(&self, glyph: f32) -> Tol {
        Tol {
            line: self.line_tol * glyph,
            gap: self.gap_tol * glyph,
            joint: self.joint_tol * glyph,
            anchor: self.anchor_tol * glyph,
            min_segment: self.min_segment * glyph,
            open_edge: self.open_edge * glyph,
            sliver: self.sliver * glyph,
            open_side_rules: self.open_side_rules,
        }
    }
}

/// Which borders of a cell are drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Edges {
    pub top: bool,
    pub bottom: bool,
    pub left: bool,
    pub right: bool,
}

/// One cell of a grid, possibly spanning several rows and columns.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub row: usize,
    pub col: usize,
    pub row_span: usize,
    pub col_span: usize,
    pub rect: Rect,
    pub edges: Edges,
    /// Filled by `cells::fill`; empty until then.
    pub text: String,
}

/// A ruled table on one page.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    pub page: u32,
    pub bbox: Rect,
    /// Column boundaries, left to right (`cols.len() - 1` columns).
    pub cols: Vec<f32>,
    /// Row boundaries, top to bottom (`rows.len() - 1` rows).
    pub rows: Vec<f32>,
    /// Cells in reading order (by top row, then left column).
    pub cells: Vec<Cell>,
    /// The top border is missing: the table continues from the page before.
    pub open_top: bool,
    /// The bottom border is missing: the table continues on the next page.
    pub open_bottom: bool,
    /// Rows known to be the header (a rules-only table's rows above its
    /// header rule); `None`: the table layer tells them from the text.
    pub header_rows: Option<usize>,
    /// For each elementary (row, col), the index of its cell in `cells`.
    slots: Vec<usize>,
    /// Columns narrower than `sliver` between two boundaries never drawn
    /// in the same row: one boundary drawn at two places. Dropped by
    /// [`Grid::drop_slivers`] once the text is in.
    slivers: Vec<usize>,
}

impl Grid {
    pub fn n_rows(&self) -> usize {
        self.rows.len().saturating_sub(1)
    }
    pub fn n_cols(&self) -> usize {
        self.cols.len().saturating_sub(1)
    }
    /// The cell covering elementary position (row, col).
    pub fn cell_at(&self, row: usize, col: usize) -> Option<&Cell> {
        if row >= self.n_rows() || col >= self.n_cols() {
            return None;
        }
        let i = *self.slots.get(row * self.n_cols() + col)?;
        self.cells.get(i)
    }
    /// Index into `cells` of the cell holding point (x, y), if inside.
    pub fn locate(&self, x: f32, y: f32) -> Option<usize> {
        let col = bracket(&self.cols, x, false)?;
        let row = bracket(&self.rows, y, true)?;
        self.slots.get(row * self.n_cols() + col).copied()
    }
    /// Text of each cell that starts in `row`, by its left column.
    pub fn row_cells(&self, row: usize) -> impl Iterator<Item = &Cell> {
        self.cells.iter().filter(move |c| c.row == row)
    }

    /// Merges each sliver column into its neighbours (call once the text
    /// is filled, which reads the drawn geometry): a cell ending in it
    /// ends one column earlier, a cell starting in it starts in the next,
    /// and its right boundary goes, so the table has no empty column.
    pub fn drop_slivers(&mut self) {
        let mut slivers = std::mem::take(&mut self.slivers);
        slivers.sort_unstable();
        for &c in slivers.iter().rev() {
            let alone = self.cells.iter().any(|x| x.col == c && x.col_span <= 1);
            if alone || c + 1 >= self.cols.len() {
                continue;
            }
            for cell in &mut self.cells {
                if cell.col <= c && c < cell.col + cell.col_span {
                    cell.col_span -= 1;
                } else if cell.col > c {
                    cell.col -= 1;
                }
            }
            self.cols.remove(c + 1);
        }
        self.slots = slot_table(&self.cells, self.n_rows(), self.n_cols());
    }
}

/// For each elementary (row, col), the index of the cell covering it.
fn slot_table(cells: &[Cell], n_rows: usize, n_cols: usize) -> Vec<usize> {
    let mut slots = vec![0; n_rows * n_cols];
    for (i, cell) in cells.iter().enumerate() {
        for r in cell.row..(cell.row + cell.row_span).min(n_rows) {
            for c in cell.col..(cell.col + cell.col_span).min(n_cols) {
                if let Some(slot) = slots.get_mut(r * n_cols + c) {
                    *slot = i;
                }
            }
        }
    }
    slots
}

/// The interval index i with bounds[i] ≤ v < bounds[i+1] (or reversed).
fn bracket(bounds: &[f32], v: f32, descending: bool) -> Option<usize> {
    let key = |b: f32| if descending { -b } else { b };
    let v = key(v);
    let first = key(*bounds.first()?);
    let last = key(*bounds.last()?);
    if v < first || v > last {
        return None;
    }
    let i = bounds.partition_point(|&b| key(b) <= v);
    Some(i.saturating_sub(1).min(bounds.len().saturating_sub(2)))
}

/// A ruling line along one axis: `pos` across it, `[lo, hi]` along it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Line {
    pub pos: f32,
    pub lo: f32,
    pub hi: f32,
}

impl Line {
    fn len(&self) -> f32 {
        self.hi - self.lo
    }
    /// Whether this line covers `[lo, hi]` along its axis, within `tol`.
    fn covers(&self, lo: f32, hi: f32, tol: f32) -> bool {
        self.lo <= lo + tol && self.hi >= hi - tol
    }
}

/// The typical glyph size of a page: the median font size.
pub fn glyph_size(page: &Page, params: &LatticeParams) -> f32 {
    let mut sizes: Vec<f32> = page
        .glyphs
        .iter()
        .map(|g| g.size)
        .filter(|s| s.is_finite() && *s > 0.5)
        .collect();
    if sizes.is_empty() {
        return params.default_glyph;
    }
    sizes.sort_by(f32::total_cmp);
    sizes
        .get(sizes.len() / 2)
        .copied()
        .unwrap_or(params.default_glyph)
}

/// The page as read: `/Rotate` applied, then turned so that most of its
/// text reads left to right (a table set sideways on a portrait page);
/// borrowed when neither turns it.
pub fn upright(page: &Page) -> Cow<'_, Page> {
    let shown = if page.rotation.rem_euclid(360) == 0 {
        Cow::Borrowed(page)
    } else {
        Cow::Owned(page.upright())
    };
    match text_direction(&shown) {
        0 => shown,
        dir => Cow::Owned(shown.turned(dir)),
    }
}

/// The baseline direction of most of the page's visible glyphs (0 when
/// no turned direction holds more than half of them).
fn text_direction(page: &Page) -> i32 {
    let mut counts = [0usize; 4];
    for g in page.glyphs.iter().filter(|g| !g.text.trim().is_empty()) {
        if let Some(n) = counts.get_mut((g.dir.rem_euclid(360) / 90) as usize) {
            *n += 1;
        }
    }
    let total: usize = counts.iter().sum();
    (1..4)
        .find(|&i| counts.get(i).is_some_and(|&n| 2 * n > total))
        .map_or(0, |i| i as i32 * 90)
}

/// All ruled tables on a page, top to bottom.
pub fn find_grids(page: &Page, params: &LatticeParams) -> Vec<Grid> {
    let tol = params.scaled(glyph_size(page, params));
    let (shaded, ruled): (Vec<Segment>, Vec<Segment>) = page.lines.iter().partition(|s| s.shaded);
    let shaded = outermost_fills(shaded, tol.line);
    let mut grids = grids_of(page, &ruled, params, tol);
    // Shaded cells make a grid only where no rules do: elsewhere their
    // fills (banded rows, highlighted headers) are decoration.
    let free: Vec<Segment> = shaded
        .into_iter()
        .filter(|s| !grids.iter().any(|g| touches(&g.bbox, s, tol.joint)))
        .collect();
    if !free.is_empty() {
        let ruled_boxes: Vec<Rect> = grids.iter().map(|g| g.bbox).collect();
        let shaded = grids_of(page, &free, params, tol);
        // A shaded box around a ruled table (a page background) is no grid.
        grids.extend(
            shaded
                .into_iter()
                .filter(|g| !ruled_boxes.iter().any(|b| overlap(b, &g.bbox))),
        );
    }
    let rules_only = rules_only::grids(page, &ruled, &grids, params);
    grids.extend(rules_only);
    grids.sort_by(|a, b| b.bbox.y1.total_cmp(&a.bbox.y1));
    grids
}

/// The grid that lines `h` and `v` draw, when it is a table: for grids
/// whose lines are found elsewhere (rules-only tables, from the text).
pub(crate) fn grid_from_lines(
    page: &Page,
    h: &[Line],
    v: &[Line],
    params: &LatticeParams,
) -> Option<Grid> {
    let tol = params.scaled(glyph_size(page, params));
    build_grid(page, h, v, tol).filter(|g| is_table(g, params))
}

/// The grids the given segments make.
fn grids_of(page: &Page, segments: &[Segment], params: &LatticeParams, tol: Tol) -> Vec<Grid> {
    let (h, v) = split_axes(segments, tol.min_segment);
    let h = merge_collinear(h, tol.line, tol.gap);
    let v = merge_collinear(v, tol.line, tol.gap);
    components(&h, &v, tol.joint)
        .into_iter()
        .filter_map(|(h, v)| build_grid(page, &h, &v, tol))
        .filter(|g| is_table(g, params))
        .collect()
}

/// Shaded-cell edges without those of fills lying inside another fill
/// (a word processor shades a cell, then each text line inside it again):
/// only the cell's own box bounds it. Edges come four to a fill (bottom,
/// top, left, right); a run that does not read as one box is kept as is.
fn outermost_fills(edges: Vec<Segment>, tol: f32) -> Vec<Segment> {
    let boxes: Vec<Option<Rect>> = edges.chunks(4).map(fill_box).collect();
    let inside = |r: &Rect| {
        boxes.iter().flatten().any(|o| {
            o != r
                && o.x0 <= r.x0 + tol
                && o.x1 >= r.x1 - tol
                && o.y0 <= r.y0 + tol
                && o.y1 >= r.y1 - tol
                && (o.width() - r.width()).abs() + (o.height() - r.height()).abs() > tol
        })
    };
    edges
        .chunks(4)
        .zip(&boxes)
        .filter(|(_, b)| !b.as_ref().is_some_and(&inside))
        .flat_map(|(chunk, _)| chunk.iter().copied())
        .collect()
}

/// The box four shaded edges (bottom, top, left, right) outline.
fn fill_box(edges: &[Segment]) -> Option<Rect> {
    let [b, t, l, r] = edges else {
        return None;
    };
    let boxed = b.y0 == b.y1
        && t.y0 == t.y1
        && l.x0 == l.x1
        && r.x0 == r.x1
        && b.x0 == l.x0
        && b.x1 == r.x0
        && l.y0 == b.y0
        && l.y1 == t.y0;
    boxed.then_some(Rect {
        x0: l.x0,
        y0: b.y0,
        x1: r.x0,
        y1: t.y0,
    })
}

fn overlap(a: &Rect, b: &Rect) -> bool {
    a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1
}

/// Whether segment `s` reaches into rectangle `r` (grown by `tol`).
fn touches(r: &Rect, s: &Segment, tol: f32) -> bool {
    s.x0.min(s.x1) <= r.x1 + tol
        && s.x0.max(s.x1) >= r.x0 - tol
        && s.y0.min(s.y1) <= r.y1 + tol
        && s.y0.max(s.y1) >= r.y0 - tol
}

/// Splits segments into horizontal and vertical lines, dropping short
/// ones, diagonal ones and ones with non-finite coordinates.
pub fn split_axes(segments: &[Segment], min_len: f32) -> (Vec<Line>, Vec<Line>) {
    let mut h = Vec::new();
    let mut v = Vec::new();
    for s in segments {
        if ![s.x0, s.y0, s.x1, s.y1].iter().all(|c| c.is_finite()) {
            continue;
        }
        let (dx, dy) = ((s.x1 - s.x0).abs(), (s.y1 - s.y0).abs());
        let (line, list) = if s.is_horizontal() {
            let line = Line {
                pos: (s.y0 + s.y1) / 2.0,
                lo: s.x0.min(s.x1),
                hi: s.x0.max(s.x1),
            };
            (line, &mut h)
        } else {
            let line = Line {
                pos: (s.x0 + s.x1) / 2.0,
                lo: s.y0.min(s.y1),
                hi: s.y0.max(s.y1),
            };
            (line, &mut v)
        };
        // A diagonal line is no ruling; a steep tilt over a long run is.
        let skew = dx.min(dy);
        if line.len() >= min_len && skew <= min_len.max(line.len() * 0.02) {
            list.push(line);
        }
    }
    (h, v)
}

/// Merges lines on the same axis position whose extents touch or nearly
/// touch into one line each.
pub fn merge_collinear(mut lines: Vec<Line>, line_tol: f32, gap_tol: f32) -> Vec<Line> {
    lines.sort_by(|a, b| a.pos.total_cmp(&b.pos));
    let mut out = Vec::new();
    for band in bands(&lines, line_tol) {
        let pos = band.iter().map(|l| l.pos).sum::<f32>() / band.len() as f32;
        let mut extents: Vec<(f32, f32)> = band.iter().map(|l| (l.lo, l.hi)).collect();
        extents.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut cur: Option<(f32, f32)> = None;
        for (lo, hi) in extents {
            cur = match cur {
                Some((a, b)) if lo <= b + gap_tol => Some((a, b.max(hi))),
                Some((a, b)) => {
                    out.push(Line { pos, lo: a, hi: b });
                    Some((lo, hi))
                }
                None => Some((lo, hi)),
            };
        }
        if let Some((lo, hi)) = cur {
            out.push(Line { pos, lo, hi });
        }
    }
    out
}

/// Runs of lines (sorted by `pos`) whose consecutive positions differ by at
/// most `tol`.
fn bands(lines: &[Line], tol: f32) -> Vec<&[Line]> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..=lines.len() {
        let split = match (lines.get(i - 1), lines.get(i)) {
            (Some(a), Some(b)) => b.pos - a.pos > tol,
            _ => true,
        };
        if split {
            if let Some(run) = lines.get(start..i) {
                out.push(run);
            }
            start = i;
        }
    }
    out
}

/// Whether horizontal `h` and vertical `v` meet (a joint), within `tol`.
fn meets(h: &Line, v: &Line, tol: f32) -> bool {
    v.pos >= h.lo - tol && v.pos <= h.hi + tol && h.pos >= v.lo - tol && h.pos <= v.hi + tol
}

/// Groups lines into connected sets: lines joined through joints. Each set
/// with both horizontal and vertical lines is a candidate table.
pub fn components(h: &[Line], v: &[Line], tol: f32) -> Vec<(Vec<Line>, Vec<Line>)> {
    let n = h.len() + v.len();
    let mut parent: Vec<usize> = (0..n).collect();
    for (i, hl) in h.iter().enumerate() {
        for (j, vl) in v.iter().enumerate() {
            if meets(hl, vl, tol) {
                union(&mut parent, i, h.len() + j);
            }
        }
    }
    let mut groups: Vec<(usize, Vec<Line>, Vec<Line>)> = Vec::new();
    for i in 0..n {
        let root = find(&mut parent, i);
        let slot = match groups.iter().position(|g| g.0 == root) {
            Some(p) => p,
            None => {
                groups.push((root, Vec::new(), Vec::new()));
                groups.len() - 1
            }
        };
        if let Some(g) = groups.get_mut(slot) {
            match (h.get(i), v.get(i.wrapping_sub(h.len()))) {
                (Some(l), _) => g.1.push(*l),
                (None, Some(l)) => g.2.push(*l),
                _ => {}
            }
        }
    }
    groups
        .into_iter()
        .filter(|g| !g.1.is_empty() && !g.2.is_empty())
        .map(|g| (g.1, g.2))
        .collect()
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while let Some(&p) = parent.get(i) {
        if p == i {
            break;
        }
        let gp = parent.get(p).copied().unwrap_or(p);
        if let Some(slot) = parent.get_mut(i) {
            *slot = gp;
        }
        i = p;
    }
    i
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if let Some(slot) = parent.get_mut(ra.max(rb)) {
        *slot = ra.min(rb);
    }
}

/// Sorted, de-duplicated anchor positions: clusters within `tol` become
/// their mean.
pub fn anchors(mut positions: Vec<f32>, tol: f32) -> Vec<f32> {
    positions.sort_by(f32::total_cmp);
    let mut out: Vec<(f32, usize)> = Vec::new();
    for p in positions {
        match out.last_mut() {
            Some((sum, n)) if p - *sum / *n as f32 <= tol => {
                *sum += p;
                *n += 1;
            }
            _ => out.push((p, 1)),
        }
    }
    out.into_iter().map(|(s, n)| s / n as f32).collect()
}

/// Row anchors (top to bottom) from the horizontal lines, with an open edge
/// added where the verticals run on past the outermost horizontal.
fn row_anchors(h: &[Line], v: &[Line], tol: Tol) -> (Vec<f32>, bool, bool) {
    let mut rows = anchors(h.iter().map(|l| l.pos).collect(), tol.anchor);
    let v_top = v.iter().map(|l| l.hi).fold(f32::MIN, f32::max);
    let v_bottom = v.iter().map(|l| l.lo).fold(f32::MAX, f32::min);
    let mut open_top = false;
    let mut open_bottom = false;
    if let (Some(&lo), Some(&hi)) = (rows.first(), rows.last()) {
        if v_top - hi > tol.open_edge {
            rows.push(v_top);
            open_top = true;
        }
        if lo - v_bottom > tol.open_edge {
            rows.insert(0, v_bottom);
            open_bottom = true;
        }
    }
    rows.reverse();
    (rows, open_top, open_bottom)
}

/// Column anchors (left to right) from the vertical lines, with an open
/// side added where the horizontal rules run on past the outermost
/// vertical: a grid drawn without outer verticals (its first and last
/// columns are bounded by the rules' ends).
fn col_anchors(h: &[Line], v: &[Line], rows: &[f32], page: &Page, tol: Tol) -> Columns {
    let mut cols = anchors(v.iter().map(|l| l.pos).collect(), tol.anchor);
    let (Some(&first), Some(&last)) = (cols.first(), cols.last()) else {
        return Columns {
            cols,
            ..Columns::default()
        };
    };
    let left: Vec<f32> = h
        .iter()
        .map(|l| l.lo)
        .filter(|&x| first - x > tol.open_edge)
        .collect();
    let right: Vec<f32> = h
        .iter()
        .map(|l| l.hi)
        .filter(|&x| x - last > tol.open_edge)
        .collect();
    let inner = cols.len() >= 2;
    let (mut by_text_left, mut by_text_right) = (false, false);
    if let Some((x, by_text)) = open_side(left, first, inner, rows, page, tol) {
        cols.insert(0, x);
        by_text_left = by_text;
    }
    if let Some((x, by_text)) = open_side(right, last, inner, rows, page, tol) {
        cols.push(x);
        by_text_right = by_text;
    }
    Columns {
        cols,
        by_text_left,
        by_text_right,
    }
}

/// Column anchors, and whether an outer column was opened on the text's
/// evidence (its rows then follow the next column's rules).
#[derive(Default)]
struct Columns {
    cols: Vec<f32>,
    by_text_left: bool,
    by_text_right: bool,
}

/// Where the grid's open side stands, given the ends of the rules that
/// run past its outermost vertical at `edge`. Enough rules must run on (a
/// row-spanning first column is ruled only between its groups): one wide
/// rule (a title underline) is no side, nor are a page frame's rules.
/// Fewer do when text stands between their ends and the vertical in two
/// rows of the grid or more (labels ruled only under the header), or in
/// one row when two rules run on: the side then also takes in that text.
fn open_side(
    ends: Vec<f32>,
    edge: f32,
    inner: bool,
    rows: &[f32],
    page: &Page,
    tol: Tol,
) -> Option<(f32, bool)> {
    if ends.len() >= tol.open_side_rules {
        return Some((median(ends), false));
    }
    let far = ends.iter().copied().fold(edge, |a, x| {
        if (x - edge).abs() > (a - edge).abs() {
            x
        } else {
            a
        }
    });
    if !inner || ends.is_empty() {
        return None;
    }
    let (lo, hi) = (far.min(edge), far.max(edge));
    let mut hit_rows: Vec<usize> = Vec::new();
    let mut reach = far;
    for g in page.glyphs.iter().filter(|g| !g.text.trim().is_empty()) {
        let (x, y) = g.bbox.center();
        if x <= lo || x >= hi {
            continue;
        }
        if let Some(r) = bracket(rows, y, true) {
            if !hit_rows.contains(&r) {
                hit_rows.push(r);
            }
            reach = if far < edge {
                reach.min(g.bbox.x0)
            } else {
                reach.max(g.bbox.x1)
            };
        }
    }
    // Two rules running on bound a labelled row between them even when
    // it is the grid's only body row; one rule needs labels in two rows.
    let needed = if ends.len() >= 2 { 1 } else { 2 };
    (hit_rows.len() >= needed).then_some((reach, true))
}

fn median(mut xs: Vec<f32>) -> f32 {
    xs.sort_by(f32::total_cmp);
    xs.get(xs.len() / 2).copied().unwrap_or(0.0)
}

/// Builds the grid of one candidate table, or `None` when its lines do not
/// enclose at least one cell.
fn build_grid(page: &Page, h: &[Line], v: &[Line], tol: Tol) -> Option<Grid> {
    let (rows, open_top, open_bottom) = row_anchors(h, v, tol);
    let Columns {
        cols,
        by_text_left,
        by_text_right,
    } = col_anchors(h, v, &rows, page, tol);
    if cols.len() < 3 && (by_text_left || by_text_right) || cols.len() < 2 || rows.len() < 2 {
        return None;
    }
    let mut flags = EdgeMap::new(h, v, &rows, &cols, tol.joint);
    let n = cols.len() - 1;
    if by_text_left {
        flags.copy_rules(1, 0);
    }
    if by_text_right {
        flags.copy_rules(n - 2, n - 1);
    }
    let groups = span_groups(&flags, rows.len() - 1, cols.len() - 1);
    let (cells, slots) = span_cells(&groups, &flags, &rows, &cols);
    let slivers = sliver_columns(&flags, &cols, rows.len() - 1, tol.sliver);
    let bbox = Rect {
        x0: *cols.first()?,
        y0: *rows.last()?,
        x1: *cols.last()?,
        y1: *rows.first()?,
    };
    Some(Grid {
        page: page.number,
        bbox,
        cols,
        rows,
        cells,
        open_top,
        open_bottom,
        header_rows: None,
        slots,
        slivers,
    })
}

/// Columns at most `width` wide whose two boundaries are each drawn in
/// some rows but never both in the same row.
fn sliver_columns(flags: &EdgeMap, cols: &[f32], n_rows: usize, width: f32) -> Vec<usize> {
    (0..cols.len().saturating_sub(1))
        .filter(|&c| {
            let narrow =
                matches!((cols.get(c), cols.get(c + 1)), (Some(a), Some(b)) if b - a <= width);
            let (left, right) = (|r| flags.vertical(r, c), |r| flags.vertical(r, c + 1));
            narrow
                && (0..n_rows).any(left)
                && (0..n_rows).any(right)
                && !(0..n_rows).any(|r| left(r) && right(r))
        })
        .collect()
}

/// Drawn-or-not flags for every elementary cell edge.
struct EdgeMap {
    n_cols: usize,
    /// `h[r][c]`: the horizontal edge at row boundary r over column c.
    h: Vec<bool>,
    /// `v[r][c]`: the vertical edge at column boundary c beside row r.
    v: Vec<bool>,
}

impl EdgeMap {
    fn new(h: &[Line], v: &[Line], rows: &[f32], cols: &[f32], tol: f32) -> EdgeMap {
        let (nr, nc) = (rows.len().saturating_sub(1), cols.len().saturating_sub(1));
        let mut hf = vec![false; rows.len() * nc];
        for (r, &y) in rows.iter().enumerate() {
            for (c, (&x0, &x1)) in cols.iter().zip(cols.iter().skip(1)).enumerate() {
                let drawn = h
                    .iter()
                    .any(|l| (l.pos - y).abs() <= tol && l.covers(x0, x1, tol));
                if let Some(slot) = hf.get_mut(r * nc + c) {
                    *slot = drawn;
                }
            }
        }
        let mut vf = vec![false; nr * cols.len()];
        for (r, (&top, &bottom)) in rows.iter().zip(rows.iter().skip(1)).enumerate() {
            for (c, &x) in cols.iter().enumerate() {
                let drawn = v
                    .iter()
                    .any(|l| (l.pos - x).abs() <= tol && l.covers(bottom, top, tol));
                if let Some(slot) = vf.get_mut(r * cols.len() + c) {
                    *slot = drawn;
                }
            }
        }
        EdgeMap {
            n_cols: nc,
            h: hf,
            v: vf,
        }
    }
    /// Column `to` takes the horizontal rules of column `from`.
    fn copy_rules(&mut self, from: usize, to: usize) {
        let nc = self.n_cols;
        for r in 0..self.h.len() / nc.max(1) {
            if let Some(&drawn) = self.h.get(r * nc + from) {
                if let Some(slot) = self.h.get_mut(r * nc + to) {
                    *slot = drawn;
                }
            }
        }
    }
    fn horizontal(&self, boundary: usize, col: usize) -> bool {
        self.h
            .get(boundary * self.n_cols + col)
            .copied()
            .unwrap_or(false)
    }
    fn vertical(&self, row: usize, boundary: usize) -> bool {
        self.v
            .get(row * (self.n_cols + 1) + boundary)
            .copied()
            .unwrap_or(false)
    }
}

/// Groups elementary cells joined through undrawn inner edges; each group
/// is grown to its bounding rectangle so every span is a rectangle.
fn span_groups(flags: &EdgeMap, nr: usize, nc: usize) -> Vec<usize> {
    let mut parent: Vec<usize> = (0..nr * nc).collect();
    for r in 0..nr {
        for c in 0..nc {
            if c + 1 < nc && !flags.vertical(r, c + 1) {
                union(&mut parent, r * nc + c, r * nc + c + 1);
            }
            if r + 1 < nr && !flags.horizontal(r + 1, c) {
                union(&mut parent, r * nc + c, (r + 1) * nc + c);
            }
        }
    }
    loop {
        let mut changed = false;
        for (_, (r0, c0, r1, c1)) in group_bounds(&mut parent, nr, nc) {
            let first = r0 * nc + c0;
            for r in r0..=r1 {
                for c in c0..=c1 {
                    if find(&mut parent, r * nc + c) != find(&mut parent, first) {
                        union(&mut parent, first, r * nc + c);
                        changed = true;
                    }
                }
            }
        }
        if !changed {
            break;
        }
    }
    (0..nr * nc).map(|i| find(&mut parent, i)).collect()
}

/// Bounding (row0, col0, row1, col1) of each group, by root.
fn group_bounds(
    parent: &mut [usize],
    nr: usize,
    nc: usize,
) -> Vec<(usize, (usize, usize, usize, usize))> {
    let mut out: Vec<(usize, (usize, usize, usize, usize))> = Vec::new();
    // Index of each root's entry in `out`, so the pass stays linear.
    let mut at: Vec<Option<usize>> = vec![None; nr * nc];
    for r in 0..nr {
        for c in 0..nc {
            let root = find(parent, r * nc + c);
            match at.get(root).copied().flatten().and_then(|i| out.get_mut(i)) {
                Some((_, b)) => *b = (b.0.min(r), b.1.min(c), b.2.max(r), b.3.max(c)),
                None => {
                    if let Some(slot) = at.get_mut(root) {
                        *slot = Some(out.len());
                    }
                    out.push((root, (r, c, r, c)));
                }
            }
        }
    }
    out
}

/// Turns span groups into cells (reading order) and the slot table.
fn span_cells(
    groups: &[usize],
    flags: &EdgeMap,
    rows: &[f32],
    cols: &[f32],
) -> (Vec<Cell>, Vec<usize>) {
    let nc = cols.len().saturating_sub(1).max(1);
    let mut cells: Vec<Cell> = Vec::new();
    let mut cell_of: Vec<Option<usize>> = vec![None; groups.len()];
    let mut slots = vec![0; groups.len()];
    for (i, &root) in groups.iter().enumerate() {
        let (r, c) = (i / nc, i % nc);
        let idx = match cell_of.get(root).copied().flatten() {
            Some(p) => p,
            None => {
                if let Some(slot) = cell_of.get_mut(root) {
                    *slot = Some(cells.len());
                }
                cells.push(Cell {
                    row: r,
                    col: c,
                    row_span: 0,
                    col_span: 0,
                    rect: Rect::default(),
                    edges: Edges::default(),
                    text: String::new(),
                });
                cells.len() - 1
            }
        };
        if let (Some(slot), Some(cell)) = (slots.get_mut(i), cells.get_mut(idx)) {
            *slot = idx;
            cell.row_span = cell.row_span.max(r + 1 - cell.row);
            cell.col_span = cell.col_span.max(c + 1 - cell.col);
        }
    }
    for cell in &mut cells {
        finish_cell(cell, flags, rows, cols);
    }
    (cells, slots)
}

/// Sets a cell's rectangle and its edge flags (an edge is drawn when drawn
/// along the cell's whole side).
fn finish_cell(cell: &mut Cell, flags: &EdgeMap, rows: &[f32], cols: &[f32]) {
    let (r0, r1) = (cell.row, cell.row + cell.row_span);
    let (c0, c1) = (cell.col, cell.col + cell.col_span);
    let at = |v: &[f32], i: usize| v.get(i).copied().unwrap_or(0.0);
    cell.rect = Rect {
        x0: at(cols, c0),
        x1: at(cols, c1),
        y0: at(rows, r1),
        y1: at(rows, r0),
    };
    cell.edges = Edges {
        top: (c0..c1).all(|c| flags.horizontal(r0, c)),
        bottom: (c0..c1).all(|c| flags.horizontal(r1, c)),
        left: (r0..r1).all(|r| flags.vertical(r, c0)),
        right: (r0..r1).all(|r| flags.vertical(r, c1)),
    };
}

/// A table has some row with at least `min_cols` cells; a box around a
/// paragraph (one cell, or one cell per row) has none.
pub fn is_table(grid: &Grid, params: &LatticeParams) -> bool {
    (0..grid.n_rows()).any(|r| {
        let mut seen: Vec<usize> = (0..grid.n_cols())
            .filter_map(|c| grid.slots.get(r * grid.n_cols() + c).copied())
            .collect();
        seen.dedup();
        seen.len() >= params.min_cols
    })
}

/// A chart legend rather than a table: after its text is filled in, all
/// of it stands in one row, and every other row is empty and lower than
/// a line of text (the rows the legend's colour swatches make).
pub fn is_legend(grid: &Grid, glyph: f32) -> bool {
    let with_text: Vec<usize> = (0..grid.n_rows())
        .filter(|&r| grid.row_cells(r).any(|c| !c.text.trim().is_empty()))
        .collect();
    let thin = |r: usize| match (grid.rows.get(r), grid.rows.get(r + 1)) {
        (Some(top), Some(bottom)) => top - bottom < glyph,
        _ => false,
    };
    grid.n_rows() >= 2
        && with_text.len() == 1
        && (0..grid.n_rows()).all(|r| with_text.contains(&r) || thin(r))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub fn seg(x0: f32, y0: f32, x1: f32, y1: f32) -> Segment {
        Segment {
            x0,
            y0,
            x1,
            y1,
            width: 0.5,
            shaded: false,
        }
    }

    /// Full grid lines over the given column xs and row ys.
    pub fn ruled(xs: &[f32], ys: &[f32]) -> Vec<Segment> {
        let (x0, x1) = (xs[0], xs[xs.len() - 1]);
        let (y0, y1) = (ys[ys.len() - 1], ys[0]);
        let mut out: Vec<Segment> = ys.iter().map(|&y| seg(x0, y, x1, y)).collect();
        out.extend(xs.iter().map(|&x| seg(x, y0, x, y1)));
        out
    }

    pub fn page(lines: Vec<Segment>) -> Page {
        Page {
            number: 1,
            width: 600.0,
            height: 800.0,
            rotation: 0,
            glyphs: Vec::new(),
            lines,
            undecoded: 0,
        }
    }

    fn tol() -> Tol {
        LatticeParams::default().scaled(10.0)
    }

    #[test]
    fn params_are_validated() {
        assert_eq!(LatticeParams::default().validate(), Ok(()));
        let bad = |p: LatticeParams| p.validate().unwrap_err();
        let d = LatticeParams::default;
        assert!(bad(LatticeParams {
            gap_tol: -1.0,
            ..d()
        })
        .contains("gap_tol"));
        assert!(bad(LatticeParams {
            joint_tol: f32::NAN,
            ..d()
        })
        .contains("joint_tol"));
        assert!(bad(LatticeParams {
            line_overlap: 1.5,
            ..d()
        })
        .contains("line_overlap"));
        assert!(bad(LatticeParams { min_cols: 0, ..d() }).contains("min_cols"));
        assert!(bad(LatticeParams { sliver: 0.2, ..d() }).contains("sliver"));
        assert!(bad(LatticeParams {
            rule_stack: 1,
            ..d()
        })
        .contains("rule_stack"));
        assert!(bad(LatticeParams {
            column_gap: 0.0,
            ..d()
        })
        .contains("column_gap"));
        assert!(bad(LatticeParams {
            header_gap: f32::INFINITY,
            ..d()
        })
        .contains("header_gap"));
    }

    #[test]
    fn merges_collinear_pieces_with_small_gaps() {
        let lines = vec![
            Line {
                pos: 100.0,
                lo: 0.0,
                hi: 50.0,
            },
            Line {
                pos: 100.8,
                lo: 52.0,
                hi: 120.0,
            },
            Line {
                pos: 100.0,
                lo: 200.0,
                hi: 260.0,
            },
            Line {
                pos: 140.0,
                lo: 0.0,
                hi: 260.0,
            },
        ];
        let t = tol();
        let merged = merge_collinear(lines, t.line, t.gap);
        assert_eq!(merged.len(), 3);
        assert_eq!((merged[0].lo, merged[0].hi), (0.0, 120.0));
        assert_eq!((merged[1].lo, merged[1].hi), (200.0, 260.0));
        assert_eq!(merged[2].pos, 140.0);
    }

    #[test]
    fn drops_short_and_diagonal_segments() {
        let segs = vec![
            seg(0.0, 0.0, 2.0, 0.0),
            seg(0.0, 0.0, 100.0, 100.0),
            seg(0.0, 10.0, 100.0, 10.0),
        ];
        let (h, v) = split_axes(&segs, 4.0);
        assert_eq!(h.len(), 1);
        assert!(v.is_empty());
    }

    #[test]
    fn joints_connect_a_grid_but_not_a_distant_box() {
        let mut segs = ruled(&[0.0, 100.0, 200.0], &[300.0, 280.0, 260.0]);
        segs.extend(ruled(&[0.0, 200.0], &[100.0, 50.0]));
        let (h, v) = split_axes(&segs, 4.0);
        let comps = components(&h, &v, 4.0);
        assert_eq!(comps.len(), 2);
        let sizes: Vec<(usize, usize)> = comps.iter().map(|c| (c.0.len(), c.1.len())).collect();
        assert!(sizes.contains(&(3, 3)));
        assert!(sizes.contains(&(2, 2)));
    }

    #[test]
    fn joint_tolerates_lines_stopping_short() {
        let h = Line {
            pos: 100.0,
            lo: 0.0,
            hi: 197.0,
        };
        let v = Line {
            pos: 200.0,
            lo: 50.0,
            hi: 99.0,
        };
        assert!(meets(&h, &v, 4.0));
        assert!(!meets(&h, &v, 2.0));
    }

    #[test]
    fn finds_rows_columns_and_cells() {
        let p = page(ruled(&[0.0, 100.0, 200.0, 300.0], &[500.0, 480.0, 460.0]));
        let grids = find_grids(&p, &LatticeParams::default());
        assert_eq!(grids.len(), 1);
        let g = &grids[0];
        assert_eq!((g.n_rows(), g.n_cols()), (2, 3));
        assert_eq!(g.cells.len(), 6);
        assert_eq!(g.rows, vec![500.0, 480.0, 460.0]);
        assert!(g.cells.iter().all(|c| c.edges
            == Edges {
                top: true,
                bottom: true,
                left: true,
                right: true
            }));
        assert_eq!(g.locate(150.0, 470.0), Some(4));
        assert_eq!(g.locate(350.0, 470.0), None);
        assert!(!g.open_top && !g.open_bottom);
    }

    #[test]
    fn undrawn_inner_edges_make_spans() {
        // Header: "amounts" spans columns 1-2; column 0 spans both header rows.
        let mut segs = vec![
            seg(0.0, 500.0, 300.0, 500.0),
            seg(100.0, 480.0, 300.0, 480.0),
            seg(0.0, 460.0, 300.0, 460.0),
            seg(0.0, 440.0, 300.0, 440.0),
        ];
        segs.extend([0.0, 100.0, 300.0].map(|x| seg(x, 440.0, x, 500.0)));
        segs.push(seg(200.0, 440.0, 200.0, 480.0));
        let grids = find_grids(&page(segs), &LatticeParams::default());
        let g = &grids[0];
        assert_eq!((g.n_rows(), g.n_cols()), (3, 3));
        let name = g.cell_at(1, 0).unwrap();
        assert_eq!(
            (name.row, name.col, name.row_span, name.col_span),
            (0, 0, 2, 1)
        );
        let amounts = g.cell_at(0, 2).unwrap();
        assert_eq!((amounts.row, amounts.col, amounts.col_span), (0, 1, 2));
        assert_eq!(g.cells.len(), 1 + 1 + 2 + 3);
        assert_eq!(name.rect.y0, 460.0);
    }

    #[test]
    fn non_rectangular_groups_grow_into_rectangles() {
        // An L-shaped hole in the rules: the span must still be a rectangle.
        let mut segs = ruled(&[0.0, 100.0, 200.0, 300.0], &[300.0, 200.0, 100.0]);
        segs.retain(|s| !(s.x0 == 100.0 && s.x1 == 100.0));
        segs.push(seg(100.0, 100.0, 100.0, 200.0));
        segs.retain(|s| !(s.y0 == 200.0 && s.y1 == 200.0));
        segs.push(seg(100.0, 200.0, 300.0, 200.0));
        let g = &find_grids(&page(segs), &LatticeParams::default())[0];
        let c = g.cell_at(0, 0).unwrap();
        assert_eq!((c.row_span, c.col_span), (2, 2));
        assert_eq!(g.cells.len(), 3);
    }

    #[test]
    fn missing_bottom_border_gives_an_open_edge() {
        // Verticals run 40 pt below the last drawn rule: a row broken
        // across the page with no border under it.
        let xs = [0.0, 100.0, 200.0];
        let mut segs: Vec<Segment> = [500.0, 480.0]
            .iter()
            .map(|&y| seg(0.0, y, 200.0, y))
            .collect();
        segs.extend(xs.iter().map(|&x| seg(x, 440.0, x, 500.0)));
        let g = &find_grids(&page(segs), &LatticeParams::default())[0];
        assert!(g.open_bottom && !g.open_top);
        assert_eq!(g.rows, vec![500.0, 480.0, 440.0]);
        assert_eq!(g.n_rows(), 2);
        let last = g.cell_at(1, 1).unwrap();
        assert!(!last.edges.bottom && last.edges.top);
        assert_eq!(g.locate(150.0, 445.0), Some(3));
    }

    #[test]
    fn missing_top_border_gives_an_open_edge() {
        let xs = [0.0, 100.0, 200.0];
        let mut segs: Vec<Segment> = [460.0, 440.0]
            .iter()
            .map(|&y| seg(0.0, y, 200.0, y))
            .collect();
        segs.extend(xs.iter().map(|&x| seg(x, 440.0, x, 500.0)));
        let g = &find_grids(&page(segs), &LatticeParams::default())[0];
        assert!(g.open_top && !g.open_bottom);
        assert_eq!(g.rows, vec![500.0, 460.0, 440.0]);
    }

    #[test]
    fn rules_running_past_the_outer_verticals_give_open_sides() {
        // Only inner verticals drawn (100, 200); the rules run 0..300.
        let mut segs: Vec<Segment> = [500.0, 480.0, 460.0]
            .iter()
            .map(|&y| seg(0.0, y, 300.0, y))
            .collect();
        segs.extend([100.0, 200.0].map(|x| seg(x, 460.0, x, 500.0)));
        let g = &find_grids(&page(segs.clone()), &LatticeParams::default())[0];
        assert_eq!(g.cols, vec![0.0, 100.0, 200.0, 300.0]);
        assert_eq!(g.cells.len(), 6);
        assert!(!g.cell_at(0, 0).unwrap().edges.left);
        // One wide rule (a title underline) is no open side.
        let mut one = vec![seg(0.0, 520.0, 300.0, 520.0)];
        one.extend(ruled(&[100.0, 150.0, 200.0], &[520.0, 500.0, 480.0]));
        let g = &find_grids(&page(one), &LatticeParams::default())[0];
        assert_eq!(g.cols, vec![100.0, 150.0, 200.0]);
        // A page frame: two rules across the page and one vertical.
        let frame = vec![
            seg(0.0, 700.0, 400.0, 700.0),
            seg(0.0, 100.0, 400.0, 100.0),
            seg(300.0, 100.0, 300.0, 700.0),
        ];
        assert!(find_grids(&page(frame), &LatticeParams::default()).is_empty());
    }

    #[test]
    fn a_boundary_drawn_at_two_places_is_one_column_not_a_sliver() {
        // The header's divider stands at 100, the body's at 112.
        let mut segs: Vec<Segment> = [500.0, 480.0, 460.0, 440.0]
            .iter()
            .map(|&y| seg(0.0, y, 300.0, y))
            .collect();
        segs.extend([0.0, 200.0, 300.0].map(|x| seg(x, 440.0, x, 500.0)));
        segs.push(seg(100.0, 480.0, 100.0, 500.0));
        segs.push(seg(112.0, 440.0, 112.0, 480.0));
        let mut g = find_grids(&page(segs.clone()), &LatticeParams::default()).remove(0);
        assert_eq!(g.n_cols(), 4);
        g.drop_slivers();
        assert_eq!(g.cols, vec![0.0, 100.0, 200.0, 300.0]);
        let header = g.cell_at(0, 0).unwrap();
        assert_eq!((header.col, header.col_span, header.rect.x1), (0, 1, 100.0));
        let body = g.cell_at(2, 1).unwrap();
        assert_eq!((body.col, body.col_span, body.rect.x0), (1, 1, 112.0));
        assert_eq!(g.cells.len(), 9);
        assert_eq!(g.locate(150.0, 450.0), g.locate(105.0, 450.0));
        // Two rules side by side in the same rows are two boundaries.
        segs.push(seg(100.0, 440.0, 100.0, 480.0));
        let mut g = find_grids(&page(segs), &LatticeParams::default()).remove(0);
        g.drop_slivers();
        assert_eq!(g.n_cols(), 4);
    }

    #[test]
    fn overshooting_verticals_are_not_an_open_edge() {
        let xs = [0.0, 100.0, 200.0];
        let mut segs: Vec<Segment> = [500.0, 480.0, 460.0]
            .iter()
            .map(|&y| seg(0.0, y, 200.0, y))
            .collect();
        segs.extend(xs.iter().map(|&x| seg(x, 458.0, x, 502.0)));
        let g = &find_grids(&page(segs), &LatticeParams::default())[0];
        assert!(!g.open_top && !g.open_bottom);
        assert_eq!(g.n_rows(), 2);
    }

    #[test]
    fn a_row_of_labels_between_swatches_is_a_legend() {
        // Swatch boxes 6 pt high above and below the label row.
        let xs = [0.0, 10.0, 60.0, 70.0, 120.0];
        let mut g = find_grids(
            &page(ruled(&xs, &[506.0, 500.0, 488.0, 482.0])),
            &LatticeParams::default(),
        )
        .remove(0);
        for (i, text) in [(1, "基本支出"), (3, "项目支出")] {
            if let Some(c) = g.cells.iter_mut().find(|c| c.row == 1 && c.col == i) {
                c.text = text.into();
            }
        }
        assert!(is_legend(&g, 9.0));
        // Text in a second row makes it a table; so does a full-height row.
        assert!(!is_legend(&g, 5.0));
        if let Some(c) = g.cells.iter_mut().find(|c| c.row == 2 && c.col == 1) {
            c.text = "1.0".into();
        }
        assert!(!is_legend(&g, 9.0));
    }

    #[test]
    fn shaded_fills_inside_or_around_a_ruled_grid_are_decoration() {
        let shade = |x0: f32, y0: f32, x1: f32, y1: f32| {
            [
                (x0, y0, x1, y0),
                (x0, y1, x1, y1),
                (x0, y0, x0, y1),
                (x1, y0, x1, y1),
            ]
            .map(|(a, b, c, d)| Segment {
                shaded: true,
                ..seg(a, b, c, d)
            })
        };
        let mut segs = ruled(&[0.0, 100.0, 200.0], &[500.0, 480.0, 460.0]);
        // A highlight across half a row, and a page background.
        segs.extend(shade(0.0, 484.0, 150.0, 496.0));
        segs.extend(shade(-50.0, 100.0, 550.0, 700.0));
        let grids = find_grids(&page(segs), &LatticeParams::default());
        assert_eq!(grids.len(), 1);
        assert_eq!((grids[0].n_rows(), grids[0].n_cols()), (2, 2));
    }

    #[test]
    fn a_box_around_a_paragraph_is_not_a_table() {
        let boxed = page(ruled(&[50.0, 550.0], &[700.0, 600.0]));
        assert!(find_grids(&boxed, &LatticeParams::default()).is_empty());
        // A framed note split into stacked boxes: still one cell per row.
        let stacked = page(ruled(&[50.0, 550.0], &[700.0, 650.0, 600.0]));
        assert!(find_grids(&stacked, &LatticeParams::default()).is_empty());
        // Underlines alone are no table either.
        let underline = page(vec![seg(50.0, 100.0, 300.0, 100.0)]);
        assert!(find_grids(&underline, &LatticeParams::default()).is_empty());
    }

    #[test]
    fn cell_borders_drawn_cell_by_cell_are_merged() {
        // Every cell drawn as its own rectangle with slight gaps.
        let mut segs = Vec::new();
        for (x0, x1) in [(0.0, 99.5), (100.5, 200.0)] {
            for (y0, y1) in [(480.0, 500.0), (460.0, 479.6)] {
                segs.extend(ruled(&[x0, x1], &[y1, y0]));
            }
        }
        let g = &find_grids(&page(segs), &LatticeParams::default())[0];
        assert_eq!((g.n_rows(), g.n_cols()), (2, 2));
        assert_eq!(g.cells.len(), 4);
    }

    #[test]
    fn tables_are_listed_top_down() {
        let mut segs = ruled(&[0.0, 100.0, 200.0], &[300.0, 280.0]);
        segs.extend(ruled(&[0.0, 50.0, 200.0], &[600.0, 580.0]));
        let grids = find_grids(&page(segs), &LatticeParams::default());
        assert_eq!(grids.len(), 2);
        assert_eq!(grids[0].bbox.y1, 600.0);
        assert_eq!(grids[1].bbox.y1, 300.0);
    }

    #[test]
    fn text_set_sideways_is_turned_to_read_left_to_right() {
        let glyph = |dir: i32| crate::sources::pdf::model::Glyph {
            text: "a".into(),
            bbox: Rect {
                x0: 10.0,
                y0: 20.0,
                x1: 18.0,
                y1: 30.0,
            },
            size: 10.0,
            undecoded: None,
            dir,
        };
        let mut p = page(Vec::new());
        p.glyphs = vec![glyph(90), glyph(90), glyph(0)];
        let up = upright(&p);
        assert_eq!((up.width, up.height), (800.0, 600.0));
        assert!(up.glyphs.iter().filter(|g| g.dir == 0).count() == 2);
        // Reading upwards: the turned page reads it from the left.
        assert_eq!(up.glyphs[0].bbox.x0, 20.0);
        p.glyphs = vec![glyph(270), glyph(270)];
        assert_eq!(upright(&p).glyphs[0].bbox.x0, 800.0 - 30.0);
        // A minority of turned glyphs (an axis label) turns nothing.
        p.glyphs = vec![glyph(90), glyph(0), glyph(0)];
        assert!(matches!(upright(&p), Cow::Borrowed(_)));
    }

    #[test]
    fn rotated_pages_are_read_upright() {
        // A 2×2 table on a page shown turned 90° clockwise: in user space
        // its rows run up the page, and its text reads upwards.
        let mut p = page(ruled(&[100.0, 120.0, 140.0], &[300.0, 200.0, 100.0]));
        p.rotation = 90;
        p.glyphs.push(crate::sources::pdf::model::Glyph {
            text: "公".into(),
            bbox: Rect {
                x0: 59.0,
                y0: 44.0,
                x1: 69.0,
                y1: 54.0,
            },
            size: 10.0,
            undecoded: None,
            dir: 90,
        });
        let up = upright(&p);
        assert_eq!((up.width, up.height, up.rotation), (800.0, 600.0, 0));
        assert_eq!(
            up.glyphs[0].bbox,
            Rect {
                x0: 44.0,
                y0: 531.0,
                x1: 54.0,
                y1: 541.0
            }
        );
        let g = &find_grids(&up, &LatticeParams::default())[0];
        // Three vertical rules became horizontal ones: 2 rows of 2 columns.
        assert_eq!(g.rows, vec![500.0, 480.0, 460.0]);
        assert_eq!(g.cols, vec![100.0, 200.0, 300.0]);
        let turned = |r: i32| {
            // Text drawn turned with the page, so that it shows upright.
            let mut q = p.clone();
            q.rotation = r;
            q.glyphs[0].dir = r;
            upright(&q).glyphs[0].bbox
        };
        assert_eq!(turned(0), p.glyphs[0].bbox);
        assert_eq!(turned(180).x0, 600.0 - 69.0);
        assert_eq!(turned(270).y0, 59.0);
    }
}
