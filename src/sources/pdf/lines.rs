//! Ruling lines: path construction (`m l re h`; curves break lines) painted
//! by stroke or fill, already in page space. Strokes give their horizontal
//! and vertical straight pieces; fills give their thin axis-aligned
//! rectangles as one segment along the long side. Invisible paint is the
//! caller's business (it simply does not call `stroke`/`fill`).

use super::model::Segment;

/// Straightness tolerance, in points.
const AXIS_TOL: f64 = 0.5;
/// A filled rectangle whose short side is at most this is a rule.
const MAX_RULE_THICKNESS: f64 = 3.0;
/// A filled rectangle with both sides longer than this is a shaded cell.
const MIN_SHADED_SIDE: f64 = 4.0;

#[derive(Debug, Clone, Copy, PartialEq)]
enum El {
    Line(f64, f64),
    /// End point of a curve: moves the current point, never a rule.
    Curve(f64, f64),
}

#[derive(Debug, Default)]
struct Subpath {
    start: (f64, f64),
    els: Vec<El>,
    closed: bool,
}

#[derive(Debug, Default)]
pub struct PathBuilder {
    subs: Vec<Subpath>,
}

impl PathBuilder {
    pub fn move_to(&mut self, x: f64, y: f64) {
        self.subs.push(Subpath {
            start: (x, y),
            ..Subpath::default()
        });
    }

    fn current(&mut self) -> &mut Subpath {
        if self.subs.is_empty() {
            self.subs.push(Subpath::default());
        }
        let last = self.subs.len() - 1;
        &mut self.subs[last]
    }

    pub fn line_to(&mut self, x: f64, y: f64) {
        self.current().els.push(El::Line(x, y));
    }

    pub fn curve_to(&mut self, x: f64, y: f64) {
        self.current().els.push(El::Curve(x, y));
    }

    pub fn close(&mut self) {
        if let Some(s) = self.subs.last_mut() {
            s.closed = true;
        }
    }

    /// A `re` rectangle: a closed four-corner subpath.
    pub fn rect(&mut self, corners: [(f64, f64); 4]) {
        let [a, b, c, d] = corners;
        self.move_to(a.0, a.1);
        self.line_to(b.0, b.1);
        self.line_to(c.0, c.1);
        self.line_to(d.0, d.1);
        self.close();
    }

    /// Bounding box of all points, for clipping paths.
    pub fn bounds(&self) -> Option<(f64, f64, f64, f64)> {
        let pts = self.subs.iter().flat_map(|s| {
            std::iter::once(s.start).chain(s.els.iter().map(|e| match *e {
                El::Line(x, y) | El::Curve(x, y) => (x, y),
            }))
        });
        pts.fold(None, |acc, (x, y)| {
            let (a, b, c, d) = acc.unwrap_or((x, y, x, y));
            Some((a.min(x), b.min(y), c.max(x), d.max(y)))
        })
    }

    pub fn clear(&mut self) {
        self.subs.clear();
    }

    /// Stroked straight pieces that are horizontal or vertical.
    pub fn stroke(&self, width: f64, out: &mut Vec<Segment>) {
        for s in &self.subs {
            let mut p = s.start;
            for el in &s.els {
                match *el {
                    El::Line(x, y) => {
                        push_axis(p, (x, y), width, out);
                        p = (x, y);
                    }
                    El::Curve(x, y) => p = (x, y),
                }
            }
            if s.closed && !s.els.iter().any(|e| matches!(e, El::Curve(..))) {
                push_axis(p, s.start, width, out);
            }
        }
    }

    /// Filled axis-aligned rectangles: a thin one is a rule (its centre
    /// line); a larger one is a shaded cell, whose four edges bound it as
    /// drawn borders would (cells shaded in colour with white gaps between
    /// them make a grid without a single stroke).
    pub fn fill(&self, out: &mut Vec<Segment>) {
        for s in &self.subs {
            let Some((x0, y0, x1, y1)) = as_rect(s) else {
                continue;
            };
            let (w, h) = (x1 - x0, y1 - y0);
            // Small squares (bullets, dots) are neither rules nor cells.
            if h <= MAX_RULE_THICKNESS && w > 2.0 * h {
                let y = (y0 + y1) / 2.0;
                out.push(seg(x0, y, x1, y, h));
            } else if w <= MAX_RULE_THICKNESS && h > 2.0 * w {
                let x = (x0 + x1) / 2.0;
                out.push(seg(x, y0, x, y1, w));
            } else if w > MIN_SHADED_SIDE && h > MIN_SHADED_SIDE {
                let edges = [
                    seg(x0, y0, x1, y0, 0.0),
                    seg(x0, y1, x1, y1, 0.0),
                    seg(x0, y0, x0, y1, 0.0),
                    seg(x1, y0, x1, y1, 0.0),
                ];
                out.extend(edges.map(|e| Segment { shaded: true, ..e }));
            }
        }
    }
}

fn seg(x0: f64, y0: f64, x1: f64, y1: f64, width: f64) -> Segment {
    Segment {
        shaded: false,
        x0: x0 as f32,
        y0: y0 as f32,
        x1: x1 as f32,
        y1: y1 as f32,
        width: width as f32,
    }
}

fn push_axis(a: (f64, f64), b: (f64, f64), width: f64, out: &mut Vec<Segment>) {
    let (dx, dy) = ((b.0 - a.0).abs(), (b.1 - a.1).abs());
    if dx.max(dy) < 0.1 {
        return;
    }
    if dy <= AXIS_TOL && dx > dy {
        let y = (a.1 + b.1) / 2.0;
        out.push(seg(a.0.min(b.0), y, a.0.max(b.0), y, width));
    } else if dx <= AXIS_TOL && dy > dx {
        let x = (a.0 + b.0) / 2.0;
        out.push(seg(x, a.1.min(b.1), x, a.1.max(b.1), width));
    }
}

/// Bounds of a subpath that is an axis-aligned rectangle (4 corners, the
/// last side optionally explicit).
fn as_rect(s: &Subpath) -> Option<(f64, f64, f64, f64)> {
    let mut pts = vec![s.start];
    for el in &s.els {
        match *el {
            El::Line(x, y) => pts.push((x, y)),
            El::Curve(..) => return None,
        }
    }
    if pts.len() == 5 && close_to(pts[0], pts[4]) {
        pts.pop();
    }
    if pts.len() != 4 {
        return None;
    }
    let axis = (0..4).all(|i| {
        let (a, b) = (pts[i], pts[(i + 1) % 4]);
        (a.0 - b.0).abs() <= AXIS_TOL || (a.1 - b.1).abs() <= AXIS_TOL
    });
    if !axis {
        return None;
    }
    let xs = pts.iter().map(|p| p.0);
    let ys = pts.iter().map(|p| p.1);
    Some((
        xs.clone().fold(f64::INFINITY, f64::min),
        ys.clone().fold(f64::INFINITY, f64::min),
        xs.fold(f64::NEG_INFINITY, f64::max),
        ys.fold(f64::NEG_INFINITY, f64::max),
    ))
}

fn close_to(a: (f64, f64), b: (f64, f64)) -> bool {
    (a.0 - b.0).abs() <= AXIS_TOL && (a.1 - b.1).abs() <= AXIS_TOL
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strokes_keep_axis_pieces_only() {
        let mut p = PathBuilder::default();
        p.move_to(0.0, 0.0);
        p.line_to(100.0, 0.0);
        p.line_to(100.0, 50.0);
        p.line_to(0.0, 100.0);
        p.curve_to(0.0, 0.0);
        let mut out = Vec::new();
        p.stroke(0.5, &mut out);
        assert_eq!(out.len(), 2);
        assert!(out[0].is_horizontal());
        assert_eq!((out[1].x0, out[1].y0, out[1].y1), (100.0, 0.0, 50.0));
    }

    #[test]
    fn thin_filled_rectangles_become_rules() {
        let mut p = PathBuilder::default();
        p.rect([(10.0, 10.0), (210.0, 10.0), (210.0, 10.8), (10.0, 10.8)]);
        p.rect([(0.0, 0.0), (50.0, 0.0), (50.0, 40.0), (0.0, 40.0)]);
        p.rect([(0.0, 0.0), (2.0, 0.0), (2.0, 3.0), (0.0, 3.0)]);
        let mut out = Vec::new();
        p.fill(&mut out);
        // The rule, and the shaded 50×40 cell's four edges; no dot.
        assert_eq!(out.len(), 5);
        let on_border = |s: &Segment| s.x0 == 0.0 || s.y0 == 0.0 || s.x1 == 50.0 || s.y1 == 40.0;
        assert!(out[1..].iter().all(|s| s.shaded && on_border(s)));
        assert!(!out[0].shaded);
        assert!((out[0].y0 - 10.4).abs() < 1e-4 && (out[0].width - 0.8).abs() < 1e-4);
        assert_eq!((out[0].x0, out[0].x1), (10.0, 210.0));
    }
}
