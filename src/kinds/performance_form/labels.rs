//! The printed labels of a form, by role. Labels are compared after
//! [`norm`]: no spaces, no colons, no `其中` lead-in, no `(万元)` suffix.

use regex::Regex;
use std::sync::OnceLock;

/// A header-block field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Name,
    Code,
    Department,
    Implementer,
    Period,
    Total,
    /// 项目总金额 (all years): the total only when no year's total is printed.
    TotalAllYears,
    Fiscal,
    Other,
    Goal,
    LongGoal,
    /// A label that heads other labels and takes no value (投入目标, 资金来源).
    Section,
}

/// A grid column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Level1,
    Level2,
    Name,
    Annual,
    Period,
    Unit,
    /// 指标方向.
    Direction,
    /// 指标性质: the direction when no 指标方向 is printed.
    Nature,
    Extra,
}

/// `其中：财政拨款（万元）` → `财政拨款`.
pub fn norm(text: &str) -> String {
    let mut s: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, ':' | '：' | '*' | '★'))
        .collect();
    if let Some(rest) = s.strip_prefix("其中") {
        s = rest.to_string();
    }
    for (open, close) in [('(', ')'), ('（', '）')] {
        if s.ends_with(close) {
            if let Some(i) = s.rfind(open) {
                if ["元", "代码", "编码"].iter().any(|w| s[i..].contains(w)) {
                    s.truncate(i);
                }
            }
        }
    }
    s
}

pub fn field(text: &str) -> Option<Field> {
    use Field::*;
    Some(match norm(text).as_str() {
        "项目名称"
        | "项目支出名称"
        | "二级项目名称"
        | "项目名"
        | "项目(政策)名称"
        | "项目（政策）名称" => Name,
        "项目编码" | "项目代码" | "项目编号" => Code,
        "主管部门"
        | "预算部门"
        | "一级预算单位"
        | "主管部门名称"
        | "主管部门及代码"
        | "主管部门及编码"
        | "主管部门/编码"
        | "主管部门/代码" => Department,
        "实施单位" | "申请单位" | "项目单位" | "项目实施单位" | "实施单位名称" => {
            Implementer
        }
        "实施期限"
        | "项目支出实施期"
        | "项目实施期"
        | "起止时间"
        | "项目起止时间"
        | "项目期限"
        | "实施周期"
        | "项目周期"
        | "实施期间"
        | "项目实施周期"
        | "执行期限"
        | "起止年限" => Period,
        "资金总额"
        | "年度预算资金总额"
        | "年度资金总额"
        | "本年度项目金额"
        | "项目资金总额"
        | "预算资金总额"
        | "年度预算金额"
        | "项目预算金额"
        | "年度项目金额" => Total,
        "项目总金额" | "项目总预算" => TotalAllYears,
        "财政拨款" | "财政拨款数" | "财政资金" | "财政拨款资金" | "当年财政拨款" | "财政性资金" => {
            Fiscal
        }
        "其他资金" | "其他资金数" | "其它资金" | "其他" | "其他来源资金" => {
            Other
        }
        "本年度绩效目标"
        | "年度目标"
        | "绩效目标"
        | "年度总体目标"
        | "年度绩效目标"
        | "本年度目标"
        | "本年度总体目标"
        | "当年绩效目标"
        | "年度总目标" => Goal,
        "实施期绩效目标"
        | "实施期目标"
        | "长期目标"
        | "长期绩效目标"
        | "实施期总体目标"
        | "实施期总目标"
        | "中长期目标"
        | "项目长期目标" => LongGoal,
        "投入目标" | "资金来源" | "年初安排金额" | "金额" | "资金情况" | "资金总额及构成" => {
            Section
        }
        _ => return None,
    })
}

pub fn column(text: &str) -> Column {
    use Column::*;
    match norm(text).as_str() {
        "一级指标" => Level1,
        "二级指标" => Level2,
        "三级指标" | "指标内容" | "指标名称" | "三级指标名称" | "绩效指标名称" => {
            Name
        }
        "指标值"
        | "目标值"
        | "指标值及单位"
        | "当年预期实现值"
        | "年度指标值"
        | "年度目标值"
        | "预期目标值"
        | "本年度指标值"
        | "绩效指标值"
        | "指标目标值"
        | "本年目标值"
        | "年度预期值"
        | "预期目标" => Annual,
        "实施期指标值" | "实施周期指标值" | "长期指标值" | "实施期目标值" => {
            Period
        }
        "计量单位" | "度量单位" | "单位" => Unit,
        "指标方向" => Direction,
        "指标性质" => Nature,
        _ => Extra,
    }
}

/// A row starting with one of these ends the grid: the form's footer.
pub fn is_footer(text: &str) -> bool {
    let t = norm(text);
    [
        "审核意见",
        "填表人",
        "填报人",
        "联系电话",
        "保障绩效目标实现措施",
        "保障措施",
    ]
    .iter()
    .any(|l| t.contains(l))
        && t.chars().count() <= 16
}

/// The first cell of a 项目预算成本构成 sub-table's header row.
pub fn is_cost_header(text: &str) -> bool {
    matches!(
        norm(text).as_str(),
        "项目预算成本构成" | "预算成本构成" | "成本构成" | "项目成本构成"
    )
}

/// `2025年项目支出绩效目标申报表`, `项目支出绩效目标表（2025年）`.
pub fn is_title(text: &str) -> bool {
    let t = norm(text);
    t.contains("绩效目标") && t.contains('表') && t.chars().count() <= 40
}

/// A grid caption names the long-term grid: 长期绩效指标, 实施期绩效指标.
pub fn is_long_term_caption(text: &str) -> bool {
    let t = norm(text);
    (t.contains("长期") || t.contains("实施期")) && t.contains("指标")
}

/// `单位:万元` anywhere in a line → `万元` (not the `单位` of `填报单位:`).
pub fn currency_unit(text: &str) -> Option<String> {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    let re = RE
        .get_or_init(|| Regex::new(r"(?:^|[^报填])单位\s*[:：]\s*(万元|元)").ok())
        .as_ref()?;
    re.captures(text)
        .and_then(|c| c.get(1))
        .map(|m| m.as_str().to_string())
}

/// `(万元)` / `（元）` in a label.
pub fn unit_in_label(text: &str) -> Option<String> {
    let t = norm_keep_unit(text);
    ["(万元)", "（万元）", "(元)", "（元）"]
        .iter()
        .find(|u| t.contains(*u))
        .map(|u| u.trim_matches(['(', ')', '（', '）']).to_string())
}

fn norm_keep_unit(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_read_through_their_decoration() {
        assert_eq!(field("其中：财政拨款"), Some(Field::Fiscal));
        assert_eq!(field("其中:财政拨款数"), Some(Field::Fiscal));
        assert_eq!(field("投入目标(万元)"), Some(Field::Section));
        assert_eq!(field("项目支出 名称"), Some(Field::Name));
        assert_eq!(field("年初安排金额(万元)"), Some(Field::Section));
        assert_eq!(field("主管部门（编码）"), Some(Field::Department));
        assert_eq!(field("项目总金额（元）"), Some(Field::TotalAllYears));
        assert_eq!(field("城区道路机械化清扫保洁项目"), None);
        assert_eq!(column("指标值及单位"), Column::Annual);
        assert_eq!(column("绩效标准"), Column::Extra);
        assert_eq!(
            currency_unit("填报单位:（盖章） 单位:万元").as_deref(),
            Some("万元")
        );
        assert_eq!(unit_in_label("投入目标(万元)").as_deref(), Some("万元"));
        assert!(is_title("项目支出绩效目标表（2025年）"));
        assert!(is_footer("财政部门审核意见"));
    }
}
