//! The typed standard tables: what `build_document` returns and
//! documents.json carries (docs/standard-tables.md documents every field).

use super::code::Level;
use super::item::{Numbering, TotalMark};
use super::kinds::StandardKind;
use crate::amount::Amount;
use crate::warning::Warning;
use serde::Serialize;

/// 预算 (budget) or 决算 (final accounts).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    Budget,
    Final,
}

impl Stage {
    pub fn id(self) -> &'static str {
        match self {
            Stage::Budget => "budget",
            Stage::Final => "final",
        }
    }
}

/// What the document is: read from its titles and furniture.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DocInfo {
    pub year: Option<u16>,
    pub stage: Option<Stage>,
    pub department: Option<String>,
}

/// One document's standard tables and the checks run on them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StandardDoc {
    pub info: DocInfo,
    pub tables: Vec<StdTable>,
    pub checks: Vec<Check>,
    pub warnings: Vec<Warning>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StdTable {
    pub kind: StandardKind,
    pub title: Option<String>,
    /// 表号 as printed (公开01表, 表一).
    pub number: Option<String>,
    pub department: Option<String>,
    pub currency_unit: Option<String>,
    /// First and last page.
    pub pages: [u32; 2],
    /// Flattened header labels, one per grid column.
    pub columns: Vec<String>,
    /// No amount printed anywhere in the table.
    pub empty: bool,
    /// The statement printed with an empty table (此表为空 …).
    pub empty_statement: Option<String>,
    /// One list per side: `main` for one-sided tables; `income`,
    /// `expenditure` (… `_function`, `_use`) for 收支 tables.
    pub sides: Vec<Side>,
    pub warnings: Vec<Warning>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Side {
    pub name: String,
    pub rows: Vec<Row>,
    /// The side's amount columns with their header components (for rules).
    #[serde(skip)]
    pub amount_columns: Vec<super::columns::Column>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Row {
    /// 科目编码, split 类|款|项 joined and zero-padded.
    pub code: Option<String>,
    pub level: Option<Level>,
    pub parent: Option<String>,
    /// The label as printed.
    pub item: String,
    /// The label without numbering prefix and letter-spacing.
    pub item_plain: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub numbering: Option<Numbering>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total: Option<TotalMark>,
    pub pages: Vec<u32>,
    pub values: Vec<Value>,
    /// Grid row, for print order across sides.
    #[serde(skip)]
    pub grid_row: usize,
    /// Which label column holds the label (大类 0, 专项 1, 物品 3 …).
    #[serde(skip)]
    pub depth: usize,
}

/// One printed amount.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Value {
    /// Stable name (`total`, `basic`, `overseas` …).
    pub measure: String,
    /// The column's flattened header label as printed.
    pub label: String,
    pub amount: Amount,
    pub unit: Option<String>,
}

impl Row {
    pub fn value(&self, measure: &str) -> Option<Amount> {
        self.values
            .iter()
            .find(|v| v.measure == measure)
            .map(|v| v.amount)
    }
    /// The row's headline amount: its `total` or `amount`, else the first.
    pub fn main(&self) -> Option<Amount> {
        self.value("total")
            .or_else(|| self.value("amount"))
            .or_else(|| self.values.first().map(|v| v.amount))
    }
    pub fn is_total(&self) -> bool {
        self.total == Some(TotalMark::Total)
    }
}

/// Outcome of one check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Ok,
    /// Off by one unit in the last printed digit.
    Rounding,
    Mismatch,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Check {
    /// Stable rule id (B101 …), see `rules`.
    pub rule: &'static str,
    pub name: &'static str,
    /// Kind id of the table checked (the first one for cross-table rules).
    pub kind: &'static str,
    pub table: Option<String>,
    /// What was compared, in words (`201 = Σ 款`, `收入总计 = 支出总计`).
    pub subject: String,
    pub measure: String,
    pub expected: Amount,
    pub actual: Amount,
    pub status: Status,
    pub pages: Vec<u32>,
    pub currency_unit: Option<String>,
}
