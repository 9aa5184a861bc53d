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
