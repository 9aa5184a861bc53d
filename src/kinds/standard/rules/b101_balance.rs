//! B101 `balance`: 收入总计 = 支出总计 in a 收支 table.
//!
//! Why: both sides of 收支总表 and 财政拨款收支总表 list the same money; a
//! difference means a side was mis-added or mis-printed.
//! Example: JS 2017 收支预算总表, 收入合计 9,146.79 = 支出合计 9,146.79.
//! Source: BUD-C001 (`budget_v3_3_draft.yaml`), BUD-101, V33-214, V33-115,
//! V33-242 (GovBudgetChecker); shared/docs/standard-tables.md K01, K04.

use super::{find, Compare, Ctx, Rule};
use crate::kinds::standard::kinds::StandardKind;
use crate::kinds::standard::model::Check;

pub const RULE: Rule = Rule {
    id: "B101",
    name: "balance",
    run,
};

fn run(ctx: &Ctx) -> Vec<Check> {
    let kinds = [
        StandardKind::IncomeExpenditureSummary,
        StandardKind::FiscalSummary,
    ];
    let mut out = Vec::new();
    for t in kinds.iter().flat_map(|&k| find::tables(ctx.tables, k)) {
        let (Some(inc), Some(exp)) = (
            find::grand_total(t, "income"),
            find::grand_total(t, "expenditure"),
        ) else {
            continue;
        };
        let (Some(e), Some(a)) = (inc.main(), exp.main()) else {
            continue;
        };
        out.push(RULE.check(Compare {
            t,
            subject: format!("{} = {}", inc.item_plain, exp.item_plain),
            measure: "total".into(),
            expected: e,
            actual: a,
            pages: [inc.pages.clone(), exp.pages.clone()].concat(),
        }));
    }
    out
}
