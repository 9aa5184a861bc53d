//! CMap files (embedded ToUnicode streams and Adobe's predefined CMaps):
//! parsing and code→CID / code→Unicode lookup. Splitting strings into codes
//! is `codespace`'s job.

use super::codespace::Codespace;
// Predefined CMaps hold tens of thousands of entries: a fast hash matters.
use rustc_hash::FxHashMap as HashMap;

/// A code key: the code value plus its byte length, since `<20>` and
/// `<0020>` are different codes.
fn key(code: u32, len: usize) -> u64 {
    (u64::from(code)) | ((len as u64) << 32)
}

#[derive(Debug, Clone, PartialEq)]
struct CidRange {
    lo: u32,
    hi: u32,
    len: usize,
    cid: u32,
}

/// A bfrange: codes `lo..=hi` map to `dst` with its last UTF-16 unit
/// incremented, or to one entry of `list` each.
#[derive(Debug, Clone)]
struct UniRange {
    lo: u32,
    hi: u32,
    len: usize,
    dst: Vec<u16>,
    list: Option<Vec<String>>,
}

#[derive(Debug, Clone, Default)]
pub struct CMap {
    pub name: Option<String>,
    /// `usecmap` parent name, resolved by the caller.
    pub use_cmap: Option<String>,
    pub codespace: Codespace,
    cid_chars: HashMap<u64, u32>,
    cid_ranges: Vec<CidRange>,
    uni_chars: HashMap<u64, String>,
    uni_ranges: Vec<UniRange>,
}

/// A code → CID CMap as build.rs compiles it from data/cmap: codespace
/// ranges (low, high bytes), cidchar (code, length, CID) and cidrange
/// (low, high, length, first CID) entries, in file order.
pub struct Compiled {
    pub codespace: &'static [(&'static [u8], &'static [u8])],
    pub chars: &'static [(u32, usize, u32)],
    pub ranges: &'static [(u32, u32, usize, u32)],
}

/// A token borrowing from the CMap's bytes: predefined CMaps are hundreds
/// of kilobytes, so nothing is allocated per token.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Tok<'a> {
    Hex(Hex<'a>),
    Int(i64),
    Name(&'a [u8]),
    Open,
    Close,
    Word(&'a [u8]),
}

/// The text between `<` and `>`, decoded on demand.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Hex<'a>(&'a [u8]);

impl Hex<'_> {
    /// The bytes the hex digits spell; an odd last digit is a high nibble.
    fn bytes(&self) -> impl Iterator<Item = u8> + '_ {
        let mut digits = self
            .0
            .iter()
            .filter_map(|&b| (b as char).to_digit(16).map(|d| d as u8));
        std::iter::from_fn(move || {
            let hi = digits.next()?;
            Some((hi << 4) | digits.next().unwrap_or(0))
        })
    }

    fn len(&self) -> usize {
        self.bytes().count()
    }

    fn to_vec(self) -> Vec<u8> {
        self.bytes().collect()
    }

    /// The code value of the first four bytes, big-endian.
    fn code(&self) -> u32 {
        self.bytes()
            .take(4)
            .fold(0u32, |acc, b| (acc << 8) | u32::from(b))
    }

    /// Destination bytes of a bfchar/bfrange are UTF-16BE (a lone byte is
    /// one unit).
    fn utf16(&self) -> Vec<u16> {
        let mut out = Vec::with_capacity(2);
        let mut bytes = self.bytes();
        while let Some(hi) = bytes.next() {
            match bytes.next() {
                Some(lo) => out.push((u16::from(hi) << 8) | u16::from(lo)),
                None if out.is_empty() => out.push(u16::from(hi)),
                None => out.push(u16::from(hi) << 8),
            }
        }
        out
    }
}

fn tokenize(data: &[u8]) -> Vec<Tok<'_>> {
    let mut toks = Vec::new();
    let mut i = 0;
    while let Some(&c) = data.get(i) {
        match c {
            b'%' => {
                while data.get(i).is_some_and(|&b| b != b'\n' && b != b'\r') {
                    i += 1;
                }
            }
            b'<' if data.get(i + 1) == Some(&b'<') => i += 2,
            b'>' if data.get(i + 1) == Some(&b'>') => i += 2,
            b'<' => {
                let start = i + 1;
                let end = data[start.min(data.len())..]
                    .iter()
                    .position(|&b| b == b'>')
                    .map_or(data.len(), |p| start + p);
                toks.push(Tok::Hex(Hex(data.get(start..end).unwrap_or(&[]))));
                i = end + 1;
            }
            b'[' => {
                toks.push(Tok::Open);
                i += 1;
            }
            b']' => {
                toks.push(Tok::Close);
                i += 1;
            }
            // Literal strings only appear in CIDSystemInfo; skip them.
            b'(' => i = super::super::obj::skip_string(data, i),
            b'/' => {
                let start = i + 1;
                i = start;
                while data.get(i).is_some_and(|&b| is_regular(b)) {
                    i += 1;
                }
                toks.push(Tok::Name(data.get(start..i).unwrap_or(&[])));
            }
            _ if c.is_ascii_whitespace() || matches!(c, b'{' | b'}' | b')' | b'>') => i += 1,
            _ => {
                let start = i;
                while data.get(i).is_some_and(|&b| is_regular(b)) {
                    i += 1;
                }
                if i == start {
                    i += 1;
                    continue;
                }
                let word = data.get(start..i).unwrap_or(&[]);
                match std::str::from_utf8(word)
                    .ok()
                    .and_then(|w| w.parse::<i64>().ok())
                {
                    Some(n) => toks.push(Tok::Int(n)),
                    None => toks.push(Tok::Word(word)),
                }
            }
        }
    }
    toks
}

fn is_regular(b: u8) -> bool {
    !b.is_ascii_whitespace() && !b"()<>[]{}/%".contains(&b)
}

fn lossy(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

impl CMap {
    pub fn parse(data: &[u8]) -> CMap {
        let toks = tokenize(data);
        let mut cmap = CMap::default();
        let mut i = 0;
        while let Some(tok) = toks.get(i) {
            i += 1;
            let Tok::Word(w) = tok else { continue };
            match *w {
                b"begincodespacerange" => i = cmap.read_codespace(&toks, i),
                b"beginbfchar" => i = cmap.read_bfchar(&toks, i),
                b"beginbfrange" => i = cmap.read_bfrange(&toks, i),
                b"begincidchar" => i = cmap.read_cidchar(&toks, i),
                b"begincidrange" => i = cmap.read_cidrange(&toks, i),
                b"usecmap" => {
                    if let Some(Tok::Name(n)) = i.checked_sub(2).and_then(|j| toks.get(j)) {
                        cmap.use_cmap = Some(lossy(n));
                    }
                }
                b"def" => {
                    if let (Some(Tok::Name(k)), Some(Tok::Name(v))) = (
                        i.checked_sub(3).and_then(|j| toks.get(j)),
                        i.checked_sub(2).and_then(|j| toks.get(j)),
                    ) {
                        if *k == b"CMapName" {
                            cmap.name = Some(lossy(v));
                        }
                    }
                }
                _ => {}
            }
        }
        cmap.cid_ranges.sort_by_key(|r| (r.lo, r.len));
        cmap
    }

    fn read_codespace(&mut self, toks: &[Tok], mut i: usize) -> usize {
        while let (Some(Tok::Hex(lo)), Some(Tok::Hex(hi))) = (toks.get(i), toks.get(i + 1)) {
            self.codespace.add(&lo.to_vec(), &hi.to_vec());
            i += 2;
        }
        i
    }

    fn read_bfchar(&mut self, toks: &[Tok], mut i: usize) -> usize {
        loop {
            match (toks.get(i), toks.get(i + 1)) {
                (Some(Tok::Hex(src)), Some(Tok::Hex(dst))) => {
                    let s = String::from_utf16_lossy(&dst.utf16());
                    self.uni_chars.insert(key(src.code(), src.len()), s);
                }
                (Some(Tok::Hex(src)), Some(Tok::Name(n))) => {
                    if let Some(s) = super::glyphlist::name_to_unicode(&lossy(n)) {
                        self.uni_chars.insert(key(src.code(), src.len()), s);
                    }
                }
                _ => return i,
            }
            i += 2;
        }
    }

    fn read_bfrange(&mut self, toks: &[Tok], mut i: usize) -> usize {
        loop {
            let (Some(Tok::Hex(lo)), Some(Tok::Hex(hi))) = (toks.get(i), toks.get(i + 1)) else {
                return i;
            };
            let (lo_c, hi_c, len) = (lo.code(), hi.code(), lo.len());
            match toks.get(i + 2) {
                Some(Tok::Hex(dst)) => {
                    self.push_uni_range(lo_c, hi_c, len, dst.utf16(), None);
                    i += 3;
                }
                Some(Tok::Open) => {
                    let mut list = Vec::new();
                    i += 3;
                    while let Some(t) = toks.get(i) {
                        i += 1;
                        match t {
                            Tok::Hex(d) => list.push(String::from_utf16_lossy(&d.utf16())),
                            Tok::Close => break,
                            _ => list.push(String::new()),
                        }
                    }
                    self.push_uni_range(lo_c, hi_c, len, Vec::new(), Some(list));
                }
                _ => return i,
            }
        }
    }

    fn push_uni_range(
        &mut self,
        lo: u32,
        hi: u32,
        len: usize,
        dst: Vec<u16>,
        list: Option<Vec<String>>,
    ) {
        if hi >= lo {
            self.uni_ranges.push(UniRange {
                lo,
                hi,
                len,
                dst,
                list,
            });
        }
    }

    fn read_cidchar(&mut self, toks: &[Tok], mut i: usize) -> usize {
        while let (Some(Tok::Hex(src)), Some(Tok::Int(cid))) = (toks.get(i), toks.get(i + 1)) {
            if let Ok(cid) = u32::try_from(*cid) {
                self.cid_chars.insert(key(src.code(), src.len()), cid);
            }
            i += 2;
        }
        i
    }

    fn read_cidrange(&mut self, toks: &[Tok], mut i: usize) -> usize {
        while let (Some(Tok::Hex(lo)), Some(Tok::Hex(hi)), Some(Tok::Int(cid))) =
            (toks.get(i), toks.get(i + 1), toks.get(i + 2))
        {
            if let Ok(cid) = u32::try_from(*cid) {
                let (lo_c, hi_c) = (lo.code(), hi.code());
                if hi_c >= lo_c {
                    self.cid_ranges.push(CidRange {
                        lo: lo_c,
                        hi: hi_c,
                        len: lo.len(),
                        cid,
                    });
                }
            }
            i += 3;
        }
        i
    }

    /// A predefined CMap from its tables compiled at build time: the same
    /// map [`CMap::parse`] makes of its text, without the parsing.
    pub fn from_compiled(c: &Compiled) -> CMap {
        let mut cmap = CMap::default();
        for (lo, hi) in c.codespace {
            cmap.codespace.add(lo, hi);
        }
        for &(code, len, cid) in c.chars {
            cmap.cid_chars.insert(key(code, len), cid);
        }
        cmap.cid_ranges = c
            .ranges
            .iter()
            .map(|&(lo, hi, len, cid)| CidRange { lo, hi, len, cid })
            .collect();
        cmap.cid_ranges.sort_by_key(|r| (r.lo, r.len));
        cmap
    }

    /// Same code → CID map and codespace (tests of the compiled tables).
    #[cfg(test)]
    pub(crate) fn same_cids(&self, other: &CMap) -> bool {
        self.codespace == other.codespace
            && self.cid_chars == other.cid_chars
            && self.cid_ranges == other.cid_ranges
    }

    /// Merges a `usecmap` parent: entries already here take precedence.
    pub fn inherit(&mut self, parent: &CMap) {
        self.codespace.extend(&parent.codespace);
        for (k, v) in &parent.cid_chars {
            self.cid_chars.entry(*k).or_insert(*v);
        }
        for (k, v) in &parent.uni_chars {
            self.uni_chars.entry(*k).or_insert_with(|| v.clone());
        }
        self.cid_ranges.extend(parent.cid_ranges.iter().cloned());
        self.cid_ranges.sort_by_key(|r| (r.lo, r.len));
        self.uni_ranges.extend(parent.uni_ranges.iter().cloned());
    }

    pub fn has_unicode(&self) -> bool {
        !self.uni_chars.is_empty() || !self.uni_ranges.is_empty()
    }

    /// Code → CID through cidchar/cidrange entries.
    pub fn cid(&self, code: u32, len: usize) -> Option<u32> {
        if let Some(&c) = self.cid_chars.get(&key(code, len)) {
            return Some(c);
        }
        let idx = self.cid_ranges.partition_point(|r| r.lo <= code);
        // Ranges rarely overlap; look back a few for a length match.
        self.cid_ranges[..idx]
            .iter()
            .rev()
            .take(4)
            .find(|r| r.len == len && code >= r.lo && code <= r.hi)
            .map(|r| r.cid + (code - r.lo))
    }

    /// Code → Unicode through bfchar/bfrange entries.
    pub fn unicode(&self, code: u32, len: usize) -> Option<String> {
        if let Some(s) = self.uni_chars.get(&key(code, len)) {
            return Some(s.clone());
        }
        let r = self
            .uni_ranges
            .iter()
            .find(|r| r.len == len && code >= r.lo && code <= r.hi)?;
        let off = code - r.lo;
        if let Some(list) = &r.list {
            return list.get(off as usize).cloned();
        }
        let mut units = r.dst.clone();
        let last = units.last_mut()?;
        *last = last.wrapping_add(off as u16);
        Some(String::from_utf16_lossy(&units))
    }

    /// True when the map is an identity over a large span (code→same
    /// value), which producers write for Identity-H fonts whose codes are
    /// glyph ids, not Unicode: such a ToUnicode is bogus.
    pub fn is_bogus_identity(&self) -> bool {
        let identity_span: u64 = self
            .uni_ranges
            .iter()
            .filter(|r| r.list.is_none() && r.dst.as_slice() == [r.lo as u16] && r.lo <= 0xFFFF)
            .map(|r| u64::from(r.hi - r.lo) + 1)
            .sum();
        let total: u64 = self
            .uni_ranges
            .iter()
            .map(|r| u64::from(r.hi - r.lo) + 1)
            .sum::<u64>()
            + self.uni_chars.len() as u64;
        identity_span >= 256 && identity_span * 2 > total
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOUNICODE: &[u8] = b"/CIDInit /ProcSet findresource begin
12 dict begin begincmap /CMapName /Adobe-Identity-UCS def
1 begincodespacerange <0000> <FFFF> endcodespacerange
3 beginbfchar
<0003> <0020>
<0010> <4E2D>
<0011> <D835DC00>
endbfchar
2 beginbfrange
<0020> <0022> <6587>
<0030> <0031> [<0041> <00660069>]
endbfrange
endcmap";

    #[test]
    fn bfchar_bfrange_arrays_and_surrogates() {
        let c = CMap::parse(TOUNICODE);
        assert_eq!(c.unicode(0x10, 2).as_deref(), Some("中"));
        assert_eq!(c.unicode(0x11, 2).as_deref(), Some("\u{1D400}"));
        assert_eq!(c.unicode(0x21, 2).as_deref(), Some("\u{6588}"));
        assert_eq!(c.unicode(0x31, 2).as_deref(), Some("fi"));
        assert_eq!(c.unicode(0x10, 1), None);
        assert_eq!(c.name.as_deref(), Some("Adobe-Identity-UCS"));
        assert!(!c.is_bogus_identity());
    }

    #[test]
    fn cid_ranges_and_identity_detection() {
        let c = CMap::parse(
            b"1 begincodespacerange <00> <80> endcodespacerange
1 begincidrange <20> <7e> 1 endcidrange 1 begincidchar <80> 7716 endcidchar",
        );
        assert_eq!(c.cid(0x41, 1), Some(34));
        assert_eq!(c.cid(0x80, 1), Some(7716));
        assert_eq!(c.cid(0x7f, 1), None);
        let bogus = CMap::parse(b"1 beginbfrange <0000> <FFFF> <0000> endbfrange");
        assert!(bogus.is_bogus_identity());
    }
}
