//! B105 `basic_split`: per row, 基本支出 = 人员经费 + 公用经费.
//!
//! Why: basic expenditure is by definition personnel plus running costs (人员经费 = 301 + 303, 公用经费 = 302 + 310).
//! Example: SH 2025 一般公共预算基本支出部门预算经济分类预算表: 合计 = 人员经费 + 公用经费 on every row.
//! Source: V33-117, V33-243, D-006, C-002, BUD-C003, BUD-103 (GovBudgetChecker); standard-tables.md K08.

use super::{parts, Ctx, Rule};
use crate::kinds::standard::model::Check;

pub const RULE: Rule = Rule {
    id: "B105",
    name: "basic_split",
    run,
};

fn run(ctx: &Ctx) -> Vec<Check> {
    parts::run(ctx.tables, &RULE, parts::is_basic_split)
}
