//! Simple-font encodings (§9.6.5): a base encoding plus `/Differences`,
//! resolved to Unicode per one-byte code.

use super::glyphlist::name_to_unicode;
use std::sync::OnceLock;

const STANDARD: &str = include_str!("../../../../data/standard_encoding.txt");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Base {
    Standard,
    WinAnsi,
    MacRoman,
}

impl Base {
    pub fn from_name(name: &[u8]) -> Option<Base> {
        match name {
            b"StandardEncoding" => Some(Base::Standard),
            b"WinAnsiEncoding" => Some(Base::WinAnsi),
            b"MacRomanEncoding" | b"MacExpertEncoding" => Some(Base::MacRoman),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Base::Standard => "StandardEncoding",
            Base::WinAnsi => "WinAnsiEncoding",
            Base::MacRoman => "MacRomanEncoding",
        }
    }

    fn unicode(self, code: u8) -> Option<String> {
        let enc = match self {
            Base::Standard => {
                let name = standard_names().get(usize::from(code))?;
                return name_to_unicode(name);
            }
            Base::WinAnsi => encoding_rs::WINDOWS_1252,
            Base::MacRoman => encoding_rs::MACINTOSH,
        };
        if code < 0x20 {
            return None;
        }
        let bytes = [code];
        let (s, bad) = enc.decode_without_bom_handling(&bytes);
        (!bad).then(|| s.into_owned())
    }
}

fn standard_names() -> &'static Vec<&'static str> {
    static NAMES: OnceLock<Vec<&'static str>> = OnceLock::new();
    NAMES.get_or_init(|| STANDARD.lines().filter(|l| !l.starts_with('#')).collect())
}

/// One simple font's code → (glyph name, Unicode) table.
#[derive(Debug, Clone)]
pub struct SimpleEncoding {
    pub base: Option<Base>,
    pub has_differences: bool,
    unicode: Vec<Option<String>>,
}

impl SimpleEncoding {
    /// `differences` are (code, glyph name) pairs already flattened.
    pub fn new(base: Option<Base>, differences: &[(u8, String)]) -> Self {
        let b = base.unwrap_or(Base::Standard);
        let mut unicode: Vec<Option<String>> = (0..=255u8).map(|c| b.unicode(c)).collect();
        for (code, name) in differences {
            let i = usize::from(*code);
            if let Some(u) = unicode.get_mut(i) {
                *u = name_to_unicode(name);
            }
        }
        SimpleEncoding {
            base,
            has_differences: !differences.is_empty(),
            unicode,
        }
    }

    pub fn unicode(&self, code: u32) -> Option<String> {
        self.unicode.get(code as usize).cloned().flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bases_and_differences() {
        let win = SimpleEncoding::new(Some(Base::WinAnsi), &[(0x41, "uni4E2D".into())]);
        assert_eq!(win.unicode(0x41).as_deref(), Some("中"));
        assert_eq!(win.unicode(0x80).as_deref(), Some("€"));
        let std = SimpleEncoding::new(None, &[]);
        assert_eq!(std.unicode(0x27).as_deref(), Some("\u{2019}"));
        assert_eq!(std.unicode(0x7F), None);
        let mac = SimpleEncoding::new(Some(Base::MacRoman), &[]);
        assert_eq!(mac.unicode(0x8E).as_deref(), Some("é"));
    }
}
