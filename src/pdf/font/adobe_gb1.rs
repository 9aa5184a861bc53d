//! Adobe-GB1 CID → Unicode, from Adobe's `Adobe-GB1-UCS2` CMap.

use super::cmap::CMap;
use std::sync::OnceLock;

const DATA: &str = include_str!("../../../data/cmap/Adobe-GB1-UCS2");

pub fn cid_to_unicode(cid: u32) -> Option<String> {
    static MAP: OnceLock<CMap> = OnceLock::new();
    let map = MAP.get_or_init(|| CMap::parse(DATA.as_bytes()));
    map.unicode(cid, 2).filter(|s| s != "\u{FFFD}")
}

#[cfg(test)]
mod tests {
    #[test]
    fn known_cids() {
        assert_eq!(super::cid_to_unicode(34).as_deref(), Some("A"));
        // CID 4559 is 中 in Adobe-GB1 (GB 2312 row 54, cell 48).
        assert_eq!(super::cid_to_unicode(4559).as_deref(), Some("中"));
        assert_eq!(super::cid_to_unicode(0), None);
    }
}
