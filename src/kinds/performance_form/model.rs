//! What a forms document becomes: projects with their header block and
//! indicators, one per grid row. Serialised as is into `documents.json`;
//! docs/forms.md documents every field.

use crate::amount::Amount;
pub use crate::model::form::{
    Coded, CostTable, Fields, FormIndicatorInfo, FormProjectInfo, FormTableInfo, LogEntry,
};
use crate::model::Check;
use crate::target::Target;
use crate::taxonomy::{Level1, Level2};
use crate::warning::Warning;
use serde::Serialize;
use std::collections::BTreeMap;

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
