//! Repair: a pure function over a raw table that undoes page breaks.
//!
//! * Repeated header rows and blank rows are dropped.
//! * A fragment (no amounts; usually no name) is joined either to the row
//!   before it (its cells continue that row's unfinished cells) or to the
//!   row after it (its cells are that row's beginning: name and amount
//!   cells are vertically centred, so a split row can print its first part
//!   before the part that carries the name). The choice is made from
//!   evidence in the cells — an unfinished indicator item, the indicator
//!   numbering, a sentence cut off, the page break's side — never from names
//!   or positions. Every repair is logged.

use crate::columns::{is_target_table_header, roles, Role};
pub use crate::model::RepairNote;
use crate::normalize::indicators::{ends_complete, first_seq, item_starts, starts_fresh};
use crate::raw::{RawRow, RawTable};
use crate::warning::{Warning, WarningKind};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repaired {
    pub table: RawTable,
    pub notes: Vec<RepairNote>,
}

/// What a row is, for joining decisions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Header,
    Blank,
    /// Has amounts (合计, unit or project rows).
    Anchored,
    /// A name but no amounts: possibly the rest of a name broken by a page.
    NameOnly,
    /// Neither name nor amounts: text continuing some row's cells.
    Fragment,
}

/// The text columns of one row, for evidence.
struct View<'a> {
    goal: &'a str,
    ind: &'a str,
}

pub fn repair(table: &RawTable, source: &str) -> Repaired {
    repair_owned(table.clone(), source)
}

/// [`repair`] taking the table: its rows are moved into the result, so a
/// big table is not held twice.
pub fn repair_owned(mut table: RawTable, source: &str) -> Repaired {
    let cols = Cols::of(&table.columns);
    let mut notes = Vec::new();
    let mut warnings = std::mem::take(&mut table.warnings);
    let mut rows: Vec<RawRow> = std::mem::take(&mut table.rows)
        .into_iter()
        .filter(|r| match cols.kind(r, &table.columns) {
            Kind::Header => {
                notes.push(note(
                    "dropped_header",
                    r,
                    "header row repeated on a new page",
                ));
                false
            }
            Kind::Blank => false,
            _ => true,
        })
        .collect();
    let mut out: Vec<RawRow> = Vec::new();
    let mut pending: Vec<RawRow> = Vec::new();
    // The last page of the row just before the current one, whatever it is.
    let mut before: Option<u32> = None;
    for i in 0..rows.len() {
        let Some(row) = rows.get_mut(i).map(std::mem::take) else {
            break;
        };
        let row_last = last_page(&row);
        let kind = cols.kind(&row, &table.columns);
        if kind == Kind::Anchored {
            out.push(take_pending(&cols, &mut pending, row));
            before = Some(row_last);
            continue;
        }
        let prev = out.last().filter(|a| cols.can_take_text(a));
        let next = rows
            .get(i + 1..)
            .unwrap_or_default()
            .iter()
            .find(|r| cols.kind(r, &table.columns) == Kind::Anchored)
            .filter(|b| cols.can_take_text(b) && pending.is_empty());
        let tail = prev.map(|a| cols.tail_score(a, &row, next));
        let head = next.map(|b| cols.head_score(prev, &row, b, before));
        match (tail, head) {
            (Some(t), h) if h.is_none_or(|h| t >= h) => {
                if h == Some(t) {
                    warnings.push(ambiguous(source, &row));
                }
                let what = if kind == Kind::NameOnly {
                    "joined_name"
                } else {
                    "appended_fragment"
                };
                notes.push(note(what, &row, "continues the row before it"));
                if let Some(a) = out.last_mut() {
                    cols.join(a, &row);
                }
            }
            (_, Some(_)) => {
                notes.push(note(
                    "prepended_fragment",
                    &row,
                    "is the first part of the row after it",
                ));
                pending.push(row);
            }
            _ => out.push(row),
        }
        before = Some(row_last);
    }
    out.append(&mut pending);
    let table = RawTable {
        rows: out,
        warnings,
        ..table
    };
    Repaired { table, notes }
}

/// Joins held fragments in front of the anchored row that follows them.
fn take_pending(cols: &Cols, pending: &mut Vec<RawRow>, row: RawRow) -> RawRow {
    let mut drained = pending.drain(..);
    let Some(mut head) = drained.next() else {
        return row;
    };
    for f in drained {
        cols.join(&mut head, &f);
    }
    cols.join(&mut head, &row);
    head.page = row.page;
    head.line = row.line;
    // The anchored row's other placements (its amounts) stay with it.
    head.alternatives = row.alternatives;
    head
}

fn note(kind: &str, r: &RawRow, detail: &str) -> RepairNote {
    RepairNote {
        kind: kind.to_string(),
        page: r.page,
        line: r.line,
        detail: detail.to_string(),
    }
}

fn ambiguous(source: &str, r: &RawRow) -> Warning {
    let msg = format!(
        "fragment could continue the row before or begin the row after; joined to the row before: «{}»",
        r.cells.join(" | ")
    );
    Warning::new(WarningKind::AmbiguousFragment, source, msg).at(Some(r.page), r.line)
}

/// Column positions by role.
struct Cols {
    roles: Vec<Role>,
    name: usize,
    goal: Option<usize>,
    ind: Option<usize>,
}

impl Cols {
    fn of(columns: &[String]) -> Cols {
        let roles = roles(columns);
        let pos = |want: Role| roles.iter().position(|r| *r == want);
        Cols {
            name: pos(Role::Name).unwrap_or(0),
            goal: pos(Role::Goal),
            ind: pos(Role::Indicators),
            roles,
        }
    }

    fn cell<'a>(&self, r: &'a RawRow, i: Option<usize>) -> &'a str {
        i.and_then(|i| r.cells.get(i)).map_or("", |s| s.trim())
    }

    fn view<'a>(&self, r: &'a RawRow) -> View<'a> {
        View {
            goal: self.cell(r, self.goal),
            ind: self.cell(r, self.ind),
        }
    }

    fn kind(&self, r: &RawRow, columns: &[String]) -> Kind {
        if r.is_blank() {
            return Kind::Blank;
        }
        let same_as_header = r
            .cells
            .iter()
            .map(|c| c.trim())
            .eq(columns.iter().map(|c| c.trim()));
        if same_as_header || is_target_table_header(&r.cells) {
            return Kind::Header;
        }
        let has_amount = self
            .roles
            .iter()
            .zip(&r.cells)
            .any(|(role, c)| *role == Role::Amount && !c.trim().is_empty());
        let has_name = !self.cell(r, Some(self.name)).is_empty();
        match (has_amount, has_name) {
            (true, _) => Kind::Anchored,
            (false, true) => Kind::NameOnly,
            (false, false) => Kind::Fragment,
        }
    }

    /// Only project rows (with a goal or indicators) take continuation text;
    /// 合计 and unit rows have none.
    fn can_take_text(&self, r: &RawRow) -> bool {
        let v = self.view(r);
        !v.goal.is_empty() || !v.ind.is_empty()
    }

    /// Evidence that `f` continues `a`.
    fn tail_score(&self, a: &RawRow, f: &RawRow, b: Option<&RawRow>) -> i32 {
        let (av, fv) = (self.view(a), self.view(f));
        let mut s = 0;
        if !fv.ind.is_empty() {
            if !starts_fresh(fv.ind) && !ends_complete(av.ind) {
                s += 2;
            }
            if continues_numbering(av.ind, fv.ind) {
                s += 2;
            }
            let b_fresh = b.is_none_or(|b| {
                let bi = self.view(b).ind;
                bi.is_empty() || starts_fresh(bi)
            });
            if starts_fresh(fv.ind) && ends_complete(av.ind) && b_fresh {
                s += 1;
            }
        }
        if !fv.goal.is_empty() && goal_unfinished(av.goal) {
            s += 1;
        }
        s + i32::from(f.page > last_page(a))
    }

    /// Evidence that `f` is the beginning of `b`. `prev` is the row before
    /// `f` that could take text, `before` the last page of the row just
    /// before `f` whatever it is.
    fn head_score(
        &self,
        prev: Option<&RawRow>,
        f: &RawRow,
        b: &RawRow,
        before: Option<u32>,
    ) -> i32 {
        let (fv, bv) = (self.view(f), self.view(b));
        let prev_ind_done = prev.is_none_or(|a| ends_complete(self.view(a).ind));
        let prev_goal_done = prev.is_none_or(|a| !goal_unfinished(self.view(a).goal));
        let mut s = 0;
        // Only a list's beginning (item 1) can be the head of a cell that
        // itself starts mid-item.
        let list_head = first_seq(fv.ind) == Some(1);
        if list_head && !bv.ind.is_empty() && !starts_fresh(bv.ind) && prev_ind_done {
            s += 3;
        }
        if !fv.goal.is_empty() && goal_unfinished(fv.goal) && !bv.goal.is_empty() && prev_goal_done
        {
            s += 1;
        }
        let page_after = b.page > last_page(f);
        let page_before = before.is_some_and(|last| f.page > last);
        s + i32::from(page_after && !page_before)
    }

    /// Appends `f`'s cells to `a`'s: text joined without a separator (a
    /// page break cuts mid-sentence), amounts taken where `a` has none.
    fn join(&self, a: &mut RawRow, f: &RawRow) {
        let f_cells = self.retarget(a, f);
        for (i, (ac, fc)) in a.cells.iter_mut().zip(&f_cells).enumerate() {
            let fc = fc.trim();
            if fc.is_empty() {
                continue;
            }
            if self.roles.get(i) == Some(&Role::Amount) {
                if ac.trim().is_empty() {
                    *ac = fc.to_string();
                }
            } else {
                ac.push_str(fc);
            }
        }
        for p in &f.pages {
            if !a.pages.contains(p) {
                a.pages.push(*p);
            }
        }
        a.pages.sort_unstable();
        a.placed_by_content |= f.placed_by_content;
    }

    /// A fragment whose lone text cell was placed by content alone goes to
    /// the column the row it joins has left unfinished.
    fn retarget(&self, a: &RawRow, f: &RawRow) -> Vec<String> {
        let (Some(g), Some(ind)) = (self.goal, self.ind) else {
            return f.cells.clone();
        };
        let text_cells: Vec<usize> = (0..f.cells.len())
            .filter(|&i| !f.cells[i].trim().is_empty())
            .collect();
        if !f.placed_by_content || text_cells.len() != 1 {
            return f.cells.clone();
        }
        let at = text_cells[0];
        let av = self.view(a);
        let target = match (goal_unfinished(av.goal), !ends_complete(av.ind)) {
            (true, false) => g,
            (false, true) => ind,
            _ => at,
        };
        let mut cells = f.cells.clone();
        if (at == g || at == ind) && target != at {
            cells.swap(at, target);
        }
        cells
    }
}

/// The fragment's first item number follows the previous cell's last.
fn continues_numbering(prev: &str, frag: &str) -> bool {
    let last = item_starts(prev).last().map(|&(_, s)| s);
    matches!((last, first_seq(frag)), (Some(l), Some(f)) if f == l + 1 && f > 1)
}

fn goal_unfinished(goal: &str) -> bool {
    !goal.is_empty()
        && !goal.ends_with([
            '。', '.', '！', '!', '？', '?', '；', ';', '）', ')', '”', '"', '」',
        ])
}

fn last_page(r: &RawRow) -> u32 {
    r.pages.iter().copied().max().unwrap_or(r.page)
}

#[cfg(test)]
mod tests;
