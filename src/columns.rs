//! What each header column holds, decided from its printed label, and what
//! each cell looks like. Shared by ingest (placing cells of short rows),
//! repair and normalize.

use crate::amount::Amount;
use regex::Regex;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// 项目名称（资金使用单位）
    Name,
    Amount,
    /// 绩效目标
    Goal,
    /// 绩效指标
    Indicators,
    /// Anything else: kept as text.
    Other,
}

/// Roles for a header row. The first column is the name column whatever
/// its label; labels mentioning 绩效目标 / 绩效指标 are text columns; the
/// columns between are amounts.
pub fn roles(columns: &[String]) -> Vec<Role> {
    columns
        .iter()
        .enumerate()
        .map(|(i, label)| {
            let l: String = label.chars().filter(|c| !c.is_whitespace()).collect();
            if i == 0 || l.starts_with("项目名称") {
                Role::Name
            } else if l.contains("绩效指标") {
                Role::Indicators
            } else if l.contains("绩效目标") {
                Role::Goal
            } else if is_amount_label(&l) {
                Role::Amount
            } else {
                Role::Other
            }
        })
        .collect()
}

fn is_amount_label(l: &str) -> bool {
    const MARKS: [&str; 7] = ["总计", "合计", "拨款", "预算", "资金", "专户", "收入"];
    MARKS.iter().any(|m| l.contains(m))
}

/// True when a header row is the 绩效目标表's: a name column and at least
/// one of the performance columns.
pub fn is_target_table_header(cells: &[String]) -> bool {
    let has = |s: &str| cells.iter().any(|c| c.contains(s));
    has("项目名称") && (has("绩效目标") || has("绩效指标")) && has("总计")
}

/// The seed's header, for tests across the crate.
#[cfg(test)]
pub(crate) const STANDARD_COLUMNS: [&str; 7] = [
    "项目名称（资金使用单位）",
    "总计",
    "财政拨款",
    "财政专户拨款",
    "其他资金",
    "绩效目标",
    "绩效指标",
];

/// What a cell's content looks like, for placing cells by content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellKind {
    Empty,
    Amount,
    /// Text with the 绩效指标 list's marks (`1、1-产出指标；`, `指标值:`).
    IndicatorText,
    Text,
}

static INDICATOR_MARK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"指标值\s*[:：]|^\s*\d+\s*、\s*\d+\s*-|\d+-[^；;]{1,12}指标[；;]")
        .expect("static regex")
});

pub fn cell_kind(cell: &str) -> CellKind {
    let t = cell.trim();
    if t.is_empty() {
        CellKind::Empty
    } else if Amount::parse(t).is_some() {
        CellKind::Amount
    } else if INDICATOR_MARK.is_match(t) {
        CellKind::IndicatorText
    } else {
        CellKind::Text
    }
}

/// Whether a cell of this kind may sit in a column of this role.
pub fn fits(role: Role, kind: CellKind) -> bool {
    match (role, kind) {
        (_, CellKind::Empty) => true,
        (Role::Amount, k) => k == CellKind::Amount,
        (Role::Goal, k) => k == CellKind::Text,
        (Role::Indicators, k) => k != CellKind::Amount,
        (Role::Name, k) => k != CellKind::Amount && k != CellKind::IndicatorText,
        (Role::Other, _) => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cols(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn roles_from_labels() {
        let c = cols(&STANDARD_COLUMNS);
        use Role::*;
        assert_eq!(
            roles(&c),
            vec![Name, Amount, Amount, Amount, Amount, Goal, Indicators]
        );
        assert!(is_target_table_header(&c));
        assert!(!is_target_table_header(&cols(&["科目编码", "总计"])));
    }

    #[test]
    fn kinds() {
        assert_eq!(cell_kind(" 1,234.00 "), CellKind::Amount);
        assert_eq!(
            cell_kind("标；11-数量指标；文创品牌数量；实施周期指标值:1个"),
            CellKind::IndicatorText
        );
        assert_eq!(
            cell_kind("1、1-产出指标；11-数量指标；保密项目"),
            CellKind::IndicatorText
        );
        assert_eq!(cell_kind("通过举办中国创新创业成果交易会"), CellKind::Text);
        assert_eq!(cell_kind(""), CellKind::Empty);
    }
}
