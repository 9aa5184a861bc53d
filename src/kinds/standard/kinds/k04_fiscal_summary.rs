//! K04 财政拨款收支总表: appropriations by fund (income) against their use (expense).
//!
//! Titles: 财政拨款收支预算总表, 部门财政拨款收支预算总表, 财政拨款收入支出决算总表 (standard-tables.md K04; GBC FIN_04).

use super::{KindSpec, StandardKind};

pub const SPEC: KindSpec = KindSpec {
    kind: StandardKind::FiscalSummary,
    id: "fiscal_summary",
    name: "财政拨款收支总表",
    matches,
};

/// Whether a folded title names this kind.
fn matches(t: &str) -> bool {
    t.contains("财政拨款收支") || t.contains("财政拨款收入支出")
}
