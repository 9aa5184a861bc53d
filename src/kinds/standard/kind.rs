//! The standard tables as one family in the kinds registry: one kind
//! entry sees all of a document's standard tables at once, so the rules
//! between tables (B2xx) can run; every record carries its own kind id
//! (`income_expenditure_summary` …).

use super::{build_document, detect, info_of, StandardDoc};
use crate::emit::budget;
use crate::kinds::{Built, DocInfo, Kind};
use crate::table::LogicalTable;

pub struct Standard;

impl Kind for Standard {
    fn id(&self) -> &'static str {
        "standard"
    }

    fn detect(&self, table: &LogicalTable) -> bool {
        detect(table).is_some()
    }

    fn build(&self, tables: &[&LogicalTable], doc: &DocInfo) -> Built {
        let owned: Vec<LogicalTable> = tables.iter().map(|t| (*t).clone()).collect();
        let name = std::path::Path::new(doc.source)
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or(doc.source);
        let info = info_of(&owned, &[name]);
        let std_doc = build_document(&owned, &info, doc.source);
        Built {
            records: records(&std_doc),
            sheets: vec![
                budget::lines(doc.source, &std_doc),
                budget::checks(doc.source, &std_doc),
            ],
            warnings: std_doc.warnings.clone(),
            ..Built::default()
        }
    }
}

/// One documents.json record per table: the typed table with the
/// document's year, stage and department and the checks run on it (a
/// check between tables goes with its first table).
fn records(d: &StandardDoc) -> Vec<serde_json::Value> {
    d.tables
        .iter()
        .map(|t| {
            let checks: Vec<&super::Check> = d
                .checks
                .iter()
                .filter(|c| c.kind == t.kind.id() && c.table == t.title)
                .collect();
            let mut v = serde_json::to_value(t).unwrap_or(serde_json::Value::Null);
            if let Some(obj) = v.as_object_mut() {
                obj.insert("year".into(), serde_json::json!(d.info.year));
                obj.insert("stage".into(), serde_json::json!(d.info.stage));
                if obj.get("department").is_none_or(serde_json::Value::is_null) {
                    obj.insert("department".into(), serde_json::json!(d.info.department));
                }
                obj.insert("checks".into(), serde_json::json!(checks));
            }
            v
        })
        .collect()
}
