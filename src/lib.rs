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
//! Documented modules: [`table`] (the logical table every source returns),
//! [`kinds`] (the table kinds and their registry), [`model`] (the packed
//! 绩效目标表 model), [`emit`] (CSV, JSON, XLSX), [`warning`], [`error`],
//! [`amount`], [`sources`]. The other modules are public (hidden from the
//! docs) for this crate's tests, fuzzing and tools; their items may change.

pub mod amount;
#[doc(hidden)]
pub mod batch;
/// Cooperative cancellation and the per-file memory budget (for sources).
pub mod cancel;
#[doc(hidden)]
pub mod cli;
#[doc(hidden)]
pub mod columns;
pub mod emit;
pub mod error;
pub mod kinds;
pub mod model;
#[doc(hidden)]
pub mod normalize;
#[doc(hidden)]
pub mod pipeline;
#[doc(hidden)]
pub mod raw;

#[doc(hidden)]
pub mod repair;
pub mod serve;
pub mod sheet;
pub mod sources;
pub mod table;
#[doc(hidden)]
pub mod target;
#[doc(hidden)]
pub mod taxonomy;
pub mod text;
pub(crate) mod validate;
pub mod warning;

pub use error::{Error, Result};
pub use model::Document;
pub use sources::SourceDoc;
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
