//! Last-resort decoding from an embedded TrueType/OpenType program: its
//! own `cmap` (reversed: glyph id → Unicode) and `post` glyph names.

use super::glyphlist::name_to_unicode;
use std::collections::HashMap;
use ttf_parser::{Face, GlyphId, PlatformId};

#[derive(Debug, Default)]
pub struct TrueTypeMap {
    gid_to_char: HashMap<u16, char>,
    /// Symbolic fonts: one-byte code → glyph id via the (3,0) or (1,0) cmap.
    code_to_gid: HashMap<u32, u16>,
    names: HashMap<u16, String>,
}

impl TrueTypeMap {
    pub fn parse(data: &[u8]) -> Option<TrueTypeMap> {
        let face = Face::parse(data, 0).ok()?;
        let mut map = TrueTypeMap::default();
        let cmap = face.tables().cmap?;
        for sub in cmap.subtables {
            if sub.is_unicode() {
                sub.codepoints(|cp| {
                    if let (Some(g), Some(c)) = (sub.glyph_index(cp), char::from_u32(cp)) {
                        // Prefer the lowest code point for shared glyphs.
                        let e = map.gid_to_char.entry(g.0).or_insert(c);
                        if c < *e {
                            *e = c;
                        }
                    }
                });
            } else if matches!(
                (sub.platform_id, sub.encoding_id),
                (PlatformId::Windows, 0) | (PlatformId::Macintosh, 0)
            ) {
                sub.codepoints(|cp| {
                    if let Some(g) = sub.glyph_index(cp) {
                        map.code_to_gid.entry(cp & 0xFF).or_insert(g.0);
                    }
                });
            }
        }
        for gid in 0..face.number_of_glyphs() {
            if let Some(n) = face.glyph_name(GlyphId(gid)) {
                map.names.insert(gid, n.to_string());
            }
        }
        Some(map)
    }

    /// Text of a glyph id: the Unicode cmap first, then its `post` name.
    pub fn gid_unicode(&self, gid: u16) -> Option<String> {
        if let Some(c) = self.gid_to_char.get(&gid) {
            return Some(c.to_string());
        }
        self.names.get(&gid).and_then(|n| name_to_unicode(n))
    }

    /// Text of a simple font's code through the symbolic cmap.
    pub fn code_unicode(&self, code: u32) -> Option<String> {
        let gid = self.code_to_gid.get(&code)?;
        self.gid_unicode(*gid)
    }
}
