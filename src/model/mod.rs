//! The normalised, typed tables: what `normalize` builds, `validate`
//! checks and `emit` writes. The JSON output is these types serialised;
//! README.md documents every field.

pub mod form;

use crate::amount::Amount;
use crate::raw::Format;
pub use crate::text::Text;
use crate::warning::Warning;
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

/// One converted input file.
#[derive(Debug, Clone)]
pub struct Document {
    pub source: String,
    pub format: Format,
    pub pages: u32,
    /// The tables in the packed 绩效目标表 model.
    pub tables: Vec<Table>,
    /// Other kinds' records, each a JSON object with a `kind` field;
    /// documents.json lists them in `tables` after the packed ones.
    pub records: Vec<serde_json::Value>,
    /// Other kinds' rows for named output sheets (budget_lines.csv …).
    pub sheets: Vec<crate::sheet::Sheet>,
    /// Other kinds' checks (the packed tables carry their own); their
    /// records say what they checked, these count for the exit code.
    pub checks: Vec<Check>,
    /// Problems outside any table (text before the first header …).
    pub warnings: Vec<Warning>,
}

impl Serialize for Document {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Out<'a> {
            source: &'a str,
            format: Format,
            pages: u32,
            tables: AllTables<'a>,
            warnings: &'a [Warning],
        }
        Out {
            source: &self.source,
            format: self.format,
            pages: self.pages,
            tables: AllTables(&self.tables, &self.records),
            warnings: &self.warnings,
        }
        .serialize(serializer)
    }
}

/// The packed tables, then the other kinds' records, as one list.
struct AllTables<'a>(&'a [Table], &'a [serde_json::Value]);

impl Serialize for AllTables<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = serializer.serialize_seq(Some(self.0.len() + self.1.len()))?;
        for t in self.0 {
            seq.serialize_element(t)?;
        }
        for r in self.1 {
            seq.serialize_element(r)?;
        }
        seq.end()
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Table {
    pub title: Option<String>,
    pub department: Option<String>,
    pub currency_unit: Option<String>,
    /// Header labels as printed.
    pub columns: Vec<String>,
    /// The 合计 row's amounts, when the table prints one.
    pub total: Option<Amounts>,
    pub units: Vec<Unit>,
    pub checks: Vec<Check>,
    pub warnings: Vec<Warning>,
    /// What repair changed (page-split rows joined, headers dropped).
    pub repairs: Vec<RepairNote>,
    /// A forms document's own fields (`kind`, `log`); docs/forms.md.
    #[serde(flatten)]
    pub form: Option<Box<form::FormTableInfo>>,
}

/// A 资金使用单位 (fund-using unit) subtotal row and its projects.
#[derive(Debug, Clone, Serialize)]
pub struct Unit {
    pub name: String,
    pub amounts: Amounts,
    pub projects: Vec<Project>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Project {
    pub name: Text,
    pub amounts: Amounts,
    pub goal: Text,
    /// Pages the project's row spans.
    pub pages: Vec<u32>,
    pub indicators: Vec<Indicator>,
    /// A form's header-block fields (code, department …); docs/forms.md.
    #[serde(flatten)]
    pub form: Option<Box<form::FormProjectInfo>>,
}

/// One item of the 绩效指标 list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Indicator {
    /// 1-based sub-list number: a new group starts where numbering restarts.
    pub group: u32,
    pub seq: u32,
    pub level1_code: Option<Text>,
    pub level1: Option<Text>,
    pub level2_code: Option<Text>,
    pub level2: Option<Text>,
    pub name: Text,
    /// 实施周期指标值, `None` when not printed.
    pub period_value: Option<Text>,
    /// 年度指标值, `None` when not printed.
    pub annual_value: Option<Text>,
    /// `level1`/`level2` read by name (see `taxonomy`); filled by `normalize::targets::enrich`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level1_category: Option<crate::taxonomy::Level1>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level2_category: Option<crate::taxonomy::Level2>,
    /// `period_value` read as a target (docs/targets.md); filled by `normalize::targets::enrich`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period_target: Option<crate::target::Target>,
    /// `annual_value` read as a target.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub annual_target: Option<crate::target::Target>,
    /// A form grid's other columns (unit, direction, extra); docs/forms.md.
    #[serde(flatten)]
    pub form: Option<Box<form::FormIndicatorInfo>>,
}

impl Indicator {
    /// (code, name) of level 1 and level 2 as printed.
    pub fn printed_levels(&self) -> [(Option<&str>, Option<&str>); 2] {
        [
            (self.level1_code.as_deref(), self.level1.as_deref()),
            (self.level2_code.as_deref(), self.level2.as_deref()),
        ]
    }
}

/// Amount columns of one row, in the table's column order, keyed by the
/// stable keys of [`amount_key`]. `None` is an empty cell.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Amounts(pub Vec<(Text, Option<Amount>)>);

impl Amounts {
    pub fn get(&self, key: &str) -> Option<Amount> {
        self.0.iter().find(|(k, _)| k == key).and_then(|(_, v)| *v)
    }
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(k, _)| k.as_str())
    }
    pub fn is_empty(&self) -> bool {
        self.0.iter().all(|(_, v)| v.is_none())
    }
}

impl Serialize for Amounts {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// The stable key for a printed amount-column label; any other label is
/// kept as printed.
pub fn amount_key(label: &str) -> Text {
    let compact: Text = label.chars().filter(|c| !c.is_whitespace()).collect();
    match compact.as_str() {
        "总计" | "合计" => "total",
        "财政拨款" => "fiscal",
        "一般公共预算" | "一般公共预算拨款" => "fiscal_general",
        "政府性基金预算" | "政府性基金预算拨款" => "fiscal_fund",
        "财政专户拨款" | "财政专户管理资金" => "fiscal_special",
        "其他资金" => "other",
        _ => return compact,
    }
    .into()
}

/// One reconciliation check and its outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Check {
    /// `row_sum` (总计 = Σ funding columns), `unit_sum` (unit = Σ its
    /// projects), `total_sum` (合计 = Σ units).
    pub kind: Text,
    /// What was checked, e.g. the unit or project name.
    pub subject: Text,
    /// The amount column compared.
    pub column: Text,
    pub expected: Option<Amount>,
    pub actual: Option<Amount>,
    pub ok: bool,
}

/// One change repair made, for the log in the JSON output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RepairNote {
    /// `dropped_header`, `appended_fragment`, `prepended_fragment`, `joined_name`;
    /// `placed_by_sums` is added by `kinds::packed::sums`.
    pub kind: String,
    pub page: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    pub detail: String,
}
