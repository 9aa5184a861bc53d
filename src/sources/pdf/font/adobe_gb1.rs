//! Adobe-GB1 CID → Unicode, from Adobe's `Adobe-GB1-UCS2` CMap, compiled
//! into a table indexed by CID at build time (build.rs).

use super::predefined::compiled::{GB1_MULTI, GB1_UNICODE};

pub fn cid_to_unicode(cid: u32) -> Option<String> {
    let scalar = GB1_UNICODE.get(cid as usize).copied().unwrap_or(0);
    if scalar == 0 {
        return GB1_MULTI
            .iter()
            .find(|(c, _)| *c == cid)
            .map(|(_, s)| (*s).to_string());
    }
    char::from_u32(scalar)
        .filter(|&c| c != '\u{FFFD}')
        .map(String::from)
}

#[cfg(test)]
mod tests {
    use super::super::cmap::CMap;

    #[test]
    fn known_cids() {
        assert_eq!(super::cid_to_unicode(34).as_deref(), Some("A"));
        // CID 4559 is 中 in Adobe-GB1 (GB 2312 row 54, cell 48).
        assert_eq!(super::cid_to_unicode(4559).as_deref(), Some("中"));
        assert_eq!(super::cid_to_unicode(0), None);
    }

    /// The compiled table answers as the runtime parser reads the file, for
    /// every CID and a margin past the last one.
    #[test]
    fn compiled_table_equals_the_parsed_file() {
        let text = include_str!("../../../../data/cmap/Adobe-GB1-UCS2");
        let parsed = CMap::parse(text.as_bytes());
        let last = u32::try_from(super::GB1_UNICODE.len()).unwrap_or(u32::MAX);
        for cid in 0..last + 100 {
            let want = parsed.unicode(cid, 2).filter(|s| s != "\u{FFFD}");
            assert_eq!(super::cid_to_unicode(cid), want, "CID {cid}");
        }
    }
}
