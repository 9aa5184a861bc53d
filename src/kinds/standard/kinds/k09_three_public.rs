//! K09 “三公”经费表: 因公出国（境）, 公务接待, 公务用车 (and in Jiangsu 会议费, 培训费; in Shanghai 机关运行经费).
//!
//! Titles: “三公”经费、会议费、培训费支出预算表, 部门“三公”经费和机关运行经费预算表, 财政拨款“三公”经费支出决算表 (standard-tables.md K09; GBC FIN_07).

use super::{KindSpec, StandardKind};

pub const SPEC: KindSpec = KindSpec {
    kind: StandardKind::ThreePublic,
    id: "three_public",
    name: "“三公”经费表",
    matches,
};

/// Whether a folded title names this kind.
fn matches(t: &str) -> bool {
    t.contains("三公")
}
