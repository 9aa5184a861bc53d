//! B108 `carry_over`: a side's grand total = its first total + the rows
//! printed between them (上年结转资金, 年初结转和结余, 结余分配 …).
//!
//! Why: 收入合计 is this year's income plus what was carried over;
//! 总计 of a 决算 side adds the balances to 本年收入合计 / 本年支出合计.
//! Example: JS 2017 收支预算总表: 收入合计 9,146.79 = 当年收入小计 9,146.79 +
//! 上年结转资金 (blank).
//! Source: V33-115, V33-101, D-001 (GovBudgetChecker), GJ-001
//! (`samples/manifest.yaml`); holds in the 15 JS files (standard-tables.md K01, K04).

use super::{find, sum, Compare, Ctx, Rule};
use crate::kinds::standard::kinds::StandardKind;
use crate::kinds::standard::model::{Check, Row};

pub const RULE: Rule = Rule {
    id: "B108",
    name: "carry_over",
    run,
};

fn run(ctx: &Ctx) -> Vec<Check> {
    let kinds = [
        StandardKind::IncomeExpenditureSummary,
        StandardKind::FiscalSummary,
    ];
    let mut out = Vec::new();
    for t in kinds.iter().flat_map(|&k| find::tables(ctx.tables, k)) {
        for role in ["income", "expenditure"] {
            let (Some(first), Some(grand)) =
                (find::first_total(t, role), find::grand_total(t, role))
            else {
                continue;
            };
            if first.grid_row >= grand.grid_row {
                continue;
            }
            // Numbered rows between break a balance down (一、二、三 under
            // 年初财政拨款结转和结余): counting them would count it twice.
            let between: Vec<&Row> = find::rows(t, role)
                .into_iter()
                .filter(|r| {
                    r.grid_row > first.grid_row
                        && r.grid_row < grand.grid_row
                        && r.numbering.is_none()
                })
                .collect();
            let (Some(e), Some(f)) = (grand.main(), first.main()) else {
                continue;
            };
            out.push(RULE.check(Compare {
                t,
                subject: format!(
                    "{role}: {} = {} + Σ 结转",
                    grand.item_plain, first.item_plain
                ),
                measure: "amount".into(),
                expected: e,
                actual: f + sum(between.iter().map(|r| r.main())),
                pages: [grand.pages.clone(), first.pages.clone()].concat(),
            }));
        }
    }
    out
}
