//! yusuan: China's budget disclosures (部门预算公开) → clean, reconciled tables.
//!
//! The pipeline reads as its stages, each boundary a plain data type:
//!
//! ```text
//! ingest (text | html | pdf) → RawTable → repair → RawTable → normalize → Table
//!        → validate (checks, warnings) → emit (csv, json)
//! ```

pub mod amount;
pub mod batch;
pub mod cancel;
pub mod cli;
pub mod columns;
pub mod emit;
pub mod error;
pub mod ingest;
pub mod model;
pub mod normalize;
pub mod pdf;
pub mod pipeline;
pub mod raw;

pub mod repair;
pub mod table;
pub mod target;
pub mod taxonomy;
pub mod validate;
pub mod warning;

pub use error::{Error, Result};
