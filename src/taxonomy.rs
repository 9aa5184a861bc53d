//! The 绩效指标 taxonomy, read by name: codes differ between finance
//! systems, names do not. Level 1 is 产出/效益/满意度/成本指标; level 2 is
//! 数量/质量/时效/成本 (产出), 经济/社会/生态/可持续影响 (效益), 服务对象
//! 满意度 (满意度) and, since 2021, 经济/社会/生态环境成本 (成本).

use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level1 {
    /// 产出指标
    Output,
    /// 效益指标
    Benefit,
    /// 满意度指标
    Satisfaction,
    /// 成本指标 (2021 framework)
    Cost,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level2 {
    /// 数量指标
    Quantity,
    /// 质量指标
    Quality,
    /// 时效指标
    Timeliness,
    /// 成本指标 under 产出 (before 2021)
    OutputCost,
    /// 经济效益
    Economic,
    /// 社会效益
    Social,
    /// 生态效益 = 环境效益
    Ecological,
    /// 可持续影响
    Sustainable,
    /// 服务对象满意度
    ServiceSatisfaction,
    /// 经济成本
    EconomicCost,
    /// 社会成本
    SocialCost,
    /// 生态环境成本
    EcologicalCost,
}

impl Level1 {
    /// The code in the common 财政部 template numbering.
    pub fn usual_code(self) -> &'static str {
        match self {
            Level1::Output => "1",
            Level1::Benefit => "2",
            Level1::Satisfaction => "3",
            Level1::Cost => "4",
        }
    }
}

impl Level2 {
    pub fn parent(self) -> Level1 {
        use Level2::*;
        match self {
            Quantity | Quality | Timeliness | OutputCost => Level1::Output,
            Economic | Social | Ecological | Sustainable => Level1::Benefit,
            ServiceSatisfaction => Level1::Satisfaction,
            EconomicCost | SocialCost | EcologicalCost => Level1::Cost,
        }
    }

    /// The code in the common template numbering (1x 产出, 2x 效益, …).
    pub fn usual_code(self) -> &'static str {
        use Level2::*;
        match self {
            Quantity => "11",
            Quality => "12",
            Timeliness => "13",
            OutputCost => "14",
            Economic => "21",
            Social => "22",
            Ecological => "23",
            Sustainable => "24",
            ServiceSatisfaction => "31",
            EconomicCost => "41",
            SocialCost => "42",
            EcologicalCost => "43",
        }
    }
}

/// Name without spaces and the optional 指标 suffix.
fn stem(name: &str) -> String {
    let compact: String = name.chars().filter(|c| !c.is_whitespace()).collect();
    compact
        .strip_suffix("指标")
        .map(str::to_string)
        .unwrap_or(compact)
}

pub fn level1_by_name(name: &str) -> Option<Level1> {
    Some(match stem(name).as_str() {
        "产出" => Level1::Output,
        "效益" => Level1::Benefit,
        // 湘潭 prints the level-1 name with the level-2 wording.
        "满意度" | "社会公众或服务对象满意度" | "服务对象满意度" => {
            Level1::Satisfaction
        }
        "成本" => Level1::Cost,
        _ => return None,
    })
}

/// `parent` picks between the two 成本 meanings (产出's before 2021, the
/// 成本指标 family after).
pub fn level2_by_name(name: &str, parent: Option<Level1>) -> Option<Level2> {
    use Level2::*;
    Some(match stem(name).as_str() {
        "数量" => Quantity,
        "质量" => Quality,
        "时效" => Timeliness,
        "成本" if parent == Some(Level1::Output) => OutputCost,
        "经济效益" => Economic,
        "社会效益" => Social,
        "生态效益" | "环境效益" | "生态环境效益" => Ecological,
        "可持续影响" | "可持续发展影响" | "可持续影响效益" => Sustainable,
        "服务对象满意度" | "社会公众或服务对象满意度" | "社会公众满意度" => {
            ServiceSatisfaction
        }
        "经济成本" => EconomicCost,
        "社会成本" => SocialCost,
        "生态环境成本" | "生态成本" | "环境成本" => EcologicalCost,
        _ => return None,
    })
}

/// Canonical categories of one indicator and what disagreed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Class {
    pub level1: Option<Level1>,
    pub level2: Option<Level2>,
    pub warnings: Vec<String>,
}

/// Classifies by name; warns on unknown names, a level 2 under the wrong
/// level 1, a level-2 code outside its level-1 code, and codes that differ
/// from the usual numbering.
pub fn classify(
    level1_code: Option<&str>,
    level1: Option<&str>,
    level2_code: Option<&str>,
    level2: Option<&str>,
) -> Class {
    let mut class = Class::default();
    let w = &mut class.warnings;
    let l1 = level1.and_then(level1_by_name);
    if let (Some(name), None) = (level1, l1) {
        w.push(format!("unknown level-1 indicator name “{name}”"));
    }
    let l2 = level2.and_then(|n| level2_by_name(n, l1));
    if let (Some(name), None) = (level2, l2) {
        w.push(format!("unknown level-2 indicator name “{name}”"));
    }
    if let (Some(a), Some(b)) = (l1, l2) {
        if b.parent() != a {
            w.push(format!(
                "level-2 “{}” does not belong under level-1 “{}”",
                level2.unwrap_or_default(),
                level1.unwrap_or_default()
            ));
        }
    }
    if let (Some(c1), Some(c2)) = (level1_code, level2_code) {
        if !c2.starts_with(c1) {
            w.push(format!("level-2 code {c2} is not under level-1 code {c1}"));
        }
    }
    if let (Some(code), Some(a), Some(name)) = (level1_code, l1, level1) {
        if code != a.usual_code() {
            w.push(format!(
                "level-1 code {code} disagrees with its name “{name}” (usually {})",
                a.usual_code()
            ));
        }
    }
    if let (Some(code), Some(b), Some(name)) = (level2_code, l2, level2) {
        if code != b.usual_code() {
            w.push(format!(
                "level-2 code {code} disagrees with its name “{name}” (usually {})",
                b.usual_code()
            ));
        }
    }
    class.level1 = l1;
    class.level2 = l2;
    class
}

/// Across one table: a code printed with two different names (or a name
/// with two codes) is a disagreement whatever numbering the system uses.
/// `pairs` are the (code, name) of every level printed.
pub fn check_codes<'a>(
    pairs: impl Iterator<Item = (Option<&'a str>, Option<&'a str>)>,
) -> Vec<String> {
    let mut by_code: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    let mut by_name: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (code, name) in pairs {
        if let (Some(c), Some(n)) = (code, name) {
            push_unique(by_code.entry(c).or_default(), n);
            push_unique(by_name.entry(n).or_default(), c);
        }
    }
    let mut warnings = Vec::new();
    for (code, names) in by_code.iter().filter(|(_, v)| v.len() > 1) {
        warnings.push(format!(
            "indicator code {code} is printed with different names: {}",
            names.join(", ")
        ));
    }
    for (name, codes) in by_name.iter().filter(|(_, v)| v.len() > 1) {
        warnings.push(format!(
            "indicator name “{name}” is printed with different codes: {}",
            codes.join(", ")
        ));
    }
    warnings
}

fn push_unique<'a>(v: &mut Vec<&'a str>, x: &'a str) {
    if !v.contains(&x) {
        v.push(x);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn class(c1: &str, n1: &str, c2: &str, n2: &str) -> Class {
        classify(Some(c1), Some(n1), Some(c2), Some(n2))
    }

    #[test]
    fn every_name_in_the_corpus_maps() {
        let cases = [
            ("1", "产出指标", "11", "数量指标", Level2::Quantity),
            ("1", "产出指标", "12", "质量指标", Level2::Quality),
            ("1", "产出指标", "13", "时效指标", Level2::Timeliness),
            ("2", "效益指标", "21", "经济效益", Level2::Economic),
            ("2", "效益指标", "22", "社会效益", Level2::Social),
            ("2", "效益指标", "23", "生态效益", Level2::Ecological),
            ("2", "效益指标", "24", "可持续影响", Level2::Sustainable),
            (
                "3",
                "满意度指标",
                "31",
                "服务对象满意度",
                Level2::ServiceSatisfaction,
            ),
            ("4", "成本指标", "41", "经济成本指标", Level2::EconomicCost),
            ("4", "成本指标", "42", "社会成本指标", Level2::SocialCost),
            (
                "4",
                "成本指标",
                "43",
                "生态环境成本指标",
                Level2::EcologicalCost,
            ),
        ];
        for (c1, n1, c2, n2, want) in cases {
            let got = class(c1, n1, c2, n2);
            assert_eq!(got.level2, Some(want), "{n2}");
            assert_eq!(got.level1, Some(want.parent()), "{n1}");
            assert!(got.warnings.is_empty(), "{n2}: {:?}", got.warnings);
        }
    }

    #[test]
    fn variants_of_names() {
        assert_eq!(
            class("2", "效益指标", "23", "环境效益").level2,
            Some(Level2::Ecological)
        );
        assert_eq!(
            class("2", "效益 指标", "24", "可持续影响指标").level2,
            Some(Level2::Sustainable)
        );
        assert_eq!(
            class("1", "产出指标", "14", "成本指标").level2,
            Some(Level2::OutputCost)
        );
        assert_eq!(
            class("4", "成本", "43", "生态环境成本").level2,
            Some(Level2::EcologicalCost)
        );
    }

    #[test]
    fn code_disagreeing_with_name_warns() {
        let got = class("1", "产出指标", "12", "数量指标");
        assert_eq!(got.level2, Some(Level2::Quantity), "the name wins");
        assert_eq!(got.warnings.len(), 1, "{:?}", got.warnings);
        assert!(got.warnings[0].contains("12"));
        let got = class("2", "产出指标", "11", "数量指标");
        assert_eq!(got.warnings.len(), 2, "{:?}", got.warnings);
    }

    #[test]
    fn unknown_and_misplaced_names_warn() {
        let got = class("1", "产出指标", "15", "效率指标");
        assert_eq!(got.level2, None);
        assert!(got.warnings.iter().any(|w| w.contains("unknown level-2")));
        let got = class("1", "产出指标", "12", "社会效益");
        assert!(got.warnings.iter().any(|w| w.contains("does not belong")));
        let got = class("9", "影响指标", "91", "数量指标");
        assert_eq!(got.level1, None);
        assert!(got.warnings.iter().any(|w| w.contains("unknown level-1")));
    }

    #[test]
    fn one_code_two_names_across_a_table() {
        let l1 = (Some("1"), Some("产出指标"));
        let ok = [
            l1,
            (Some("11"), Some("数量指标")),
            l1,
            (Some("12"), Some("质量指标")),
        ];
        assert!(check_codes(ok.into_iter()).is_empty());
        let bad = [
            l1,
            (Some("11"), Some("数量指标")),
            l1,
            (Some("11"), Some("质量指标")),
        ];
        let w = check_codes(bad.into_iter());
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(w[0].contains("数量指标, 质量指标"));
    }
}
