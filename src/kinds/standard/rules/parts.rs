//! Per-row sums across columns, read from the header tree: a column
//! `P/合计/S` (or `P/小计/S`) is the sum of the columns `P/x/S`, a group
//! `P/x/…` without its own column counting through its 小计 or its leaves.
//! Shared by B104–B107, which differ in which totals they own.

use super::{sum, Compare, Rule};
use crate::amount::Amount;
use crate::kinds::standard::columns::Column;
use crate::kinds::standard::fold::fold;
use crate::kinds::standard::measure;
use crate::kinds::standard::model::{Check, StdTable};

/// A total column and the columns that add up to it.
pub struct Group {
    /// Printed label of the total column.
    pub total: String,
    pub parts: Vec<String>,
    /// Measure names of the total and of the parts.
    pub total_measure: String,
    pub part_measures: Vec<String>,
}

fn is_total_comp(c: &str) -> bool {
    let f = fold(c);
    matches!(
        f.as_str(),
        "合计" | "小计" | "总计" | "本年收入合计" | "本年支出合计"
    )
}

/// The column groups of a side, from its amount columns' header components.
pub fn groups(cols: &[Column]) -> Vec<Group> {
    let mut out = Vec::new();
    for col in cols {
        let Some(i) = col.comps.iter().position(|c| is_total_comp(c)) else {
            continue;
        };
        let (p, s) = (&col.comps[..i], &col.comps[i + 1..]);
        let under = |c: &&Column| {
            c.index != col.index
                && c.comps.len() > p.len() + s.len()
                && c.comps.starts_with(p)
                && c.comps.ends_with(s)
        };
        let members: Vec<&Column> = cols.iter().filter(under).collect();
        let mut xs: Vec<&String> = Vec::new();
        for m in &members {
            if let Some(x) = m.comps.get(p.len()) {
                if !xs.contains(&x) {
                    xs.push(x);
                }
            }
        }
        let mut parts: Vec<&Column> = Vec::new();
        for x in xs {
            let in_x: Vec<&&Column> = members
                .iter()
                .filter(|m| m.comps.get(p.len()) == Some(x))
                .collect();
            let exact = in_x.iter().find(|m| m.comps.len() == p.len() + 1 + s.len());
            let sub = in_x.iter().find(|m| {
                m.comps.get(p.len() + 1).is_some_and(|c| is_total_comp(c))
                    && m.comps.len() == p.len() + 2 + s.len()
            });
            match exact.or(sub) {
                Some(m) => parts.push(m),
                None => parts.extend(in_x.iter().map(|m| **m)),
            }
        }
        if !parts.is_empty() {
            out.push(Group {
                total: col.label.clone(),
                total_measure: measure::name(&col.comps, false),
                part_measures: parts
                    .iter()
                    .map(|m| measure::name(&m.comps, false))
                    .collect(),
                parts: parts.iter().map(|m| m.label.clone()).collect(),
            });
        }
    }
    out
}

/// Runs `rule` on every group `owns` accepts, row by row.
pub fn run(tables: &[StdTable], rule: &Rule, owns: fn(&Group) -> bool) -> Vec<Check> {
    let mut out = Vec::new();
    for t in tables.iter().filter(|t| !t.empty) {
        for side in &t.sides {
            let mut gs = groups(&side.amount_columns);
            for g in &mut gs {
                g.total_measure = measure::in_kind(t.kind, &g.total_measure, &t.columns);
            }
            for g in gs.iter().filter(|g| owns(g)) {
                for row in &side.rows {
                    let get = |label: &str| {
                        row.values
                            .iter()
                            .find(|v| v.label == label)
                            .map(|v| v.amount)
                    };
                    let total = get(&g.total);
                    let parts: Vec<Option<Amount>> = g.parts.iter().map(|p| get(p)).collect();
                    if total.is_none() && parts.iter().all(Option::is_none) {
                        continue;
                    }
                    let name = if row.item_plain.is_empty() {
                        row.code.clone().unwrap_or_default()
                    } else {
                        row.item_plain.clone()
                    };
                    let sums = format!("{} = Σ {}", g.total, g.parts.join(" + "));
                    out.push(rule.check(Compare {
                        t,
                        subject: if name.is_empty() {
                            sums
                        } else {
                            format!("{name}: {sums}")
                        },
                        measure: g.total_measure.clone(),
                        expected: total.unwrap_or_else(Amount::zero),
                        actual: sum(parts),
                        pages: row.pages.clone(),
                    }));
                }
            }
        }
    }
    out
}

/// The groups B105–B107 own; B104 takes the rest.
pub fn is_basic_split(g: &Group) -> bool {
    g.part_measures.iter().any(|m| m == "personnel")
        && g.part_measures
            .iter()
            .all(|m| m == "personnel" || m == "public_use")
}

pub fn is_three_public(g: &Group) -> bool {
    g.total_measure.starts_with("three_public")
}

pub fn is_vehicle(g: &Group) -> bool {
    g.total_measure.starts_with("vehicle")
}
