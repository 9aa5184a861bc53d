//! B202 `basic_economic`: 支出总表 基本支出 = 一般公共预算基本支出表 合计.
//!
//! Why: the 经济分类 table breaks down the basic expenditure; without 基金 basic spending the two agree.
//! Example: SH 2025 部门支出预算总表 合计/基本支出 = 一般公共预算基本支出部门预算经济分类预算表 合计 (6/6 SH-Y).
//! Compared only when all income is 一般公共预算 (the peers' caveat).
//! Source: BUD-C004, BUD-105 (GovBudgetChecker); standard-tables.md §3.

use super::{find, term, Ctx, Rule};
use crate::kinds::standard::kinds::StandardKind::*;
use crate::kinds::standard::model::Check;

pub const RULE: Rule = Rule {
    id: "B202",
    name: "basic_economic",
    run,
};

fn run(ctx: &Ctx) -> Vec<Check> {
    let mut out = Vec::new();
    // 支出总表 counts every fund, the 经济分类 table only 一般公共预算 (JS
    // 2017: 基本支出 5,916.27 against 5,836.27, the 80.00 of 其他资金).
    // 决算: 支出决算表 also spends balances carried over (R012); V33-203
    // (B207) is the 决算 form of this rule.
    if ctx.final_accounts() || !find::only_general(ctx.tables) {
        return out;
    }
    for a in find::tables(ctx.tables, ExpenditureSummary) {
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
