//! 科目编码: one code whether printed in one column (2010101) or split
//! 类 | 款 | 项 (201 | 03 | 01, and `301 | 2` meaning 30102), with its level
//! and parent. Function codes are 3/5/7 digits, economic codes 3/5.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// 类 (3 digits)
    Class,
    /// 款 (5 digits)
    Section,
    /// 项 (7 digits)
    Item,
}

impl Level {
    pub fn zh(self) -> &'static str {
        match self {
            Level::Class => "类",
            Level::Section => "款",
            Level::Item => "项",
        }
    }
}

/// Joins the code cells of a row: one cell is the code as printed; split
/// cells are 类 (3 digits) then 款 and 项 zero-padded to 2. Any cell that
/// is not digits, or a part that is too long, gives no code.
pub fn join(parts: &[&str]) -> Option<String> {
    let parts: Vec<&str> = parts
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect();
    if parts.is_empty() || !parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit())) {
        return None;
    }
    if let [one] = parts.as_slice() {
        return level(one).map(|_| one.to_string());
    }
    let (first, rest) = parts.split_first()?;
    if first.len() != 3 || rest.iter().any(|p| p.len() > 2) {
        return None;
    }
    let mut code = first.to_string();
    for p in rest {
        code.push_str(&format!("{p:0>2}"));
    }
    level(&code).map(|_| code)
}

pub fn level(code: &str) -> Option<Level> {
    match code.len() {
        3 => Some(Level::Class),
        5 => Some(Level::Section),
        7 => Some(Level::Item),
        _ => None,
    }
}

/// The code one level up (`2010101` → `20101` → `201`).
pub fn parent(code: &str) -> Option<String> {
    match code.len() {
        5 | 7 => code.get(..code.len() - 2).map(str::to_string),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_split_codes_zero_padded() {
        assert_eq!(join(&["201", "03", "01"]).as_deref(), Some("2010301"));
        assert_eq!(join(&["301", "2"]).as_deref(), Some("30102"));
        assert_eq!(join(&["201", "", ""]).as_deref(), Some("201"));
        assert_eq!(join(&["2010101"]).as_deref(), Some("2010101"));
        assert_eq!(join(&["合计", ""]), None);
        assert_eq!(join(&["2010", "1"]), None);
        assert_eq!(join(&["", ""]), None);
    }

    #[test]
    fn levels_and_parents() {
        assert_eq!(level("20101"), Some(Level::Section));
        assert_eq!(parent("2010101").as_deref(), Some("20101"));
        assert_eq!(parent("30102").as_deref(), Some("301"));
        assert_eq!(parent("301"), None);
    }
}
