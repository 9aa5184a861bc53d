//! Sums as evidence for rows placed by content. A text extract drops empty
//! cells; a row that lost some can fit several placements equally well
//! (`43.80` under 财政专户拨款 or under 其他资金). The table's own sums
//! decide: the placement under which the fewest checks fail — 总计 = Σ
//! funding columns in the row, each unit = Σ its projects, 合计 = Σ units
//! (src/validate.rs). The choice goes into the repair log as
//! `placed_by_sums`; when the sums single out no placement, the row keeps
//! its first one and its `ambiguous_row` warning.

use crate::columns::{roles, Role};
use crate::normalize::normalize;
use crate::raw::RawTable;
use crate::repair::{RepairNote, Repaired};
use crate::validate::validate;
use crate::warning::WarningKind;

/// Trial conversions at most per table: each costs a normalize and validate
/// of the whole table, so a garbled extract with thousands of ambiguous
/// rows must not make the table quadratic. Rows past it stay flagged.
const MAX_TRIALS: usize = 400;

/// Re-places, row by row in document order, every row that carries
/// alternatives, keeping each decision for the rows after it.
/// Returns the trial conversions made.
pub fn decide(fixed: &mut Repaired, source: &str) -> usize {
    let mut trials = 0;
    let amount: Vec<bool> = roles(&fixed.table.columns)
        .iter()
        .map(|r| *r == Role::Amount)
        .collect();
    for i in 0..fixed.table.rows.len() {
        let Some(row) = fixed.table.rows.get(i) else {
            break;
        };
        if row.alternatives.is_empty() {
            continue;
        }
        let mut candidates = vec![row.cells.clone()];
        candidates.extend(
            row.alternatives
                .iter()
                .map(|alt| with_amounts(&row.cells, alt, &amount)),
        );
        if trials + candidates.len() > MAX_TRIALS {
            break;
        }
        trials += candidates.len();
        let failures: Vec<usize> = candidates
            .iter()
            .map(|c| failed_checks(&mut fixed.table, i, c, source))
            .collect();
        let Some(best) = single_best(&failures) else {
            continue;
        };
        resolve(fixed, i, candidates.swap_remove(best), &failures, best);
    }
    trials
}

/// `cells` with the amount columns taken from `alt`.
fn with_amounts(cells: &[String], alt: &[String], amount: &[bool]) -> Vec<String> {
    cells
        .iter()
        .enumerate()
        .map(|(j, c)| match (amount.get(j), alt.get(j)) {
            (Some(true), Some(a)) => a.clone(),
            _ => c.clone(),
        })
        .collect()
}

/// Checks failing with row `i` printed as `cells` (the row is swapped in
/// for the trial and back, rather than the table copied).
fn failed_checks(table: &mut RawTable, i: usize, cells: &[String], source: &str) -> usize {
    let Some(row) = table.rows.get_mut(i) else {
        return usize::MAX;
    };
    let kept = std::mem::replace(&mut row.cells, cells.to_vec());
    let mut t = normalize(table, Vec::new(), source);
    if let Some(row) = table.rows.get_mut(i) {
        row.cells = kept;
    }
    validate(&mut t, source);
    t.checks.iter().filter(|c| !c.ok).count()
}

/// The index of the one smallest count, if no other equals it.
fn single_best(failures: &[usize]) -> Option<usize> {
    let min = *failures.iter().min()?;
    let mut at = failures.iter().enumerate().filter(|(_, &f)| f == min);
    let (best, _) = at.next()?;
    at.next().is_none().then_some(best)
}

/// Takes `cells` for row `i`, logs why and drops its ambiguity warning.
fn resolve(fixed: &mut Repaired, i: usize, cells: Vec<String>, failures: &[usize], best: usize) {
    let Some(row) = fixed.table.rows.get_mut(i) else {
        return;
    };
    row.cells = cells;
    row.alternatives.clear();
    let (page, line) = (row.page, row.line);
    let others: Vec<String> = failures
        .iter()
        .enumerate()
        .filter(|(k, _)| *k != best)
        .map(|(_, f)| f.to_string())
        .collect();
    let detail = format!(
        "row lost cells and fitted {} placements; taken the one under which the table's sums hold best \
         ({} failing checks, the others {}): «{}»",
        failures.len(),
        failures.get(best).copied().unwrap_or(0),
        others.join(", "),
        row.cells.join(" | ")
    );
    // The log stays in document order.
    let at = fixed
        .notes
        .iter()
        .position(|n| (n.page, n.line) > (page, line))
        .unwrap_or(fixed.notes.len());
    let note = RepairNote {
        kind: "placed_by_sums".into(),
        page,
        line,
        detail,
    };
    fixed.notes.insert(at, note);
    fixed.table.warnings.retain(|w| {
        !(w.kind == WarningKind::AmbiguousRow && w.page == Some(page) && w.line == line)
    });
}

#[cfg(test)]
mod tests {
    use crate::model::Document;

    const HEAD: &str =
        "项目名称（资金使用单位）\t总计\t财政拨款\t财政专户拨款\t其他资金\t绩效目标\t绩效指标";
    const IND: &str = "1、1-产出指标；11-数量指标；场次；实施周期指标值:1场；年度指标值:1场。";

    fn convert(text: &str) -> Document {
        let input = crate::Input::Bytes {
            name: "t.txt",
            bytes: text.as_bytes(),
        };
        crate::convert(input, &crate::Options::default()).expect("converts")
    }

    /// 乙项目 lost two empty cells: its second 20.00 fits 财政拨款, 财政专户拨款
    /// or 其他资金 alike; the unit's 财政拨款 = 30.00 says which.
    #[test]
    fn the_unit_sums_choose_where_a_lost_cells_amount_goes() {
        let doc = convert(&format!(
            "{HEAD}\n合计\t30.00\t30.00\t\t\t\t\n测试局\t30.00\t30.00\t\t\t\t\n\
             甲项目\t10.00\t10.00\t\t\t目标甲。\t{IND}\n乙项目\t20.00\t20.00\t目标乙。\t{IND}\n"
        ));
        let t = &doc.tables[0];
        let b = &t.units[0].projects[1];
        assert_eq!(
            b.amounts.get("fiscal").map(|a| a.to_string()).as_deref(),
            Some("20.00")
        );
        assert_eq!(b.amounts.get("other"), None);
        let note = t
            .repairs
            .iter()
            .find(|n| n.kind == "placed_by_sums")
            .expect("logged");
        assert_eq!((note.page, note.line), (1, Some(5)));
        assert!(
            note.detail.contains("fitted 3 placements"),
            "{}",
            note.detail
        );
        assert!(t.checks.iter().all(|c| c.ok));
        let kinds: Vec<&str> = t.warnings.iter().map(|w| w.kind.as_str()).collect();
        assert!(!kinds.contains(&"ambiguous_row"), "{kinds:?}");
    }

    /// Without unit or 合计 amounts every placement satisfies the sums: the
    /// first is kept and the row stays flagged.
    #[test]
    fn sums_that_cannot_tell_leave_the_row_flagged() {
        let doc = convert(&format!(
            "{HEAD}\n测试局\t\t\t\t\t\t\n乙项目\t20.00\t20.00\t目标乙。\t{IND}\n"
        ));
        let t = &doc.tables[0];
        assert!(t.repairs.iter().all(|n| n.kind != "placed_by_sums"));
        let kinds: Vec<&str> = t.warnings.iter().map(|w| w.kind.as_str()).collect();
        assert!(kinds.contains(&"ambiguous_row"), "{kinds:?}");
    }

    /// A table of many rows with alternatives: trials stop at the budget
    /// (each is a normalize of the whole table), the rest stay flagged.
    #[test]
    fn the_trials_per_table_are_bounded() {
        use crate::raw::{RawRow, RawTable};
        let columns: Vec<String> = HEAD.split('\t').map(str::to_string).collect();
        let cells = |fiscal: &str, other: &str| -> Vec<String> {
            ["项目", "1.00", fiscal, "", other, "目标。", IND]
                .map(str::to_string)
                .to_vec()
        };
        let rows = (0..300)
            .map(|_| {
                let mut r = RawRow::new(cells("", "1.00"), 1, None);
                r.alternatives = vec![cells("1.00", "")];
                r
            })
            .collect();
        let table = RawTable {
            columns,
            rows,
            ..RawTable::default()
        };
        let mut fixed = crate::repair::Repaired {
            table,
            notes: Vec::new(),
        };
        let trials = super::decide(&mut fixed, "t.txt");
        assert!(trials <= super::MAX_TRIALS, "{trials} trials");
    }
}
