//! Table kinds: typed readings of [`crate::table::LogicalTable`]s.

pub mod performance_form;
