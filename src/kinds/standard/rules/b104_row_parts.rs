//! B104 `row_parts`: per row, a 合计 / 小计 column = Σ the columns under the same header.
//!
//! Why: a total column (收入合计 = 财政拨款收入 + 事业收入 …, 合计 = 基本支出 + 项目支出) that is not its parts' sum means a misread cell or a misprint.
//! Example: SH 2025 部门支出预算总表, 201 一般公共服务支出: 合计 = 基本支出 + 项目支出.
//! Source: V33-210, V33-211, V33-240, V33-241, R007, V33-119, BUD-C002, BUD-102 (GovBudgetChecker); standard-tables.md K02, K03, K04, K07, K10.

use super::{parts, Ctx, Rule};
use crate::kinds::standard::model::Check;

pub const RULE: Rule = Rule {
    id: "B104",
    name: "row_parts",
    run,
};

fn run(ctx: &Ctx) -> Vec<Check> {
    parts::run(ctx.tables, &RULE, |g| {
        !(parts::is_basic_split(g) || parts::is_three_public(g) || parts::is_vehicle(g))
    })
}
