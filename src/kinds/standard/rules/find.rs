//! Finding the rows rules compare: totals per side, rows by item.

use crate::kinds::standard::kinds::StandardKind;
use crate::kinds::standard::model::{Row, StdTable};

/// Non-empty tables of a kind.
pub fn tables(all: &[StdTable], kind: StandardKind) -> impl Iterator<Item = &StdTable> {
    all.iter().filter(move |t| t.kind == kind && !t.empty)
}

/// Rows of the sides whose name starts with `side`, in print order.
pub fn rows<'a>(t: &'a StdTable, side: &str) -> Vec<&'a Row> {
    let mut rows: Vec<&Row> = t
        .sides
        .iter()
        .filter(|s| s.name.starts_with(side))
        .flat_map(|s| &s.rows)
        .collect();
    rows.sort_by_key(|r| r.grid_row);
    rows
}

/// The first total or subtotal row (本年收入合计, 当年支出小计, 收入总计).
pub fn first_total<'a>(t: &'a StdTable, side: &str) -> Option<&'a Row> {
    rows(t, side)
        .into_iter()
        .find(|r| r.total.is_some() && r.main().is_some())
}

/// The last 合计/总计 row (收入合计, 总计): the side's grand total.
pub fn grand_total<'a>(t: &'a StdTable, side: &str) -> Option<&'a Row> {
    rows(t, side)
        .into_iter()
        .rev()
        .find(|r| r.is_total() && r.main().is_some())
}

/// A one-sided table's total: its 合计 row, or its only row with amounts
/// (JS 支出预算总表 and “三公” tables print one unlabelled data row).
pub fn table_total(t: &StdTable) -> Option<&Row> {
    let with_total = t
        .sides
        .iter()
        .filter(|s| s.rows.iter().any(Row::is_total))
        .count();
    if with_total > 1 {
        return None;
    }
    let rows = rows(t, "");
    let with_values: Vec<&Row> = rows
        .iter()
        .copied()
        .filter(|r| !r.values.is_empty())
        .collect();
    rows.iter()
        .copied()
        .find(|r| r.is_total() && r.code.is_none() && !r.values.is_empty())
        .or_else(|| {
            (with_values.len() == 1)
                .then(|| with_values.first().copied())
                .flatten()
        })
}

/// The first row whose plain item starts with `word`.
pub fn item<'a>(t: &'a StdTable, side: &str, word: &str) -> Option<&'a Row> {
    rows(t, side)
        .into_iter()
        .find(|r| r.item_plain.starts_with(word))
}

/// Whether the 收支总表 shows all income as 一般公共预算 (its first
/// income total equals its 一般公共预算 item); false when unknown.
pub fn only_general(all: &[StdTable]) -> bool {
    tables(all, StandardKind::IncomeExpenditureSummary).any(|t| {
        let general = item(t, "income", "一般公共预算").and_then(Row::main);
        let total = first_total(t, "income").and_then(Row::main);
        matches!((general, total), (Some(g), Some(x)) if g.same_value(&x))
    })
}

/// The 经济分类 table's total: its 合计, or (决算, two halves side by
/// side) 人员经费合计 + 公用经费合计.
pub fn economic_total(b: &StdTable) -> Option<super::Term<'_>> {
    if let Some(t) = table_total(b).and_then(|r| super::term(b, r, None)) {
        return Some(t);
    }
    let halves: Vec<_> = b
        .sides
        .iter()
        .filter_map(|s| s.rows.iter().find(|r| r.is_total() && r.code.is_none()))
        .collect();
    let amount = halves
        .iter()
        .map(|r| r.main())
        .try_fold(crate::amount::Amount::zero(), |acc, a| a.map(|a| acc + a))?;
    (halves.len() >= 2).then(|| super::Term {
        t: b,
        what: halves
            .iter()
            .map(|r| r.item_plain.as_str())
            .collect::<Vec<_>>()
            .join(" + "),
        amount,
        pages: halves.iter().flat_map(|r| r.pages.clone()).collect(),
    })
}
