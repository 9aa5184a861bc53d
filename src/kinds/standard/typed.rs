//! One [`LogicalTable`] of a known kind → a [`StdTable`]: rows per side
//! with code, level, parent, item, total mark and named amounts.

use super::columns::{self, SideSpec};
use super::model::{Row, Side, StdTable, Value};
use super::{code, item, kinds::StandardKind, measure};
use crate::amount::Amount;
use crate::table::index::GridIndex;
use crate::table::LogicalTable;
use crate::warning::{Warning, WarningKind};

/// Words of the statement printed with an empty table.
const EMPTY_WORDS: [&str; 8] = [
    "为空",
    "空表",
    "无数据",
    "无政府性基金",
    "无国有资本",
    "未安排",
    "没有安排",
    "无此项",
];

pub fn build(t: &LogicalTable, kind: StandardKind, source: &str) -> StdTable {
    let header = t.flat_header();
    let roles = columns::roles(t, &header);
    let both_stages =
        header.iter().any(|h| h.contains("预算数")) && header.iter().any(|h| h.contains("决算数"));
    let specs = columns::sides(&header, &roles);
    let unit = t.meta.currency_unit.clone();
    let mut warnings = Vec::new();
    let mut sides: Vec<Side> = specs
        .iter()
        .map(|s| Side {
            name: s.name.clone(),
            rows: Vec::new(),
            amount_columns: s.amounts.clone(),
        })
        .collect();
    // Rows are read through an index: the grid's own lookups scan every cell.
    let ix = t.grid.index();
    for r in t.header_rows..t.grid.n_rows {
        let rows = read_row(&ix, r, &specs, both_stages, &unit, source, &mut warnings);
        for (side, row) in sides.iter_mut().zip(rows) {
            side.rows.extend(row);
        }
    }
    for v in sides
        .iter_mut()
        .flat_map(|s| &mut s.rows)
        .flat_map(|r| &mut r.values)
    {
        v.measure = measure::in_kind(kind, &v.measure, &header);
    }
    let empty = sides
        .iter()
        .all(|s| s.rows.iter().all(|r| r.values.is_empty()));
    if empty {
        // Without amounts the rows are header and 合计 labels, not data.
        sides.iter_mut().for_each(|s| s.rows.clear());
    }
    let empty_statement = if empty { statement(t) } else { None };
    if unit.is_none() && !empty {
        warnings.push(
            Warning::new(
                WarningKind::NoCurrencyUnit,
                source,
                format!("{}: no 单位 printed with the table", kind.id()),
            )
            .at(Some(t.first_page), None),
        );
    }
    StdTable {
        kind,
        title: t.meta.title.clone(),
        number: t.meta.number.clone(),
        department: t.meta.department.clone(),
        currency_unit: unit,
        pages: [t.first_page, t.last_page.max(t.first_page)],
        columns: header,
        empty,
        empty_statement,
        sides,
        warnings,
    }
}

/// Grid row `r` read once per side; a label spanning into the next side
/// (JS 当年支出小计 over three columns) goes to the side holding its amounts.
fn read_row(
    ix: &GridIndex,
    r: usize,
    specs: &[SideSpec],
    both_stages: bool,
    unit: &Option<String>,
    source: &str,
    warnings: &mut Vec<Warning>,
) -> Vec<Option<Row>> {
    let page = ix.grid().page_of(r);
    let mut rows: Vec<Option<Row>> = specs
        .iter()
        .map(|s| {
            let values = values(ix, r, s, both_stages, unit, source, warnings);
            label_of(ix, r, s).map(|l| new_row(l, values, page, r))
        })
        .collect();
    for (i, spec) in specs.iter().enumerate().skip(1) {
        if let Some((from, text)) = spanned_label(ix, r, spec) {
            move_label(&mut rows, specs, i, from, text);
        }
    }
    rows
}

/// Gives side `i` the label that starts at column `from` in an earlier
/// side and spans into it (JS 当年支出小计, 结转下年资金 over 功能分类 and
/// 支出用途), when side `i` has amounts but no label or nothing at all; the
/// earlier side keeps no copy of a label without amounts.
fn move_label(rows: &mut [Option<Row>], specs: &[SideSpec], i: usize, from: usize, text: String) {
    let first = specs.get(i).map_or(0, |s| s.first);
    let owner = specs.iter().rposition(|s| s.first <= from && from < first);
    let unlabelled = |x: &Option<Row>| {
        x.as_ref()
            .is_some_and(|r| r.item.is_empty() && !r.values.is_empty())
    };
    let (wants, free) = match rows.get(i) {
        Some(x) => (unlabelled(x), x.is_none()),
        None => return,
    };
    let taken = owner
        .and_then(|j| rows.get_mut(j))
        .filter(|slot| slot.as_ref().is_some_and(|x| x.values.is_empty()) && (wants || free))
        .and_then(Option::take);
    let Some(slot) = rows.get_mut(i) else { return };
    match slot {
        Some(row) if wants => {
            row.item_plain = item::plain(&text);
            row.total = item::total_mark(&text);
            row.numbering = item::numbering(&text);
            row.item = text;
        }
        None => *slot = taken,
        _ => {}
    }
}

/// The code and label of row `r` on one side, and the depth of the label
/// (which label column holds its first text: 大类 0, 专项 1 …); several
/// label cells are joined with `/`. `None` for a blank row.
fn label_of(ix: &GridIndex, r: usize, s: &SideSpec) -> Option<Label> {
    let code_texts: Vec<&str> = s.codes.iter().map(|&c| ix.text(r, c)).collect();
    let codev = code::join(&code_texts);
    let mut label: Vec<&str> = Vec::new();
    if codev.is_none() {
        label.extend(code_texts.iter().copied().filter(|x| !x.trim().is_empty()));
    }
    let texts: Vec<&str> = s.labels.iter().map(|&c| ix.text(r, c)).collect();
    let depth = texts.iter().position(|x| !x.trim().is_empty()).unwrap_or(0);
    label.extend(texts.iter().copied().filter(|x| !x.trim().is_empty()));
    let has_amount = s
        .amounts
        .iter()
        .any(|c| !ix.text(r, c.index).trim().is_empty());
    if codev.is_none() && label.is_empty() && !has_amount {
        return None;
    }
    Some(Label {
        code: codev,
        text: label.join("/"),
        depth,
    })
}

/// A row's code, label text and label depth (see [`label_of`]).
struct Label {
    code: Option<String>,
    text: String,
    depth: usize,
}

/// A label cell starting left of this side and covering its first column.
fn spanned_label(ix: &GridIndex, r: usize, s: &SideSpec) -> Option<(usize, String)> {
    let c = ix.covering(r, s.first)?;
    (c.col < s.first && !c.text.trim().is_empty()).then(|| (c.col, c.text.clone()))
}

fn values(
    ix: &GridIndex,
    r: usize,
    s: &SideSpec,
    both_stages: bool,
    unit: &Option<String>,
    source: &str,
    warnings: &mut Vec<Warning>,
) -> Vec<Value> {
    let mut out = Vec::new();
    for col in &s.amounts {
        let text = ix.text(r, col.index).trim();
        if text.is_empty() {
            continue;
        }
        match Amount::parse(text) {
            Some(amount) => out.push(Value {
                measure: measure::name(&col.comps, both_stages),
                label: col.label.clone(),
                amount,
                unit: unit.clone(),
            }),
            None if is_dash(text) => {}
            None => warnings.push(
                Warning::new(
                    WarningKind::UnreadableAmount,
                    source,
                    format!("{:?} in column {:?} is not an amount", text, col.label),
                )
                .at(Some(ix.grid().page_of(r)), None),
            ),
        }
    }
    out
}

/// `-`, `—`, `/`: printed for "nothing" in amount cells.
fn is_dash(s: &str) -> bool {
    s.chars()
        .all(|c| matches!(c, '-' | '—' | '–' | '/' | '－' | '／'))
}

fn new_row(l: Label, values: Vec<Value>, page: u32, r: usize) -> Row {
    let (codev, label) = (l.code, l.text);
    let level = codev.as_deref().and_then(code::level);
    Row {
        depth: l.depth,
        parent: codev.as_deref().and_then(code::parent),
        level,
        code: codev,
        item_plain: item::plain(&label),
        numbering: item::numbering(&label),
        total: item::total_mark(&label),
        item: label,
        pages: vec![page],
        values,
        grid_row: r,
    }
}

/// The statement of an empty table: a note printed with it or a cell.
fn statement(t: &LogicalTable) -> Option<String> {
    let says = |s: &str| {
        let f = super::fold::fold(s);
        // `我单位无2017年政府性基金支出安排` names neither table nor data.
        // `注：本部门无相关收支项目`, `(无政府性基金支出）`.
        let framed = ["注", "说明", "("].iter().any(|p| f.starts_with(p));
        let says_none = ["安排", "支出", "项目", "数据"]
            .iter()
            .any(|w| f.contains(w));
        let nothing = f.contains('无') && (framed || says_none);
        EMPTY_WORDS.iter().any(|w| f.contains(w)) || nothing
    };
    let notes = t.notes.iter().map(|n| n.text.as_str());
    let cells = t.grid.cells.iter().map(|c| c.text.as_str());
    notes
        .chain(cells)
        .find(|s| says(s))
        .map(|s| s.trim().to_string())
}
