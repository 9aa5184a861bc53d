//! K03 支出总表: expenditure as 基本支出 / 项目支出 (+ 决算 columns), per code or one row.
//!
//! Titles: 支出预算总表, 部门支出预算总表, 支出决算表 (standard-tables.md K03; GBC FIN_03).

use super::{KindSpec, StandardKind};

pub const SPEC: KindSpec = KindSpec {
    kind: StandardKind::ExpenditureSummary,
    id: "expenditure_summary",
    name: "支出总表",
    matches,
};

/// Whether a folded title names this kind.
fn matches(t: &str) -> bool {
    ["支出预算总表", "支出决算总表", "支出决算表", "支出总表"]
        .iter()
        .any(|w| t.contains(w))
}
