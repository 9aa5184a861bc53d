//! B208 `operating_costs`: 机关运行经费表 合计 = 一般公共预算基本支出表 302
//! 商品和服务支出 (Jiangsu).
//!
//! Why: the documents say so themselves (JS 2017 人大 p28 说明: the 机关运行经费
//! 财政拨款支出安排数 equals the 商品和服务支出 of the 一般公共预算基本支出预算表).
//! Example: JS 2018/2019 files: K12 合计 = K08 302. The 2017 files print a
//! larger K12 (measured false in all five): a mismatch there is printed so.
//! Source: R009 (GovBudgetChecker `v3_3.yaml`); standard-tables.md K12.

use super::{find, term, Ctx, Rule};
use crate::kinds::standard::kinds::StandardKind::*;
use crate::kinds::standard::model::Check;

pub const RULE: Rule = Rule {
    id: "B208",
    name: "operating_costs",
    run,
};

fn run(ctx: &Ctx) -> Vec<Check> {
    let mut out = Vec::new();
    for a in find::tables(ctx.tables, OperatingCosts) {
        for b in find::tables(ctx.tables, GeneralBasicExpenditure) {
            let left = find::table_total(a).and_then(|r| term(a, r, None));
            let row = b
                .sides
                .iter()
                .flat_map(|s| &s.rows)
                .find(|r| r.code.as_deref() == Some("302"));
            let right = row.and_then(|r| term(b, r, None));
            if let (Some(l), Some(r)) = (left, right) {
                out.extend(RULE.cross(l, r, "operating_costs"));
            }
        }
    }
    out
}
