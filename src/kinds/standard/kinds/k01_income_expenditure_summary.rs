//! K01 收支总表: income items and expense items side by side (two or three lists).
//!
//! Titles: 收支预算总表, 部门财务收支预算总表, 收入支出决算总表, 收支决算总表 (shared/docs/standard-tables.md K01; GBC FIN_01).

use super::{KindSpec, StandardKind};

pub const SPEC: KindSpec = KindSpec {
    kind: StandardKind::IncomeExpenditureSummary,
    id: "income_expenditure_summary",
    name: "收支总表",
    matches,
};

/// Whether a folded title names this kind.
fn matches(t: &str) -> bool {
    (t.contains("收支") || t.contains("收入支出")) && t.contains("总表")
}
