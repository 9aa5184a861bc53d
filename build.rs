//! Compiles Adobe's predefined Chinese CMaps (data/cmap) into static tables
//! once, at build time: parsing their 900 KB of PostScript on every run cost
//! a few milliseconds per PDF, as much as the rest of a small file's work.
//! The runtime parser (src/pdf/font/cmap.rs) still reads embedded CMaps, and
//! a unit test checks that both readings of every file agree.

use std::fmt::Write as _;
use std::path::Path;

/// Code → CID maps: (Rust name, file).
const CID_MAPS: &[(&str, &str)] = &[
    ("UNIGB_UCS2_H", "UniGB-UCS2-H"),
    ("UNIGB_UTF16_H", "UniGB-UTF16-H"),
    ("GBK_EUC_H", "GBK-EUC-H"),
    ("GBKP_EUC_H", "GBKp-EUC-H"),
    ("GB_EUC_H", "GB-EUC-H"),
    ("GBK2K_H", "GBK2K-H"),
];

#[derive(Debug, PartialEq)]
enum Tok {
    Hex(Vec<u8>),
    Int(i64),
    Word(String),
    Other,
}

fn tokenize(text: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    for line in text.lines() {
        let line = line.split('%').next().unwrap_or("");
        let spaced = line.replace('<', " <").replace('>', "> ");
        for w in spaced.split_whitespace() {
            out.push(token(w));
        }
    }
    out
}

fn token(w: &str) -> Tok {
    if let Some(hex) = w.strip_prefix('<').and_then(|h| h.strip_suffix('>')) {
        let bytes = (0..hex.len() / 2)
            .map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).expect("hex digit in CMap"))
            .collect();
        return Tok::Hex(bytes);
    }
    if let Ok(n) = w.parse() {
        return Tok::Int(n);
    }
    if w.chars().all(|c| c.is_ascii_alphabetic()) {
        return Tok::Word(w.to_string());
    }
    Tok::Other
}

fn code(b: &[u8]) -> u32 {
    b.iter().fold(0, |acc, &x| (acc << 8) | u32::from(x))
}

/// The entries of every `begin<what>` … `end<what>` block, `arity` tokens each.
fn blocks<'a>(toks: &'a [Tok], what: &str, arity: usize) -> Vec<&'a [Tok]> {
    let (begin, end) = (format!("begin{what}"), format!("end{what}"));
    let mut out = Vec::new();
    let mut inside = false;
    let mut entry = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        match t {
            Tok::Word(w) if *w == begin => inside = true,
            Tok::Word(w) if *w == end => inside = false,
            _ if inside => {
                entry.push(i);
                if entry.len() == arity {
                    out.push(&toks[entry[0]..=i]);
                    entry.clear();
                }
            }
            _ => {}
        }
    }
    out
}

fn compile_cid_map(out: &mut String, rust: &str, text: &str) {
    let toks = tokenize(text);
    writeln!(
        out,
        "pub static {rust}: Compiled = Compiled {{\n    codespace: &["
    )
    .unwrap();
    for e in blocks(&toks, "codespacerange", 2) {
        if let [Tok::Hex(lo), Tok::Hex(hi)] = e {
            writeln!(out, "        (&{lo:?}, &{hi:?}),").unwrap();
        }
    }
    writeln!(out, "    ],\n    chars: &[").unwrap();
    for e in blocks(&toks, "cidchar", 2) {
        if let [Tok::Hex(src), Tok::Int(cid)] = e {
            writeln!(out, "        ({}, {}, {cid}),", code(src), src.len()).unwrap();
        }
    }
    writeln!(out, "    ],\n    ranges: &[").unwrap();
    for e in blocks(&toks, "cidrange", 3) {
        if let [Tok::Hex(lo), Tok::Hex(hi), Tok::Int(cid)] = e {
            let (l, h) = (code(lo), code(hi));
            writeln!(out, "        ({l}, {h}, {}, {cid}),", lo.len()).unwrap();
        }
    }
    writeln!(out, "    ],\n}};").unwrap();
}

fn utf16_units(b: &[u8]) -> Vec<u16> {
    b.chunks(2)
        .map(|c| (u16::from(c[0]) << 8) | u16::from(*c.get(1).unwrap_or(&0)))
        .collect()
}

/// Adobe-GB1 CID → Unicode as a dense table (one scalar per CID, 0 for
/// none) plus the few CIDs that map to more than one scalar. Precedence as
/// at runtime: bfchar over bfrange, an earlier bfrange over a later one.
fn compile_gb1(out: &mut String, text: &str) {
    let toks = tokenize(text);
    let mut map: Vec<Option<Vec<u16>>> = Vec::new();
    let set = |cid: u32, units: Vec<u16>, map: &mut Vec<Option<Vec<u16>>>| {
        let i = cid as usize;
        if map.len() <= i {
            map.resize(i + 1, None);
        }
        map[i] = Some(units);
    };
    for e in blocks(&toks, "bfrange", 3).iter().rev() {
        if let [Tok::Hex(lo), Tok::Hex(hi), Tok::Hex(dst)] = e {
            for cid in code(lo)..=code(hi) {
                let mut units = utf16_units(dst);
                let last = units.last_mut().expect("bfrange destination");
                *last = last.wrapping_add((cid - code(lo)) as u16);
                set(cid, units, &mut map);
            }
        }
    }
    for e in blocks(&toks, "bfchar", 2) {
        if let [Tok::Hex(src), Tok::Hex(dst)] = e {
            set(code(src), utf16_units(dst), &mut map);
        }
    }
    let mut dense = String::new();
    let mut multi = String::new();
    for (cid, units) in map.iter().enumerate() {
        let s = units.as_ref().map(|u| String::from_utf16_lossy(u));
        let mut chars = s.as_deref().unwrap_or("").chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) => write!(dense, "{},", c as u32).unwrap(),
            (None, _) => dense.push_str("0,"),
            (Some(_), Some(_)) => {
                dense.push_str("0,");
                writeln!(multi, "    ({cid}, {:?}),", s.unwrap_or_default()).unwrap();
            }
        }
    }
    writeln!(
        out,
        "pub static GB1_UNICODE: [u32; {}] = [{dense}];",
        map.len()
    )
    .unwrap();
    writeln!(out, "pub static GB1_MULTI: &[(u32, &str)] = &[\n{multi}];").unwrap();
}

fn main() {
    let dir = Path::new("data/cmap");
    let mut out = String::new();
    for (rust, file) in CID_MAPS {
        let path = dir.join(file);
        println!("cargo:rerun-if-changed={}", path.display());
        let text = std::fs::read_to_string(&path).expect("data/cmap file");
        compile_cid_map(&mut out, rust, &text);
    }
    let gb1 = dir.join("Adobe-GB1-UCS2");
    println!("cargo:rerun-if-changed={}", gb1.display());
    compile_gb1(
        &mut out,
        &std::fs::read_to_string(&gb1).expect("data/cmap file"),
    );
    println!("cargo:rerun-if-changed=build.rs");
    let dest = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("cmaps.rs");
    std::fs::write(dest, out).expect("write cmaps.rs");
}
