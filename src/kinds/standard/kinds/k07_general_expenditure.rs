//! K07 一般公共预算支出表 (功能分类): general-budget expenditure by function code.
//!
//! Titles: 一般公共预算支出预算表, 部门一般公共预算支出功能分类预算表, 一般公共预算财政拨款支出决算表 (standard-tables.md K07; GBC FIN_05).

use super::{KindSpec, StandardKind};

pub const SPEC: KindSpec = KindSpec {
    kind: StandardKind::GeneralExpenditure,
    id: "general_expenditure",
    name: "一般公共预算支出表",
    matches,
};

/// Whether a folded title names this kind.
fn matches(t: &str) -> bool {
    t.contains("一般公共预算") && t.contains("支出") && !t.contains("基本支出")
}
