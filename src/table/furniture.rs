//! Page furniture read once for every source: the title (the line under a
//! 表号 such as 公开01表 / 表一 / 附表1 included), the 表号, the department
//! (部门名称 / 编制单位 / 单位名称 / 预算单位), the currency unit (单位：万元),
//! and what is no content at all: page numbers and 续表 marks.

use super::{LogicalTable, Note, NotePlace};
use regex::Regex;
use std::sync::OnceLock;

fn regex(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).unwrap_or_else(|e| panic!("bad pattern: {e}")))
}

/// Page numbers: "3", "- 3 -", "第3页", "第 3 页 共 9 页", "3/9".
pub fn is_page_number(text: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = regex(
        &RE,
        r"^[-—–\s]*(第\s*\d+\s*页(\s*[,，]?\s*共\s*\d+\s*页)?|\d+(\s*/\s*\d+)?)[-—–\s]*$",
    );
    re.is_match(text.trim())
}

/// A 表号: `公开01表`, `公开 07 表`, `表一`, `附表1`, `公开表一`, `表3-1`.
const NUMBER: &str = r"(?:[\p{Han}]{0,4}公开\s*(?:表\s*)?[0-9０-９一二三四五六七八九十]+(?:\s*[-—]\s*[0-9]+)?\s*表?|附?表\s*[0-9０-９一二三四五六七八九十]+(?:\s*[-—]\s*[0-9]+)?)";

/// A 表号 line on its own, spaces removed.
pub fn table_number(text: &str) -> Option<String> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = regex(&RE, &format!("^{NUMBER}$"));
    let t = text.trim();
    re.is_match(t)
        .then(|| t.chars().filter(|c| !c.is_whitespace()).collect())
}

/// A 表号 printed before the title on one line, `公开 09 表：一般公共预算…`:
/// the number (spaces removed) and the rest. Other lines come back whole.
pub fn split_number(text: &str) -> (Option<String>, &str) {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = regex(&RE, &format!(r"^({NUMBER})\s*[:：]\s*(\S.*)$"));
    let t = text.trim();
    match re.captures(t).and_then(|c| Some((c.get(1)?, c.get(2)?))) {
        Some((n, rest)) => (
            Some(n.as_str().chars().filter(|c| !c.is_whitespace()).collect()),
            rest.as_str(),
        ),
        None => (
            table_number(t),
            if table_number(t).is_some() { "" } else { t },
        ),
    }
}

/// A title names a table (…表, or a Latin caption `Table 6.9: …`) and is
/// no sentence, note or bare 表号.
pub fn is_title(text: &str) -> bool {
    static CAPTION: OnceLock<Regex> = OnceLock::new();
    let caption = r"^(?:Table|TABLE|Tab\.)\s*[A-Z]?[.\-]?\d+(?:[.\-]\d+)*\b";
    if regex(&CAPTION, caption).is_match(text.trim()) {
        return true;
    }
    text.contains('表')
        && !text.contains(['。', '；', '，'])
        && !text.starts_with('注')
        && !text.starts_with("本表")
        && !text.starts_with("说明")
        && text.chars().count() <= 60
        && table_number(text).is_none()
}

/// "续表", "（续）", "续上表": the table goes on from the page before.
pub fn is_continuation_mark(text: &str) -> bool {
    let t = text.trim();
    t.starts_with("续表") || t.starts_with("续上表") || t.ends_with("（续）") || t.ends_with("(续)")
}

/// A line of running prose (a paragraph's line, not a heading, label or
/// furniture): 30 characters or more with a sentence ending in it.
/// A grid that prose introduces is a table of its own, not a continuation.
pub fn is_prose(text: &str) -> bool {
    let t = text.trim();
    let sentence_end = t.contains(['。', '！', '？'])
        || t.char_indices()
            .any(|(i, c)| matches!(c, '.' | '!' | '?') && ends_sentence(t, i));
    t.chars().count() >= 30 && sentence_end && !is_title(t) && !is_continuation_mark(t)
}

/// The Latin stop at byte `i` ends a sentence: a word of three letters
/// or more before it (not `3.5`, `e.g.`, `U.S.`), the line's end or a
/// space after it.
fn ends_sentence(t: &str, i: usize) -> bool {
    let word = t[..i].rsplit(char::is_whitespace).next().unwrap_or("");
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    let after = t[i + 1..].chars().next();
    letters >= 3 && !word.contains('.') && after.is_none_or(char::is_whitespace)
}

/// The department named on a 部门名称 (or similar) line.
pub fn department(text: &str) -> Option<String> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = regex(
        &RE,
        r"(?:部门名称|编制部门|编制单位|单位名称|预算单位|部门)\s*[:：]\s*(.+?)\s*(?:(?:金额)?单位\s*[:：]\s*(?:亿元|万元|千元|元).*)?$",
    );
    let name = re.captures(text)?.get(1)?.as_str().trim();
    (!name.is_empty()).then(|| name.to_string())
}

/// The currency unit on a 单位 line, e.g. `万元`.
pub fn currency_unit(text: &str) -> Option<String> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = regex(&RE, r"单位\s*[:：]\s*(亿元|万元|千元|元)");
    Some(re.captures(text)?.get(1)?.as_str().to_string())
}

/// Fills the furniture a source left unset from the notes printed above
/// the table (top to bottom): the last title line (the one nearest the
/// grid), the 表号, 部门 and 单位. Page numbers and 续表 marks are dropped
/// from the notes; the lines used stay as notes.
pub fn apply(t: &mut LogicalTable) {
    t.notes
        .retain(|n| !is_page_number(&n.text) && !is_continuation_mark(&n.text));
    let above: Vec<String> = t
        .notes
        .iter()
        .filter(|n| n.place == NotePlace::Above)
        .map(|n| n.text.trim().to_string())
        .collect();
    let m = &mut t.meta;
    for text in &above {
        let (dept, unit) = (department(text), currency_unit(text));
        if dept.is_some() || unit.is_some() {
            m.department = m.department.take().or(dept);
            m.currency_unit = m.currency_unit.take().or(unit);
        } else if let (Some(n), _) = split_number(text) {
            m.number = m.number.take().or(Some(n));
        }
    }
    if m.title.is_none() {
        m.title = above
            .iter()
            .map(|t| split_number(t).1)
            .rev()
            .find(|t| is_title(t))
            .map(str::to_string);
    }
}

/// The notes printed around a table that are not its furniture (title,
/// 表号, 部门, 单位): `注：…`, 数据来源, a statement that the table is empty.
/// They are no cell of the table, so outputs list them beside it rather
/// than drop them. Only notes on the table's own pages: a source may hang
/// the prose pages after the last table (情况说明) on it.
pub fn leftover_notes(t: &LogicalTable) -> Vec<&Note> {
    let title = t.meta.title.as_deref().map(str::trim);
    t.notes
        .iter()
        .filter(|n| (t.first_page..=t.last_page).contains(&n.page))
        .filter(|n| {
            let text = n.text.trim();
            let (number, rest) = split_number(text);
            !text.is_empty()
                && Some(rest.trim()) != title
                && !(number.is_some() && rest.trim().is_empty())
                && department(text).is_none()
                && currency_unit(text).is_none()
                && !is_continuation_mark(text)
                && !is_page_number(text)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::Note;

    #[test]
    fn prose_is_told_from_headings_labels_and_furniture() {
        for t in [
            "二、支出情况说明。本部门本年支出预算主要用于保障机构正常运转，",
            "public government information and services. FCS enables citizen access and",
            "costly and duplicative procurements of the same services by every agency.",
        ] {
            assert!(is_prose(t), "{t}");
        }
        for t in [
            "Federal Citizen Services Fund",
            "Table 14. Actual and projected numbers for public high school graduates.",
            "through 2021–22—Continued",
            "U.S. Department of Commerce, Census Bureau, Population Estimates",
            "一般公共预算支出表（按功能分类科目，续）",
            "Total current expenditures 1.3 2.1 2.0 2.1 2.6 3.3 3.9 4.1",
        ] {
            assert!(!is_prose(t), "{t}");
        }
        assert!(is_title(
            "Table A-2. Mean absolute percentage errors (MAPEs)"
        ));
    }

    #[test]
    fn table_numbers_are_no_titles() {
        for n in [
            "公开01表",
            "公开 07 表",
            "表一",
            "附表1",
            "公开表一",
            "公开表十二",
            "表3-1",
        ] {
            assert!(table_number(n).is_some(), "{n}");
            assert!(!is_title(n), "{n}");
        }
        assert_eq!(table_number("公开 07 表").as_deref(), Some("公开07表"));
        assert!(table_number("收支预算总表").is_none());
        assert!(is_title("一般公共预算支出表"));
        assert_eq!(
            split_number("公开 09 表：一般公共预算“三公”经费"),
            (Some("公开09表".to_string()), "一般公共预算“三公”经费")
        );
        assert_eq!(split_number("公开表一"), (Some("公开表一".to_string()), ""));
        assert_eq!(split_number("收支预算总表"), (None, "收支预算总表"));
    }

    #[test]
    fn furniture_from_the_notes_above() {
        let note = |text: &str| Note {
            page: 1,
            place: NotePlace::Above,
            text: text.to_string(),
        };
        let mut t = LogicalTable {
            notes: vec![
                note("公开表一"),
                note("收支预算总表"),
                note("编制单位：某局    单位：万元"),
                note("- 3 -"),
            ],
            ..LogicalTable::default()
        };
        apply(&mut t);
        assert_eq!(t.meta.title.as_deref(), Some("收支预算总表"));
        assert_eq!(t.meta.number.as_deref(), Some("公开表一"));
        assert_eq!(t.meta.department.as_deref(), Some("某局"));
        assert_eq!(t.meta.currency_unit.as_deref(), Some("万元"));
        assert_eq!(t.notes.len(), 3, "the page number is dropped");
    }
}
