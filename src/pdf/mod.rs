//! PDF reading. `model` is the contract between the text layer (glyphs and
//! ruling lines per page) and the table stage (lattice grids → RawTable).

pub mod model;
