//! Advance widths of the 14 standard fonts, for non-embedded simple fonts
//! that carry no `/Widths`.

use std::collections::HashMap;
use std::sync::OnceLock;

const DATA: &str = include_str!("../../../../data/std14_widths.txt");

type Table = HashMap<&'static str, HashMap<char, f32>>;

fn table() -> &'static Table {
    static T: OnceLock<Table> = OnceLock::new();
    T.get_or_init(|| {
        DATA.lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .filter_map(|l| {
                let mut it = l.split(' ');
                let font = it.next()?;
                let widths = it
                    .filter_map(|p| {
                        let (g, w) = p.split_once('=')?;
                        let c = char::from_u32(u32::from_str_radix(g, 16).ok()?)?;
                        Some((c, w.parse().ok()?))
                    })
                    .collect();
                Some((font, widths))
            })
            .collect()
    })
}

/// Maps a BaseFont (subset tag and common aliases included) to the
/// standard font whose metrics it uses.
pub fn standard_name(base_font: &str) -> Option<&'static str> {
    let name = base_font.split_once('+').map_or(base_font, |(_, n)| n);
    let lower = name.to_ascii_lowercase().replace([' ', '-', ','], "");
    let bold = lower.contains("bold");
    let italic = lower.contains("italic") || lower.contains("oblique");
    let pick = |r, b, i, bi| match (bold, italic) {
        (false, false) => r,
        (true, false) => b,
        (false, true) => i,
        (true, true) => bi,
    };
    if lower.starts_with("courier") {
        Some(pick(
            "Courier",
            "Courier-Bold",
            "Courier-Oblique",
            "Courier-BoldOblique",
        ))
    } else if lower.starts_with("helvetica") || lower.starts_with("arial") {
        Some(pick(
            "Helvetica",
            "Helvetica-Bold",
            "Helvetica-Oblique",
            "Helvetica-BoldOblique",
        ))
    } else if lower.starts_with("times") {
        Some(pick(
            "Times-Roman",
            "Times-Bold",
            "Times-Italic",
            "Times-BoldItalic",
        ))
    } else if lower.starts_with("symbol") {
        Some("Symbol")
    } else if lower.starts_with("zapfdingbats") {
        Some("ZapfDingbats")
    } else {
        None
    }
}

/// Width in glyph units (1/1000 em) of a character in a standard font.
pub fn width(font: &str, c: char) -> Option<f32> {
    table().get(font)?.get(&c).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_and_widths() {
        assert_eq!(standard_name("ABCDEF+Arial,Bold"), Some("Helvetica-Bold"));
        assert_eq!(standard_name("TimesNewRomanPSMT"), Some("Times-Roman"));
        assert_eq!(standard_name("SimSun"), None);
        assert_eq!(width("Helvetica", 'A'), Some(667.0));
        assert_eq!(width("Courier", 'a'), Some(600.0));
        assert_eq!(width("Times-Roman", ' '), Some(250.0));
    }
}
