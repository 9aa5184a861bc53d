//! A read draft made a project: amounts parsed, the two grids merged,
//! codes split, targets and levels read, checks made; every doubt a warning.

use super::amounts;
use super::build::Draft;
use super::codes;
use super::labels::Field;
use super::model::{Coded, FormIndicator, FormProject};
use crate::model::Check;
use crate::target;
use crate::taxonomy;
use crate::warning::{Warning, WarningKind};

/// (warning kind, message)
type Doubt = (WarningKind, String);

/// The project of `d`, its checks and warnings; `unit` is the document's
/// currency unit, `source` names the file.
pub fn project(
    d: Draft,
    unit: Option<&str>,
    source: &str,
) -> (FormProject, Vec<Check>, Vec<Warning>) {
    let mut p = d.project;
    let mut doubts = read_amounts(&mut p, &d.amounts, unit);
    let (indicators, unmatched) = merge_grids(d.annual, d.long_term, d.long_caption.as_deref());
    p.indicators = indicators;
    doubts.extend(
        unmatched
            .into_iter()
            .map(|m| (WarningKind::LongTermUnmatched, m)),
    );
    p.codes = split_codes(&p);
    doubts.extend(enrich_all(&mut p));
    if p.indicators.is_empty() {
        doubts.push((
            WarningKind::FormWithoutIndicators,
            "prints no indicator".to_string(),
        ));
    }
    let checks = amounts::checks(&p);
    doubts.extend(checks.iter().filter(|c| !c.ok).map(failed));
    let page = p.pages.first().copied();
    let warnings = doubts
        .into_iter()
        .map(|(kind, m)| {
            Warning::new(kind, source, format!("project «{}»: {m}", p.name)).at(page, None)
        })
        .collect();
    (p, checks, warnings)
}

fn failed(c: &Check) -> Doubt {
    let show = |a: Option<crate::amount::Amount>| a.map(|a| a.to_string()).unwrap_or_default();
    let msg = format!("{} {} ≠ {}", c.kind, show(c.expected), show(c.actual));
    (WarningKind::CheckFailed, msg)
}

/// The first value printed for each of 资金总额, 财政拨款, 其他资金.
fn read_amounts(
    p: &mut FormProject,
    printed: &[(Field, super::header::Pair, u32)],
    unit: Option<&str>,
) -> Vec<Doubt> {
    let mut doubts = Vec::new();
    // A year's total first; 项目总金额 only fills a total not printed.
    let mut ordered: Vec<&(Field, super::header::Pair, u32)> = printed.iter().collect();
    ordered.sort_by_key(|(f, _, _)| *f == Field::TotalAllYears);
    for (field, pair, _) in ordered {
        let (amount, note) = amounts::parse(&pair.value, unit);
        if let Some(n) = note {
            doubts.push((WarningKind::AmountUnit, format!("{}: {n}", pair.label)));
        }
        let slot = match field {
            Field::Total | Field::TotalAllYears => &mut p.amounts.total,
            Field::Fiscal => &mut p.amounts.fiscal,
            _ => &mut p.amounts.other,
        };
        match slot {
            None => *slot = amount,
            // A second amount for the same field stays as printed.
            Some(_) => p.extra.push(&pair.label, &pair.value),
        }
    }
    doubts
}

/// The 年度 grid's indicators, each given the long-term grid's value of
/// the same indicator as `period_value`; long-term ones without an annual
/// twin are kept (and reported).
fn merge_grids(
    mut annual: Vec<FormIndicator>,
    long: Vec<FormIndicator>,
    caption: Option<&str>,
) -> (Vec<FormIndicator>, Vec<String>) {
    let suffix = caption.unwrap_or("长期绩效指标");
    let had_annual = !annual.is_empty();
    let mut unmatched = Vec::new();
    for l in long {
        let mut extra = l.extra.clone();
        for (k, _) in &mut extra.0 {
            *k = format!("{k}（{suffix}）");
        }
        let value = l.annual_value.clone().or(l.period_value.clone());
        match twin(&mut annual, &l) {
            Some(a) => {
                a.period_value = value;
                a.extra.0.extend(extra.0);
            }
            None => {
                if had_annual {
                    unmatched.push(format!(
                        "long-term indicator «{}» has no annual twin",
                        l.name
                    ));
                }
                annual.push(FormIndicator {
                    period_value: value,
                    annual_value: None,
                    extra,
                    ..l
                });
            }
        }
    }
    (annual, unmatched)
}

/// The annual indicator `l` belongs to: same levels and name, else same name.
fn twin<'a>(annual: &'a mut [FormIndicator], l: &FormIndicator) -> Option<&'a mut FormIndicator> {
    let free = |a: &FormIndicator| a.period_value.is_none() && a.name == l.name;
    let same = annual
        .iter()
        .position(|a| free(a) && a.level1 == l.level1 && a.level2 == l.level2);
    let at = same.or_else(|| annual.iter().position(free))?;
    annual.get_mut(at)
}

fn split_codes(p: &FormProject) -> std::collections::BTreeMap<String, Coded> {
    let named = [
        ("name", Some(&p.name)),
        ("department", p.department.as_ref()),
        ("implementer", p.implementer.as_ref()),
    ];
    let fields = named
        .into_iter()
        .filter_map(|(k, v)| Some((k.to_string(), codes::split(v?)?)));
    let extra = p
        .extra
        .0
        .iter()
        .filter_map(|(k, v)| Some((k.clone(), codes::split(v)?)));
    fields.chain(extra).collect()
}

fn enrich_all(p: &mut FormProject) -> Vec<Doubt> {
    let mut doubts = Vec::new();
    for ind in &mut p.indicators {
        for m in enrich(ind) {
            let kind = match m.contains("not read") {
                true => WarningKind::TargetUnparsed,
                false => WarningKind::IndicatorTaxonomy,
            };
            doubts.push((kind, format!("indicator «{}»: {m}", ind.name)));
        }
    }
    doubts
}

/// Targets (with a split 计量单位 and 指标方向) and taxonomy categories.
fn enrich(ind: &mut FormIndicator) -> Vec<String> {
    let mut out = Vec::new();
    let read = |v: &Option<String>| {
        v.as_deref()
            .map(|v| target::parse_split(v, ind.unit.as_deref(), ind.direction.as_deref()))
    };
    ind.annual_target = read(&ind.annual_value);
    ind.period_target = read(&ind.period_value);
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
