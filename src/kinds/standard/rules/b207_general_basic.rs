//! B207 `general_basic`: 一般公共预算支出表 合计/基本支出 = 一般公共预算基本支出表 合计 (301+302+303+310).
//!
//! Why: the 经济分类 table breaks down the basic column of the 功能分类 table.
//! Example: SH-J 2024 一般公共预算财政拨款支出决算表 合计/基本支出 = 人员经费合计 + 公用经费合计.
//! Source: V33-203 (GovBudgetChecker); standard-tables.md §3 (SH-J 5/5).

use super::{find, term, Ctx, Rule};
use crate::kinds::standard::kinds::StandardKind::*;
use crate::kinds::standard::model::Check;

pub const RULE: Rule = Rule {
    id: "B207",
    name: "general_basic",
    run,
};

fn run(ctx: &Ctx) -> Vec<Check> {
    let mut out = Vec::new();
    for a in find::tables(ctx.tables, GeneralExpenditure) {
        for b in find::tables(ctx.tables, GeneralBasicExpenditure) {
            let left = find::table_total(a).and_then(|r| term(a, r, Some("basic")));
            let right = economic_total(b);
            if let (Some(l), Some(r)) = (left, right) {
                out.extend(RULE.cross(l, r, "basic"));
            }
        }
    }
    out
}

/// The 经济分类 table's total: its 合计, or (决算, two halves side by
/// side) 人员经费合计 + 公用经费合计.
fn economic_total(b: &crate::kinds::standard::model::StdTable) -> Option<super::Term<'_>> {
    if let Some(t) = find::table_total(b).and_then(|r| term(b, r, None)) {
        return Some(t);
    }
    let halves: Vec<_> = b
        .sides
        .iter()
        .filter_map(|s| s.rows.iter().find(|r| r.is_total() && r.code.is_none()))
        .collect();
    let amount = halves
        .iter()
        .map(|r| r.main())
        .try_fold(crate::amount::Amount::zero(), |acc, a| a.map(|a| acc + a))?;
    (halves.len() >= 2).then(|| super::Term {
        t: b,
        what: halves
            .iter()
            .map(|r| r.item_plain.as_str())
            .collect::<Vec<_>>()
            .join(" + "),
        amount,
        pages: halves.iter().flat_map(|r| r.pages.clone()).collect(),
    })
}
