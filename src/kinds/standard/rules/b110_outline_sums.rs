//! B110 `outline_sums`: 政府采购表 合计 = Σ 大类 (the rows whose label is in
//! the first label column: 一、货物A, 二、工程B, 三、服务C).
//!
//! Why: the categories split the whole procurement budget.
//! Example: JS 2017 政府采购预算表: 合计 1,271.22 = 货物A 259.32 + 服务C 1,011.90.
//! Not checked (yet): 大类 = Σ 专项 and 专项 = Σ 物品 — a 专项 cell spanning
//! its items often shares its first row with an item, so the level of a
//! row's amount is not known from the grid alone.
//! Source: shared/docs/standard-tables.md K13 (true wherever extraction was right).

use super::{find, sum, Compare, Ctx, Rule};
use crate::amount::Amount;
use crate::kinds::standard::kinds::StandardKind;
use crate::kinds::standard::model::{Check, Row, StdTable};

pub const RULE: Rule = Rule {
    id: "B110",
    name: "outline_sums",
    run,
};

fn run(ctx: &Ctx) -> Vec<Check> {
    let mut out = Vec::new();
    for t in find::tables(ctx.tables, StandardKind::Procurement) {
        for side in &t.sides {
            let rows: Vec<&Row> = side.rows.iter().filter(|r| r.total.is_none()).collect();
            let top: Vec<&Row> = rows
                .iter()
                .copied()
                .filter(|r| r.depth == min_depth(&rows))
                .collect();
            if let Some(total) = side.rows.iter().find(|r| r.is_total()) {
                compare(t, total, &top, "Σ 大类", &mut out);
            }
        }
    }
    out
}

fn min_depth(rows: &[&Row]) -> usize {
    rows.iter().map(|r| r.depth).min().unwrap_or(0)
}

fn compare(t: &StdTable, row: &Row, kids: &[&Row], what: &str, out: &mut Vec<Check>) {
    if kids.is_empty() || (row.main().is_none() && kids.iter().all(|k| k.main().is_none())) {
        return;
    }
    out.push(
        RULE.check(Compare {
            t,
            subject: format!("{} = {what}", row.item_plain),
            measure: "total".into(),
            expected: row.main().unwrap_or_else(Amount::zero),
            actual: sum(kids.iter().map(|k| k.main())),
            pages: kids
                .iter()
                .flat_map(|k| k.pages.clone())
                .chain(row.pages.clone())
                .collect(),
        }),
    );
}
