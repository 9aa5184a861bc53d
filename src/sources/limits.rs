//! How much one file may make the sources hold: every reader fails a file
//! past these with one error naming it, in bounded time and memory.

use crate::{Error, Result};
use std::path::Path;

/// Most bytes one part of a zip container may decompress to (64 MiB); a
/// larger sheet or document part is refused rather than read.
pub const MAX_PART_BYTES: u64 = 64 << 20;

/// Most bytes all parts of one container may decompress to together.
pub const MAX_TOTAL_BYTES: u64 = 256 << 20;

/// Most non-empty cells read from one file (all sheets or tables together).
pub const MAX_CELLS: usize = 2_000_000;

/// Most rows or columns one merged range or `gridSpan` may cover: the
/// widest Excel sheet has 16,384 columns, and a span is clipped to the
/// table it sits in anyway.
pub const MAX_SPAN: usize = 16_384;

/// Most elementary slots (rows × columns) of one table's grid: the grid is
/// sparse, but consumers lay rows out as `n_cols` wide.
pub const MAX_GRID_SLOTS: usize = 4_000_000;

/// Most tables one file may hold.
pub const MAX_TABLES: usize = 10_000;

/// Lets a file's tables count against [`MAX_CELLS`].
#[derive(Debug, Default)]
pub(crate) struct CellBudget {
    used: usize,
}

impl CellBudget {
    /// Takes one cell; fails once the file holds more than [`MAX_CELLS`].
    pub(crate) fn take(&mut self, path: &Path) -> Result<()> {
        self.used += 1;
        if self.used > MAX_CELLS {
            return Err(Error::unsupported(
                path,
                format!("more than {MAX_CELLS} cells: too large to read as tables"),
            ));
        }
        Ok(())
    }
}

/// Fails when a grid of `n_rows` × `n_cols` would exceed [`MAX_GRID_SLOTS`].
pub(crate) fn check_grid(path: &Path, where_: &str, n_rows: usize, n_cols: usize) -> Result<()> {
    if n_rows.saturating_mul(n_cols) > MAX_GRID_SLOTS {
        return Err(Error::unsupported(
            path,
            format!(
                "{where_} spans {n_rows} rows × {n_cols} columns, over the limit of {MAX_GRID_SLOTS} grid slots"
            ),
        ));
    }
    Ok(())
}
