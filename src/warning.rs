//! Warnings: anything the pipeline could not read cleanly, named by file,
//! page and (for text input) line, so nothing is lost silently.

use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    /// Short machine-readable kind, e.g. `unplaced_row`, `check_failed`.
    pub kind: String,
    pub source: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    pub message: String,
}

impl Warning {
    pub fn new(kind: &str, source: &str, message: impl Into<String>) -> Self {
        Warning {
            kind: kind.to_string(),
            source: source.to_string(),
            page: None,
            line: None,
            message: message.into(),
        }
    }
    pub fn at(mut self, page: Option<u32>, line: Option<usize>) -> Self {
        self.page = page;
        self.line = line;
        self
    }
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "warning: {}", self.source)?;
        if let Some(p) = self.page {
            write!(f, ", page {p}")?;
        }
        if let Some(l) = self.line {
            write!(f, ", line {l}")?;
        }
        write!(f, ": {} [{}]", self.message, self.kind)
    }
}
