//! B102 `numbered_items`: the numbered items of a side add up to the
//! side's first total, and a `一、` item to its `1.` `2.` sub-items.
//!
//! Why: 收支 tables list income sources and expense classes as numbered
//! items above 本年收入合计 / 当年支出小计; a missing or misread item shows here.
//! Example: JS 2017 收支预算总表: 一、财政拨款 9,066.79 + 三、其他资金 80.00 =
//! 当年收入小计 9,146.79; 1.一般公共预算 9,066.79 = 一、财政拨款.
//! Source: not in the peers; holds in every K01 extracted right
//! (shared/docs/standard-tables.md K01) and in shared/realworld/truth js01.

use super::{find, sum, Compare, Ctx, Rule};
use crate::kinds::standard::item::Numbering;
use crate::kinds::standard::kinds::StandardKind;
use crate::kinds::standard::model::{Check, Row, StdTable};

pub const RULE: Rule = Rule {
    id: "B102",
    name: "numbered_items",
    run,
};

fn run(ctx: &Ctx) -> Vec<Check> {
    let kinds = [
        StandardKind::IncomeExpenditureSummary,
        StandardKind::FiscalSummary,
    ];
    let mut out = Vec::new();
    for t in kinds.iter().flat_map(|&k| find::tables(ctx.tables, k)) {
        for side in &t.sides {
            side_checks(t, &side.name, &mut out);
        }
    }
    out
}

fn side_checks(t: &StdTable, side: &str, out: &mut Vec<Check>) {
    let rows: Vec<&Row> = t
        .sides
        .iter()
        .filter(|s| s.name == side)
        .flat_map(|s| &s.rows)
        .collect();
    let before: Vec<&Row> = rows
        .iter()
        .copied()
        .take_while(|r| r.total.is_none())
        .collect();
    let tops: Vec<(usize, &Row)> = before
        .iter()
        .copied()
        .enumerate()
        .filter(|(_, r)| r.numbering == Some(Numbering::Top))
        .collect();
    if tops.len() < 2 {
        return;
    }
    // The total closing the items: this side's, or (JS, where 当年支出小计
    // spans into the 支出用途 list) the first of a side of the same role.
    let role = side.split('_').next().unwrap_or(side);
    let own = rows
        .iter()
        .copied()
        .find(|r| r.total.is_some() && r.main().is_some());
    if let Some(total) = own.or_else(|| find::first_total(t, role)) {
        if let Some(e) = total.main() {
            let items = tops.iter().map(|(_, r)| r);
            out.push(
                RULE.check(Compare {
                    t,
                    subject: format!("{side}: {} = Σ 一、二、…", total.item_plain),
                    measure: "amount".into(),
                    expected: e,
                    actual: sum(items.clone().map(|r| r.main())),
                    pages: items
                        .flat_map(|r| r.pages.clone())
                        .chain(total.pages.clone())
                        .collect(),
                }),
            );
        }
    }
    for (k, &(i, top)) in tops.iter().enumerate() {
        let end = tops.get(k + 1).map_or(before.len(), |(j, _)| *j);
        let subs: Vec<&Row> = before
            .get(i + 1..end)
            .unwrap_or(&[])
            .iter()
            .copied()
            .filter(|r| r.numbering == Some(Numbering::Sub))
            .collect();
        if subs.is_empty() || (top.main().is_none() && subs.iter().all(|r| r.main().is_none())) {
            continue;
        }
        out.push(
            RULE.check(Compare {
                t,
                subject: format!("{side}: {} = Σ 1. 2. …", top.item_plain),
                measure: "amount".into(),
                expected: top.main().unwrap_or_else(crate::amount::Amount::zero),
                actual: sum(subs.iter().map(|r| r.main())),
                pages: subs
                    .iter()
                    .flat_map(|r| r.pages.clone())
                    .chain(top.pages.clone())
                    .collect(),
            }),
        );
    }
}
