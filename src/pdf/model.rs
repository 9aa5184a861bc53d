//! The page model: what the PDF text layer produces and the table stage
//! consumes. Coordinates are PDF user space after all transforms: origin at
//! the page's bottom-left (of its MediaBox/CropBox), y grows upwards, units
//! are points. `/Rotate` is reported, not applied.

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
    /// Glyph box in page coordinates (advance width × font size box).
    pub bbox: Rect,
    /// Effective font size in page units (after text matrix and CTM).
    pub size: f32,
    /// The raw code when decoding failed, for the report.
    pub undecoded: Option<u32>,
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
