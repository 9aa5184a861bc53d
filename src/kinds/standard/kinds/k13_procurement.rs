//! K13 政府采购表 (Jiangsu): procurement by category (货物/工程/服务), 专项 and item.
//!
//! Titles: 2017年政府采购预算表, 政府采购支出预算表 (standard-tables.md K13).

use super::{KindSpec, StandardKind};

pub const SPEC: KindSpec = KindSpec {
    kind: StandardKind::Procurement,
    id: "procurement",
    name: "政府采购表",
    matches,
};

/// Whether a folded title names this kind.
fn matches(t: &str) -> bool {
    t.contains("政府采购")
}
