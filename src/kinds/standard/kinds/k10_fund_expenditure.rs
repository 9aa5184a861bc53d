//! K10 政府性基金 table: government-fund appropriations by function code; often empty with a statement.
//!
//! Titles: 财政拨款政府性基金支出预算表, 部门政府性基金预算支出功能分类预算表, 政府性基金预算财政拨款收入支出决算表 (standard-tables.md K10; GBC FIN_08).

use super::{KindSpec, StandardKind};

pub const SPEC: KindSpec = KindSpec {
    kind: StandardKind::FundExpenditure,
    id: "fund_expenditure",
    name: "政府性基金预算支出表",
    matches,
};

/// Whether a folded title names this kind.
fn matches(t: &str) -> bool {
    t.contains("政府性基金")
}
