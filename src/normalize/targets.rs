//! Reads each indicator's printed values as targets and its level names as
//! taxonomy categories, after normalize (the grammar is `crate::target`'s,
//! the names `crate::taxonomy`'s).

use crate::model::{Indicator, Table};
use crate::target::{parse_target, Kind, Target};
use crate::taxonomy;
use crate::warning::{Warning, WarningKind};

/// Fills the indicator's targets and taxonomy categories; returns one
/// message per problem (unparsed value, taxonomy disagreement).
pub fn enrich(ind: &mut Indicator) -> Vec<String> {
    let mut warnings = Vec::new();
    let label = format!("indicator {}.{} ({})", ind.group, ind.seq, ind.name);
    ind.period_target = ind.period_value.as_deref().map(parse_target);
    ind.annual_target = ind.annual_value.as_deref().map(parse_target);
    let reason = |t: &Option<Target>| match t {
        Some(Target {
            kind: Kind::Unparsed,
            reason,
            ..
        }) => reason.clone(),
        _ => None,
    };
    match (reason(&ind.period_target), reason(&ind.annual_target)) {
        // The same text printed twice: one message.
        (Some(r), Some(_)) if ind.period_value == ind.annual_value => {
            warnings.push(format!(
                "{label}: 实施周期指标值 and 年度指标值 not read as a target: {r}"
            ));
        }
        (period, annual) => {
            for (which, r) in [("实施周期指标值", period), ("年度指标值", annual)] {
                if let Some(r) = r {
                    warnings.push(format!("{label}: {which} not read as a target: {r}"));
                }
            }
        }
    }
    let class = taxonomy::classify(
        ind.level1_code.as_deref(),
        ind.level1.as_deref(),
        ind.level2_code.as_deref(),
        ind.level2.as_deref(),
    );
    ind.level1_category = class.level1;
    ind.level2_category = class.level2;
    warnings.extend(class.warnings.into_iter().map(|w| format!("{label}: {w}")));
    warnings
}

/// Enriches every indicator of a table and adds the problems to its
/// warnings (`target_unparsed`, `indicator_taxonomy`), placed at the
/// project's first page. One call per table after normalize.
pub fn enrich_table(table: &mut Table, source: &str) {
    let mut found = Vec::new();
    for project in table.units.iter_mut().flat_map(|u| u.projects.iter_mut()) {
        let page = project.pages.first().copied();
        for ind in &mut project.indicators {
            for msg in enrich(ind) {
                let kind = match msg.contains("not read as a target") {
                    true => WarningKind::TargetUnparsed,
                    false => WarningKind::IndicatorTaxonomy,
                };
                let msg = format!("project «{}», {msg}", project.name);
                found.push(Warning::new(kind, source, msg).at(page, None));
            }
        }
    }
    // Read in place: a copy of every indicator doubled a big table's memory.
    let indicators = table
        .units
        .iter()
        .flat_map(|u| &u.projects)
        .flat_map(|p| &p.indicators);
    let codes = taxonomy::check_codes(indicators.flat_map(Indicator::printed_levels));
    found.extend(
        codes
            .into_iter()
            .map(|m| Warning::new(WarningKind::IndicatorTaxonomy, source, m)),
    );
    table.warnings.extend(found);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enrich_fills_targets_and_reports_problems() {
        let mut ind = Indicator {
            group: 1,
            seq: 2,
            level1_code: Some("1".into()),
            level1: Some("产出指标".into()),
            level2_code: Some("12".into()),
            level2: Some("数量指标".into()),
            name: "培训".into(),
            period_value: Some("每场参加人员不100人".into()),
            annual_value: Some("≥4场".into()),
            ..Indicator::default()
        };
        let warnings = enrich(&mut ind);
        assert_eq!(
            ind.annual_target.as_ref().map(|t| t.kind),
            Some(Kind::Quantitative)
        );
        assert_eq!(
            ind.period_target.as_ref().map(|t| t.kind),
            Some(Kind::Unparsed)
        );
        assert_eq!(ind.level2_category, Some(taxonomy::Level2::Quantity));
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert!(warnings[0].starts_with("indicator 1.2 (培训): 实施周期指标值 not read"));
        assert!(warnings[1].contains("level-2 code 12 disagrees"));
    }
}
