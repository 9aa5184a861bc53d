//! The document's year, stage (预算 / 决算) and department, read from the
//! titles and furniture printed with its tables.

use super::fold::fold;
use super::model::{DocInfo, Stage};

/// Words that end the department part of a title (`江苏省高级人民法院部门收支预算总表`).
const TITLE_WORDS: [&str; 14] = [
    "部门",
    "单位",
    "预算",
    "决算",
    "收支",
    "收入",
    "支出",
    "财政拨款",
    "一般公共",
    "“三公",
    "\"三公",
    "政府性基金",
    "国有资本",
    "政府采购",
];

/// `titles`: the tables' titles; `departments`: 部门名称 furniture;
/// `other`: the cover page's lines and the file name, used when the
/// titles and furniture do not say (`上海市普陀区财政局2024年度部门决算`).
pub fn doc_info(titles: &[&str], departments: &[&str], other: &[&str]) -> DocInfo {
    let year = titles.iter().chain(other).find_map(|t| year_in(&fold(t)));
    let stage = if titles.iter().any(|t| fold(t).contains("决算")) {
        Some(Stage::Final)
    } else if titles.iter().any(|t| fold(t).contains("预算")) {
        Some(Stage::Budget)
    } else {
        None
    };
    let department = most_common(departments)
        .or_else(|| titles.iter().find_map(|t| department_in(&fold(t))))
        .or_else(|| other.iter().find_map(|t| department_before_year(&fold(t))));
    DocInfo {
        year,
        stage,
        department,
    }
}

/// `2017年` → 2017 (a four-digit year from 2000 on, followed by 年).
pub fn year_in(t: &str) -> Option<u16> {
    let chars: Vec<char> = t.chars().collect();
    chars.windows(5).find_map(|w| {
        let digits: String = w.get(..4)?.iter().collect();
        let ok = w.get(4) == Some(&'年')
            && digits.starts_with("20")
            && digits.chars().all(|c| c.is_ascii_digit());
        ok.then(|| digits.parse().ok()).flatten()
    })
}

/// The department named before the year of a cover line or file name
/// (`省法院2017年度部门预算公开`), else after it.
fn department_before_year(t: &str) -> Option<String> {
    let at = year_at(t)?;
    let before = t.get(..at)?.trim_start_matches(|c: char| !is_cjk(c));
    if before.chars().count() >= 2 && before.chars().all(is_cjk) {
        return Some(before.to_string());
    }
    department_in(t)
}

fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// Byte offset of the first `20xx年`.
fn year_at(t: &str) -> Option<usize> {
    let y = year_in(t)?.to_string() + "年";
    t.find(&y)
}

/// The department named between the year and the table's name.
fn department_in(t: &str) -> Option<String> {
    let at = year_at(t)?;
    let after = t.get(at..)?;
    let after_year = after
        .find('年')
        .map_or(after, |i| &after[i + '年'.len_utf8()..]);
    let rest = after_year.strip_prefix('度').unwrap_or(after_year);
    let end = TITLE_WORDS
        .iter()
        .filter_map(|w| rest.find(w))
        .min()
        .unwrap_or(rest.len());
    let name = rest
        .get(..end)?
        .trim_matches(|c: char| c.is_ascii_digit() || "、.".contains(c));
    (name.chars().count() >= 2).then(|| name.to_string())
}

fn most_common(xs: &[&str]) -> Option<String> {
    let mut best: Option<(&str, usize)> = None;
    for x in xs.iter().map(|x| x.trim()).filter(|x| !x.is_empty()) {
        let n = xs.iter().filter(|y| y.trim() == x).count();
        if best.is_none_or(|(_, m)| n > m) {
            best = Some((x, n));
        }
    }
    best.map(|(x, _)| x.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_year_stage_and_department() {
        let i = doc_info(
            &[
                "一、2017年度江苏省高级人民法院部门收支预算总表",
                "收入预算总表",
            ],
            &[],
            &[],
        );
        assert_eq!(i.year, Some(2017));
        assert_eq!(i.stage, Some(Stage::Budget));
        assert_eq!(i.department.as_deref(), Some("江苏省高级人民法院"));
        let j = doc_info(
            &["收入支出决算总表", "国有资本经营预算财政拨款收入支出决算表"],
            &["上海市普陀区财政局", "上海市普陀区财政局"],
            &[],
        );
        assert_eq!(j.stage, Some(Stage::Final));
        assert_eq!(j.year, None);
        assert_eq!(j.department.as_deref(), Some("上海市普陀区财政局"));
        assert_eq!(
            doc_info(&["2025年部门财务收支预算总表"], &[], &[]).department,
            None
        );
        let k = doc_info(
            &["国有资本经营预算财政拨款收入支出决算表"],
            &[],
            &["上海市普陀区财政局2024年度部门决算"],
        );
        assert_eq!(
            (k.year, k.department.as_deref()),
            (Some(2024), Some("上海市普陀区财政局"))
        );
        let f = doc_info(
            &["收支预算总表"],
            &[],
            &["jiangsu/省法院2017年度部门预算公开.pdf"],
        );
        assert_eq!(
            (f.year, f.department.as_deref()),
            (Some(2017), Some("省法院"))
        );
    }
}
