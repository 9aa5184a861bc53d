//! What a source hands on: one file's logical tables and the problems met
//! reading it outside any table.

use crate::raw::Format;
use crate::table::LogicalTable;
use crate::warning::Warning;

/// One file as its source read it.
#[derive(Debug)]
pub struct SourceDoc {
    /// The input as named by the user.
    pub source: String,
    pub format: Format,
    /// Page count (text input: blank-line-separated blocks).
    pub pages: u32,
    /// Every table, in document order, one per logical table.
    pub tables: Vec<LogicalTable>,
    /// Problems reading the file outside any table (encoding, PDF content).
    pub warnings: Vec<Warning>,
    /// What the source saw, for the message when no kind made anything of
    /// it (HTML: how many `<table>`s; PDF: how many ruled tables).
    pub(crate) seen: Option<Seen>,
}

/// What a source saw in a file: `1 table(s) in the page`, and whether
/// that is any table at all (a kind then says why none was its own).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Seen {
    pub(crate) what: String,
    pub(crate) tables: bool,
}

impl Seen {
    pub(crate) fn nothing(what: impl Into<String>) -> Self {
        Seen {
            what: what.into(),
            tables: false,
        }
    }
    pub(crate) fn tables(what: impl Into<String>) -> Self {
        Seen {
            what: what.into(),
            tables: true,
        }
    }
}
