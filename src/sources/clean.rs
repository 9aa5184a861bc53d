//! Leftovers in extracted cell text: HTML tags such as `<p>` and entities.

use regex::Regex;
use std::borrow::Cow;
use std::sync::LazyLock;

static TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"</?[A-Za-z][A-Za-z0-9:]*(?:\s[^<>]*)?/?>").expect("static regex")
});
static ENTITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"&(?:#(\d{1,7})|#[xX]([0-9A-Fa-f]{1,6})|([A-Za-z]{2,8}));").expect("static regex")
});

/// Removes tags and decodes the common entities; unknown entities stay as printed.
pub fn clean_cell(s: &str) -> String {
    let no_tags = TAG.replace_all(s, "");
    let decoded = decode_entities(&no_tags);
    decoded.trim().to_string()
}

fn decode_entities(s: &str) -> Cow<'_, str> {
    ENTITY.replace_all(s, |c: &regex::Captures| {
        let ch = if let Some(d) = c.get(1) {
            d.as_str().parse::<u32>().ok().and_then(char::from_u32)
        } else if let Some(h) = c.get(2) {
            u32::from_str_radix(h.as_str(), 16)
                .ok()
                .and_then(char::from_u32)
        } else {
            named_entity(c.get(3).map_or("", |m| m.as_str()))
        };
        match ch {
            Some(ch) => ch.to_string(),
            None => c[0].to_string(),
        }
    })
}

fn named_entity(name: &str) -> Option<char> {
    Some(match name {
        "nbsp" | "ensp" | "emsp" => ' ',
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "ldquo" => '“',
        "rdquo" => '”',
        "middot" => '·',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_tags_and_entities() {
        assert_eq!(clean_cell("<p>工作会议&nbsp;</p>"), "工作会议");
        assert_eq!(clean_cell("<span lang=EN-US>A&amp;B</span>"), "A&B");
        assert_eq!(clean_cell("&#8805;95%"), "≥95%");
        assert_eq!(clean_cell("小于<5%"), "小于<5%");
        assert_eq!(clean_cell("&unknown;"), "&unknown;");
    }
}
