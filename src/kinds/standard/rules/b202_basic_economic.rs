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
            let right = find::economic_total(b);
            if let (Some(l), Some(r)) = (left, right) {
                out.extend(RULE.cross(l, r, "basic"));
            }
        }
    }
    out
}
