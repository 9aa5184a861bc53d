//! B106 `three_public`: “三公”经费 = 因公出国（境）费 + 公务接待费 + 公务用车购置及运行费.
//!
//! Why: the three costs are what the 三公 total is; blanks count as 0.
//! Example: SH 2025 区府办 “三公”经费: 867.50 = 839.00 + 28.50 + (blank).
//! Source: C-001, R008, BUD-C008, BUD-104, V33-244 (GovBudgetChecker; blanks as zero per budget_v3_3_draft.yaml); standard-tables.md K09.

use super::{parts, Ctx, Rule};
use crate::kinds::standard::model::Check;

pub const RULE: Rule = Rule {
    id: "B106",
    name: "three_public",
    run,
};

fn run(ctx: &Ctx) -> Vec<Check> {
    parts::run(ctx.tables, &RULE, parts::is_three_public)
}
