//! Normalise: a repaired RawTable → a typed Table of units and projects.
//! The 合计 row gives the table total; a row with amounts but no goal and
//! no indicators is a unit (资金使用单位) and the projects after it belong
//! to it; every other row is a project with its parsed indicator list.

pub mod indicators;
pub mod targets;

use crate::amount::Amount;
use crate::columns::{roles, Role};
use crate::model::{amount_key, Amounts, Project, Table, Unit};
use crate::raw::{RawRow, RawTable};
use crate::repair::RepairNote;
use crate::warning::{Warning, WarningKind};
use indicators::parse_indicators;

pub fn normalize(raw: &RawTable, repairs: Vec<RepairNote>, source: &str) -> Table {
    let mut n = Normalizer::new(raw, source);
    for row in &raw.rows {
        n.row(row);
    }
    finish(n, raw, repairs)
}

/// [`normalize`] taking the table: each row is freed once read, so a big
/// table's rows and its model are not held whole at once.
pub fn normalize_owned(mut raw: RawTable, repairs: Vec<RepairNote>, source: &str) -> Table {
    let rows = std::mem::take(&mut raw.rows);
    let mut n = Normalizer::new(&raw, source);
    for row in rows {
        n.row(&row);
    }
    finish(n, &raw, repairs)
}

fn finish(n: Normalizer, raw: &RawTable, repairs: Vec<RepairNote>) -> Table {
    Table {
        title: raw.meta.title.clone(),
        department: raw.meta.department.clone(),
        currency_unit: raw.meta.currency_unit.clone(),
        columns: raw.columns.clone(),
        total: n.total,
        units: n.units,
        checks: Vec::new(),
        warnings: n.warnings,
        repairs,
        form: None,
    }
}

struct Normalizer<'a> {
    source: &'a str,
    roles: Vec<Role>,
    labels: &'a [String],
    total: Option<Amounts>,
    units: Vec<Unit>,
    warnings: Vec<Warning>,
}

impl<'a> Normalizer<'a> {
    fn new(raw: &'a RawTable, source: &'a str) -> Self {
        Normalizer {
            source,
            roles: roles(&raw.columns),
            labels: &raw.columns,
            total: None,
            units: Vec::new(),
            warnings: raw.warnings.clone(),
        }
    }

    fn warn(&mut self, kind: WarningKind, row: &RawRow, msg: String) {
        self.warnings
            .push(Warning::new(kind, self.source, msg).at(Some(row.page), row.line));
    }

    fn text_of(&self, row: &RawRow, want: Role) -> String {
        let parts: Vec<&str> = self
            .roles
            .iter()
            .zip(&row.cells)
            .filter(|(r, c)| **r == want && !c.trim().is_empty())
            .map(|(_, c)| c.trim())
            .collect();
        parts.join(" ")
    }

    fn amounts(&mut self, row: &RawRow) -> Amounts {
        let mut out = Vec::new();
        let mut bad = Vec::new();
        for ((role, label), cell) in self.roles.iter().zip(self.labels).zip(&row.cells) {
            if *role != Role::Amount {
                continue;
            }
            let cell = cell.trim();
            let value = Amount::parse(cell);
            if value.is_none() && !cell.is_empty() {
                bad.push(format!("{label}: «{cell}»"));
            }
            out.push((amount_key(label), value));
        }
        for b in bad {
            self.warn(
                WarningKind::BadAmount,
                row,
                format!("amount is not a number, left empty: {b}"),
            );
        }
        // Documents hold these for every row until written: no slack.
        out.shrink_to_fit();
        Amounts(out)
    }

    fn row(&mut self, row: &RawRow) {
        let name = self.text_of(row, Role::Name);
        let goal = self.text_of(row, Role::Goal);
        let ind = self.text_of(row, Role::Indicators);
        let other = self.text_of(row, Role::Other);
        if !other.is_empty() {
            self.warn(
                WarningKind::OtherColumn,
                row,
                format!("text in a column of no known role: «{other}»"),
            );
        }
        let amounts = self.amounts(row);
        let compact: String = name.chars().filter(|c| !c.is_whitespace()).collect();
        if compact == "合计" || compact == "总计" {
            if self.total.is_some() {
                self.warn(
                    WarningKind::DuplicateTotal,
                    row,
                    "a second 合计 row; the first is kept".into(),
                );
            } else {
                self.total = Some(amounts);
            }
        } else if goal.is_empty() && ind.is_empty() && !amounts.is_empty() {
            self.units.push(Unit {
                name,
                amounts,
                projects: Vec::new(),
            });
        } else if name.is_empty() && amounts.is_empty() {
            let msg = format!("text that belongs to no row: «{}»", [goal, ind].join(" | "));
            self.warn(WarningKind::UnattachedText, row, msg);
        } else {
            self.project(row, name, amounts, goal, &ind);
        }
    }

    fn project(&mut self, row: &RawRow, name: String, amounts: Amounts, goal: String, ind: &str) {
        if amounts.is_empty() {
            self.warn(
                WarningKind::NoAmounts,
                row,
                format!("project «{name}» has no amounts"),
            );
        }
        if name.is_empty() {
            self.warn(
                WarningKind::NoName,
                row,
                "project row without a name".into(),
            );
        }
        let parsed = parse_indicators(ind);
        if let Some(pre) = &parsed.preamble {
            self.warn(
                WarningKind::IndicatorText,
                row,
                format!("«{name}»: text before the first numbered indicator: «{pre}»"),
            );
        }
        for p in &parsed.problems {
            self.warn(
                WarningKind::IndicatorIncomplete,
                row,
                format!("«{name}»: {p}"),
            );
        }
        if self.units.is_empty() {
            self.warn(
                WarningKind::NoUnit,
                row,
                "project before any unit (资金使用单位) row; grouped under an unnamed unit".into(),
            );
            self.units.push(Unit {
                name: String::new(),
                amounts: Amounts::default(),
                projects: Vec::new(),
            });
        }
        let mut indicators = parsed.items;
        // An indicator is ~600 bytes: a list grown by doubling held up to
        // three unused ones per project (2× the document) until written.
        indicators.shrink_to_fit();
        let project = Project {
            name: name.into(),
            amounts,
            goal: goal.into(),
            pages: row.pages.clone(),
            indicators,
            form: None,
        };
        if let Some(u) = self.units.last_mut() {
            u.projects.push(project);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::raw::RawRow;

    /// A document holds every project until it is written: its lists carry
    /// no growth slack (an indicator list grown to 4 held 3 × 600 unused
    /// bytes per project, twice the size of the document).
    #[test]
    fn projects_hold_no_slack() {
        let cells = |c: &[&str]| c.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let raw = RawTable {
            columns: cells(&["项目名称", "总计", "财政拨款", "绩效目标", "绩效指标"]),
            rows: vec![RawRow::new(
                cells(&[
                    "项目A",
                    "1.00",
                    "1.00",
                    "目标",
                    "1、1-产出指标；11-数量指标；完成数量；实施周期指标值:10个；年度指标值:10个。",
                ]),
                1,
                None,
            )],
            ..RawTable::default()
        };
        let t = normalize(&raw, Vec::new(), "t");
        let p = &t.units[0].projects[0];
        assert_eq!(p.indicators.len(), 1);
        assert_eq!(p.indicators.capacity(), 1);
        assert_eq!(p.amounts.0.capacity(), p.amounts.0.len());
    }
}
