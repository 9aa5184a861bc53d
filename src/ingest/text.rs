//! Text extracts (the seed's form): `## title`, `部门名称：`, `单位：` lines,
//! a TAB-separated header and rows, blank lines at page breaks.

use crate::error::{Error, Result};
use crate::raw::RawDocument;
use std::path::Path;

pub fn read(path: &Path, _bytes: &[u8]) -> Result<RawDocument> {
    Err(Error::unsupported(path, "text ingest: work in progress"))
}
