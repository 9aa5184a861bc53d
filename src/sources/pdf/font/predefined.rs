//! Adobe's predefined Chinese CMaps (§9.7.5.2). Their codes are Unicode
//! (UniGB-*) or GBK/GB18030/GB2312 bytes, so text comes straight from the
//! code; the CMap data is only needed for code → CID (widths).

use super::cmap::{CMap, Compiled};
use super::codespace::Codespace;
use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheme {
    Ucs2,
    Utf16,
    /// GBK, GB2312 (EUC-CN) and GB18030 bytes all decode as GB18030.
    Gb18030,
}

pub struct Predefined {
    pub name: &'static str,
    pub scheme: Scheme,
    data: &'static Compiled,
    cell: &'static OnceLock<CMap>,
}

/// The tables build.rs compiles from data/cmap.
pub(crate) mod compiled {
    use super::Compiled;
    include!(concat!(env!("OUT_DIR"), "/cmaps.rs"));
}

static UCS2: OnceLock<CMap> = OnceLock::new();
static UTF16: OnceLock<CMap> = OnceLock::new();
static GBK: OnceLock<CMap> = OnceLock::new();
static GBKP: OnceLock<CMap> = OnceLock::new();
static GB: OnceLock<CMap> = OnceLock::new();
static GBK2K: OnceLock<CMap> = OnceLock::new();

/// Looks a CMap name up; `-V` shares the `-H` data (vertical glyph variants
/// do not change the text).
pub fn lookup(name: &str) -> Option<Predefined> {
    use compiled::*;
    let h = name
        .strip_suffix("-V")
        .map_or(name.to_string(), |b| format!("{b}-H"));
    let (name, scheme, data, cell): (&'static str, _, _, _) = match h.as_str() {
        "UniGB-UCS2-H" => ("UniGB-UCS2-H", Scheme::Ucs2, &UNIGB_UCS2_H, &UCS2),
        "UniGB-UTF16-H" => ("UniGB-UTF16-H", Scheme::Utf16, &UNIGB_UTF16_H, &UTF16),
        "GBK-EUC-H" => ("GBK-EUC-H", Scheme::Gb18030, &GBK_EUC_H, &GBK),
        "GBKp-EUC-H" => ("GBKp-EUC-H", Scheme::Gb18030, &GBKP_EUC_H, &GBKP),
        "GB-EUC-H" => ("GB-EUC-H", Scheme::Gb18030, &GB_EUC_H, &GB),
        "GBK2K-H" => ("GBK2K-H", Scheme::Gb18030, &GBK2K_H, &GBK2K),
        _ => return None,
    };
    Some(Predefined {
        name,
        scheme,
        data,
        cell,
    })
}

impl Predefined {
    pub fn cmap(&self) -> &'static CMap {
        self.cell.get_or_init(|| CMap::from_compiled(self.data))
    }

    pub fn codespace(&self) -> Codespace {
        let cs = &self.cmap().codespace;
        if cs.is_empty() {
            Codespace::two_byte()
        } else {
            cs.clone()
        }
    }

    /// Text of a code of `len` bytes, straight from its encoding.
    pub fn unicode(&self, code: u32, len: usize) -> Option<String> {
        match self.scheme {
            Scheme::Ucs2 => char::from_u32(code).map(String::from),
            Scheme::Utf16 => utf16_code(code, len),
            Scheme::Gb18030 => {
                let bytes = code.to_be_bytes();
                let raw = bytes.get(4usize.saturating_sub(len)..)?;
                let (s, bad) = encoding_rs::GB18030.decode_without_bom_handling(raw);
                (!bad && !s.is_empty()).then(|| s.into_owned())
            }
        }
    }
}

fn utf16_code(code: u32, len: usize) -> Option<String> {
    let units: Vec<u16> = if len == 4 {
        vec![(code >> 16) as u16, code as u16]
    } else {
        vec![code as u16]
    };
    char::decode_utf16(units)
        .collect::<Result<String, _>>()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The compiled tables are the map the runtime parser reads from the
    /// same data files (cidchar, cidrange and codespace alike).
    #[test]
    fn compiled_tables_equal_the_parsed_files() {
        for (name, text) in [
            (
                "UniGB-UCS2-H",
                include_str!("../../../../data/cmap/UniGB-UCS2-H"),
            ),
            (
                "UniGB-UTF16-H",
                include_str!("../../../../data/cmap/UniGB-UTF16-H"),
            ),
            ("GBK-EUC-H", include_str!("../../../../data/cmap/GBK-EUC-H")),
            (
                "GBKp-EUC-H",
                include_str!("../../../../data/cmap/GBKp-EUC-H"),
            ),
            ("GB-EUC-H", include_str!("../../../../data/cmap/GB-EUC-H")),
            ("GBK2K-H", include_str!("../../../../data/cmap/GBK2K-H")),
        ] {
            let parsed = CMap::parse(text.as_bytes());
            let p = lookup(name).expect("known cmap");
            assert!(parsed.same_cids(p.cmap()), "{name}");
            assert!(!parsed.codespace.is_empty(), "{name}");
        }
    }

    #[test]
    fn gbk_codes_decode_and_map_to_cids() {
        let p = lookup("GBK-EUC-V").expect("known cmap");
        let codes = p.codespace().split(&[0xD6, 0xD0, 0x41]);
        assert_eq!(codes, vec![(0xD6D0, 2), (0x41, 1)]);
        assert_eq!(p.unicode(0xD6D0, 2).as_deref(), Some("中"));
        assert_eq!(p.unicode(0x41, 1).as_deref(), Some("A"));
        assert_eq!(p.cmap().cid(0x41, 1), Some(846));
        assert!(p.cmap().cid(0xD6D0, 2).is_some());
    }

    #[test]
    fn unicode_cmaps() {
        let u = lookup("UniGB-UCS2-H").expect("known cmap");
        assert_eq!(u.unicode(0x4E2D, 2).as_deref(), Some("中"));
        let u16 = lookup("UniGB-UTF16-H").expect("known cmap");
        assert_eq!(u16.unicode(0xD840DC00, 4).as_deref(), Some("\u{20000}"));
        assert_eq!(
            u16.codespace().split(&[0xD8, 0x40, 0xDC, 0x00]),
            vec![(0xD840DC00, 4)]
        );
        let k = lookup("GBK2K-H").expect("known cmap");
        assert_eq!(k.unicode(0x81308130, 4).as_deref(), Some("\u{80}"));
        assert!(lookup("Identity-H").is_none());
    }
}
