//! A [`FormDoc`] in the packed model (`tables[].units[].projects[]`), so
//! documents.json, projects.csv and indicators.csv carry forms like the
//! packed table; the form's own fields ride along in `form`.

use super::model::{
    FormDoc, FormIndicator, FormIndicatorInfo, FormProject, FormProjectInfo, FormTableInfo,
};
use crate::model::{Amounts, Indicator, Project, Table, Text, Unit};

/// The document as one table; consecutive projects of one 实施单位 (else
/// 主管部门) form one unit.
pub fn table(doc: FormDoc) -> Table {
    let mut units: Vec<Unit> = Vec::new();
    for p in doc.projects {
        let name = unit_name(&p);
        let project = project(p);
        match units.last_mut() {
            Some(u) if u.name == name => u.projects.push(project),
            _ => units.push(Unit {
                name,
                amounts: Amounts::default(),
                projects: vec![project],
            }),
        }
    }
    Table {
        title: doc.title,
        department: doc.department,
        currency_unit: doc.currency_unit,
        columns: Vec::new(),
        total: None,
        units,
        checks: doc.checks,
        warnings: doc.warnings,
        repairs: Vec::new(),
        form: Some(Box::new(FormTableInfo {
            kind: super::KIND,
            log: doc.log,
        })),
    }
}

fn unit_name(p: &FormProject) -> String {
    p.implementer
        .clone()
        .or_else(|| p.department.clone())
        .unwrap_or_default()
}

fn project(p: FormProject) -> Project {
    let a = &p.amounts;
    let amounts = Amounts(vec![
        ("total".into(), a.total),
        ("fiscal".into(), a.fiscal),
        ("other".into(), a.other),
    ]);
    Project {
        name: p.name.into(),
        amounts,
        goal: p.goal.unwrap_or_default().into(),
        pages: p.pages,
        indicators: (1..)
            .zip(p.indicators)
            .map(|(seq, i)| indicator(seq, i))
            .collect(),
        form: Some(Box::new(FormProjectInfo {
            code: p.code,
            department: p.department,
            implementer: p.implementer,
            period: p.period,
            long_term_goal: p.long_term_goal,
            codes: p.codes,
            extra: p.extra,
            cost: p.cost,
        })),
    }
}

fn indicator(seq: u32, i: FormIndicator) -> Indicator {
    Indicator {
        group: 1,
        seq,
        level1_code: None,
        level1: i.level1.map(Text::from),
        level2_code: None,
        level2: i.level2.map(Text::from),
        name: i.name.into(),
        period_value: i.period_value.map(Text::from),
        annual_value: i.annual_value.map(Text::from),
        level1_category: i.level1_category,
        level2_category: i.level2_category,
        period_target: i.period_target,
        annual_target: i.annual_target,
        form: Some(Box::new(FormIndicatorInfo {
            unit: i.unit,
            direction: i.direction,
            extra: i.extra,
            page: i.page,
        })),
    }
}
