//! The 绩效指标 cell: a numbered list of items
//! `N、<code>-<level1>；<code>-<level2>；<name>；实施周期指标值:<v>；年度指标值:<v>。`
//! Numbering may restart (sub-lists), values may hold `；` and `、`, colons
//! may be ASCII or full width, and the last item may be cut off.

use crate::model::{Indicator, Text};
use regex::Regex;
use std::sync::LazyLock;

static ITEM_START: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\d{1,3})\s*、\s*\d{1,3}\s*-").expect("static regex"));
/// An item start with its level-1 label, for numbers not after a full stop.
static ITEM_WITH_LEVEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\d{1,3}\s*、\s*\d{1,3}\s*-[^；;。]{1,10}指标[；;]").expect("static regex")
});
static LEVEL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(\d{1,4})\s*-\s*(.+?)\s*$").expect("static regex"));
static PERIOD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"实施周期指标值\s*[:：]").expect("static regex"));
static ANNUAL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"年度指标值\s*[:：]").expect("static regex"));

/// The parsed list and what could not be read cleanly.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParsedIndicators {
    pub items: Vec<Indicator>,
    /// Text before the first numbered item (kept for a warning).
    pub preamble: Option<String>,
    /// One message per item that lacks parts.
    pub problems: Vec<String>,
}

/// Byte offsets where items start, with their printed numbers.
pub fn item_starts(cell: &str) -> Vec<(usize, u32)> {
    let mut out: Vec<(usize, u32)> = Vec::new();
    for c in ITEM_START.captures_iter(cell) {
        let (Some(m), Some(n)) = (c.get(0), c.get(1)) else {
            continue;
        };
        let Ok(seq) = n.as_str().parse::<u32>() else {
            continue;
        };
        let expected = out.last().map_or(1, |&(_, s)| s + 1);
        let labelled = || ITEM_WITH_LEVEL.is_match(&cell[m.start()..]);
        if at_boundary(cell, m.start()) || ((seq == expected || seq == 1) && labelled()) {
            out.push((m.start(), seq));
        }
    }
    out
}

/// An item number counts where a previous item ended (。；) or at the start.
fn at_boundary(cell: &str, at: usize) -> bool {
    match cell[..at].chars().next_back() {
        None => true,
        Some(c) => matches!(c, '。' | '；' | ';' | '.') || c.is_whitespace(),
    }
}

/// True when the cell opens with a numbered item.
pub fn starts_fresh(cell: &str) -> bool {
    let t = cell.trim_start();
    item_starts(t).first().is_some_and(|&(at, _)| at == 0)
}

/// The number of the first item when the cell opens with one.
pub fn first_seq(cell: &str) -> Option<u32> {
    let t = cell.trim_start();
    item_starts(t)
        .first()
        .filter(|&&(at, _)| at == 0)
        .map(|&(_, s)| s)
}

/// True when the cell's last item is complete: it has its 年度指标值 and the
/// text ends with a full stop.
pub fn ends_complete(cell: &str) -> bool {
    let t = cell.trim_end();
    if t.is_empty() {
        return true;
    }
    let last_start = item_starts(t).last().map_or(0, |&(at, _)| at);
    ANNUAL.is_match(&t[last_start..]) && t.ends_with(['。', '.'])
}

pub fn parse_indicators(cell: &str) -> ParsedIndicators {
    let cell = cell.trim();
    let starts = item_starts(cell);
    let mut out = ParsedIndicators::default();
    let first = starts.first().map_or(cell.len(), |&(at, _)| at);
    let pre = cell[..first].trim();
    if !pre.is_empty() {
        out.preamble = Some(pre.to_string());
    }
    let mut group = 1;
    for (i, &(at, seq)) in starts.iter().enumerate() {
        let end = starts.get(i + 1).map_or(cell.len(), |&(next, _)| next);
        if let Some(prev) = out.items.last() {
            if seq <= prev.seq {
                group += 1;
            }
        }
        let body = strip_number(&cell[at..end]);
        let (item, problem) = parse_item(body, group, seq);
        if let Some(p) = problem {
            out.problems
                .push(format!("indicator {group}.{seq} «{}»: {p}", body.trim()));
        }
        out.items.push(item);
    }
    out
}

/// `12、1-产出指标…` → `1-产出指标…`
fn strip_number(s: &str) -> &str {
    match s.find('、') {
        Some(i) => &s[i + '、'.len_utf8()..],
        None => s,
    }
}

fn parse_item(body: &str, group: u32, seq: u32) -> (Indicator, Option<&'static str>) {
    let body = body.trim();
    let body = body.strip_suffix('。').unwrap_or(body).trim();
    let (l1, rest) = take_level(body);
    let (l2, rest) = if l1.is_some() {
        take_level(rest)
    } else {
        (None, rest)
    };
    let (name, period, annual) = split_values(rest);
    let problem = if l1.is_none() || l2.is_none() {
        Some("no level-1/level-2 codes")
    } else if period.is_none() && annual.is_none() {
        Some("no values printed (实施周期指标值/年度指标值)")
    } else if annual.is_none() {
        Some("no 年度指标值")
    } else if period.is_none() {
        Some("no 实施周期指标值")
    } else {
        None
    };
    let (level1_code, level1) = l1.unzip();
    let (level2_code, level2) = l2.unzip();
    let item = Indicator {
        group,
        seq,
        level1_code: level1_code.map(Text::from),
        level1: level1.map(Text::from),
        level2_code: level2_code.map(Text::from),
        level2: level2.map(Text::from),
        name: name.into(),
        period_value: period.map(Text::from),
        annual_value: annual.map(Text::from),
        ..Indicator::default()
    };
    (item, problem)
}

/// `1-产出指标；rest` → (("1", "产出指标"), rest)
fn take_level(s: &str) -> (Option<(String, String)>, &str) {
    let (head, rest) = match s.find(['；', ';']) {
        Some(i) => {
            let sep = s[i..].chars().next().map_or(1, char::len_utf8);
            (&s[..i], &s[i + sep..])
        }
        None => (s, ""),
    };
    match LEVEL.captures(head) {
        Some(c) => (Some((c[1].to_string(), c[2].to_string())), rest),
        None => (None, s),
    }
}

/// `name；实施周期指标值:v1；年度指标值:v2` → (name, v1, v2).
fn split_values(s: &str) -> (String, Option<String>, Option<String>) {
    let period = PERIOD.find(s);
    let annual = period.map_or_else(|| ANNUAL.find(s), |p| ANNUAL.find_at(s, p.end()));
    let name_end = period.or(annual).map_or(s.len(), |m| m.start());
    let name = trim_sep(&s[..name_end]);
    let period_value = period.map(|p| trim_sep(&s[p.end()..annual.map_or(s.len(), |a| a.start())]));
    let annual_value = annual.map(|a| trim_sep(&s[a.end()..]));
    let nonempty = |v: Option<String>| v.filter(|x| !x.is_empty());
    (name, nonempty(period_value), nonempty(annual_value))
}

fn trim_sep(s: &str) -> String {
    s.trim().trim_end_matches(['；', ';']).trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_item() {
        let p = parse_indicators(
            "1、1-产出指标；11-数量指标；保密项目；实施周期指标值:保密项目；年度指标值:保密项目。",
        );
        assert_eq!(p.items.len(), 1);
        let i = &p.items[0];
        assert_eq!((i.group, i.seq), (1, 1));
        assert_eq!(i.level1_code.as_deref(), Some("1"));
        assert_eq!(i.level1.as_deref(), Some("产出指标"));
        assert_eq!(i.level2_code.as_deref(), Some("11"));
        assert_eq!(i.level2.as_deref(), Some("数量指标"));
        assert_eq!(i.name, "保密项目");
        assert_eq!(i.period_value.as_deref(), Some("保密项目"));
        assert_eq!(i.annual_value.as_deref(), Some("保密项目"));
        assert!(p.problems.is_empty() && p.preamble.is_none());
    }

    #[test]
    fn restart_starts_a_new_group() {
        let s = "1、1-产出指标；11-数量指标；a；实施周期指标值:1；年度指标值:1。2、1-产出指标；11-数量指标；b；实施周期指标值:2；年度指标值:2。1、2-效益指标；22-社会效益；c；实施周期指标值:3；年度指标值:3。";
        let p = parse_indicators(s);
        let gs: Vec<(u32, u32)> = p.items.iter().map(|i| (i.group, i.seq)).collect();
        assert_eq!(gs, vec![(1, 1), (1, 2), (2, 1)]);
    }

    #[test]
    fn values_keep_semicolons_enumeration_commas_and_fullwidth_colons() {
        let s = "8、1-产出指标；11-数量指标；活动数量；实施周期指标值：专利拍卖会1场；项目路演4场；年度指标值:月报12期、年报1期。9、1-产出指标；11-数量指标；x；实施周期指标值:1；年度指标值:2。";
        let p = parse_indicators(s);
        assert_eq!(p.items.len(), 2);
        assert_eq!(
            p.items[0].period_value.as_deref(),
            Some("专利拍卖会1场；项目路演4场")
        );
        assert_eq!(
            p.items[0].annual_value.as_deref(),
            Some("月报12期、年报1期")
        );
    }

    #[test]
    fn truncated_last_item_is_kept_with_a_problem() {
        let s = "7、1-产出指标；12-质量指标；x；实施周期指标值:0次；年度指标值:0次。8、1-产出指标；13-时效指标；资金支出进度（%）。";
        let p = parse_indicators(s);
        assert_eq!(p.items.len(), 2);
        assert_eq!(p.items[1].name, "资金支出进度（%）");
        assert_eq!(p.items[1].annual_value, None);
        assert_eq!(p.problems.len(), 1);
    }

    #[test]
    fn preamble_is_reported() {
        let p = parse_indicators("约5000项；年度指标值:x。10、1-产出指标；11-数量指标；y；实施周期指标值:1；年度指标值:1。");
        assert_eq!(p.preamble.as_deref(), Some("约5000项；年度指标值:x。"));
        assert_eq!(p.items[0].seq, 10);
    }

    #[test]
    fn completeness() {
        assert!(ends_complete(
            "1、1-产出指标；11-数量指标；a；实施周期指标值:1；年度指标值:1。"
        ));
        assert!(!ends_complete(
            "1、1-产出指标；11-数量指标；a；实施周期指标值:1；年度指标值:1。2、1-产出指"
        ));
        assert!(starts_fresh(" 1、2-效益指标；"));
        assert!(!starts_fresh("标；11-数量指标；"));
        assert_eq!(first_seq("10、1-产出"), Some(10));
    }

    #[test]
    fn numbers_inside_values_do_not_split() {
        let s = "1、1-产出指标；11-数量指标；a；实施周期指标值:第1、2-3季度；年度指标值:1。";
        assert_eq!(parse_indicators(s).items.len(), 1);
    }
}
