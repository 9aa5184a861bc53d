//! Text decoding: UTF-8 (with or without BOM), else GB18030 (a superset of
//! GBK and GB2312, as saved by Windows tools).

use encoding_rs::{GB18030, UTF_8};

/// Which encoding the bytes were read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    Utf8,
    Gb18030,
}

/// Decodes text bytes. Returns the text, the encoding used, and whether any
/// byte sequence was malformed (replaced by U+FFFD).
pub fn decode_text(bytes: &[u8]) -> (String, TextEncoding, bool) {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(s) = std::str::from_utf8(body) {
        return (s.to_string(), TextEncoding::Utf8, false);
    }
    let (gb, _, gb_bad) = GB18030.decode(body);
    if !gb_bad {
        return (gb.into_owned(), TextEncoding::Gb18030, false);
    }
    // Neither decodes cleanly: keep UTF-8 with replacements and say so.
    let (u, _, _) = UTF_8.decode(body);
    (u.into_owned(), TextEncoding::Utf8, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_gbk_bytes() {
        let (bytes, _, _) = GB18030.encode("部门名称：广州市");
        let (s, enc, bad) = decode_text(&bytes);
        assert_eq!(s, "部门名称：广州市");
        assert_eq!(enc, TextEncoding::Gb18030);
        assert!(!bad);
    }

    #[test]
    fn prefers_utf8_and_strips_bom() {
        let (s, enc, _) = decode_text("\u{feff}合计".as_bytes());
        assert_eq!((s.as_str(), enc), ("合计", TextEncoding::Utf8));
    }
}
