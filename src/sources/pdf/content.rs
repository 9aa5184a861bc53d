//! The content-stream interpreter: graphics and text state, text showing,
//! paths for ruling lines, Form XObjects (recursive, guarded). Produces
//! glyphs and segments in PDF user space of the page (not yet shifted to
//! the crop box origin).

use super::font::{Decoded, Font};
use super::lines::PathBuilder;
use super::model::{Glyph, Rect, Segment};
use super::obj;
use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::HashMap;
use std::rc::Rc;

/// Nesting limit for Form XObjects.
const MAX_FORM_DEPTH: usize = 12;
/// Glyph box in em units below/above the baseline.
const DESCENT: f64 = -0.2;
const ASCENT: f64 = 0.8;

type Matrix = [f64; 6];
const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `a × b` in PDF's row-vector convention (apply `a`, then `b`).
fn mul(a: &Matrix, b: &Matrix) -> Matrix {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

fn apply(m: &Matrix, x: f64, y: f64) -> (f64, f64) {
    (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
}

/// Fonts loaded once per document, keyed by object (or by address for
/// direct dictionaries), in first-use order.
#[derive(Default)]
pub struct FontCache {
    by_id: HashMap<ObjectId, Rc<Font>>,
    by_ptr: HashMap<usize, Rc<Font>>,
    pub order: Vec<Rc<Font>>,
}

impl FontCache {
    fn get(&mut self, doc: &Document, fonts: &Dictionary, name: &[u8]) -> Option<Rc<Font>> {
        let raw = fonts.get(name).ok()?;
        if let Object::Reference(id) = raw {
            if let Some(f) = self.by_id.get(id) {
                return Some(f.clone());
            }
        }
        let dict = match obj::resolve(doc, raw) {
            Object::Dictionary(d) => d,
            _ => return None,
        };
        let ptr = dict as *const Dictionary as usize;
        if let Some(f) = self.by_ptr.get(&ptr) {
            return Some(f.clone());
        }
        let font = Rc::new(Font::load(doc, dict, &obj::name_str(name)));
        match raw {
            Object::Reference(id) => self.by_id.insert(*id, font.clone()),
            _ => self.by_ptr.insert(ptr, font.clone()),
        };
        self.order.push(font.clone());
        Some(font)
    }
}

#[derive(Clone)]
struct GState {
    ctm: Matrix,
    /// Bounding box of the clipping path in page space; rules are cut to it.
    clip: Option<Bounds>,
    font: Option<Rc<Font>>,
    font_size: f64,
    char_spacing: f64,
    word_spacing: f64,
    h_scale: f64,
    leading: f64,
    rise: f64,
    line_width: f64,
    fill_visible: bool,
    stroke_visible: bool,
    /// Colour spaces set by `cs`/`CS`: how `sc`/`scn` values read.
    fill_space: Space,
    stroke_space: Space,
    fill_alpha_zero: bool,
    stroke_alpha_zero: bool,
}

impl GState {
    fn new(ctm: Matrix) -> Self {
        GState {
            ctm,
            clip: None,
            font: None,
            font_size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            h_scale: 1.0,
            leading: 0.0,
            rise: 0.0,
            line_width: 1.0,
            fill_visible: true,
            stroke_visible: true,
            fill_space: Space::Device,
            stroke_space: Space::Device,
            fill_alpha_zero: false,
            stroke_alpha_zero: false,
        }
    }
}

/// What a page's content yields.
#[derive(Default)]
pub struct Output {
    pub glyphs: Vec<Glyph>,
    pub lines: Vec<Segment>,
    /// Problems worth a warning (damaged content stream, …).
    pub problems: Vec<String>,
    /// Images drawn (XObject or inline): a page of images and no text
    /// is a scan.
    pub images: usize,
}

pub struct Interpreter<'a> {
    doc: &'a Document,
    fonts: &'a mut FontCache,
    gs: GState,
    stack: Vec<GState>,
    tm: Matrix,
    tlm: Matrix,
    path: PathBuilder,
    forms: Vec<ObjectId>,
    /// `W`/`W*` seen: the current path becomes the clip when painted.
    pending_clip: bool,
    pub out: Output,
    buf: Vec<Decoded>,
    /// The visible page box: glyphs whose origin falls outside are dropped.
    page: Rect,
}

fn nums(ops: &[Object]) -> Vec<f64> {
    ops.iter().filter_map(obj::num).collect()
}

/// How colour operands read for visibility.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Space {
    /// Gray/RGB/CMYK (or ICC-based with as many components): white is
    /// all ones, or all zeros in CMYK.
    Device,
    /// Separation/DeviceN tints: zero is no ink.
    Ink,
    /// Indexed, Pattern, Lab, …: assume visible.
    Other,
}

/// Visibility of a colour given as operands of g/rg/k/sc/scn: white
/// (or CMYK zero, or no ink) paint does not count.
fn visible(ops: &[Object], space: Space) -> bool {
    if ops.iter().any(|o| matches!(o, Object::Name(_))) {
        return true;
    }
    let v = nums(ops);
    match (space, v.len()) {
        (Space::Ink, _) => v.iter().any(|&c| c > 0.01),
        (Space::Other, _) => true,
        (Space::Device, 1 | 3) => v.iter().any(|&c| c < 0.99),
        (Space::Device, 4) => v.iter().any(|&c| c > 0.01),
        _ => true,
    }
}

impl<'a> Interpreter<'a> {
    pub fn new(doc: &'a Document, fonts: &'a mut FontCache, page: Rect) -> Self {
        Interpreter {
            doc,
            fonts,
            gs: GState::new(IDENTITY),
            stack: Vec::new(),
            tm: IDENTITY,
            tlm: IDENTITY,
            path: PathBuilder::default(),
            forms: Vec::new(),
            pending_clip: false,
            out: Output::default(),
            buf: Vec::new(),
            page,
        }
    }

    /// Runs one content stream with its resources.
    pub fn run(&mut self, content: &[u8], resources: Option<&'a Dictionary>) {
        let content = obj::without_operators_in_arrays(content);
        for op in Content::decode_iter(&content) {
            // Past --timeout: stop here; the page loop reports it.
            if crate::cancel::cancelled() {
                break;
            }
            match op {
                Ok(op) => self.op(&op.operator, &op.operands, resources),
                Err(e) => {
                    self.out.problems.push(format!(
                        "damaged content stream, rest of it skipped: {}",
                        obj::reason(&e)
                    ));
                    break;
                }
            }
        }
    }

    fn op(&mut self, name: &str, ops: &[Object], res: Option<&'a Dictionary>) {
        let n = |i: usize| ops.get(i).and_then(obj::num).unwrap_or(0.0);
        match name {
            "q" => {
                if self.stack.len() < 1024 {
                    self.stack.push(self.gs.clone());
                }
            }
            "Q" => {
                if let Some(g) = self.stack.pop() {
                    self.gs = g;
                }
            }
            "cm" => {
                let m = [n(0), n(1), n(2), n(3), n(4), n(5)];
                self.gs.ctm = mul(&m, &self.gs.ctm);
            }
            "w" => self.gs.line_width = n(0),
            "g" | "rg" | "k" => self.gs.fill_visible = visible(ops, Space::Device),
            "G" | "RG" | "K" => self.gs.stroke_visible = visible(ops, Space::Device),
            "sc" | "scn" => self.gs.fill_visible = visible(ops, self.gs.fill_space),
            "SC" | "SCN" => self.gs.stroke_visible = visible(ops, self.gs.stroke_space),
            "cs" => {
                self.gs.fill_space = self.color_space(ops, res);
                self.gs.fill_visible = true;
            }
            "CS" => {
                self.gs.stroke_space = self.color_space(ops, res);
                self.gs.stroke_visible = true;
            }
            "gs" => self.ext_gstate(ops, res),
            "BT" => {
                self.tm = IDENTITY;
                self.tlm = IDENTITY;
            }
            "Tf" => {
                self.gs.font_size = n(1);
                self.gs.font = match (ops.first(), self.resource(res, b"Font")) {
                    (Some(Object::Name(f)), Some(fonts)) => self.fonts.get(self.doc, fonts, f),
                    _ => None,
                };
                if self.gs.font.is_none() {
                    let name = match ops.first() {
                        Some(Object::Name(f)) => obj::name_str(f),
                        _ => "?".into(),
                    };
                    let msg =
                        format!("font /{name} is missing from the resources: its text is lost");
                    if !self.out.problems.contains(&msg) {
                        self.out.problems.push(msg);
                    }
                }
            }
            "Tc" => self.gs.char_spacing = n(0),
            "Tw" => self.gs.word_spacing = n(0),
            "Tz" => self.gs.h_scale = n(0) / 100.0,
            "TL" => self.gs.leading = n(0),
            "Ts" => self.gs.rise = n(0),
            "Td" => self.td(n(0), n(1)),
            "TD" => {
                self.gs.leading = -n(1);
                self.td(n(0), n(1));
            }
            "Tm" => {
                self.tm = [n(0), n(1), n(2), n(3), n(4), n(5)];
                self.tlm = self.tm;
            }
            "T*" => self.td(0.0, -self.gs.leading),
            "Tj" => self.show_operand(ops.first()),
            "'" => {
                self.td(0.0, -self.gs.leading);
                self.show_operand(ops.first());
            }
            "\"" => {
                self.gs.word_spacing = n(0);
                self.gs.char_spacing = n(1);
                self.td(0.0, -self.gs.leading);
                self.show_operand(ops.get(2));
            }
            "TJ" => {
                if let Some(Object::Array(items)) = ops.first() {
                    for item in items {
                        match item {
                            Object::String(s, _) => self.show(s),
                            other => {
                                if let Some(adj) = obj::num(other) {
                                    self.kern(adj);
                                }
                            }
                        }
                    }
                }
            }
            "Do" => self.do_xobject(ops, res),
            "BI" => self.out.images += 1,
            _ => self.path_op(name, ops),
        }
    }

    fn path_op(&mut self, name: &str, ops: &[Object]) {
        let n = |i: usize| ops.get(i).and_then(obj::num).unwrap_or(0.0);
        let ctm = self.gs.ctm;
        match name {
            "m" => {
                let (x, y) = apply(&ctm, n(0), n(1));
                self.path.move_to(x, y);
            }
            "l" => {
                let (x, y) = apply(&ctm, n(0), n(1));
                self.path.line_to(x, y);
            }
            "c" => {
                let (x, y) = apply(&ctm, n(4), n(5));
                self.path.curve_to(x, y);
            }
            "v" | "y" => {
                let (x, y) = apply(&ctm, n(2), n(3));
                self.path.curve_to(x, y);
            }
            "h" => self.path.close(),
            "re" => {
                let (x, y, w, h) = (n(0), n(1), n(2), n(3));
                let c = [(x, y), (x + w, y), (x + w, y + h), (x, y + h)]
                    .map(|(a, b)| apply(&ctm, a, b));
                self.path.rect(c);
            }
            "S" | "s" => self.paint(name == "s", true, false),
            "f" | "F" | "f*" => self.paint(false, false, true),
            "B" | "B*" => self.paint(false, true, true),
            "b" | "b*" => self.paint(true, true, true),
            "n" => self.paint(false, false, false),
            "W" | "W*" => self.pending_clip = true,
            _ => {}
        }
    }

    fn paint(&mut self, close: bool, stroke: bool, fill: bool) {
        if close {
            self.path.close();
        }
        let mut segs = Vec::new();
        if stroke && self.gs.stroke_visible && !self.gs.stroke_alpha_zero {
            let c = &self.gs.ctm;
            let scale = (c[0] * c[3] - c[1] * c[2]).abs().sqrt();
            self.path.stroke(self.gs.line_width * scale, &mut segs);
        }
        if fill && self.gs.fill_visible && !self.gs.fill_alpha_zero {
            self.path.fill(&mut segs);
        }
        let clip = self.gs.clip;
        self.out
            .lines
            .extend(segs.into_iter().filter_map(|s| clip_segment(s, clip)));
        // The clipping path takes effect after the painting operator.
        if std::mem::take(&mut self.pending_clip) {
            if let Some(b) = self.path.bounds() {
                self.gs.clip = Some(match self.gs.clip {
                    Some(c) => intersect(c, b),
                    None => b,
                });
            }
        }
        self.path.clear();
    }

    fn resource(&self, res: Option<&'a Dictionary>, kind: &[u8]) -> Option<&'a Dictionary> {
        obj::get_dict(self.doc, res?, kind)
    }

    /// Kind of the colour space named by `cs`/`CS` (device names or a
    /// `/ColorSpace` resource).
    fn color_space(&self, ops: &[Object], res: Option<&'a Dictionary>) -> Space {
        let Some(Object::Name(n)) = ops.first() else {
            return Space::Other;
        };
        let family = |name: &[u8]| match name {
            b"DeviceGray" | b"DeviceRGB" | b"DeviceCMYK" | b"CalGray" | b"CalRGB" | b"ICCBased"
            | b"G" | b"RGB" | b"CMYK" => Space::Device,
            b"Separation" | b"DeviceN" => Space::Ink,
            _ => Space::Other,
        };
        match self
            .resource(res, b"ColorSpace")
            .and_then(|d| obj::get(self.doc, d, n))
        {
            Some(Object::Array(a)) => match a.first().map(|o| obj::resolve(self.doc, o)) {
                Some(Object::Name(f)) => family(f),
                _ => Space::Other,
            },
            Some(Object::Name(f)) => family(f),
            _ => family(n),
        }
    }

    fn ext_gstate(&mut self, ops: &[Object], res: Option<&'a Dictionary>) {
        let Some(Object::Name(n)) = ops.first() else {
            return;
        };
        let Some(gs) = self
            .resource(res, b"ExtGState")
            .and_then(|d| obj::get_dict(self.doc, d, n))
        else {
            return;
        };
        if let Some(a) = obj::get_num(self.doc, gs, b"CA") {
            self.gs.stroke_alpha_zero = a <= 0.0;
        }
        if let Some(a) = obj::get_num(self.doc, gs, b"ca") {
            self.gs.fill_alpha_zero = a <= 0.0;
        }
        if let Some(w) = obj::get_num(self.doc, gs, b"LW") {
            self.gs.line_width = w;
        }
    }

    fn do_xobject(&mut self, ops: &[Object], res: Option<&'a Dictionary>) {
        let Some(Object::Name(name)) = ops.first() else {
            return;
        };
        let Some(xobjs) = self.resource(res, b"XObject") else {
            return;
        };
        let Ok(raw) = xobjs.get(name) else { return };
        let id = match raw {
            Object::Reference(id) => Some(*id),
            _ => None,
        };
        let Object::Stream(stream) = obj::resolve(self.doc, raw) else {
            return;
        };
        match obj::get_name(self.doc, &stream.dict, b"Subtype") {
            Some(b"Form") => {}
            Some(b"Image") => {
                self.out.images += 1;
                return;
            }
            _ => return,
        }
        if self.forms.len() >= MAX_FORM_DEPTH || id.is_some_and(|i| self.forms.contains(&i)) {
            self.out
                .problems
                .push("Form XObject nesting too deep or cyclic: skipped".into());
            return;
        }
        let Some(data) = obj::stream_data(stream) else {
            return;
        };
        let matrix = obj::get_array(self.doc, &stream.dict, b"Matrix")
            .map(|a| obj::numbers(self.doc, a))
            .filter(|v| v.len() == 6 && v.iter().all(Option::is_some))
            .map(|v| {
                let mut m = IDENTITY;
                for (slot, x) in m.iter_mut().zip(v) {
                    *slot = x.unwrap_or(0.0);
                }
                m
            })
            .unwrap_or(IDENTITY);
        let form_res = obj::get_dict(self.doc, &stream.dict, b"Resources").or(res);
        let saved = (self.gs.clone(), self.stack.len(), self.tm, self.tlm);
        self.gs.ctm = mul(&matrix, &self.gs.ctm);
        self.forms.push(id.unwrap_or((0, 0)));
        self.run(&data, form_res);
        self.forms.pop();
        self.stack.truncate(saved.1);
        (self.gs, self.tm, self.tlm) = (saved.0, saved.2, saved.3);
    }

    fn td(&mut self, tx: f64, ty: f64) {
        self.tlm = mul(&[1.0, 0.0, 0.0, 1.0, tx, ty], &self.tlm);
        self.tm = self.tlm;
    }

    fn kern(&mut self, adj: f64) {
        let d = -adj / 1000.0 * self.gs.font_size;
        let vertical = self.gs.font.as_ref().is_some_and(|f| f.vertical);
        let (tx, ty) = if vertical {
            (0.0, d)
        } else {
            (d * self.gs.h_scale, 0.0)
        };
        self.tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, ty], &self.tm);
    }

    fn show_operand(&mut self, o: Option<&Object>) {
        if let Some(Object::String(s, _)) = o {
            self.show(s);
        }
    }

    fn show(&mut self, bytes: &[u8]) {
        let Some(font) = self.gs.font.clone() else {
            return;
        };
        let mut buf = std::mem::take(&mut self.buf);
        buf.clear();
        font.decode(bytes, &mut buf);
        let g = &self.gs;
        let (fs, th) = (g.font_size, g.h_scale);
        for d in &buf {
            let trm = mul(
                &[fs * th, 0.0, 0.0, fs, 0.0, g.rise],
                &mul(&self.tm, &g.ctm),
            );
            let m = mul(&self.tm, &g.ctm);
            let size = (fs * (m[2] * m[2] + m[3] * m[3]).sqrt()) as f32;
            let (bx0, by0, bx1, by1) = if font.vertical {
                // Default DW2 [880 -1000]: the em box hangs centred below
                // the vertical origin.
                (-0.5, -1.0, 0.5, 0.0)
            } else {
                (0.0, DESCENT, d.width, ASCENT)
            };
            let corners =
                [(bx0, by0), (bx1, by0), (bx0, by1), (bx1, by1)].map(|(x, y)| apply(&trm, x, y));
            let spacing = g.char_spacing + if d.is_space { g.word_spacing } else { 0.0 };
            let (tx, ty) = if font.vertical {
                (0.0, -fs + spacing)
            } else {
                ((d.width * fs + spacing) * th, 0.0)
            };
            let origin = apply(&trm, 0.0, 0.0);
            let end = apply(
                &mul(&[1.0, 0.0, 0.0, 1.0, tx, ty], &mul(&self.tm, &g.ctm)),
                0.0,
                g.rise,
            );
            if on_page(&self.page, origin, end) {
                self.out.glyphs.push(Glyph {
                    text: d.text.clone().unwrap_or_default(),
                    bbox: bounds(&corners),
                    size,
                    undecoded: if d.text.is_none() { Some(d.code) } else { None },
                    dir: quarter_turn(&trm),
                });
            }
            self.tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, ty], &self.tm);
        }
        self.buf = buf;
    }
}

/// The direction of a text rendering matrix's baseline, in degrees
/// counter-clockwise, to the nearest quarter turn.
fn quarter_turn(trm: &Matrix) -> i32 {
    let deg = trm[1].atan2(trm[0]).to_degrees();
    if !deg.is_finite() {
        return 0;
    }
    ((deg / 90.0).round() as i32 * 90).rem_euclid(360)
}

/// (x0, y0, x1, y1) in page space.
type Bounds = (f64, f64, f64, f64);

fn intersect(a: Bounds, b: Bounds) -> Bounds {
    (a.0.max(b.0), a.1.max(b.1), a.2.min(b.2), a.3.min(b.3))
}

/// Cuts a rule to the clip box (its own axis exactly, the other with a
/// little tolerance for borders drawn on the clip edge); `None` when
/// nothing of it is visible.
fn clip_segment(mut s: Segment, clip: Option<Bounds>) -> Option<Segment> {
    let Some(c) = clip else {
        return Some(s);
    };
    let (x0, y0, x1, y1) = (c.0 as f32, c.1 as f32, c.2 as f32, c.3 as f32);
    let tol = 0.5;
    if s.is_horizontal() {
        if s.y0 < y0 - tol || s.y0 > y1 + tol {
            return None;
        }
        (s.x0, s.x1) = (s.x0.max(x0), s.x1.min(x1));
        (s.x1 - s.x0 >= 0.1).then_some(s)
    } else {
        if s.x0 < x0 - tol || s.x0 > x1 + tol {
            return None;
        }
        (s.y0, s.y1) = (s.y0.max(y0), s.y1.min(y1));
        (s.y1 - s.y0 >= 0.1).then_some(s)
    }
}

/// Poppler's rule: a glyph counts when its origin lies on the page, the
/// advance allowed to reach back in from the left/bottom.
fn on_page(page: &Rect, origin: (f64, f64), end: (f64, f64)) -> bool {
    let (x0, y0, x1, y1) = (
        f64::from(page.x0),
        f64::from(page.y0),
        f64::from(page.x1),
        f64::from(page.y1),
    );
    let (ax, ay) = ((end.0 - origin.0).max(0.0), (origin.1 - end.1).max(0.0));
    origin.0 + ax >= x0 && origin.0 <= x1 && origin.1 <= y1 + ay && origin.1 >= y0
}

fn bounds(pts: &[(f64, f64); 4]) -> Rect {
    let mut r = Rect {
        x0: f32::INFINITY,
        y0: f32::INFINITY,
        x1: f32::NEG_INFINITY,
        y1: f32::NEG_INFINITY,
    };
    for &(x, y) in pts {
        let (x, y) = (x as f32, y as f32);
        r.x0 = r.x0.min(x);
        r.y0 = r.y0.min(y);
        r.x1 = r.x1.max(x);
        r.y1 = r.y1.max(y);
    }
    r
}
