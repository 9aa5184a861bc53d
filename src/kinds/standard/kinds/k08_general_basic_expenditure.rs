//! K08 一般公共预算基本支出表 (经济分类): basic expenditure by economic code, 人员经费 and 公用经费.
//!
//! Titles: 一般公共预算基本支出预算表, 部门一般公共预算基本支出部门预算经济分类预算表, 一般公共预算财政拨款基本支出决算表 (standard-tables.md K08; GBC FIN_06).

use super::{KindSpec, StandardKind};

pub const SPEC: KindSpec = KindSpec {
    kind: StandardKind::GeneralBasicExpenditure,
    id: "general_basic_expenditure",
    name: "一般公共预算基本支出表",
    matches,
};

/// Whether a folded title names this kind.
fn matches(t: &str) -> bool {
    t.contains("一般公共预算") && t.contains("基本支出")
}
