//! Reconciliation: every number adds up or is flagged.
//!
//! * `row_sum`: per row, 总计 = Σ funding columns (财政拨款 counted once
//!   even when its 一般公共预算/政府性基金预算 breakdown is printed too);
//! * `fiscal_sum`: 财政拨款 = 一般公共预算 + 政府性基金预算 where all print;
//! * `unit_sum`: a unit's amounts = Σ its projects', per column;
//! * `total_sum`: the 合计 row = Σ units, per column.

use crate::amount::Amount;
use crate::model::{Amounts, Check, Table};
use crate::warning::{Warning, WarningKind};

pub fn validate(table: &mut Table, source: &str) {
    // About one check per row: reserved, since a list grown by doubling
    // held twice a big table's checks at its last growth.
    let rows: usize = table.units.iter().map(|u| u.projects.len() + 1).sum();
    let mut checks = Vec::with_capacity(rows + 1);
    if let Some(t) = &table.total {
        row_checks("合计", t, &mut checks);
    }
    for u in &table.units {
        if !u.amounts.is_empty() {
            row_checks(&u.name, &u.amounts, &mut checks);
            let projects: Vec<&Amounts> = u.projects.iter().map(|p| &p.amounts).collect();
            sum_checks("unit_sum", &u.name, &u.amounts, &projects, &mut checks);
        }
        for p in &u.projects {
            row_checks(&p.name, &p.amounts, &mut checks);
        }
    }
    if let Some(t) = &table.total {
        let units: Vec<&Amounts> = table
            .units
            .iter()
            .filter(|u| !u.amounts.is_empty())
            .map(|u| &u.amounts)
            .collect();
        if !units.is_empty() {
            sum_checks("total_sum", "合计", t, &units, &mut checks);
        }
    }
    for c in checks.iter().filter(|c| !c.ok) {
        table
            .warnings
            .push(Warning::new(WarningKind::CheckFailed, source, describe(c)));
    }
    table.checks = checks;
}

fn describe(c: &Check) -> String {
    let show = |a: Option<Amount>| a.map_or("empty".to_string(), |a| a.to_string());
    let what = match c.kind.as_str() {
        "row_sum" => "总计 ≠ Σ funding columns",
        "fiscal_sum" => "财政拨款 ≠ 一般公共预算 + 政府性基金预算",
        "unit_sum" => "unit ≠ Σ its projects",
        _ => "合计 ≠ Σ units",
    };
    format!(
        "«{}» {} [{}]: printed {}, sum {}",
        c.subject,
        what,
        c.column,
        show(c.expected),
        show(c.actual)
    )
}

fn sum(values: impl Iterator<Item = Option<Amount>>) -> Option<Amount> {
    values.flatten().reduce(|a, b| a + b)
}

fn check(
    kind: &str,
    subject: &str,
    column: &str,
    expected: Option<Amount>,
    actual: Option<Amount>,
) -> Check {
    let zero = Amount::zero();
    let ok = expected.unwrap_or(zero).same_value(&actual.unwrap_or(zero));
    Check {
        kind: kind.into(),
        subject: subject.into(),
        column: column.into(),
        expected,
        actual,
        ok,
    }
}

fn row_checks(subject: &str, a: &Amounts, out: &mut Vec<Check>) {
    let has = |k: &str| a.keys().any(|x| x == k);
    let breakdown = ["fiscal_general", "fiscal_fund"];
    if has("fiscal") && breakdown.iter().any(|k| has(k)) {
        let parts = sum(breakdown.iter().map(|k| a.get(k)));
        if a.get("fiscal").is_some() || parts.is_some() {
            out.push(check(
                "fiscal_sum",
                subject,
                "fiscal",
                a.get("fiscal"),
                parts,
            ));
        }
    }
    if !has("total") {
        return;
    }
    let skip_breakdown = has("fiscal");
    let funding =
        a.0.iter()
            .filter(|(k, _)| k != "total" && !(skip_breakdown && breakdown.contains(&k.as_str())))
            .map(|(_, v)| *v);
    let parts = sum(funding);
    if a.get("total").is_some() || parts.is_some() {
        out.push(check("row_sum", subject, "total", a.get("total"), parts));
    }
}

fn sum_checks(
    kind: &str,
    subject: &str,
    whole: &Amounts,
    parts: &[&Amounts],
    out: &mut Vec<Check>,
) {
    for (key, value) in &whole.0 {
        let s = sum(parts.iter().map(|p| p.get(key)));
        if value.is_some() || s.is_some() {
            out.push(check(kind, subject, key, *value, s));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Project, Unit};

    fn am(pairs: &[(&str, &str)]) -> Amounts {
        Amounts(
            pairs
                .iter()
                .map(|(k, v)| ((*k).into(), Amount::parse(v)))
                .collect(),
        )
    }

    fn project(a: Amounts) -> Project {
        Project {
            name: "p".into(),
            amounts: a,
            goal: Default::default(),
            pages: vec![1],
            indicators: vec![],
            form: None,
        }
    }

    fn table(total: Amounts, unit: Amounts, projects: Vec<Amounts>) -> Table {
        Table {
            title: None,
            department: None,
            currency_unit: None,
            columns: vec![],
            total: Some(total),
            units: vec![Unit {
                name: "u".into(),
                amounts: unit,
                projects: projects.into_iter().map(project).collect(),
            }],
            checks: vec![],
            warnings: vec![],
            repairs: vec![],
            form: None,
        }
    }

    #[test]
    fn reconciling_table_passes_every_check() {
        let a = am(&[("total", "3.00"), ("fiscal", "1.00"), ("other", "2.00")]);
        let p1 = am(&[("total", "1.00"), ("fiscal", "1.00"), ("other", "")]);
        let p2 = am(&[("total", "2.00"), ("fiscal", ""), ("other", "2.00")]);
        let mut t = table(a.clone(), a, vec![p1, p2]);
        validate(&mut t, "s");
        assert!(t.checks.iter().all(|c| c.ok), "{:?}", t.checks);
        assert!(t.checks.iter().any(|c| c.kind == "unit_sum"));
        assert!(t.checks.iter().any(|c| c.kind == "total_sum"));
        assert!(t.warnings.is_empty());
    }

    #[test]
    fn a_wrong_project_sum_is_flagged() {
        let a = am(&[("total", "3.00"), ("fiscal", "3.00")]);
        let p = am(&[("total", "2.00"), ("fiscal", "2.00")]);
        let mut t = table(a.clone(), a, vec![p]);
        validate(&mut t, "s");
        let failed: Vec<&Check> = t.checks.iter().filter(|c| !c.ok).collect();
        assert_eq!(failed.len(), 2, "total and fiscal columns of the unit");
        assert!(t.warnings[0].message.contains("unit ≠ Σ its projects"));
    }

    #[test]
    fn row_sum_counts_fiscal_once_with_its_breakdown() {
        let a = am(&[
            ("total", "3.00"),
            ("fiscal", "3.00"),
            ("fiscal_general", "2.00"),
            ("fiscal_fund", "1.00"),
        ]);
        let mut checks = vec![];
        row_checks("x", &a, &mut checks);
        assert_eq!(checks.len(), 2);
        assert!(checks.iter().all(|c| c.ok));
    }
}
