//! B203 `income_summary`: 收支总表 收入 = 收入总表 合计.
//!
//! Why: the 收入总表 itemises the income side of the 收支总表 (预算: 收入合计 with 上年结转; 决算: 本年收入合计).
//! Example: JS 2017: 收支预算总表 收入合计 9,146.79 = 收入预算总表 收入总计.
//! Source: V33-200 (GovBudgetChecker); standard-tables.md §3 (JS 15/15, SH-Y 6/6, SH-J 5/5).

use super::{find, term, Ctx, Rule};
use crate::kinds::standard::kinds::StandardKind::*;
use crate::kinds::standard::model::Check;

pub const RULE: Rule = Rule {
    id: "B203",
    name: "income_summary",
    run,
};

fn run(ctx: &Ctx) -> Vec<Check> {
    let mut out = Vec::new();
    for a in find::tables(ctx.tables, IncomeExpenditureSummary) {
        for b in find::tables(ctx.tables, IncomeSummary) {
            let row = if ctx.final_accounts() {
                find::first_total(a, "income")
            } else {
                find::grand_total(a, "income")
            };
            let left = row.and_then(|r| term(a, r, None));
            let right = find::table_total(b).and_then(|r| term(b, r, None));
            if let (Some(l), Some(r)) = (left, right) {
                out.extend(RULE.cross(l, r, "total"));
            }
        }
    }
    out
}
