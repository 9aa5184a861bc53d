//! Fonts: splitting shown strings into codes, decoding codes to Unicode in
//! the order of PDF 32000 §9.10.2, and glyph advance widths.
//!
//! Chain, first hit wins: ToUnicode (unless bogus) → for Type0 fonts the
//! predefined CMap's own encoding (UniGB-UCS2/UTF16 are Unicode, GBK/GB/
//! GBK2K are GB18030 bytes) → Adobe-GB1 CID table when the ordering is GB1
//! → for simple fonts the Encoding/Differences glyph names → the embedded
//! TrueType's own cmap. Anything left is reported as undecoded.

pub mod adobe_gb1;
pub mod cmap;
pub mod codespace;
pub mod encoding;
pub mod glyphlist;
pub mod predefined;
pub mod std14;
pub mod truetype;
pub mod type1;

use super::obj;
use cmap::CMap;
use codespace::Codespace;
use encoding::{Base, SimpleEncoding};
use lopdf::{Dictionary, Document, Object};
use predefined::Predefined;
use serde::Serialize;
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use truetype::TrueTypeMap;

/// What `yusuan inspect fonts` reports about one font.
#[derive(Debug, Clone, Serialize)]
pub struct FontInfo {
    /// Resource name on the first page that used it (e.g. `F1`).
    pub resource: String,
    pub base_font: String,
    /// Type0/CIDFontType2, TrueType, Type1, Type3, …
    pub subtype: String,
    /// Encoding or CMap name, `embedded CMap`, or `(none)`.
    pub encoding: String,
    pub embedded: bool,
    /// `none`, `yes`, or `bogus (ignored)`.
    pub to_unicode: String,
    /// CIDSystemInfo Registry-Ordering for CID fonts.
    pub ordering: Option<String>,
    /// Decoding step → glyph count, over the whole document.
    pub decoded_by: BTreeMap<String, usize>,
    pub undecoded: usize,
}

/// One code of a shown string.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    pub code: u32,
    pub text: Option<String>,
    /// Advance in text-space units per unit of font size.
    pub width: f64,
    /// Single-byte code 32: word spacing applies.
    pub is_space: bool,
}

enum CidMap {
    Identity,
    Predefined(Predefined),
    Embedded(CMap),
}

struct Composite {
    cids: CidMap,
    gb1: bool,
    /// `None`: CID = glyph id.
    cid_to_gid: Option<Vec<u16>>,
}

enum Widths {
    Simple {
        first: u32,
        widths: Vec<Option<f64>>,
        missing: Option<f64>,
        std14: Option<&'static str>,
    },
    Cid {
        dw: f64,
        map: HashMap<u32, f64>,
    },
}

pub struct Font {
    pub info: RefCell<FontInfo>,
    codespace: Codespace,
    to_unicode: Option<CMap>,
    composite: Option<Composite>,
    simple: Option<SimpleEncoding>,
    symbolic: bool,
    tt: Option<TrueTypeMap>,
    widths: Widths,
    /// Glyph space → text space (1/1000, or a Type3 FontMatrix).
    scale: f64,
    pub vertical: bool,
}

fn name_of(doc: &Document, d: &Dictionary, key: &[u8]) -> String {
    obj::get_name(doc, d, key)
        .map(obj::name_str)
        .unwrap_or_default()
}

impl Font {
    pub fn load(doc: &Document, dict: &Dictionary, resource: &str) -> Font {
        let subtype = name_of(doc, dict, b"Subtype");
        if subtype == "Type0" {
            Self::load_composite(doc, dict, resource)
        } else {
            Self::load_simple(doc, dict, resource, subtype)
        }
    }

    fn base_info(doc: &Document, dict: &Dictionary, resource: &str, subtype: String) -> FontInfo {
        FontInfo {
            resource: resource.to_string(),
            base_font: name_of(doc, dict, b"BaseFont"),
            subtype,
            encoding: "(none)".into(),
            embedded: false,
            to_unicode: "none".into(),
            ordering: None,
            decoded_by: BTreeMap::new(),
            undecoded: 0,
        }
    }

    fn load_to_unicode(
        doc: &Document,
        dict: &Dictionary,
        composite: bool,
        info: &mut FontInfo,
    ) -> Option<CMap> {
        let cmap = match obj::get(doc, dict, b"ToUnicode")? {
            Object::Stream(s) => CMap::parse(&obj::stream_data(s)?),
            Object::Name(n) => {
                info.to_unicode = format!("named {} (ignored)", obj::name_str(n));
                return None;
            }
            _ => return None,
        };
        if !cmap.has_unicode() {
            info.to_unicode = "empty (ignored)".into();
            return None;
        }
        if composite && cmap.is_bogus_identity() {
            info.to_unicode = "bogus (ignored)".into();
            return None;
        }
        info.to_unicode = "yes".into();
        Some(cmap)
    }

    fn load_composite(doc: &Document, dict: &Dictionary, resource: &str) -> Font {
        let desc = obj::get_array(doc, dict, b"DescendantFonts")
            .and_then(|a| a.first())
            .map(|o| obj::resolve(doc, o))
            .and_then(|o| o.as_dict().ok());
        let empty = Dictionary::new();
        let cid_font = desc.unwrap_or(&empty);
        let cid_type = name_of(doc, cid_font, b"Subtype");
        let mut info = Self::base_info(doc, dict, resource, format!("Type0/{cid_type}"));
        let to_unicode = Self::load_to_unicode(doc, dict, true, &mut info);
        let (cids, codespace, vertical) = match obj::get(doc, dict, b"Encoding") {
            Some(Object::Name(n)) => {
                let name = obj::name_str(n);
                info.encoding = name.clone();
                let vertical = name.ends_with("-V");
                match predefined::lookup(&name) {
                    Some(p) => {
                        let cs = p.codespace();
                        (CidMap::Predefined(p), cs, vertical)
                    }
                    None => (CidMap::Identity, Codespace::two_byte(), vertical),
                }
            }
            Some(Object::Stream(s)) => {
                info.encoding = "embedded CMap".into();
                let mut cm = obj::stream_data(s)
                    .map(|d| CMap::parse(&d))
                    .unwrap_or_default();
                let parent = cm
                    .use_cmap
                    .clone()
                    .or_else(|| obj::get_name(doc, &s.dict, b"UseCMap").map(obj::name_str));
                if let Some(p) = parent.as_deref().and_then(predefined::lookup) {
                    cm.inherit(p.cmap());
                }
                let cs = if cm.codespace.is_empty() {
                    Codespace::two_byte()
                } else {
                    cm.codespace.clone()
                };
                (CidMap::Embedded(cm), cs, false)
            }
            _ => (CidMap::Identity, Codespace::two_byte(), false),
        };
        let ordering = obj::get_dict(doc, cid_font, b"CIDSystemInfo").map(|si| {
            let s = |k: &[u8]| match obj::get(doc, si, k) {
                Some(Object::String(b, _)) => String::from_utf8_lossy(b).into_owned(),
                _ => String::new(),
            };
            format!("{}-{}", s(b"Registry"), s(b"Ordering"))
        });
        let gb1 = ordering.as_deref().is_some_and(|o| o.ends_with("GB1"))
            || matches!(cids, CidMap::Predefined(_));
        info.ordering = ordering;
        let (tt, embedded) = Self::font_program(doc, cid_font, to_unicode.is_none());
        info.embedded = embedded;
        let cid_to_gid = match obj::get(doc, cid_font, b"CIDToGIDMap") {
            Some(Object::Stream(s)) => obj::stream_data(s).map(|d| {
                d.chunks(2)
                    .map(|p| {
                        u16::from_be_bytes([
                            p.first().copied().unwrap_or(0),
                            p.get(1).copied().unwrap_or(0),
                        ])
                    })
                    .collect()
            }),
            _ => None,
        };
        let widths = Widths::Cid {
            dw: obj::get_num(doc, cid_font, b"DW").unwrap_or(1000.0),
            map: cid_widths(doc, obj::get_array(doc, cid_font, b"W").unwrap_or(&[])),
        };
        Font {
            info: RefCell::new(info),
            codespace,
            to_unicode,
            composite: Some(Composite {
                cids,
                gb1,
                cid_to_gid,
            }),
            simple: None,
            symbolic: false,
            tt,
            widths,
            scale: 0.001,
            vertical,
        }
    }

    /// Parses the embedded TrueType/OpenType program when a fallback may
    /// need it; returns (map, embedded?).
    fn font_program(
        doc: &Document,
        font: &Dictionary,
        needed: bool,
    ) -> (Option<TrueTypeMap>, bool) {
        let Some(fd) = obj::get_dict(doc, font, b"FontDescriptor") else {
            return (None, false);
        };
        let embedded = [&b"FontFile"[..], b"FontFile2", b"FontFile3"]
            .iter()
            .any(|k| obj::get_stream(doc, fd, k).is_some());
        if !needed {
            return (None, embedded);
        }
        let stream = obj::get_stream(doc, fd, b"FontFile2").or_else(|| {
            obj::get_stream(doc, fd, b"FontFile3")
                .filter(|s| obj::get_name(doc, &s.dict, b"Subtype") == Some(b"OpenType"))
        });
        let tt = stream
            .and_then(obj::stream_data)
            .and_then(|d| TrueTypeMap::parse(&d));
        (tt, embedded)
    }

    /// The built-in encoding of an embedded Type 1 program (FontFile).
    fn type1_encoding(doc: &Document, font: &Dictionary) -> Vec<(u8, String)> {
        obj::get_dict(doc, font, b"FontDescriptor")
            .and_then(|fd| obj::get_stream(doc, fd, b"FontFile"))
            .and_then(obj::stream_data)
            .map(|d| type1::builtin_encoding(&d))
            .unwrap_or_default()
    }

    fn load_simple(doc: &Document, dict: &Dictionary, resource: &str, subtype: String) -> Font {
        let mut info = Self::base_info(doc, dict, resource, subtype.clone());
        let to_unicode = Self::load_to_unicode(doc, dict, false, &mut info);
        let flags = obj::get_dict(doc, dict, b"FontDescriptor")
            .and_then(|fd| obj::get_num(doc, fd, b"Flags"))
            .unwrap_or(0.0) as u32;
        let symbolic = flags & 4 != 0 && flags & 32 == 0;
        let (base, diffs) = match obj::get(doc, dict, b"Encoding") {
            Some(Object::Name(n)) => (Base::from_name(n), Vec::new()),
            Some(Object::Dictionary(d)) => (
                obj::get_name(doc, d, b"BaseEncoding").and_then(Base::from_name),
                differences(doc, obj::get_array(doc, d, b"Differences").unwrap_or(&[])),
            ),
            _ => (None, Vec::new()),
        };
        info.encoding = match (base, diffs.is_empty()) {
            (Some(b), true) => b.label().into(),
            (Some(b), false) => format!("{} + Differences", b.label()),
            (None, false) => "Differences".into(),
            (None, true) => "(built-in)".into(),
        };
        let has_encoding = base.is_some() || !diffs.is_empty();
        let base = base.or(if subtype == "TrueType" && !symbolic {
            Some(Base::WinAnsi)
        } else {
            None
        });
        let builtin = if to_unicode.is_none() && base.is_none() && subtype.ends_with("Type1") {
            Self::type1_encoding(doc, dict)
        } else {
            Vec::new()
        };
        if !builtin.is_empty() {
            info.encoding = format!("{} (Type 1 program)", info.encoding);
        }
        let merged: Vec<(u8, String)> = builtin.into_iter().chain(diffs).collect();
        let simple = SimpleEncoding::new(base, &merged);
        let (tt, embedded) = Self::font_program(doc, dict, to_unicode.is_none());
        info.embedded = embedded;
        let base_font = info.base_font.clone();
        let scale = if subtype == "Type3" {
            obj::get_array(doc, dict, b"FontMatrix")
                .and_then(|m| m.first())
                .and_then(|o| obj::num(obj::resolve(doc, o)))
                .unwrap_or(0.001)
        } else {
            0.001
        };
        let widths = Widths::Simple {
            first: obj::get_num(doc, dict, b"FirstChar")
                .unwrap_or(0.0)
                .max(0.0) as u32,
            widths: obj::get_array(doc, dict, b"Widths")
                .map(|a| obj::numbers(doc, a))
                .unwrap_or_default(),
            missing: obj::get_dict(doc, dict, b"FontDescriptor")
                .and_then(|fd| obj::get_num(doc, fd, b"MissingWidth")),
            std14: std14::standard_name(&base_font),
        };
        Font {
            info: RefCell::new(info),
            codespace: Codespace::one_byte(),
            to_unicode,
            composite: None,
            simple: Some(simple),
            symbolic: symbolic && !has_encoding,
            tt,
            widths,
            scale,
            vertical: false,
        }
    }

    fn cid(&self, c: &Composite, code: u32, len: usize) -> Option<u32> {
        match &c.cids {
            CidMap::Identity => Some(code),
            CidMap::Predefined(p) => p.cmap().cid(code, len),
            CidMap::Embedded(m) => m.cid(code, len),
        }
    }

    fn unicode(&self, code: u32, len: usize, cid: Option<u32>) -> (Option<String>, &'static str) {
        let usable =
            |s: Option<String>| s.filter(|t| !t.is_empty() && !t.chars().all(|c| c == '\0'));
        if let Some(s) = usable(self.to_unicode.as_ref().and_then(|m| m.unicode(code, len))) {
            return (Some(s), "ToUnicode");
        }
        if let Some(c) = &self.composite {
            if let CidMap::Predefined(p) = &c.cids {
                // The spec's route (code → CID → Adobe-GB1-UCS2) first, as
                // viewers do; the code's own encoding covers unmapped CIDs.
                if let Some(s) = cid.and_then(adobe_gb1::cid_to_unicode) {
                    return (Some(s), "predefined CMap + Adobe-GB1");
                }
                if let Some(s) = usable(p.unicode(code, len)) {
                    return (Some(s), "predefined CMap");
                }
            }
            if c.gb1 {
                if let Some(s) = cid.and_then(adobe_gb1::cid_to_unicode) {
                    return (Some(s), "Adobe-GB1 table");
                }
            }
            let gid = cid.map(|cid| match &c.cid_to_gid {
                Some(map) => map.get(cid as usize).copied().unwrap_or(0),
                None => cid as u16,
            });
            if let Some(s) = gid.and_then(|g| self.tt.as_ref()?.gid_unicode(g)) {
                return (Some(s), "TrueType cmap");
            }
            return (None, "");
        }
        if self.symbolic {
            if let Some(s) = self.tt.as_ref().and_then(|t| t.code_unicode(code)) {
                return (Some(s), "TrueType cmap");
            }
        }
        if let Some(s) = usable(self.simple.as_ref().and_then(|e| e.unicode(code))) {
            return (Some(s), "Encoding + glyph list");
        }
        if let Some(s) = self.tt.as_ref().and_then(|t| t.code_unicode(code)) {
            return (Some(s), "TrueType cmap");
        }
        (None, "")
    }

    fn width(&self, code: u32, cid: Option<u32>) -> f64 {
        let w = match &self.widths {
            Widths::Cid { dw, map } => cid.and_then(|c| map.get(&c)).copied().unwrap_or(*dw),
            Widths::Simple {
                first,
                widths,
                missing,
                std14,
            } => code
                .checked_sub(*first)
                .and_then(|i| widths.get(i as usize).copied().flatten())
                .or_else(|| {
                    let c = self.simple.as_ref()?.unicode(code)?.chars().next()?;
                    std14::width(std14.as_ref()?, c).map(f64::from)
                })
                .or(*missing)
                .unwrap_or(500.0),
        };
        w * self.scale
    }

    /// Splits and decodes one shown string.
    pub fn decode(&self, bytes: &[u8], out: &mut Vec<Decoded>) {
        let mut info = self.info.borrow_mut();
        for (code, len) in self.codespace.split(bytes) {
            let cid = self.composite.as_ref().and_then(|c| self.cid(c, code, len));
            let (text, method) = self.unicode(code, len, cid);
            if text.is_some() {
                *info.decoded_by.entry(method.to_string()).or_default() += 1;
            } else {
                info.undecoded += 1;
            }
            out.push(Decoded {
                code,
                text,
                width: self.width(code, cid),
                is_space: len == 1 && code == 32,
            });
        }
    }
}

/// `/Differences [code /name /name code /name …]` flattened.
fn differences(doc: &Document, arr: &[Object]) -> Vec<(u8, String)> {
    let mut out = Vec::new();
    let mut code: Option<i64> = None;
    for o in arr {
        match obj::resolve(doc, o) {
            Object::Integer(n) => code = Some(*n),
            Object::Name(n) => {
                if let Some(c) = code {
                    if let Ok(b) = u8::try_from(c) {
                        out.push((b, obj::name_str(n)));
                    }
                    code = Some(c + 1);
                }
            }
            _ => {}
        }
    }
    out
}

/// CID font `/W`: `c [w1 w2 …]` and `c_first c_last w` groups.
fn cid_widths(doc: &Document, arr: &[Object]) -> HashMap<u32, f64> {
    let mut map = HashMap::new();
    let mut i = 0;
    while let Some(first) = arr.get(i).map(|o| obj::resolve(doc, o)).and_then(obj::num) {
        let first = first.max(0.0) as u32;
        match arr.get(i + 1).map(|o| obj::resolve(doc, o)) {
            Some(Object::Array(ws)) => {
                for (k, w) in obj::numbers(doc, ws).into_iter().enumerate() {
                    if let Some(w) = w {
                        map.insert(first.saturating_add(k as u32), w);
                    }
                }
                i += 2;
            }
            Some(o) => {
                let last = obj::num(o).unwrap_or(0.0).max(0.0) as u32;
                let w = arr
                    .get(i + 2)
                    .map(|o| obj::resolve(doc, o))
                    .and_then(obj::num);
                if let Some(w) = w {
                    // Bound the range so a hostile /W cannot allocate forever.
                    for c in first..=last.min(first.saturating_add(65535)) {
                        map.insert(c, w);
                    }
                }
                i += 3;
            }
            None => break,
        }
    }
    map
}
