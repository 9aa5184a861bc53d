//! The page model: what the PDF text layer produces and the table stage
//! consumes. Coordinates are PDF user space after all transforms: origin at
//! the page's bottom-left (of its MediaBox/CropBox), y grows upwards, units
//! are points. `/Rotate` is reported, not applied; [`Page::upright`] gives
//! the page as displayed.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Rect {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
}

impl Rect {
    pub fn width(&self) -> f32 {
        self.x1 - self.x0
    }
    pub fn height(&self) -> f32 {
        self.y1 - self.y0
    }
    pub fn center(&self) -> (f32, f32) {
        ((self.x0 + self.x1) / 2.0, (self.y0 + self.y1) / 2.0)
    }
}

/// One shown glyph.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Glyph {
    /// Decoded text: usually one char, several for ligatures; empty when the
    /// glyph could not be decoded (then `undecoded` is set).
    pub text: String,
    /// Glyph box in page coordinates: from the origin to origin + advance
    /// width, 0.2 em below to 0.8 em above the baseline, transformed by the
    /// text matrix and CTM (bounds of the turned box for rotated text).
    pub bbox: Rect,
    /// Effective font size in page units (after text matrix and CTM).
    pub size: f32,
    /// The raw code when decoding failed, for the report.
    pub undecoded: Option<u32>,
    /// Where the glyph's baseline points, in degrees counter-clockwise
    /// from the page's +x axis, to the nearest quarter turn: 0 for normal
    /// text, 90 for text reading upwards (a table set sideways), 180, 270.
    #[serde(skip_serializing_if = "is_zero")]
    pub dir: i32,
}

fn is_zero(v: &i32) -> bool {
    *v == 0
}

/// A horizontal or vertical ruling segment.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Segment {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
    /// Stroke width (or the thin side of a filled rectangle).
    pub width: f32,
    /// An edge of a filled (shaded) cell rather than a drawn rule: read
    /// only where no drawn grid is.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub shaded: bool,
}

impl Segment {
    pub fn is_horizontal(&self) -> bool {
        (self.y1 - self.y0).abs() <= (self.x1 - self.x0).abs()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Page {
    /// 1-based page number.
    pub number: u32,
    pub width: f32,
    pub height: f32,
    /// `/Rotate` in degrees (0, 90, 180, 270).
    pub rotation: i32,
    /// Glyphs in content-stream order.
    pub glyphs: Vec<Glyph>,
    /// Ruling lines, horizontal and vertical only.
    pub lines: Vec<Segment>,
    /// Count of glyphs that could not be decoded to Unicode.
    pub undecoded: usize,
}

impl Page {
    /// A copy with `/Rotate` applied: coordinates as the page is displayed
    /// (origin bottom-left of the turned page, `rotation` 0, width and
    /// height swapped for 90/270). Reading order and table detection on
    /// turned landscape pages want this view.
    pub fn upright(&self) -> Page {
        let mut p = self.turned(self.rotation);
        p.rotation = 0;
        p
    }

    /// A copy turned clockwise by `degrees` (a multiple of 90) as a
    /// viewer would show it with that `/Rotate`; glyph directions turn
    /// with it. `rotation` is kept.
    pub fn turned(&self, degrees: i32) -> Page {
        let (w, h) = (self.width, self.height);
        let rot = degrees.rem_euclid(360);
        let turn = |x: f32, y: f32| match rot {
            90 => (y, w - x),
            180 => (w - x, h - y),
            270 => (h - y, x),
            _ => (x, y),
        };
        let rect = |r: &Rect| {
            let (ax, ay) = turn(r.x0, r.y0);
            let (bx, by) = turn(r.x1, r.y1);
            Rect {
                x0: ax.min(bx),
                y0: ay.min(by),
                x1: ax.max(bx),
                y1: ay.max(by),
            }
        };
        let (width, height) = if rot == 90 || rot == 270 {
            (h, w)
        } else {
            (w, h)
        };
        Page {
            number: self.number,
            width,
            height,
            rotation: self.rotation,
            glyphs: self
                .glyphs
                .iter()
                .map(|g| Glyph {
                    bbox: rect(&g.bbox),
                    dir: (g.dir - rot).rem_euclid(360),
                    ..g.clone()
                })
                .collect(),
            lines: self
                .lines
                .iter()
                .map(|s| {
                    let r = rect(&Rect {
                        x0: s.x0,
                        y0: s.y0,
                        x1: s.x1,
                        y1: s.y1,
                    });
                    Segment {
                        x0: r.x0,
                        y0: r.y0,
                        x1: r.x1,
                        y1: r.y1,
                        width: s.width,
                        shaded: s.shaded,
                    }
                })
                .collect(),
            undecoded: self.undecoded,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upright_turns_rotated_pages() {
        let g = Glyph {
            text: "a".into(),
            bbox: Rect {
                x0: 10.0,
                y0: 20.0,
                x1: 20.0,
                y1: 30.0,
            },
            size: 10.0,
            undecoded: None,
            dir: 90,
        };
        let mut p = Page {
            number: 1,
            width: 100.0,
            height: 200.0,
            rotation: 90,
            glyphs: vec![g],
            lines: vec![Segment {
                x0: 0.0,
                y0: 5.0,
                x1: 0.0,
                y1: 50.0,
                width: 1.0,
                shaded: false,
            }],
            undecoded: 0,
        };
        let u = p.upright();
        assert_eq!((u.width, u.height, u.rotation), (200.0, 100.0, 0));
        // Text reading upwards reads left to right once the page is turned.
        assert_eq!(u.glyphs[0].dir, 0);
        assert_eq!(
            u.glyphs[0].bbox,
            Rect {
                x0: 20.0,
                y0: 80.0,
                x1: 30.0,
                y1: 90.0
            }
        );
        assert!(u.lines[0].is_horizontal());
        assert_eq!(
            (u.lines[0].x0, u.lines[0].x1, u.lines[0].y0),
            (5.0, 50.0, 100.0)
        );
        p.rotation = 0;
        assert_eq!(p.upright(), p);
    }
}
