//! B206 `fiscal_basic`: 财政拨款收支总表 一、基本支出 = 财政拨款基本支出表 合计 (Jiangsu).
//!
//! Why: the 财政拨款基本支出表 itemises the basic expenditure of the appropriations.
//! Example: JS 2017 财政拨款基本支出预算表 合计 5,836.27 = 财政拨款收支预算总表 一、基本支出.
//! Source: standard-tables.md K06 (measured 15/15).

use super::{find, term, Ctx, Rule};
use crate::kinds::standard::kinds::StandardKind::*;
use crate::kinds::standard::model::Check;

pub const RULE: Rule = Rule {
    id: "B206",
    name: "fiscal_basic",
    run,
};

fn run(ctx: &Ctx) -> Vec<Check> {
    let mut out = Vec::new();
    for a in find::tables(ctx.tables, FiscalSummary) {
        for b in find::tables(ctx.tables, FiscalBasicExpenditure) {
            let left = find::item(a, "expenditure", "基本支出").and_then(|r| term(a, r, None));
            let right = find::table_total(b).and_then(|r| term(b, r, None));
            if let (Some(l), Some(r)) = (left, right) {
                out.extend(RULE.cross(l, r, "basic"));
            }
        }
    }
    out
}
