//! Placing the cells of a row that lost or gained cells (text extracts drop
//! empty cells) by what they contain rather than by position alone.

use crate::columns::{cell_kind, fits, CellKind, Role};

/// The outcome of placing one row's cells onto the table's columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed {
    pub cells: Vec<String>,
    /// The row had a different cell count and was placed by content.
    pub by_content: bool,
    /// Several placements fitted equally well; the first was taken.
    pub ambiguous: bool,
    /// The other placements that fitted as well, distinct from `cells`.
    pub alternatives: Vec<Vec<String>>,
    /// Cells beyond the last column, joined into it.
    pub overflow: bool,
    /// No placement fitted the cells' content; cells were padded at the end.
    pub unfitted: bool,
}

pub fn place(cells: Vec<String>, roles: &[Role]) -> Placed {
    let m = roles.len();
    let mut out = Placed {
        cells,
        by_content: false,
        ambiguous: false,
        alternatives: Vec::new(),
        overflow: false,
        unfitted: false,
    };
    if out.cells.len() > m {
        fold_overflow(&mut out, m);
    }
    if out.cells.len() == m || m == 0 {
        return out;
    }
    out.by_content = true;
    let kinds: Vec<CellKind> = out.cells.iter().map(|c| cell_kind(c)).collect();
    let gaps = m - out.cells.len();
    let mut best: Option<(usize, Vec<usize>)> = None;
    let mut tied = Vec::new();
    for_each_subset(m, gaps, &mut |slots| {
        let Some(score) = score(slots, &kinds, roles) else {
            return;
        };
        match &best {
            Some((b, _)) if score < *b => {}
            Some((b, _)) if score == *b => tied.push(slots.to_vec()),
            _ => {
                best = Some((score, slots.to_vec()));
                tied.clear();
            }
        }
    });
    match best {
        Some((_, slots)) => {
            let first = spread(&out.cells, &slots, m);
            for t in &tied {
                let other = spread(&out.cells, t, m);
                if other != first && !out.alternatives.contains(&other) {
                    out.alternatives.push(other);
                }
            }
            out.ambiguous = !out.alternatives.is_empty();
            out.cells = first;
        }
        None => {
            out.unfitted = true;
            out.cells.resize(m, String::new());
        }
    }
    out
}

/// Extra cells: trailing empties are dropped, text is joined into the last column.
fn fold_overflow(out: &mut Placed, m: usize) {
    while out.cells.len() > m && out.cells.last().is_some_and(|c| c.trim().is_empty()) {
        out.cells.pop();
    }
    if out.cells.len() > m && m > 0 {
        let extra: Vec<String> = out.cells.split_off(m);
        let joined: String = extra.concat();
        if let Some(last) = out.cells.last_mut() {
            last.push_str(&joined);
        }
        out.overflow = true;
    }
}

/// Cells laid onto `m` slots, leaving the `gaps` slots empty.
fn spread(cells: &[String], gaps: &[usize], m: usize) -> Vec<String> {
    let mut it = cells.iter();
    (0..m)
        .map(|s| {
            if gaps.contains(&s) {
                String::new()
            } else {
                it.next().cloned().unwrap_or_default()
            }
        })
        .collect()
}

/// `None` when some cell does not fit its column; otherwise how many of the
/// inserted empty cells sit beside another empty cell or at the row's end
/// (a lost cell is one of a run of empties).
fn score(gaps: &[usize], kinds: &[CellKind], roles: &[Role]) -> Option<usize> {
    let m = roles.len();
    let mut slot_kind = vec![CellKind::Empty; m];
    let mut k = kinds.iter();
    for (s, sk) in slot_kind.iter_mut().enumerate() {
        if !gaps.contains(&s) {
            *sk = *k.next()?;
        }
    }
    if !slot_kind.iter().zip(roles).all(|(k, r)| fits(*r, *k)) {
        return None;
    }
    let empty = |s: usize| slot_kind.get(s) == Some(&CellKind::Empty);
    Some(
        gaps.iter()
            .filter(|&&s| s + 1 == m || (s > 0 && empty(s - 1)) || empty(s + 1))
            .count(),
    )
}

/// Calls `f` with every increasing sequence of `k` slots out of `0..m`.
fn for_each_subset(m: usize, k: usize, f: &mut dyn FnMut(&[usize])) {
    fn go(start: usize, m: usize, k: usize, cur: &mut Vec<usize>, f: &mut dyn FnMut(&[usize])) {
        if cur.len() == k {
            f(cur);
            return;
        }
        for s in start..m {
            cur.push(s);
            go(s + 1, m, k, cur, f);
            cur.pop();
        }
    }
    go(0, m, k, &mut Vec::with_capacity(k), f);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::columns::roles;

    fn roles7() -> Vec<Role> {
        let c: Vec<String> = crate::columns::STANDARD_COLUMNS
            .iter()
            .map(|s| s.to_string())
            .collect();
        roles(&c)
    }

    fn v(s: &[&str]) -> Vec<String> {
        s.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn lost_empty_amount_cell() {
        let p = place(
            v(&[
                "工作经费",
                "12.00",
                "12.00",
                "",
                "目标。",
                "1、1-产出指标；",
            ]),
            &roles7(),
        );
        assert_eq!(
            p.cells,
            v(&[
                "工作经费",
                "12.00",
                "12.00",
                "",
                "",
                "目标。",
                "1、1-产出指标；"
            ])
        );
        assert!(p.by_content && !p.ambiguous);
    }

    #[test]
    fn lost_cell_between_amounts_goes_where_the_empties_are() {
        let p = place(
            v(&["专项", "43.80", "", "43.80", "目标", "1、1-产出指标；"]),
            &roles7(),
        );
        assert_eq!(
            p.cells,
            v(&["专项", "43.80", "", "", "43.80", "目标", "1、1-产出指标；"])
        );
    }

    #[test]
    fn unit_row_lost_trailing_cell() {
        let p = place(
            v(&["研究所", "953.71", "926.71", "", "27.00", ""]),
            &roles7(),
        );
        assert_eq!(p.cells[4], "27.00");
        assert!(!p.ambiguous);
    }

    #[test]
    fn indicator_fragment_goes_to_indicator_column() {
        let p = place(
            v(&[
                "",
                "",
                "",
                "",
                "",
                "标；11-数量指标；文创；实施周期指标值:1个",
            ]),
            &roles7(),
        );
        assert_eq!(p.cells[6], "标；11-数量指标；文创；实施周期指标值:1个");
        assert_eq!(p.cells[5], "");
    }

    #[test]
    fn overflow_joins_into_last_column() {
        let p = place(
            v(&["a", "1", "1", "", "", "g", "i", "j", "", ""]),
            &roles7(),
        );
        assert_eq!(p.cells.len(), 7);
        assert_eq!(p.cells[6], "ij");
        assert!(p.overflow);
    }

    #[test]
    fn unplaceable_row_is_flagged() {
        let p = place(v(&["1、1-产出指标；x", "5.00"]), &roles7());
        assert!(p.unfitted);
        assert_eq!(p.cells.len(), 7);
    }
}
