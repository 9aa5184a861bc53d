//! yusuan: China's budget disclosures (部门预算公开) → clean, reconciled tables.
//!
//! The pipeline reads as its stages, each boundary a plain data type:
//!
//! ```text
//! sources (text | html | pdf | xlsx | docx) → LogicalTable (furniture, joins)
//!        → kinds (packed 绩效目标表 | generic | …: records, checks, sheets)
//!        → Document → emit (csv, json, xlsx)
//! ```
//!
//! The public API for programs (the CLI, a web server, Python bindings):
//!
//! ```no_run
//! use yusuan::{convert, read_tables, Input, Options};
//! # fn main() -> yusuan::Result<()> {
//! let doc = convert(Input::Path("budget.pdf".as_ref()), &Options::default())?;
//! let json = yusuan::emit::json_string(&[doc]);
//! let tables = read_tables(Input::Bytes { name: "page.html", bytes: b"<table>..." }, &Options::default())?;
//! for t in &tables.tables {
//!     println!("{:?} {:?}", t.meta.title, t.flat_header());
//! }
//! # Ok(()) }
//! ```
//!
//! The other modules are public for the tests and tools of this crate;
//! their items may change between versions.

pub mod amount;
pub mod batch;
pub mod cancel;
pub mod cli;
pub mod columns;
pub mod emit;
pub mod error;
pub mod ingest;
pub mod kinds;
pub mod model;
pub mod normalize;
pub mod pdf;
pub mod pipeline;
pub mod raw;

pub mod repair;
pub mod sources;
pub mod table;
pub mod target;
pub mod taxonomy;
pub mod validate;
pub mod warning;

pub use error::{Error, Result};
pub use ingest::SourceDoc;
pub use model::Document;
pub use table::{LogicalTable, PageSet};

use std::path::Path;

/// One input: a file, or bytes already in memory with the name to report
/// them under (the format is sniffed from the content either way).
#[derive(Debug, Clone, Copy)]
pub enum Input<'a> {
    Path(&'a Path),
    Bytes { name: &'a str, bytes: &'a [u8] },
}

/// Conversion options; `Options::default()` reads everything.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Only the tables on these pages (a table running over pages is kept
    /// when any of its pages is in the set).
    pub pages: Option<PageSet>,
}

/// Converts one input: its tables read by the source, sorted to their
/// kinds and built into a [`Document`] (documents.json's entries). An input
/// whose tables no kind reads fails with [`Error::NoTable`].
pub fn convert(input: Input, opts: &Options) -> Result<Document> {
    pipeline::convert_source(pipeline::read(input, opts)?)
}

/// Reads every table of one input, kind-blind: what `yusuan tables` writes.
pub fn read_tables(input: Input, opts: &Options) -> Result<SourceDoc> {
    pipeline::read(input, opts)
}
