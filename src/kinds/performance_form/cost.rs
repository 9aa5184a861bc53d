//! The 项目预算成本构成 sub-table (鄂州 style): its rows as printed, and
//! the 金额 of its 合计 row for the check against 资金总额.

use super::labels::norm;
use super::model::CostTable;
use super::rows::Row;
use crate::amount::Amount;

/// Starts a cost table from its header row.
pub fn start(header: &Row) -> CostTable {
    CostTable {
        columns: header.filled().map(|c| c.text.clone()).collect(),
        ..CostTable::default()
    }
}

/// Adds a body row; true when it was the 合计 row (the table ends).
pub fn push(t: &mut CostTable, row: &Row) -> bool {
    let texts: Vec<String> = row.filled().map(|c| c.text.clone()).collect();
    let is_total = texts
        .first()
        .is_some_and(|f| matches!(norm(f).as_str(), "合计" | "总计"));
    if is_total {
        // 金额 is the column after the label: the first amount printed.
        t.total = texts.iter().skip(1).find_map(|s| Amount::parse(s));
    }
    t.rows.push(texts);
    is_total
}
