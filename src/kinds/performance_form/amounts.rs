//! Amounts of the header block as exact decimals, and the checks
//! 资金总额 = 财政拨款 + 其他资金 and 成本构成合计 = 资金总额.

use super::model::{FormAmounts, FormProject};
use crate::amount::Amount;
use crate::model::Check;

/// Yuan-sized numbers in a field labelled 万元 (深圳 exports): warned, kept.
const YUAN_SIZED: i128 = 100_000;

/// A printed amount: `1,234.50`, `250万` (unit inside), empty → `None`.
/// Returns the amount and, when the text is not an amount, a message.
pub fn parse(text: &str, unit: Option<&str>) -> (Option<Amount>, Option<String>) {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if t.is_empty() {
        return (None, None);
    }
    let (number, printed_unit) = split_unit(&t);
    let Some(a) = Amount::parse(number) else {
        return (None, Some(format!("“{text}” is not an amount")));
    };
    let mut note = None;
    if let (Some(p), Some(u)) = (printed_unit, unit) {
        if p != u {
            note = Some(format!("“{text}” is printed in {p}, the form says {u}"));
        }
    } else if unit == Some("万元") && yuan_sized(&a) {
        note = Some(format!(
            "“{text}” labelled 万元 looks like yuan (kept as printed, not rescaled)"
        ));
    }
    (Some(a), note)
}

fn split_unit(t: &str) -> (&str, Option<&'static str>) {
    for (suffix, unit) in [("万元", "万元"), ("万", "万元"), ("元", "元")] {
        if let Some(n) = t.strip_suffix(suffix) {
            return (n, Some(unit));
        }
    }
    (t, None)
}

fn yuan_sized(a: &Amount) -> bool {
    let s = a.to_string();
    !s.contains('.') && s.parse::<i128>().is_ok_and(|v| v.abs() >= YUAN_SIZED)
}

/// The checks of one project.
pub fn checks(p: &FormProject) -> Vec<Check> {
    let mut out = Vec::new();
    let FormAmounts {
        total,
        fiscal,
        other,
    } = &p.amounts;
    if let (Some(total), Some(fiscal)) = (total, fiscal) {
        let sum = *fiscal + other.unwrap_or_else(Amount::zero);
        out.push(check("fiscal_sum", p, "total", *total, sum));
    }
    if let (Some(total), Some(cost)) = (total, p.cost.as_ref().and_then(|c| c.total)) {
        out.push(check("cost_total", p, "total", *total, cost));
    }
    out
}

fn check(kind: &str, p: &FormProject, column: &str, expected: Amount, actual: Amount) -> Check {
    Check {
        kind: kind.into(),
        subject: p.name.as_str().into(),
        column: column.into(),
        expected: Some(expected),
        actual: Some(actual),
        ok: expected.same_value(&actual),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_as_printed_with_their_doubts() {
        let (a, w) = parse("1,234.50", Some("万元"));
        assert_eq!(a.map(|a| a.to_string()).as_deref(), Some("1234.50"));
        assert!(w.is_none());
        let (a, w) = parse("250万", Some("万元"));
        assert_eq!(a.map(|a| a.to_string()).as_deref(), Some("250"));
        assert!(w.is_none(), "万 is 万元");
        let (a, w) = parse("246700", Some("万元"));
        assert_eq!(
            a.map(|a| a.to_string()).as_deref(),
            Some("246700"),
            "not rescaled"
        );
        assert!(w.is_some_and(|w| w.contains("looks like yuan")));
        assert_eq!(parse("", None), (None, None));
        assert!(parse("待定", None).1.is_some());
    }

    #[test]
    fn total_is_fiscal_plus_other_exactly() {
        let amt = |s: &str| Amount::parse(s);
        let mut p = FormProject {
            name: "x".into(),
            ..FormProject::default()
        };
        p.amounts = FormAmounts {
            total: amt("60.00"),
            fiscal: amt("52.80"),
            other: amt("7.20"),
        };
        assert!(checks(&p).iter().all(|c| c.ok));
        p.amounts.other = None;
        let c = checks(&p);
        assert_eq!(c.len(), 1);
        assert!(!c[0].ok, "60.00 ≠ 52.80 + 0");
    }
}
