//! B204 `expenditure_summary`: 收支总表 支出 = 支出总表 合计.
//!
//! Why: the 支出总表 itemises the expense side of the 收支总表.
//! Example: SH 2025: 财务收支预算总表 支出总计 = 支出预算总表 合计.
//! Source: BUD-T001, V33-201 (GovBudgetChecker); standard-tables.md §3 (JS 15/15, SH-Y 6/6, SH-J 4/4).

use super::{find, term, Ctx, Rule};
use crate::kinds::standard::kinds::StandardKind::*;
use crate::kinds::standard::model::Check;

pub const RULE: Rule = Rule {
    id: "B204",
    name: "expenditure_summary",
    run,
};

fn run(ctx: &Ctx) -> Vec<Check> {
    let mut out = Vec::new();
    for a in find::tables(ctx.tables, IncomeExpenditureSummary) {
        for b in find::tables(ctx.tables, ExpenditureSummary) {
            let row = if ctx.final_accounts() {
                find::first_total(a, "expenditure")
            } else {
                find::grand_total(a, "expenditure")
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
