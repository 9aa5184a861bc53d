//! B201 `general_fiscal`: 财政拨款收支总表 一般公共预算 (支出) = 一般公共预算支出表 合计.
//!
//! Why: the 一般公共预算 expenditure table itemises the 一般公共预算 column of the appropriation summary.
//! Example: SH-J 2024: 财政拨款收入支出决算总表 本年支出合计/一般公共预算财政拨款 = 一般公共预算财政拨款支出决算表 合计.
//! Source: V33-202, C-004 (GovBudgetChecker); standard-tables.md §3 (JS via 1.一般公共预算 15/15, SH-J 5/5).

use super::{find, term, Ctx, Rule};
use crate::kinds::standard::kinds::StandardKind::*;
use crate::kinds::standard::model::Check;

pub const RULE: Rule = Rule {
    id: "B201",
    name: "general_fiscal",
    run,
};

fn run(ctx: &Ctx) -> Vec<Check> {
    let mut out = Vec::new();
    for a in find::tables(ctx.tables, FiscalSummary) {
        for b in find::tables(ctx.tables, GeneralExpenditure) {
            // The 一般公共预算 column of the expense side, else the income item.
            let left = find::first_total(a, "expenditure")
                .and_then(|r| term(a, r, Some("general")))
                .or_else(|| find::item(a, "income", "一般公共预算").and_then(|r| term(a, r, None)));
            let right = find::table_total(b).and_then(|r| term(b, r, None));
            if let (Some(l), Some(r)) = (left, right) {
                out.extend(RULE.cross(l, r, "general"));
            }
        }
    }
    out
}
