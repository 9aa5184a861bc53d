//! The indicator grid: its header row gives each column a role; body rows
//! are indicators, merged 一级/二级 cells covering the rows under them (or
//! repeated on every row, or cut by a page break into an empty box).

use super::labels::{column, norm, Column};
use super::model::{Fields, FormIndicator};
use super::rows::{Row, SCell};

/// One column of the grid header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Col {
    pub start: usize,
    pub end: usize,
    pub role: Column,
    pub label: String,
}

/// A grid header: its columns, and whether it is the long-term grid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spec {
    pub cols: Vec<Col>,
    pub long_term: bool,
    /// The caption printed with it (本年度绩效指标, 长期绩效指标 …).
    pub caption: Option<String>,
}

/// A header row names 一级指标 and 二级指标.
pub fn is_header(row: &Row) -> bool {
    let roles: Vec<Column> = row.filled().map(|c| column(&c.text)).collect();
    roles.contains(&Column::Level1) && roles.contains(&Column::Level2)
}

/// A cell beside the grid naming it (本年度绩效指标, spanning its rows, or
/// left of 一级指标 where a page break cut it): a caption, not a column.
fn is_caption(c: &SCell, level1_col: usize) -> bool {
    (c.row_span > 1 || c.col < level1_col)
        && column(&c.text) == Column::Extra
        && norm(&c.text).contains("指标")
}

/// The columns of a header row; `caption` is a line printed above it.
pub fn spec(row: &Row, caption: Option<&str>) -> Spec {
    let mut caption = caption.map(str::to_string);
    let mut cols = Vec::new();
    let level1_col = row
        .cells
        .iter()
        .find(|c| column(&c.text) == Column::Level1)
        .map_or(0, |c| c.col);
    for c in &row.cells {
        if is_caption(c, level1_col) {
            caption = Some(c.text.clone());
            continue;
        }
        cols.push(Col {
            start: c.col,
            end: c.col.saturating_add(c.col_span.max(1)),
            role: column(&c.text),
            label: c.text.clone(),
        });
    }
    name_unlabelled(&mut cols);
    let long_term = caption
        .as_deref()
        .is_some_and(super::labels::is_long_term_caption);
    Spec {
        cols,
        long_term,
        caption,
    }
}

/// A grid printing no 三级 label (鄂州): the unlabelled column after 二级.
fn name_unlabelled(cols: &mut [Col]) {
    if cols.iter().any(|c| c.role == Column::Name) {
        return;
    }
    let after = cols.iter().position(|c| c.role == Column::Level2);
    if let Some(c) = after.and_then(|i| cols.get_mut(i + 1)) {
        if c.role == Column::Extra && c.label.is_empty() {
            c.role = Column::Name;
        }
    }
}

/// A second header row under spanning header cells (指标值 over 年度 |
/// 实施期): the spec with those columns split, or `None` for a body row.
pub fn sub_header(spec: &Spec, row: &Row) -> Option<Spec> {
    let wide = |c: &SCell| {
        spec.cols
            .iter()
            .position(|h| h.end - h.start > 1 && (h.start..h.end).contains(&c.col))
    };
    let cells: Vec<&SCell> = row.filled().collect();
    let all_under = !cells.is_empty() && cells.iter().all(|c| wide(c).is_some());
    if !all_under
        || cells
            .iter()
            .any(|c| super::labels::field(&c.text).is_some())
    {
        return None;
    }
    let mut cols = Vec::new();
    for h in &spec.cols {
        let subs: Vec<&&SCell> = cells
            .iter()
            .filter(|c| (h.start..h.end).contains(&c.col))
            .collect();
        if subs.len() < 2 {
            cols.push(h.clone());
            continue;
        }
        for (k, c) in subs.iter().enumerate() {
            let end = subs.get(k + 1).map_or(h.end, |n| n.col);
            cols.push(Col {
                start: c.col,
                end,
                role: sub_role(h.role, &c.text, k),
                label: format!("{}/{}", h.label, c.text),
            });
        }
    }
    // Values never head a column: a row of values is a body row.
    let is_value = |t: &str| t.chars().any(|ch| ch.is_ascii_digit());
    let split = cols.len() > spec.cols.len();
    (split && !cells.iter().any(|c| is_value(&c.text))).then(|| Spec {
        cols,
        ..spec.clone()
    })
}

/// The role of a sub-column: its own label's, else the period or year it
/// names under a value column, else the parent's for the first.
fn sub_role(parent: Column, sub: &str, k: usize) -> Column {
    let own = column(sub);
    if own != Column::Extra {
        return own;
    }
    let t = norm(sub);
    let value = matches!(parent, Column::Annual | Column::Period);
    if value && ["实施期", "长期", "周期"].iter().any(|w| t.contains(w)) {
        Column::Period
    } else if value && ["年度", "本年", "当年"].iter().any(|w| t.contains(w)) {
        Column::Annual
    } else if k == 0 {
        parent
    } else {
        Column::Extra
    }
}

/// The running 一级/二级 while reading body rows.
#[derive(Debug, Default, Clone)]
pub struct Levels {
    level1: Option<String>,
    level2: Option<String>,
}

/// What a body row is.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    Indicator(Box<FormIndicator>),
    /// An empty 三级: a category row, kept in the log.
    Placeholder(String),
    Blank,
}

/// Reads one body row: texts placed by the header column covering them;
/// an empty 一级/二级 is the merged (or cut) cell above.
pub fn body(spec: &Spec, row: &Row, levels: &mut Levels) -> Body {
    let texts = place(spec, row);
    if texts.iter().all(|t| t.is_empty()) {
        return Body::Blank;
    }
    let get = |role: Column| {
        spec.cols
            .iter()
            .zip(&texts)
            .find(|(c, _)| c.role == role)
            .map(|(_, t)| t.clone())
    };
    let l1 = get(Column::Level1).filter(|t| !t.is_empty());
    let new_l1 = l1.is_some();
    if new_l1 {
        levels.level1 = l1;
    }
    match get(Column::Level2).filter(|t| !t.is_empty()) {
        Some(l2) => levels.level2 = Some(l2),
        None if new_l1 => levels.level2 = None,
        None => {}
    }
    let name = get(Column::Name).unwrap_or_default();
    if name.is_empty() {
        return Body::Placeholder(row.joined());
    }
    let direction = get(Column::Direction).or_else(|| get(Column::Nature));
    let mut extra = Fields::default();
    for (c, t) in spec.cols.iter().zip(&texts) {
        if matches!(c.role, Column::Extra | Column::Direction | Column::Nature) {
            extra.push(&c.label, t);
        }
    }
    Body::Indicator(Box::new(FormIndicator {
        level1: levels.level1.clone(),
        level2: levels.level2.clone(),
        name,
        annual_value: get(Column::Annual),
        period_value: get(Column::Period),
        unit: get(Column::Unit),
        direction,
        extra,
        page: row.page,
        ..FormIndicator::default()
    }))
}

/// Each header column's text in this row (cells it covers joined).
fn place(spec: &Spec, row: &Row) -> Vec<String> {
    let mut out = vec![String::new(); spec.cols.len()];
    for cell in row.filled() {
        let at = spec
            .cols
            .iter()
            .position(|c| (c.start..c.end).contains(&cell.col));
        if let Some(slot) = at.and_then(|i| out.get_mut(i)) {
            slot.push_str(&cell.text);
        }
    }
    out
}
