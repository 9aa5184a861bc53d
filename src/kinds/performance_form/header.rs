//! The key/value block: a label with its value to the right (skipping
//! empty cells) or, when a label has no cell to its right or another label
//! there, in the cell below it.

use super::labels::{field, Field};
use super::rows::Row;

/// One label and its value as printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pair {
    pub label: String,
    /// `None`: a label this reader does not model (kept in `extra`).
    pub field: Option<Field>,
    pub value: String,
}

/// What one header row holds.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Read {
    pub pairs: Vec<Pair>,
    /// Texts that are neither label nor value.
    pub loose: Vec<String>,
    /// The row below gave values and is used up.
    pub used_below: bool,
}

fn is_label(text: &str) -> bool {
    field(text).is_some() || inline(text).is_some()
}

/// Whether any cell of `row` is a known label.
pub fn has_label(row: &Row) -> bool {
    row.filled().any(|c| is_label(&c.text))
}

/// Reads the pairs of `row`; `below` is the next row of the same table.
pub fn read(row: &Row, below: Option<&Row>) -> Read {
    let cells = &row.cells;
    let mut out = Read::default();
    let mut used = vec![false; cells.len()];
    // `used` is as long as `cells`: its indexes are the cells'.
    let below = below.filter(|b| !has_label(b) && !b.is_blank());
    for i in 0..cells.len() {
        let Some(cell) = cells.get(i) else { break };
        if used[i] || cell.text.is_empty() {
            continue;
        }
        used[i] = true;
        if let Some(p) = inline(&cell.text) {
            out.pairs.push(p);
            continue;
        }
        let next = cells.get(i + 1);
        match field(&cell.text) {
            Some(Field::Section) => {}
            Some(f) if next.is_none_or(|n| is_label(&n.text)) => {
                let value = below.and_then(|b| b.cells.iter().find(|c| c.col == cell.col));
                out.used_below |= value.is_some();
                out.pairs
                    .push(pair(&cell.text, Some(f), value.map_or("", |c| &c.text)));
            }
            known => match right_value(cells, i) {
                Some((j, value)) => {
                    used[j] = true;
                    out.pairs.push(pair(&cell.text, known, value));
                }
                None if known.is_some() => out.pairs.push(pair(&cell.text, known, "")),
                None => out.loose.push(cell.text.clone()),
            },
        }
    }
    out
}

/// A label and its value in one cell: `项目名称：城区道路清扫`.
pub fn inline(text: &str) -> Option<Pair> {
    let (label, value) = text.split_once(['：', ':'])?;
    let f = field(label).filter(|f| *f != Field::Section)?;
    let value = value.trim();
    (!value.is_empty()).then(|| pair(label.trim(), Some(f), value))
}

/// The first non-empty cell right of `i` before the next label, with
/// its index.
fn right_value(cells: &[super::rows::SCell], i: usize) -> Option<(usize, &str)> {
    cells
        .iter()
        .enumerate()
        .skip(i + 1)
        .take_while(|(_, c)| !is_label(&c.text))
        .find(|(_, c)| !c.text.is_empty())
        .map(|(j, c)| (j, c.text.as_str()))
}

fn pair(label: &str, field: Option<Field>, value: &str) -> Pair {
    Pair {
        label: label.to_string(),
        field,
        value: value.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kinds::performance_form::rows::SCell;

    fn row(texts: &[&str]) -> Row {
        Row {
            page: 1,
            table: 0,
            note: false,
            cells: texts
                .iter()
                .enumerate()
                .map(|(col, t)| SCell {
                    col,
                    col_span: 1,
                    row_span: 1,
                    text: t.to_string(),
                })
                .collect(),
        }
    }

    fn values(r: &Read) -> Vec<(&str, &str)> {
        r.pairs
            .iter()
            .map(|p| (p.label.as_str(), p.value.as_str()))
            .collect()
    }

    #[test]
    fn values_right_of_labels_and_empty_values_kept() {
        let r = read(
            &row(&[
                "年度预算资金总额",
                "8.66",
                "其中：财政拨款",
                "8.66",
                "其他资金",
                "",
            ]),
            None,
        );
        assert_eq!(
            values(&r),
            [
                ("年度预算资金总额", "8.66"),
                ("其中：财政拨款", "8.66"),
                ("其他资金", "")
            ]
        );
        let r = read(
            &row(&["项目类别", "(32)专项资金项目", "归口科室", "(05)业务发展科"]),
            None,
        );
        assert_eq!(r.pairs[0].field, None, "unknown labels still pair");
        assert_eq!(values(&r)[1], ("归口科室", "(05)业务发展科"));
    }

    #[test]
    fn label_and_value_in_one_cell() {
        let r = read(
            &row(&["项目名称：城区道路清扫", "主管部门:(433)某局"]),
            None,
        );
        assert_eq!(
            values(&r),
            [("项目名称", "城区道路清扫"), ("主管部门", "(433)某局")]
        );
        assert_eq!(r.pairs[1].field, Some(Field::Department));
        assert!(inline("说明：本表为空").is_none(), "only known labels");
    }

    #[test]
    fn labels_side_by_side_take_the_row_below() {
        let below = row(&["十年规划", "今年做完"]);
        let r = read(&row(&["长期目标", "年度目标"]), Some(&below));
        assert!(r.used_below);
        assert_eq!(
            values(&r),
            [("长期目标", "十年规划"), ("年度目标", "今年做完")]
        );
        let r = read(
            &row(&["投入目标(万元)", "资金来源", "年初安排金额(万元)"]),
            None,
        );
        assert!(
            r.pairs.is_empty() && r.loose.is_empty(),
            "section labels take no value"
        );
    }
}
