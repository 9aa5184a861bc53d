//! The built-in encoding of an embedded Type 1 font program: the
//! `dup <code> /<name> put` entries of its cleartext part (before
//! `eexec`), used when the font dictionary names no base encoding.

/// (code, glyph name) pairs; empty for `StandardEncoding` fonts or
/// programs without a readable encoding.
pub fn builtin_encoding(program: &[u8]) -> Vec<(u8, String)> {
    let end = find(program, b"eexec").unwrap_or(program.len());
    let clear = program.get(..end).unwrap_or(program);
    let Some(start) = find(clear, b"/Encoding") else {
        return Vec::new();
    };
    let text = String::from_utf8_lossy(clear.get(start..).unwrap_or(&[]));
    let toks: Vec<&str> = text.split_ascii_whitespace().collect();
    let mut out = Vec::new();
    for w in toks.windows(4) {
        if let [dup, code, name, put] = w {
            if *dup == "dup" && *put == "put" {
                if let (Ok(c), Some(n)) = (code.parse::<u8>(), name.strip_prefix('/')) {
                    out.push((c, n.to_string()));
                }
            }
        }
        if w.first() == Some(&"readonly") || w.first() == Some(&"def") && !out.is_empty() {
            break;
        }
    }
    out
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::builtin_encoding;

    #[test]
    fn reads_cleartext_encoding_entries() {
        let prog = b"%!PS-AdobeFont-1.0: Foo\n/Encoding 256 array\n0 1 255 {1 index exch /.notdef put} for\n\
dup 65 /uni9884 put\ndup 66 /B put\nreadonly def\ncurrentfile eexec\n\x80\x81dup 67 /C put";
        assert_eq!(
            builtin_encoding(prog),
            vec![(65, "uni9884".to_string()), (66, "B".to_string())]
        );
        assert!(builtin_encoding(b"/Encoding StandardEncoding def").is_empty());
    }
}
