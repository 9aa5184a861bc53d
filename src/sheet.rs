//! Output sheets: rows of typed cells under English column keys, the plain
//! data that table kinds produce and the CSV and XLSX writers write, with
//! each key's Chinese label (`--labels zh`).

use crate::amount::Amount;

/// One cell: spreadsheets get numbers as numbers.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Amount(Option<Amount>),
    Int(u64),
}

impl Cell {
    pub fn as_text(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Amount(a) => a.map(|a| a.to_string()).unwrap_or_default(),
            Cell::Int(i) => i.to_string(),
        }
    }
}

/// Header language for the flat outputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Labels {
    /// English snake_case keys (the default, stable for scripts).
    #[default]
    En,
    /// Chinese labels as the source tables print them, for spreadsheets.
    Zh,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    pub name: &'static str,
    /// Column keys (English).
    pub keys: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

impl Sheet {
    pub fn header(&self, labels: Labels) -> Vec<String> {
        match labels {
            Labels::En => self.keys.clone(),
            Labels::Zh => self
                .keys
                .iter()
                .map(|k| zh_label(k).unwrap_or(k).to_string())
                .collect(),
        }
    }
}

/// Chinese header for a column key.
pub fn zh_label(key: &str) -> Option<&'static str> {
    Some(match key {
        "source" => "来源文件",
        "table" => "表名",
        "department" => "部门名称",
        "unit" => "资金使用单位",
        "project" => "项目名称",
        "total" => "总计",
        "fiscal" => "财政拨款",
        "fiscal_general" => "一般公共预算",
        "fiscal_fund" => "政府性基金预算",
        "fiscal_special" => "财政专户拨款",
        "other" => "其他资金",
        "goal" => "绩效目标",
        "indicator_count" => "绩效指标数",
        "pages" => "页码",
        "group" => "指标组",
        "seq" => "序号",
        "level1_code" => "一级指标代码",
        "level1" => "一级指标",
        "level2_code" => "二级指标代码",
        "level2" => "二级指标",
        "indicator" => "三级指标",
        "period_value" => "实施周期指标值",
        "annual_value" => "年度指标值",
        "period_op" => "实施周期比较符",
        "period_number" => "实施周期数值",
        "period_unit" => "实施周期计量单位",
        "period_kind" => "实施周期指标类型",
        "annual_op" => "年度比较符",
        "annual_number" => "年度数值",
        "annual_unit" => "年度计量单位",
        "annual_kind" => "年度指标类型",
        "level1_category" => "一级指标类别",
        "level2_category" => "二级指标类别",
        _ => return budget_label(key),
    })
}

/// Chinese headers of the budget sheets (`--labels zh`).
fn budget_label(key: &str) -> Option<&'static str> {
    Some(match key {
        "year" => "年度",
        "stage" => "预决算",
        "kind" => "表类型",
        "currency_unit" => "金额单位",
        "code" => "科目编码",
        "level" => "科目级次",
        "item" => "项目",
        "measure" => "指标",
        "measure_label" => "栏目",
        "amount" => "金额",
        "side" => "收支方向",
        "item_plain" => "项目（去编号）",
        "rule" => "规则编号",
        "rule_name" => "规则",
        "subject" => "校验内容",
        "expected" => "应为",
        "actual" => "实际",
        "status" => "结果",
        "table_pages" => "表所在页",
        _ => return None,
    })
}
