//! The check rules, one file each with a stable id (B1xx inside a table,
//! B2xx between the tables of one document). Each rule says what it
//! checks, why, an example and where the rule comes from; `RULES` is the
//! registry `build_document` runs.

mod b101_balance;
mod b102_numbered_items;
mod b103_code_hierarchy;
mod b104_row_parts;
mod b105_basic_split;
mod b106_three_public;
mod b107_vehicle;
mod b108_carry_over;
mod b109_category_subtotals;
mod b110_outline_sums;
mod b201_general_fiscal;
mod b202_basic_economic;
mod b203_income_summary;
mod b204_expenditure_summary;
mod b205_fiscal_expenditure;
mod b206_fiscal_basic;
mod b207_general_basic;
mod b208_operating_costs;
mod find;
mod parts;

use super::model::{Check, DocInfo, Stage, Status, StdTable};
use crate::amount::Amount;

/// A check rule.
pub struct Rule {
    pub id: &'static str,
    pub name: &'static str,
    pub run: fn(&Ctx) -> Vec<Check>,
}

/// What a rule sees: every standard table of one document.
pub struct Ctx<'a> {
    pub tables: &'a [StdTable],
    pub info: &'a DocInfo,
}

impl Ctx<'_> {
    pub fn final_accounts(&self) -> bool {
        self.info.stage == Some(Stage::Final)
    }
}

pub const RULES: [&Rule; 18] = [
    &b101_balance::RULE,
    &b102_numbered_items::RULE,
    &b103_code_hierarchy::RULE,
    &b104_row_parts::RULE,
    &b105_basic_split::RULE,
    &b106_three_public::RULE,
    &b107_vehicle::RULE,
    &b108_carry_over::RULE,
    &b109_category_subtotals::RULE,
    &b110_outline_sums::RULE,
    &b201_general_fiscal::RULE,
    &b202_basic_economic::RULE,
    &b203_income_summary::RULE,
    &b204_expenditure_summary::RULE,
    &b205_fiscal_expenditure::RULE,
    &b206_fiscal_basic::RULE,
    &b207_general_basic::RULE,
    &b208_operating_costs::RULE,
];

/// Every rule on the document's non-empty tables.
pub fn run_all(tables: &[StdTable], info: &DocInfo) -> Vec<Check> {
    let ctx = Ctx { tables, info };
    RULES.iter().flat_map(|r| (r.run)(&ctx)).collect()
}

/// Equal, off by one unit of the last printed digit (`rounding`), or not.
pub fn status(expected: Amount, actual: Amount) -> Status {
    let diff = (expected - actual).to_string();
    let digits = diff.trim_start_matches('-');
    if (expected - actual).is_zero() {
        Status::Ok
    } else if digits.ends_with('1')
        && digits[..digits.len() - 1]
            .chars()
            .all(|c| c == '0' || c == '.')
    {
        Status::Rounding
    } else {
        Status::Mismatch
    }
}

/// One comparison on table `t`.
pub struct Compare<'a> {
    pub t: &'a StdTable,
    pub subject: String,
    pub measure: String,
    pub expected: Amount,
    pub actual: Amount,
    pub pages: Vec<u32>,
}

impl Rule {
    pub fn check(&self, c: Compare) -> Check {
        let mut pages = c.pages;
        pages.sort_unstable();
        pages.dedup();
        Check {
            rule: self.id,
            name: self.name,
            kind: c.t.kind.id(),
            table: c.t.title.clone(),
            subject: c.subject,
            measure: c.measure,
            expected: c.expected,
            actual: c.actual,
            status: status(c.expected, c.actual),
            pages,
            currency_unit: c.t.currency_unit.clone(),
        }
    }
}

/// Σ of amounts, blanks counting as 0.
pub fn sum<I: IntoIterator<Item = Option<Amount>>>(xs: I) -> Amount {
    xs.into_iter().flatten().fold(Amount::zero(), |a, b| a + b)
}

/// One side of a cross-table comparison: a table, a row and its amount.
pub struct Term<'a> {
    pub t: &'a StdTable,
    pub what: String,
    pub amount: Amount,
    pub pages: Vec<u32>,
}

impl Rule {
    /// `a` (expected) against `b` (actual); tables printed in different
    /// units are not compared (元 against 万元 rounds differently). A unit
    /// the extraction did not find is not a different one.
    pub fn cross(&self, a: Term, b: Term, measure: &str) -> Option<Check> {
        if let (Some(x), Some(y)) = (&a.t.currency_unit, &b.t.currency_unit) {
            if x != y {
                return None;
            }
        }
        let mut c = self.check(Compare {
            t: a.t,
            subject: format!(
                "{} {} = {} {}",
                a.t.kind.id(),
                a.what,
                b.t.kind.id(),
                b.what
            ),
            measure: measure.to_string(),
            expected: a.amount,
            actual: b.amount,
            pages: [a.pages, b.pages].concat(),
        });
        c.table = a.t.title.clone();
        Some(c)
    }
}

/// A term from a row's amount (`measure`, or the row's main amount).
pub fn term<'a>(
    t: &'a StdTable,
    row: &super::model::Row,
    measure: Option<&str>,
) -> Option<Term<'a>> {
    let amount = match measure {
        Some(m) => row.value(m)?,
        None => row.main()?,
    };
    let what = if row.item_plain.is_empty() {
        measure.unwrap_or("amount").to_string()
    } else {
        row.item_plain.clone()
    };
    Some(Term {
        t,
        what,
        amount,
        pages: row.pages.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_unit_of_the_last_digit_is_rounding() {
        let a = |s: &str| Amount::parse(s).unwrap_or_else(Amount::zero);
        assert_eq!(status(a("1.50"), a("1.5")), Status::Ok);
        assert_eq!(status(a("9,146.79"), a("9146.80")), Status::Rounding);
        assert_eq!(status(a("100"), a("99")), Status::Rounding);
        assert_eq!(status(a("10.00"), a("10.02")), Status::Mismatch);
        assert_eq!(status(a("10.00"), a("11.00")), Status::Mismatch);
    }

    #[test]
    fn rule_ids_are_unique() {
        let mut ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), RULES.len());
    }
}
