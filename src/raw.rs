//! The raw table: what every ingest produces and what `repair` consumes.
//! Rows of cells aligned to the header's columns, each with its page.

use crate::warning::Warning;
use serde::Serialize;

/// Which reader produced a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Text,
    Html,
    Pdf,
    Xlsx,
    Xls,
    Docx,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Html => "html",
            Format::Pdf => "pdf",
            Format::Xlsx => "xlsx",
            Format::Xls => "xls",
            Format::Docx => "docx",
        }
    }
}

/// Metadata printed above (or inside) a table.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct TableMeta {
    /// e.g. `项目支出绩效目标表（含转移支付项目）`
    pub title: Option<String>,
    /// 部门名称
    pub department: Option<String>,
    /// 单位, e.g. `万元`
    pub currency_unit: Option<String>,
    /// The 表号 printed with the title: `公开08表`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
}

/// One row of source cells. `cells.len()` equals the table's column count.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RawRow {
    pub cells: Vec<String>,
    /// 1-based page (text input: blank-line-separated block) the row sits on.
    pub page: u32,
    /// 1-based source line, where the input has lines.
    pub line: Option<usize>,
    /// True when the source row had fewer cells than columns and ingest
    /// placed them by content; repair may re-place a lone text cell.
    pub placed_by_content: bool,
    /// Pages the row's text came from (more than one after repair joins).
    pub pages: Vec<u32>,
    /// Other placements of a row that lost cells which fitted its content
    /// as well as `cells` did (each a full row); the table's sums choose
    /// among them (`kinds::packed::sums`).
    #[serde(skip)]
    pub alternatives: Vec<Vec<String>>,
}

impl RawRow {
    pub fn new(cells: Vec<String>, page: u32, line: Option<usize>) -> Self {
        RawRow {
            cells,
            page,
            line,
            placed_by_content: false,
            pages: vec![page],
            alternatives: Vec::new(),
        }
    }
    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| c.trim().is_empty())
    }
}

/// A table as read, before any repair.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RawTable {
    pub meta: TableMeta,
    /// Leaf header labels as printed, left to right.
    pub columns: Vec<String>,
    pub rows: Vec<RawRow>,
    /// Problems noticed while reading (text that could not be placed …).
    pub warnings: Vec<Warning>,
}

/// Everything ingest read from one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RawDocument {
    /// The path as given by the user.
    pub source: String,
    pub format: Format,
    /// Page count (text input: blank-line-separated blocks holding table rows).
    pub pages: u32,
    pub tables: Vec<RawTable>,
    pub warnings: Vec<Warning>,
}
