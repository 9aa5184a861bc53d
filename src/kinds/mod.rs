//! Table kinds: what a [`crate::table::LogicalTable`] is, read as typed data.

pub mod standard;
