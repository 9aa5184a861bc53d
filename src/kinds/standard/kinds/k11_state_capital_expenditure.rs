//! K11 国有资本经营 table: state-capital appropriations by function code; usually empty with a statement.
//!
//! Titles: 部门国有资本经营预算支出功能分类预算表, 国有资本经营预算财政拨款收入支出决算表 (standard-tables.md K11; GBC FIN_09).

use super::{KindSpec, StandardKind};

pub const SPEC: KindSpec = KindSpec {
    kind: StandardKind::StateCapitalExpenditure,
    id: "state_capital_expenditure",
    name: "国有资本经营预算支出表",
    matches,
};

/// Whether a folded title names this kind.
fn matches(t: &str) -> bool {
    t.contains("国有资本经营")
}
