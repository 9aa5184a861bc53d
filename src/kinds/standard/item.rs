//! Row labels: the numbering prefix (一、 1. （一）) and total rows
//! (合计, 总计, 小计).

use super::fold::fold;
use serde::Serialize;

/// How an item is numbered: `一、` opens a top-level item, `1.` / `（一）`
/// a sub-item of the one before.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Numbering {
    Top,
    Sub,
}

/// A row that totals others.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TotalMark {
    /// 合计, 总计, 收入合计, 本年支出合计 …
    Total,
    /// 小计, 当年收入小计 …
    Subtotal,
}

const CN_DIGITS: &str = "一二三四五六七八九十";

/// The label without its numbering prefix, letter-spacing and `其中：`;
/// other characters as printed.
pub fn plain(label: &str) -> String {
    let t: String = label.chars().filter(|c| !c.is_whitespace()).collect();
    let t = ["其中：", "其中:"]
        .iter()
        .find_map(|p| t.strip_prefix(p))
        .unwrap_or(&t);
    let rest = strip_numbering(t).map_or(t, |(_, r)| r);
    rest.to_string()
}

/// The numbering of a label.
pub fn numbering(label: &str) -> Option<Numbering> {
    let t: String = label.chars().filter(|c| !c.is_whitespace()).collect();
    strip_numbering(&t).map(|(n, _)| n)
}

fn strip_numbering(t: &str) -> Option<(Numbering, &str)> {
    let cn = t.trim_start_matches(|c| CN_DIGITS.contains(c));
    if cn.len() < t.len() {
        if let Some(r) = cn.strip_prefix('、') {
            return Some((Numbering::Top, r));
        }
    }
    if let Some(inner) = t.strip_prefix(['(', '（']) {
        let after = inner.trim_start_matches(|c: char| CN_DIGITS.contains(c) || c.is_ascii_digit());
        if after.len() < inner.len() {
            if let Some(r) = after.strip_prefix([')', '）']) {
                return Some((Numbering::Sub, r.trim_start_matches('、')));
            }
        }
    }
    let ar = t.trim_start_matches(|c: char| c.is_ascii_digit());
    if ar.len() < t.len() {
        // `1.一般公共预算`, `1、`, but not a bare code or amount.
        let r = ar.strip_prefix(['.', '、', '．'])?;
        if r.chars().next().is_some_and(|c| !c.is_ascii_digit()) {
            return Some((Numbering::Sub, r));
        }
    }
    None
}

/// Whether the label marks a total row.
pub fn total_mark(label: &str) -> Option<TotalMark> {
    let t = fold(&plain(label));
    if t.contains("小计") {
        Some(TotalMark::Subtotal)
    } else if t.contains("合计") || t.contains("总计") {
        Some(TotalMark::Total)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_numbering_prefixes() {
        assert_eq!(plain("一、财政拨款"), "财政拨款");
        assert_eq!(plain("十八、住房保障支出"), "住房保障支出");
        assert_eq!(plain("1.一般公共预算"), "一般公共预算");
        assert_eq!(plain("（一）基本工资"), "基本工资");
        assert_eq!(plain("政府办公厅（室）"), "政府办公厅（室）");
        assert_eq!(plain("其中：动用上年结转"), "动用上年结转");
        assert_eq!(plain("合  计"), "合计");
        assert_eq!(plain("2010101"), "2010101");
        assert_eq!(numbering("二、项目支出"), Some(Numbering::Top));
        assert_eq!(numbering("2.政府性基金预算"), Some(Numbering::Sub));
        assert_eq!(numbering("行政运行"), None);
    }

    #[test]
    fn marks_totals() {
        assert_eq!(total_mark("当年收入小计"), Some(TotalMark::Subtotal));
        assert_eq!(total_mark("收入合计"), Some(TotalMark::Total));
        assert_eq!(total_mark("总  计"), Some(TotalMark::Total));
        assert_eq!(total_mark("一般公共服务支出"), None);
    }
}
