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
mod grid;
mod header;
pub mod labels;
pub mod model;
pub mod output;
mod rows;

pub use model::{CostTable, FormAmounts, FormDoc, FormIndicator, FormProject, LogEntry};

use super::{Built, DocInfo, Kind};
use crate::table::LogicalTable;
use crate::target;
use crate::taxonomy;
use crate::warning::Warning;
use build::{Draft, Reader};
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
    !packed_header
        && cells.windows(2).any(|w| {
            matches!(
                labels::field(&w[0].text),
                Some(Field::Name | Field::Code | Field::Goal | Field::LongGoal)
            ) && labels::field(&w[1].text).is_none()
        })
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
        let p = project(d, &mut doc);
        doc.projects.push(p);
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

/// A finished draft as a project: amounts read, grids merged, codes split,
/// targets and levels read, checks and warnings added to `doc`.
fn project(d: Draft, doc: &mut FormDoc) -> FormProject {
    let source = doc.source.clone();
    let unit = doc.currency_unit.clone();
    let mut p = d.project;
    let page = p.pages.first().copied();
    let warn = |doc: &mut FormDoc, kind: &str, msg: String| {
        doc.warnings
            .push(Warning::new(kind, &source, msg).at(page, None));
    };
    for (field, pair, _) in &d.amounts {
        let (amount, note) = amounts::parse(&pair.value, unit.as_deref());
        if let Some(n) = note {
            warn(
                doc,
                "amount_unit",
                format!("project «{}», {}: {n}", p.name, pair.label),
            );
        }
        let slot = match field {
            Field::Total => &mut p.amounts.total,
            Field::Fiscal => &mut p.amounts.fiscal,
            _ => &mut p.amounts.other,
        };
        if slot.is_none() {
            *slot = amount;
        }
    }
    p.indicators = merge_grids(d.annual, d.long_term, d.long_caption.as_deref(), &mut |m| {
        warn(
            doc,
            "long_term_unmatched",
            format!("project «{}»: {m}", p.name),
        )
    });
    split_codes(&mut p);
    for ind in &mut p.indicators {
        for m in enrich(ind) {
            let kind = match m.contains("not read") {
                true => "target_unparsed",
                false => "indicator_taxonomy",
            };
            warn(
                doc,
                kind,
                format!("project «{}», indicator «{}»: {m}", p.name, ind.name),
            );
        }
    }
    if p.indicators.is_empty() {
        warn(
            doc,
            "form_without_indicators",
            format!("project «{}» prints no indicator", p.name),
        );
    }
    for c in amounts::checks(&p) {
        if !c.ok {
            let msg = format!(
                "project «{}»: {} {} ≠ {}",
                p.name,
                c.kind,
                c.expected.map(|a| a.to_string()).unwrap_or_default(),
                c.actual.map(|a| a.to_string()).unwrap_or_default()
            );
            warn(doc, "check_failed", msg);
        }
        doc.checks.push(c);
    }
    p
}

/// The 年度 grid's indicators, each given the long-term grid's value of
/// the same indicator as `period_value`; long-term ones without an annual
/// twin are kept (and reported).
fn merge_grids(
    mut annual: Vec<FormIndicator>,
    long: Vec<FormIndicator>,
    caption: Option<&str>,
    warn: &mut dyn FnMut(String),
) -> Vec<FormIndicator> {
    let suffix = caption.unwrap_or("长期绩效指标");
    let had_annual = !annual.is_empty();
    for l in long {
        let same = |a: &&mut FormIndicator| {
            a.period_value.is_none()
                && a.name == l.name
                && a.level1 == l.level1
                && a.level2 == l.level2
        };
        let by_name = annual
            .iter()
            .position(|a| a.period_value.is_none() && a.name == l.name);
        let at = annual.iter_mut().position(|a| same(&a)).or(by_name);
        let mut extra = l.extra.clone();
        for (k, _) in &mut extra.0 {
            *k = format!("{k}（{suffix}）");
        }
        match at.and_then(|i| annual.get_mut(i)) {
            Some(a) => {
                a.period_value = l.annual_value.clone().or(l.period_value.clone());
                a.extra.0.extend(extra.0);
            }
            None => {
                if had_annual {
                    warn(format!(
                        "long-term indicator «{}» has no annual twin",
                        l.name
                    ));
                }
                annual.push(FormIndicator {
                    period_value: l.annual_value.clone().or(l.period_value.clone()),
                    annual_value: None,
                    extra,
                    ..l
                });
            }
        }
    }
    annual
}

fn split_codes(p: &mut FormProject) {
    let named = [
        ("name", Some(&p.name)),
        ("department", p.department.as_ref()),
        ("implementer", p.implementer.as_ref()),
    ];
    let mut found: Vec<(String, model::Coded)> = named
        .into_iter()
        .filter_map(|(k, v)| Some((k.to_string(), codes::split(v?)?)))
        .collect();
    for (k, v) in &p.extra.0 {
        if let Some(c) = codes::split(v) {
            found.push((k.clone(), c));
        }
    }
    p.codes = found.into_iter().collect();
}

/// Targets (with a split 计量单位 and 指标方向) and taxonomy categories.
fn enrich(ind: &mut FormIndicator) -> Vec<String> {
    let mut out = Vec::new();
    let read = |v: &Option<String>, unit: &Option<String>, dir: &Option<String>| {
        v.as_deref()
            .map(|v| target::parse_split(v, unit.as_deref(), dir.as_deref()))
    };
    ind.annual_target = read(&ind.annual_value, &ind.unit, &ind.direction);
    ind.period_target = read(&ind.period_value, &ind.unit, &ind.direction);
    for (which, t) in [
        ("annual", &ind.annual_target),
        ("period", &ind.period_target),
    ] {
        if let Some(r) = t.as_ref().and_then(|t| t.reason.as_ref()) {
            out.push(format!("{which} value not read as a target: {r}"));
        }
    }
    let class = taxonomy::classify(None, ind.level1.as_deref(), None, ind.level2.as_deref());
    ind.level1_category = class.level1;
    ind.level2_category = class.level2;
    out.extend(class.warnings);
    out
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
}
