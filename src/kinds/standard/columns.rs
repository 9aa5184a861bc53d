//! Column roles (code, label, amount) from the flattened header and the
//! body, and the split of a table into sides: a two-sided table (收支总表)
//! prints label and amount columns twice or three times side by side.

use super::fold::fold;
use crate::amount::Amount;
use crate::table::LogicalTable;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Code,
    Label,
    Amount,
}

/// A column of one side: its grid index, printed label and the header
/// components below the side's prefix (for measure names and part sums).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub index: usize,
    pub label: String,
    pub comps: Vec<String>,
}

#[derive(Debug, Clone, Default)]
pub struct SideSpec {
    pub name: String,
    pub first: usize,
    pub codes: Vec<usize>,
    pub labels: Vec<usize>,
    pub amounts: Vec<Column>,
}

fn role_of_header(leaf: &str) -> Option<Role> {
    let l = fold(leaf);
    if matches!(l.as_str(), "类" | "款" | "项") || l.contains("编码") || l.contains("代码") {
        return Some(Role::Code);
    }
    let label_words = ["名称", "科目", "品目", "形式", "行次", "栏次"];
    if l == "项目" || label_words.iter().any(|w| l.contains(w)) {
        return Some(Role::Label);
    }
    None
}

/// Roles by header, then by the body: a column whose cells are mostly
/// text (not amounts) is a label column.
pub fn roles(t: &LogicalTable, header: &[String]) -> Vec<Role> {
    (0..t.grid.n_cols)
        .map(|c| {
            let leaf = header
                .get(c)
                .and_then(|h| h.rsplit('/').next())
                .unwrap_or("");
            role_of_header(leaf).unwrap_or_else(|| body_role(t, c))
        })
        .collect()
}

fn body_role(t: &LogicalTable, c: usize) -> Role {
    let (mut amounts, mut texts) = (0, 0);
    for cell in t
        .grid
        .cells
        .iter()
        .filter(|x| x.col == c && x.row >= t.header_rows)
    {
        let s = cell.text.trim();
        if s.is_empty() {
            continue;
        }
        if Amount::parse(s).is_some() {
            amounts += 1;
        } else {
            texts += 1;
        }
    }
    if texts > amounts {
        Role::Label
    } else {
        Role::Amount
    }
}

/// Splits the columns into sides: a side is code/label columns followed
/// by amount columns; a label column after an amount column opens the
/// next side. Amount columns before any label belong to a `main` side.
pub fn sides(header: &[String], roles: &[Role]) -> Vec<SideSpec> {
    let mut out: Vec<SideSpec> = Vec::new();
    let mut cur = SideSpec::default();
    for (c, role) in roles.iter().enumerate() {
        let opens = *role != Role::Amount && !cur.amounts.is_empty();
        if opens {
            out.push(std::mem::take(&mut cur));
        }
        if cur.codes.is_empty() && cur.labels.is_empty() && cur.amounts.is_empty() {
            cur.first = c;
        }
        let label = header.get(c).cloned().unwrap_or_default();
        match role {
            Role::Code => cur.codes.push(c),
            Role::Label => cur.labels.push(c),
            Role::Amount => cur.amounts.push(Column {
                index: c,
                comps: Vec::new(),
                label,
            }),
        }
    }
    out.push(cur);
    out.retain(|s| !s.amounts.is_empty() || !s.labels.is_empty());
    name_sides(&mut out, header);
    out
}

/// Side names from the header above their label column (收入 → income,
/// 支出 → expenditure); the amount columns' components lose that prefix.
fn name_sides(sides: &mut [SideSpec], header: &[String]) {
    let single = sides.len() == 1;
    let prefixes: Vec<Vec<String>> = sides
        .iter()
        .map(|s| {
            let first = s.labels.first().or(s.codes.first()).copied();
            let comps = first
                .and_then(|c| header.get(c))
                .map_or(Vec::new(), |h| split(h));
            comps[..comps.len().saturating_sub(1)].to_vec()
        })
        .collect();
    for (i, (side, prefix)) in sides.iter_mut().zip(&prefixes).enumerate() {
        side.name = side_name(prefix, single, i);
        for col in &mut side.amounts {
            let comps = split(&col.label);
            let shared = comps.iter().zip(prefix).take_while(|(a, b)| a == b).count();
            col.comps = comps[shared..].to_vec();
        }
    }
}

fn side_name(prefix: &[String], single: bool, i: usize) -> String {
    let top = prefix.first().map(|p| fold(p)).unwrap_or_default();
    let sub = prefix.get(1).map(|p| fold(p)).unwrap_or_default();
    let base = if top.contains("收入") {
        "income"
    } else if top.contains("支出") {
        "expenditure"
    } else if single {
        return "main".to_string();
    } else {
        return format!("part{}", i + 1);
    };
    if sub.contains("功能") {
        format!("{base}_function")
    } else if sub.contains("用途") {
        format!("{base}_use")
    } else {
        base.to_string()
    }
}

fn split(h: &str) -> Vec<String> {
    h.split('/').map(str::to_string).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(labels: &[&str]) -> Vec<String> {
        labels.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn three_lists_side_by_side() {
        let header = h(&[
            "收入/项目名称",
            "收入/金额",
            "支出/功能分类/功能科目名称",
            "支出/功能分类/金额",
            "支出/支出用途/项目名称",
            "支出/支出用途/金额",
        ]);
        use Role::*;
        let s = sides(&header, &[Label, Amount, Label, Amount, Label, Amount]);
        let names: Vec<&str> = s.iter().map(|x| x.name.as_str()).collect();
        assert_eq!(names, ["income", "expenditure_function", "expenditure_use"]);
        assert_eq!(s[2].amounts[0].comps, ["金额"]);
        assert_eq!(s[2].first, 4);
    }

    #[test]
    fn split_codes_are_code_columns() {
        assert_eq!(role_of_header("类"), Some(Role::Code));
        assert_eq!(role_of_header("功能科目代码"), Some(Role::Code));
        assert_eq!(role_of_header("功能分类科目名称"), Some(Role::Label));
        assert_eq!(role_of_header("项目支出"), None);
    }
}
