//! PDF reading. `model` is the contract between the text layer (glyphs and
//! ruling lines per page) and the table stage (lattice grids → RawTable).
//!
//! Entry point: [`open`] → [`PdfDoc`]; [`text::document_text`] gives the
//! reading-order text; [`tables`] reads the ruled tables.

pub mod cells;
pub mod content;
pub mod doc;
pub mod font;
pub mod lattice;
pub mod lines;
pub mod model;
mod obj;
pub mod tables;
pub mod text;
pub mod to_table;

pub use doc::{open, PdfDoc};
pub use font::FontInfo;
