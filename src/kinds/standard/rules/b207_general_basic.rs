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
            let right = find::economic_total(b);
            if let (Some(l), Some(r)) = (left, right) {
                out.extend(RULE.cross(l, r, "basic"));
            }
        }
    }
    out
}
