//! Any table no other kind reads: rows as printed. `yusuan tables` writes
//! it (flattened header, body rows); `convert` makes no records of it but
//! names it when a document holds nothing else.

use super::{Built, DocInfo, Kind};
use crate::table::LogicalTable;

pub struct Generic;

impl Kind for Generic {
    fn id(&self) -> &'static str {
        "generic"
    }

    fn detect(&self, _table: &LogicalTable) -> bool {
        true
    }

    fn build(&self, _tables: &[&LogicalTable], _doc: &DocInfo) -> Built {
        Built::default()
    }
}
