//! The 绩效目标表 printed as a form per project (most of China; see
//! docs/forms.md): a key/value header block (项目名称, 主管部门, 资金 …,
//! 年度目标) and an indicator grid with one row per indicator.
//!
//! Input is only [`LogicalTable`]s, in printed order: each part of a form
//! may be its own table (PDF, DOCX) or one table may hold whole forms
//! (HTML, XLSX). [`detect`] tells a table of this kind by its labels;
//! [`build_document`] reads all of a document's tables into a [`FormDoc`].

pub mod amounts;
mod build;
pub mod codes;
mod cost;
mod finish;
mod grid;
mod header;
pub mod labels;
pub mod model;
pub mod output;
mod rows;

pub use model::{CostTable, FormAmounts, FormDoc, FormIndicator, FormProject, LogEntry};

use super::{Built, DocInfo, Kind};
use crate::table::LogicalTable;
use build::Reader;
use labels::Field;

/// The kind's name in outputs.
pub const KIND: &str = "performance_form";

/// The kind in the registry.
pub struct PerformanceForm;

impl Kind for PerformanceForm {
    fn id(&self) -> &'static str {
        KIND
    }

    fn detect(&self, table: &LogicalTable) -> bool {
        detect(table)
    }

    fn build(&self, tables: &[&LogicalTable], doc: &DocInfo) -> Built {
        let form = build_refs(tables, doc.source);
        Built {
            tables: vec![output::table(form)],
            ..Built::default()
        }
    }
}

/// Whether `t` is (part of) a form: it prints an indicator grid header
/// (一级指标 … 二级指标) or a header-block label (项目名称, 年度目标 …)
/// with its value beside it. A packed table's header row (项目名称 | 总计
/// | … | 绩效目标) names columns, not a project, and is not one.
pub fn detect(t: &LogicalTable) -> bool {
    rows::stream(&[t])
        .iter()
        .any(|r| grid::is_header(r) || labels_a_value(r))
}

fn labels_a_value(r: &rows::Row) -> bool {
    let cells: Vec<&rows::SCell> = r.filled().collect();
    let packed_header = cells.iter().any(|c| {
        let t = labels::norm(&c.text);
        t.contains("绩效指标") || t == "总计" || t == "合计"
    });
    let inline = cells.iter().any(|c| {
        header::inline(&c.text).is_some_and(|p| matches!(p.field, Some(Field::Name | Field::Code)))
    });
    !packed_header
        && (inline
            || cells.windows(2).any(|w| {
                matches!(
                    labels::field(&w[0].text),
                    Some(Field::Name | Field::Code | Field::Goal | Field::LongGoal)
                ) && labels::field(&w[1].text).is_none()
            }))
}

/// Reads every form of a document; `source` names it in warnings.
pub fn build_document(tables: &[LogicalTable], source: &str) -> FormDoc {
    build_refs(&tables.iter().collect::<Vec<_>>(), source)
}

fn build_refs(tables: &[&LogicalTable], source: &str) -> FormDoc {
    let rows = rows::stream(tables);
    let reader = Reader::default().read(&rows);
    let meta = tables.iter().map(|t| &t.meta);
    let mut doc = FormDoc {
        kind: KIND,
        source: source.to_string(),
        title: meta.clone().find_map(|m| m.title.clone()),
        department: meta
            .clone()
            .find_map(|m| m.department.as_deref().and_then(plain_department)),
        currency_unit: meta.clone().find_map(|m| m.currency_unit.clone()),
        log: reader.log,
        ..FormDoc::default()
    };
    let f = reader.furniture;
    doc.title = doc.title.or(f.title);
    doc.department = doc.department.or(f.department);
    doc.currency_unit = doc.currency_unit.or(f.currency_unit);
    for w in tables.iter().flat_map(|t| &t.warnings) {
        doc.warnings.push(w.clone());
    }
    for d in reader.done {
        let (p, checks, warnings) = finish::project(d, doc.currency_unit.as_deref(), source);
        doc.projects.push(p);
        doc.checks.extend(checks);
        doc.warnings.extend(warnings);
    }
    if doc.department.is_none() {
        doc.department = doc.projects.iter().find_map(|p| {
            let d = p.department.as_deref()?;
            Some(codes::split(d).map_or_else(|| d.to_string(), |c| c.name))
        });
    }
    doc
}

/// `（盖章）` alone names no department.
fn plain_department(text: &str) -> Option<String> {
    let t = text.replace(['(', ')', '（', '）'], "").replace("盖章", "");
    let t = t.trim();
    (!t.is_empty()).then(|| codes::split(t).map_or_else(|| t.to_string(), |c| c.name))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::Grid;

    fn table(rows: &[&[&str]]) -> LogicalTable {
        let rows: Vec<Vec<String>> = rows
            .iter()
            .map(|r| r.iter().map(|s| s.to_string()).collect())
            .collect();
        LogicalTable {
            grid: Grid::from_rows(&rows, 1),
            ..LogicalTable::default()
        }
    }

    #[test]
    fn detects_forms_by_labels_not_position() {
        assert!(detect(&table(&[&["", "项目名称", "城区道路清扫"]])));
        assert!(detect(&table(&[&["年度目标", "完成清扫"]])));
        assert!(detect(&table(&[
            &["说明"],
            &["一级指标", "二级指标", "三级指标", "指标值"]
        ])));
        assert!(!detect(&table(&[&[
            "项目名称",
            "总计",
            "财政拨款",
            "绩效目标",
            "绩效指标"
        ]])));
        assert!(!detect(&table(&[&["项目", "金额"], &["合计", "1.00"]])));
    }

    #[test]
    fn a_two_row_grid_header_splits_the_value_column() {
        let mut t = table(&[
            &["项目名称", "道路建设", "", "", ""],
            &["一级指标", "二级指标", "三级指标", "指标值", ""],
            &["", "", "", "年度指标值", "实施期指标值"],
            &["产出指标", "数量指标", "道路长度", "10公里", "30公里"],
        ]);
        // 一级/二级/三级 span both header rows, 指标值 spans the two value columns.
        for c in t.grid.cells.iter_mut() {
            if c.row == 1 && c.col < 3 {
                c.row_span = 2;
            }
            if c.row == 1 && c.col == 3 {
                c.col_span = 2;
            }
        }
        t.grid.cells.retain(|c| {
            !(c.text.is_empty() && (c.row == 2 && c.col < 3 || c.row == 1 && c.col == 4))
        });
        let d = build_document(&[t], "t");
        let i = &d.projects[0].indicators[0];
        assert_eq!(
            (i.annual_value.as_deref(), i.period_value.as_deref()),
            (Some("10公里"), Some("30公里"))
        );
        assert!(
            d.log.iter().all(|l| l.kind != "placeholder_row"),
            "the sub-header is no placeholder"
        );
    }

    #[test]
    fn one_table_holds_whole_forms_with_labels_inside_cells() {
        let rows: [&[&str]; 8] = [
            &["项目名称：道路清扫"],
            &["年度目标：完成清扫"],
            &["一级指标", "二级指标", "三级指标", "指标值"],
            &["产出指标", "数量指标", "清扫面积", "10平方米"],
            &["", "质量指标", "", ""],
            &["项目名称", "车辆购置", "", ""],
            &["一级指标", "二级指标", "三级指标", "指标值"],
            &["满意度指标", "服务对象满意度指标", "满意度", "≥90%"],
        ];
        let d = build_document(&[table(&rows)], "t");
        let names: Vec<&str> = d.projects.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["道路清扫", "车辆购置"]);
        assert_eq!(d.projects[0].goal.as_deref(), Some("完成清扫"));
        assert_eq!(
            d.projects[0].indicators.len(),
            1,
            "the empty 三级 row is a placeholder"
        );
        assert_eq!(
            d.log.iter().filter(|l| l.kind == "placeholder_row").count(),
            1
        );
        assert_eq!(
            d.projects[1].indicators[0].level1.as_deref(),
            Some("满意度指标")
        );
        assert!(!d
            .warnings
            .iter()
            .any(|w| w.kind == crate::warning::WarningKind::FormWithoutIndicators));
    }
}
