//! Small accessors over lopdf objects that resolve references and never
//! fail loudly: damaged dictionaries read as "absent".

use lopdf::{Dictionary, Document, Object, Stream};

/// Cap on one decoded stream, against decompression bombs.
pub const MAX_STREAM: usize = 64 * 1024 * 1024;

pub fn resolve<'a>(doc: &'a Document, obj: &'a Object) -> &'a Object {
    doc.dereference(obj)
        .map(|(_, o)| o)
        .unwrap_or(&Object::Null)
}

pub fn get<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    dict.get(key)
        .ok()
        .map(|o| resolve(doc, o))
        .filter(|o| !matches!(o, Object::Null))
}

pub fn num(obj: &Object) -> Option<f64> {
    match obj {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) if r.is_finite() => Some(f64::from(*r)),
        _ => None,
    }
}

pub fn get_num(doc: &Document, dict: &Dictionary, key: &[u8]) -> Option<f64> {
    get(doc, dict, key).and_then(num)
}

pub fn get_name<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a [u8]> {
    match get(doc, dict, key)? {
        Object::Name(n) => Some(n.as_slice()),
        _ => None,
    }
}

pub fn get_dict<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Dictionary> {
    match get(doc, dict, key)? {
        Object::Dictionary(d) => Some(d),
        Object::Stream(s) => Some(&s.dict),
        _ => None,
    }
}

pub fn get_array<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a [Object]> {
    match get(doc, dict, key)? {
        Object::Array(a) => Some(a.as_slice()),
        _ => None,
    }
}

pub fn get_stream<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Stream> {
    match get(doc, dict, key)? {
        Object::Stream(s) => Some(s),
        _ => None,
    }
}

/// Decoded stream bytes; a stream whose filter fails yields its raw bytes
/// only when it has no filter at all.
pub fn stream_data(stream: &Stream) -> Option<Vec<u8>> {
    stream.decompressed_content_with_limit(MAX_STREAM).ok()
}

/// Numbers of an array, resolving references; non-numbers become `None`.
pub fn numbers(doc: &Document, arr: &[Object]) -> Vec<Option<f64>> {
    arr.iter().map(|o| num(resolve(doc, o))).collect()
}

pub fn name_str(n: &[u8]) -> String {
    String::from_utf8_lossy(n).into_owned()
}

/// lopdf's error as our own one-line reason (its "missing feature …
/// please open an issue" is not for our users).
pub fn reason(e: &lopdf::Error) -> String {
    if let lopdf::Error::Unimplemented(what) = e {
        return format!("uses {what}, which yusuan cannot read");
    }
    let msg = e.to_string();
    let line = msg.lines().next().unwrap_or_default().trim();
    if line.is_empty() {
        "unreadable structure".to_string()
    } else {
        line.to_string()
    }
}

/// An encrypted file whose streams and strings use the Identity crypt
/// filter (only attachments are encrypted, §7.6.5): its pages are in the
/// clear and open without any password, as in poppler.
pub fn content_in_clear(doc: &Document) -> bool {
    let Ok(enc) = doc.get_encrypted() else {
        return false;
    };
    let version = get_num(doc, enc, b"V").unwrap_or(0.0);
    let identity = |key: &[u8]| get_name(doc, enc, key).is_none_or(|n| n == b"Identity");
    version >= 4.0 && identity(b"StmF") && identity(b"StrF")
}

/// The file with its trailer's `/Encrypt` reference renamed in place (same
/// length, so every offset holds): lopdf then loads the clear objects it
/// otherwise keeps back until a password is given.
pub fn without_encrypt_entry(bytes: &[u8]) -> Vec<u8> {
    let mut out = bytes.to_vec();
    let key = b"/Encrypt";
    let mut i = 0;
    while let Some(at) = out.get(i..).and_then(|rest| find(rest, key)) {
        let start = i + at;
        let end = start + key.len();
        if is_reference(out.get(end..).unwrap_or_default()) {
            out[start..end].copy_from_slice(b"/NoCrypt");
        }
        i = end;
    }
    out
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Whether `b` starts with ` N G R` (an indirect reference).
fn is_reference(b: &[u8]) -> bool {
    let text: String = b.iter().take(32).map(|&c| c as char).collect();
    let mut parts = text.split_ascii_whitespace();
    let num =
        |p: Option<&str>| p.is_some_and(|p| !p.is_empty() && p.bytes().all(|c| c.is_ascii_digit()));
    num(parts.next()) && num(parts.next()) && parts.next().is_some_and(|r| r.starts_with('R'))
}

/// Pages of a damaged page tree: the leaves reached from the catalog's
/// `/Pages` without visiting a node twice, else every `/Type /Page`
/// object in object order. Numbered from 1.
pub fn pages_by_walk(doc: &Document) -> std::collections::BTreeMap<u32, lopdf::ObjectId> {
    let mut found = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let root = doc
        .catalog()
        .ok()
        .and_then(|c| c.get(b"Pages").ok())
        .and_then(|p| p.as_reference().ok());
    let mut stack: Vec<lopdf::ObjectId> = root.into_iter().collect();
    while let Some(id) = stack.pop() {
        if !seen.insert(id) || seen.len() > 1_000_000 {
            continue;
        }
        let Ok(node) = doc.get_dictionary(id) else {
            continue;
        };
        if get_name(doc, node, b"Type") == Some(b"Page") {
            found.push(id);
        } else if let Some(kids) = get_array(doc, node, b"Kids") {
            stack.extend(kids.iter().rev().filter_map(|k| k.as_reference().ok()));
        }
    }
    if found.is_empty() {
        found = doc
            .objects
            .iter()
            .filter(|(_, o)| match o {
                Object::Dictionary(d) => get_name(doc, d, b"Type") == Some(b"Page"),
                _ => false,
            })
            .map(|(&id, _)| id)
            .collect();
    }
    (1..).zip(found).collect()
}

/// A stream printed without `/Length` loads empty; its data runs from
/// where lopdf found it to `endstream` (as pdf.js and poppler read it).
pub fn recover_unsized_streams(doc: &mut Document, bytes: &[u8]) {
    for obj in doc.objects.values_mut() {
        let Object::Stream(stream) = obj else {
            continue;
        };
        if !stream.content.is_empty() || stream.dict.has(b"Length") {
            continue;
        }
        let Some(data) = stream.start_position.and_then(|at| bytes.get(at..)) else {
            continue;
        };
        let Some(end) = find(data, b"endstream") else {
            continue;
        };
        let data = data.get(..end).unwrap_or_default();
        let data = data.strip_suffix(b"\n").unwrap_or(data);
        let data = data.strip_suffix(b"\r").unwrap_or(data);
        stream.set_content(data.to_vec());
    }
}

/// Content with operators that sit inside arrays (`[(a) 0 Tc (b)] TJ`,
/// written by some generators) left out, as pdf.js and poppler skip them;
/// borrowed when there are none.
pub fn without_operators_in_arrays(content: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    let spans = operators_in_arrays(content);
    if spans.is_empty() {
        return std::borrow::Cow::Borrowed(content);
    }
    let mut out = Vec::with_capacity(content.len());
    let mut from = 0;
    for (a, b) in spans {
        out.extend_from_slice(content.get(from..a).unwrap_or_default());
        out.push(b' ');
        from = b;
    }
    out.extend_from_slice(content.get(from..).unwrap_or_default());
    std::borrow::Cow::Owned(out)
}

/// Byte ranges of bare keywords (not `true`, `false`, `null`) inside `[…]`,
/// skipping strings, hex strings, names, comments and inline image data.
fn operators_in_arrays(c: &[u8]) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let (mut depth, mut i) = (0usize, 0usize);
    while let Some(&b) = c.get(i) {
        match b {
            b'(' => i = skip_string(c, i),
            b'<' if c.get(i + 1) != Some(&b'<') => {
                i = find(c.get(i..).unwrap_or_default(), b">").map_or(c.len(), |e| i + e + 1)
            }
            b'%' => {
                i = c
                    .iter()
                    .skip(i)
                    .position(|&x| x == b'\n' || x == b'\r')
                    .map_or(c.len(), |e| i + e)
            }
            b'[' => (depth, i) = (depth + 1, i + 1),
            b']' => (depth, i) = (depth.saturating_sub(1), i + 1),
            b'/' => i = word_end(c, i + 1),
            _ if b.is_ascii_alphabetic() || b == b'\'' || b == b'"' || b == b'*' => {
                let end = word_end(c, i + 1);
                let word = c.get(i..end).unwrap_or_default();
                if depth > 0 && !matches!(word, b"true" | b"false" | b"null") {
                    spans.push((i, end));
                } else if word == b"ID" {
                    // Inline image data is binary: skip to its `EI`.
                    let rest = c.get(end..).unwrap_or_default();
                    i = find(rest, b"EI").map_or(c.len(), |e| end + e + 2);
                    continue;
                }
                i = end;
            }
            _ => i += 1,
        }
    }
    spans
}

fn word_end(c: &[u8], from: usize) -> usize {
    let delim = |x: u8| x.is_ascii_whitespace() || b"()<>[]{}/%".contains(&x);
    c.iter()
        .skip(from)
        .position(|&x| delim(x))
        .map_or(c.len(), |e| from + e)
}

/// The index after a literal string opening at `at` (nested parentheses
/// and backslash escapes, §7.3.4.2).
pub(crate) fn skip_string(c: &[u8], at: usize) -> usize {
    let (mut depth, mut i) = (0usize, at);
    while let Some(&b) = c.get(i) {
        match b {
            b'\\' => i += 1,
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    c.len()
}

/// Replaces a `/Filter` or `/DecodeParms` given by reference with its
/// value: lopdf only decodes direct ones (§7.3.8.2 allows either).
pub fn resolve_stream_params(doc: &mut Document) {
    let mut fixes = Vec::new();
    for (&id, obj) in &doc.objects {
        let Object::Stream(stream) = obj else {
            continue;
        };
        for key in [b"Filter".as_slice(), b"DecodeParms"] {
            if let Ok(v @ Object::Reference(_)) = stream.dict.get(key) {
                fixes.push((id, key, deep_resolve(doc, v)));
            } else if let Ok(Object::Array(items)) = stream.dict.get(key) {
                if items.iter().any(|i| matches!(i, Object::Reference(_))) {
                    let items = items.iter().map(|i| deep_resolve(doc, i)).collect();
                    fixes.push((id, key, Object::Array(items)));
                }
            }
        }
    }
    for (id, key, value) in fixes {
        if let Some(Object::Stream(s)) = doc.objects.get_mut(&id) {
            s.dict.set(key, value);
        }
    }
}

/// A filter or parameter value with its references resolved (one level of
/// array or dictionary: that is all a filter chain holds).
fn deep_resolve(doc: &Document, obj: &Object) -> Object {
    match resolve(doc, obj) {
        Object::Array(a) => Object::Array(a.iter().map(|o| resolve(doc, o).clone()).collect()),
        Object::Dictionary(d) => {
            let mut out = Dictionary::new();
            for (k, v) in d.iter() {
                out.set(k.clone(), resolve(doc, v).clone());
            }
            Object::Dictionary(out)
        }
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_encrypt_reference_is_renamed() {
        let pdf = b"<</Root 1 0 R/Encrypt 12 0 R/ID[<a>]>> (/Encrypt) /Encrypt/x";
        let out = without_encrypt_entry(pdf);
        assert_eq!(out.len(), pdf.len());
        let text = String::from_utf8_lossy(&out);
        assert!(text.starts_with("<</Root 1 0 R/NoCrypt 12 0 R"), "{text}");
        assert!(text.ends_with("(/Encrypt) /Encrypt/x"), "{text}");
    }

    #[test]
    fn operators_inside_arrays_are_left_out() {
        let c = b"BT [(Gran) 0.0 Tc -250 (d\\) Tc) <54> true] TJ (x) Tj ET";
        let out = without_operators_in_arrays(c);
        let text = String::from_utf8_lossy(&out);
        assert_eq!(
            text,
            "BT [(Gran) 0.0   -250 (d\\) Tc) <54> true] TJ (x) Tj ET"
        );
        let plain = b"BT [(a) -20 (b)] TJ ET";
        assert!(matches!(
            without_operators_in_arrays(plain),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn lopdf_requests_never_reach_the_user() {
        let r = reason(&lopdf::Error::Unimplemented("filters for inline images"));
        assert_eq!(
            r,
            "uses filters for inline images, which yusuan cannot read"
        );
        assert!(!reason(&lopdf::Error::InvalidStream("x\ny".into())).contains('\n'));
    }
}
