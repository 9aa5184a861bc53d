//! K02 收入总表: income by source, per 功能分类 code (SH) or per category (JS).
//!
//! Titles: 收入预算总表, 部门收入预算总表, 收入决算表 (standard-tables.md K02; GBC FIN_02).

use super::{KindSpec, StandardKind};

pub const SPEC: KindSpec = KindSpec {
    kind: StandardKind::IncomeSummary,
    id: "income_summary",
    name: "收入总表",
    matches,
};

/// Whether a folded title names this kind.
fn matches(t: &str) -> bool {
    ["收入预算总表", "收入决算总表", "收入决算表", "收入总表"]
        .iter()
        .any(|w| t.contains(w))
}
