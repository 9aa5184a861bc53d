//! The packed 项目支出绩效目标表: one row per project, the 绩效指标 list
//! packed into one cell. Today's path, unchanged: RawTable → repair →
//! normalize (with indicator targets and taxonomy) → validate.
//!
//! Transitional: the rows come from [`DocInfo::legacy`], placed by the
//! source readers as before (so every golden output stays byte-identical),
//! not yet from the [`LogicalTable`]s. Detection already works on the
//! logical tables.

use super::{Built, DocInfo, Kind};
use crate::model::Table;
use crate::normalize::normalize;
use crate::raw::RawTable;
use crate::repair::repair;
use crate::table::LogicalTable;
use crate::validate::validate;

/// Header rows looked at for the 项目名称 … 绩效 header.
const HEADER_ROWS: usize = 6;

pub struct Packed;

impl Kind for Packed {
    fn id(&self) -> &'static str {
        "packed"
    }

    /// A row near the top naming 项目名称 and 绩效目标/绩效指标 in
    /// separate cells.
    fn detect(&self, table: &LogicalTable) -> bool {
        (0..table.grid.n_rows.min(HEADER_ROWS)).any(|r| is_header(&table.grid.row_filled(r)))
    }

    fn build(&self, _tables: &[&LogicalTable], doc: &DocInfo) -> Built {
        let tables = doc
            .legacy
            .map(|raw| {
                raw.tables
                    .iter()
                    .map(|t| build_table(t, doc.source))
                    .collect()
            })
            .unwrap_or_default();
        Built {
            tables,
            ..Built::default()
        }
    }
}

fn is_header(cells: &[String]) -> bool {
    let name = cells.iter().position(|c| c.contains("项目名称"));
    let perf = cells
        .iter()
        .position(|c| c.contains("绩效目标") || c.contains("绩效指标"));
    matches!((name, perf), (Some(a), Some(b)) if a != b)
}

/// One 绩效目标表 through repair, normalize, targets and validate.
pub fn build_table(raw: &RawTable, source: &str) -> Table {
    let fixed = repair(raw, source);
    let mut table = normalize(&fixed.table, fixed.notes, source);
    crate::target::enrich_table(&mut table, source);
    validate(&mut table, source);
    table
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::Grid;

    #[test]
    fn detects_the_header_by_its_name_and_performance_cells() {
        let row = |cells: &[&str]| cells.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let t = |rows: Vec<Vec<String>>| LogicalTable {
            grid: Grid::from_rows(&rows, 1),
            ..LogicalTable::default()
        };
        let perf = t(vec![
            row(&["公开08表", "", ""]),
            row(&["项目名称", "总计", "绩效目标"]),
        ]);
        assert!(Packed.detect(&perf));
        // One cell naming both (a layout table wrapping everything) is not it.
        assert!(!Packed.detect(&t(vec![row(&["项目名称 绩效目标"])])));
        assert!(!Packed.detect(&t(vec![row(&["项目", "金额"])])));
    }
}
