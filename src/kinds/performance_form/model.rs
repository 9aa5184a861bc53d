//! What a forms document becomes: projects with their header block and
//! indicators, one per grid row. Serialised as is into `documents.json`;
//! docs/forms.md documents every field.

use crate::amount::Amount;
use crate::model::Check;
use crate::target::Target;
use crate::taxonomy::{Level1, Level2};
use crate::warning::Warning;
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};
use std::collections::BTreeMap;

/// Label → printed text, in printed order (a JSON object).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fields(pub Vec<(String, String)>);

impl Fields {
    pub fn get(&self, label: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == label)
            .map(|(_, v)| v.as_str())
    }
    /// Adds a field; a label printed twice keeps both (`label#2`).
    pub fn push(&mut self, label: &str, text: &str) {
        let mut key = label.to_string();
        let mut n = 1;
        while self.get(&key).is_some() {
            n += 1;
            key = format!("{label}#{n}");
        }
        self.0.push((key, text.to_string()));
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Serialize for Fields {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// A code printed in brackets with a name, split: `(433)乌海市…` →
/// `{code: "433", name: "乌海市…"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Coded {
    pub code: String,
    pub name: String,
}

/// One converted forms document.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FormDoc {
    /// Always `performance_form`.
    pub kind: &'static str,
    pub source: String,
    pub title: Option<String>,
    /// The plain department name (codes split off).
    pub department: Option<String>,
    pub currency_unit: Option<String>,
    pub projects: Vec<FormProject>,
    pub checks: Vec<Check>,
    pub warnings: Vec<Warning>,
    /// What was read but is no indicator (placeholder rows, repeated
    /// headers dropped, footers), so nothing printed is lost silently.
    pub log: Vec<LogEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LogEntry {
    /// `placeholder_row`, `dropped_header`, `footer`, `note`.
    pub kind: &'static str,
    pub page: u32,
    /// The project it belongs to, if any.
    pub project: Option<String>,
    pub text: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct FormAmounts {
    pub total: Option<Amount>,
    pub fiscal: Option<Amount>,
    pub other: Option<Amount>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FormProject {
    /// 项目名称 as printed.
    pub name: String,
    /// 项目编码 / 项目代码 as printed.
    pub code: Option<String>,
    /// 主管部门 / 预算部门 / 一级预算单位 as printed.
    pub department: Option<String>,
    /// 实施单位 / 申请单位 / 项目单位 as printed.
    pub implementer: Option<String>,
    /// 实施期限 / 项目支出实施期 / 起止时间 as printed.
    pub period: Option<String>,
    pub amounts: FormAmounts,
    /// The 年度 goal.
    pub goal: Option<String>,
    /// 实施期绩效目标 / 实施期目标 / 长期目标.
    pub long_term_goal: Option<String>,
    /// Codes printed in brackets with a name, split: field (`name`,
    /// `department`, `implementer` or an `extra` label) → {code, name}.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub codes: BTreeMap<String, Coded>,
    /// Every other header-block field: label → printed text.
    pub extra: Fields,
    /// The 项目预算成本构成 sub-table, where printed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cost: Option<CostTable>,
    pub pages: Vec<u32>,
    pub indicators: Vec<FormIndicator>,
}

/// 项目预算成本构成 … 合计: read as printed, its 合计 checked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CostTable {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// The 合计 row's 金额.
    pub total: Option<Amount>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FormIndicator {
    pub level1: Option<String>,
    pub level2: Option<String>,
    /// The 三级 indicator (三级指标 / 指标内容).
    pub name: String,
    /// The 年度 value as printed (指标值, 目标值, 指标值及单位, 当年预期实现值).
    pub annual_value: Option<String>,
    /// The 长期 / 实施期 value as printed.
    pub period_value: Option<String>,
    /// The 计量单位 cell, where the grid has one.
    pub unit: Option<String>,
    /// The 指标方向 (else 指标性质) cell, where the grid has one.
    pub direction: Option<String>,
    /// Every other grid column: label → printed text.
    pub extra: Fields,
    pub page: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level1_category: Option<Level1>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level2_category: Option<Level2>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub annual_target: Option<Target>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period_target: Option<Target>,
}

/// What a forms document adds to the packed model's table.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct FormTableInfo {
    /// Always `performance_form`.
    pub kind: &'static str,
    pub log: Vec<LogEntry>,
}

/// What a form's project adds to the packed model's project.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct FormProjectInfo {
    pub code: Option<String>,
    pub department: Option<String>,
    pub implementer: Option<String>,
    pub period: Option<String>,
    pub long_term_goal: Option<String>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub codes: BTreeMap<String, Coded>,
    pub extra: Fields,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cost: Option<CostTable>,
}

/// What a form's grid row adds to the packed model's indicator.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct FormIndicatorInfo {
    pub unit: Option<String>,
    pub direction: Option<String>,
    pub extra: Fields,
    pub page: u32,
}
