//! B205 `fiscal_expenditure`: 财政拨款收支总表 支出合计 = 财政拨款支出表 合计 (Jiangsu).
//!
//! Why: the 财政拨款支出表 itemises the appropriations' expense side.
//! Example: JS 2017 财政拨款支出预算表 合计 = 财政拨款收支预算总表 支出合计.
//! Source: standard-tables.md K05 (measured 15/15).

use super::{find, term, Ctx, Rule};
use crate::kinds::standard::kinds::StandardKind::*;
use crate::kinds::standard::model::Check;

pub const RULE: Rule = Rule {
    id: "B205",
    name: "fiscal_expenditure",
    run,
};

fn run(ctx: &Ctx) -> Vec<Check> {
    let mut out = Vec::new();
    for a in find::tables(ctx.tables, FiscalSummary) {
        for b in find::tables(ctx.tables, FiscalExpenditure) {
            let left = find::grand_total(a, "expenditure").and_then(|r| term(a, r, None));
            let right = find::table_total(b).and_then(|r| term(b, r, None));
            if let (Some(l), Some(r)) = (left, right) {
                out.extend(RULE.cross(l, r, "total"));
            }
        }
    }
    out
}
