//! K06 财政拨款基本支出表 (Jiangsu): basic expenditure of appropriations by 经济科目 code.
//!
//! Titles: 财政拨款基本支出预算表, 财政拨款基本支出预算表（经济科目） (standard-tables.md K06).

use super::{KindSpec, StandardKind};

pub const SPEC: KindSpec = KindSpec {
    kind: StandardKind::FiscalBasicExpenditure,
    id: "fiscal_basic_expenditure",
    name: "财政拨款基本支出表",
    matches,
};

/// Whether a folded title names this kind.
fn matches(t: &str) -> bool {
    t.contains("财政拨款基本支出")
}
