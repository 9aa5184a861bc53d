//! B107 `vehicle`: 公务用车购置及运行费 = 购置费 + 运行（维护）费.
//!
//! Why: the vehicle subtotal is printed beside its two parts.
//! Example: JS 2017 “三公”经费表: 156.60 = (blank) + 156.60.
//! Source: BUD-C009, V33-244 (GovBudgetChecker); standard-tables.md K09.

use super::{parts, Ctx, Rule};
use crate::kinds::standard::model::Check;

pub const RULE: Rule = Rule {
    id: "B107",
    name: "vehicle",
    run,
};

fn run(ctx: &Ctx) -> Vec<Check> {
    parts::run(ctx.tables, &RULE, parts::is_vehicle)
}
