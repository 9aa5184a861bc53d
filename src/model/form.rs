//! What the form kind (performance_form) adds to the packed model: a
//! project's header block, an indicator's extra grid cells, the table's
//! log of what was read but is no indicator. docs/forms.md documents
//! every field.

use crate::amount::Amount;
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

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LogEntry {
    /// `placeholder_row`, `dropped_header`, `footer`, `note`.
    pub kind: &'static str,
    pub page: u32,
    /// The project it belongs to, if any.
    pub project: Option<String>,
    pub text: String,
}

/// 项目预算成本构成 … 合计: read as printed, its 合计 checked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CostTable {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// The 合计 row's 金额.
    pub total: Option<Amount>,
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
