//! K05 财政拨款支出表 (Jiangsu): appropriations by 功能科目 code.
//!
//! Titles: 财政拨款支出预算表, 财政拨款支出预算表（功能科目） (standard-tables.md K05).

use super::{KindSpec, StandardKind};

pub const SPEC: KindSpec = KindSpec {
    kind: StandardKind::FiscalExpenditure,
    id: "fiscal_expenditure",
    name: "财政拨款支出表",
    matches,
};

/// Whether a folded title names this kind.
fn matches(t: &str) -> bool {
    t.contains("财政拨款支出") && !t.contains("基本支出")
}
