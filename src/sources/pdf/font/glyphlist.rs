//! Glyph names → Unicode: the Adobe Glyph List plus the `uniXXXX`,
//! `uXXXX[XX]` and `name.suffix` conventions.

use std::collections::HashMap;
use std::sync::OnceLock;

const AGL: &str = include_str!("../../../../data/glyphlist.txt");

fn agl() -> &'static HashMap<&'static str, char> {
    static MAP: OnceLock<HashMap<&'static str, char>> = OnceLock::new();
    MAP.get_or_init(|| {
        AGL.lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let (name, hex) = l.split_once(';')?;
                // Multi-codepoint entries list the first code point first.
                let first = hex.split_whitespace().next()?;
                let c = char::from_u32(u32::from_str_radix(first, 16).ok()?)?;
                Some((name, c))
            })
            .collect()
    })
}

fn hex_char(h: &str) -> Option<char> {
    if !h.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    char::from_u32(u32::from_str_radix(h, 16).ok()?)
}

/// Resolves a glyph name; `None` for `.notdef` and unknown names.
pub fn name_to_unicode(name: &str) -> Option<String> {
    let base = name.split('.').next().unwrap_or(name);
    if base.is_empty() {
        return None;
    }
    if base.contains('_') {
        // Ligature names: f_i → "fi".
        let parts: Option<String> = base.split('_').map(name_to_unicode).collect();
        return parts;
    }
    if let Some(&c) = agl().get(base) {
        return Some(c.to_string());
    }
    if let Some(hex) = base.strip_prefix("uni") {
        if hex.len() >= 4 && hex.len() % 4 == 0 {
            let units: Option<String> = hex
                .as_bytes()
                .chunks(4)
                .map(|c| std::str::from_utf8(c).ok().and_then(hex_char))
                .collect();
            return units;
        }
    }
    if let Some(hex) = base.strip_prefix('u') {
        if (4..=6).contains(&hex.len()) {
            return hex_char(hex).map(String::from);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::name_to_unicode;

    #[test]
    fn agl_and_conventions() {
        assert_eq!(name_to_unicode("A").as_deref(), Some("A"));
        assert_eq!(name_to_unicode("quoteright").as_deref(), Some("\u{2019}"));
        assert_eq!(name_to_unicode("uni4E2D").as_deref(), Some("中"));
        assert_eq!(name_to_unicode("uni4E2D6587").as_deref(), Some("中文"));
        assert_eq!(name_to_unicode("u1D400").as_deref(), Some("\u{1D400}"));
        assert_eq!(name_to_unicode("f_i").as_deref(), Some("fi"));
        assert_eq!(name_to_unicode("a.sc").as_deref(), Some("a"));
        assert_eq!(name_to_unicode(".notdef"), None);
        assert_eq!(name_to_unicode("g123"), None);
    }
}
