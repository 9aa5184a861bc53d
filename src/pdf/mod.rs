//! PDF reading. `model` is the contract between the text layer (glyphs and
//! ruling lines per page) and the table stage (lattice grids → RawTable).
//!
//! Entry point: [`open`] → [`PdfDoc`]; [`text::document_text`] gives the
//! reading-order text.

pub mod content;
pub mod doc;
pub mod font;
pub mod lines;
pub mod model;
mod obj;
pub mod text;

pub use doc::{open, PdfDoc};
pub use font::FontInfo;
