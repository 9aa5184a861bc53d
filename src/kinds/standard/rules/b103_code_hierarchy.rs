//! B103 `code_hierarchy`: 类 = Σ 款, 款 = Σ 项, 合计 = Σ 类, column by column.
//!
//! Why: the 功能分类 / 经济分类 codes form a tree; a parent that is not the
//! sum of its children means a row was lost or misread (or the source
//! rounds each level separately, printed so).
//! Example: SH 2025 收入预算总表: 201 一般公共服务支出 82,096,797.42 =
//! 20103 政府办公厅（室）及相关机构事务 82,096,797.42.
//! Source: V33-120, V33-240, V33-241, V33-243, V33-005 (GovBudgetChecker
//! `rules_v33.py`); shared/docs/standard-tables.md K02, K03, K05–K08, K10–K12.

use super::{sum, Compare, Ctx, Rule};
use crate::amount::Amount;
use crate::kinds::standard::code::Level;
use crate::kinds::standard::model::{Check, Row, StdTable};

pub const RULE: Rule = Rule {
    id: "B103",
    name: "code_hierarchy",
    run,
};

fn run(ctx: &Ctx) -> Vec<Check> {
    let mut out = Vec::new();
    for t in ctx.tables.iter().filter(|t| t.kind.has_codes() && !t.empty) {
        for side in &t.sides {
            let rows: Vec<&Row> = side.rows.iter().collect();
            for m in measures(&rows) {
                parents(t, &rows, &m, &mut out);
                total(t, &rows, &m, &mut out);
            }
        }
    }
    out
}

/// Measures printed on the side, in column order.
fn measures(rows: &[&Row]) -> Vec<String> {
    let mut ms: Vec<String> = Vec::new();
    for v in rows.iter().flat_map(|r| &r.values) {
        if !ms.contains(&v.measure) {
            ms.push(v.measure.clone());
        }
    }
    ms
}

fn parents(t: &StdTable, rows: &[&Row], m: &str, out: &mut Vec<Check>) {
    for p in rows
        .iter()
        .filter(|r| matches!(r.level, Some(Level::Class | Level::Section)))
    {
        let Some(code) = p.code.as_deref() else {
            continue;
        };
        let kids: Vec<&&Row> = rows
            .iter()
            .filter(|r| r.parent.as_deref() == Some(code))
            .collect();
        if kids.is_empty() || (p.value(m).is_none() && kids.iter().all(|k| k.value(m).is_none())) {
            continue;
        }
        let level = kids.first().and_then(|k| k.level).map_or("", Level::zh);
        out.push(
            RULE.check(Compare {
                t,
                subject: format!("{code} {} = Σ {level}", p.item_plain),
                measure: m.to_string(),
                expected: p.value(m).unwrap_or_else(Amount::zero),
                actual: sum(kids.iter().map(|k| k.value(m))),
                pages: kids
                    .iter()
                    .flat_map(|k| k.pages.clone())
                    .chain(p.pages.clone())
                    .collect(),
            }),
        );
    }
}

fn total(t: &StdTable, rows: &[&Row], m: &str, out: &mut Vec<Check>) {
    let classes: Vec<&&Row> = rows
        .iter()
        .filter(|r| r.level == Some(Level::Class))
        .collect();
    let Some(tot) = rows.iter().find(|r| r.is_total() && r.code.is_none()) else {
        return;
    };
    if classes.is_empty()
        || (tot.value(m).is_none() && classes.iter().all(|k| k.value(m).is_none()))
    {
        return;
    }
    out.push(
        RULE.check(Compare {
            t,
            subject: format!("{} = Σ 类", tot.item_plain),
            measure: m.to_string(),
            expected: tot.value(m).unwrap_or_else(Amount::zero),
            actual: sum(classes.iter().map(|k| k.value(m))),
            pages: classes
                .iter()
                .flat_map(|k| k.pages.clone())
                .chain(tot.pages.clone())
                .collect(),
        }),
    );
}
