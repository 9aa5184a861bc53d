//! K12 机关运行经费表 (Jiangsu): running costs of the offices by 经济科目 code.
//!
//! Titles: 一般公共预算机关运行经费支出预算表 (standard-tables.md K12).

use super::{KindSpec, StandardKind};

pub const SPEC: KindSpec = KindSpec {
    kind: StandardKind::OperatingCosts,
    id: "operating_costs",
    name: "机关运行经费表",
    matches,
};

/// Whether a folded title names this kind.
fn matches(t: &str) -> bool {
    t.contains("机关运行经费")
}
