//! Codespace ranges (PDF 32000 §9.7.6.2): how a shown string splits into
//! character codes of 1–4 bytes. Kept apart from code→CID/Unicode lookup.

/// One `begincodespacerange` entry: each byte of a code must fall within
/// the matching bytes of `low`..=`high`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Range {
    low: [u8; 4],
    high: [u8; 4],
    len: usize,
}

impl Range {
    fn matches(&self, bytes: &[u8]) -> bool {
        bytes.len() >= self.len
            && (0..self.len).all(|i| {
                let b = bytes.get(i).copied().unwrap_or(0);
                self.low.get(i).is_some_and(|&lo| b >= lo)
                    && self.high.get(i).is_some_and(|&hi| b <= hi)
            })
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Codespace {
    ranges: Vec<Range>,
}

impl Codespace {
    /// Every code is one byte (simple fonts).
    pub fn one_byte() -> Self {
        let mut c = Codespace::default();
        c.add(&[0x00], &[0xFF]);
        c
    }

    /// Every code is two bytes (Identity-H/V, UCS-2).
    pub fn two_byte() -> Self {
        let mut c = Codespace::default();
        c.add(&[0x00, 0x00], &[0xFF, 0xFF]);
        c
    }

    pub fn is_empty(&self) -> bool {
        self.ranges.is_empty()
    }

    /// Adds a range; ranges whose ends differ in length or exceed 4 bytes
    /// are ignored (malformed CMap).
    pub fn add(&mut self, low: &[u8], high: &[u8]) {
        if low.len() != high.len() || low.is_empty() || low.len() > 4 {
            return;
        }
        let mut r = Range {
            low: [0; 4],
            high: [0; 4],
            len: low.len(),
        };
        r.low[..low.len()].copy_from_slice(low);
        r.high[..high.len()].copy_from_slice(high);
        if !self.ranges.contains(&r) {
            self.ranges.push(r);
        }
    }

    pub fn extend(&mut self, other: &Codespace) {
        for r in &other.ranges {
            if !self.ranges.contains(r) {
                self.ranges.push(r.clone());
            }
        }
    }

    /// Splits the next code off `bytes` (non-empty): the shortest matching
    /// range wins. With no match, consumes the shortest declared length, as
    /// viewers do, so one bad byte cannot derail the rest of the string.
    pub fn next_code(&self, bytes: &[u8]) -> (u32, usize) {
        let mut best: Option<usize> = None;
        for r in &self.ranges {
            if r.matches(bytes) && best.is_none_or(|b| r.len < b) {
                best = Some(r.len);
            }
        }
        let len = best
            .or_else(|| self.ranges.iter().map(|r| r.len).min())
            .unwrap_or(1)
            .clamp(1, bytes.len().max(1));
        let code = bytes
            .iter()
            .take(len)
            .fold(0u32, |acc, &b| (acc << 8) | u32::from(b));
        (code, len)
    }

    /// Splits a whole string into (code, byte length) pairs.
    pub fn split(&self, bytes: &[u8]) -> Vec<(u32, usize)> {
        let mut out = Vec::with_capacity(bytes.len());
        let mut rest = bytes;
        while !rest.is_empty() {
            let (code, len) = self.next_code(rest);
            out.push((code, len));
            rest = rest.get(len..).unwrap_or(&[]);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mixed_lengths_split_like_gbk() {
        let mut c = Codespace::default();
        c.add(&[0x00], &[0x80]);
        c.add(&[0x81, 0x40], &[0xFE, 0xFE]);
        let codes = c.split(&[0x41, 0xD6, 0xD0, 0x42]);
        assert_eq!(codes, vec![(0x41, 1), (0xD6D0, 2), (0x42, 1)]);
    }

    #[test]
    fn four_byte_gb18030_codes() {
        let mut c = Codespace::default();
        c.add(&[0x00], &[0x80]);
        c.add(&[0x81, 0x40], &[0xFE, 0xFE]);
        c.add(&[0x81, 0x30, 0x81, 0x30], &[0xFE, 0x39, 0xFE, 0x39]);
        assert_eq!(c.split(&[0x81, 0x30, 0x81, 0x30]), vec![(0x81308130, 4)]);
    }

    #[test]
    fn unmatched_and_truncated_bytes_do_not_stall() {
        let c = Codespace::two_byte();
        assert_eq!(c.split(&[0x12, 0x34, 0x56]), vec![(0x1234, 2), (0x56, 1)]);
        let empty = Codespace::default();
        assert_eq!(empty.split(&[1, 2]), vec![(1, 1), (2, 1)]);
    }
}
