//! The standard tables as one family in the kinds registry: one kind
//! entry sees all of a document's standard tables at once, so the rules
//! between tables (B2xx) can run; every record carries its own kind id
//! (`income_expenditure_summary` …).

use super::sheets as budget;
use super::{build_document, detect, info_of, StandardDoc};
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
            checks: std_doc.checks.iter().map(packed_check).collect(),
            warnings: std_doc.warnings.clone(),
            ..Built::default()
        }
    }
}

/// A check in the shared form that counts for the exit code (`ok` unless
/// a mismatch; a last-digit rounding difference is ok).
fn packed_check(c: &super::Check) -> crate::model::Check {
    crate::model::Check {
        kind: c.rule.into(),
        subject: compact_str::format_compact!("{} {}: {}", c.kind, c.name, c.subject),
        column: c.measure.as_str().into(),
        expected: Some(c.expected),
        actual: Some(c.actual),
        ok: c.status != super::Status::Mismatch,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::raw::Format;
    use crate::table::{Grid, Meta};

    #[test]
    fn builds_records_sheets_and_counted_checks() {
        let rows: Vec<Vec<String>> = [
            ["项目", "金额"],
            ["收入总计", "10.00"],
            ["甲小计", "9.00"],
            ["公共财政拨款", "9.00"],
            ["乙小计", "2.00"],
            ["其他收入", "1.00"],
        ]
        .iter()
        .map(|r| r.iter().map(|s| s.to_string()).collect())
        .collect();
        let mut grid = Grid::from_rows(&rows, 1);
        grid.n_cols = 2;
        let t = LogicalTable {
            meta: Meta {
                title: Some("2024年收入预算总表".into()),
                currency_unit: Some("万元".into()),
                ..Meta::default()
            },
            grid,
            header_rows: 1,
            ..LogicalTable::default()
        };
        assert!(Standard.detect(&t));
        let built = Standard.build(
            &[&t],
            &DocInfo::new("x/示例局2024年预算.pdf", Format::Pdf, 1),
        );
        assert_eq!(built.records.len(), 1);
        assert_eq!(built.records[0]["kind"], "income_summary");
        assert_eq!(built.records[0]["year"], 2024);
        let names: Vec<&str> = built.sheets.iter().map(|s| s.name).collect();
        assert_eq!(names, ["budget_lines", "budget_checks"]);
        assert_eq!(built.sheets[0].rows.len(), 5);
        // B109: 甲 ok; 乙 2.00 ≠ 1.00 and 总计 10.00 ≠ 11.00 fail and count.
        let ok: Vec<bool> = built.checks.iter().map(|c| c.ok).collect();
        assert_eq!(ok, [true, false, false]);
        assert_eq!(built.sheets[1].rows.len(), 3);
    }
}
