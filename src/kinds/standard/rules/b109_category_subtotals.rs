//! B109 `category_subtotals`: in a table of categories without codes, each
//! 小计 = Σ the items under it (`其中` items left out), and 总计 = Σ 小计.
//!
//! Why: the Jiangsu 收入预算总表 lists income by category (一般公共预算资金,
//! 其他资金 …), each closed by a 小计 printed on its first row.
//! Example: JS 2017 收入预算总表: 其他资金 小计 80.00 = 其他收入 80.00;
//! 收入总计 9,146.79 = 9,066.79 + 80.00.
//! Source: shared/docs/standard-tables.md K02 (holds in all 15 JS files).

use super::{find, sum, Compare, Ctx, Rule};
use crate::amount::Amount;
use crate::kinds::standard::item::TotalMark;
use crate::kinds::standard::kinds::StandardKind;
use crate::kinds::standard::model::{Check, Row, StdTable};

pub const RULE: Rule = Rule {
    id: "B109",
    name: "category_subtotals",
    run,
};

fn run(ctx: &Ctx) -> Vec<Check> {
    let mut out = Vec::new();
    // 收支 tables close their lists with 小计 too, but over numbered items
    // (B102); this layout is the 收入总表's.
    for t in find::tables(ctx.tables, StandardKind::IncomeSummary) {
        for side in &t.sides {
            let rows: Vec<&Row> = side.rows.iter().collect();
            let has_codes = rows.iter().any(|r| r.code.is_some());
            if has_codes || !rows.iter().any(|r| r.total == Some(TotalMark::Subtotal)) {
                continue;
            }
            categories(t, &rows, &mut out);
        }
    }
    out
}

fn categories(t: &StdTable, rows: &[&Row], out: &mut Vec<Check>) {
    let mut subtotals = Vec::new();
    for (i, sub) in rows
        .iter()
        .enumerate()
        .filter(|(_, r)| r.total == Some(TotalMark::Subtotal))
    {
        subtotals.push(*sub);
        let items: Vec<&&Row> = rows
            .get(i + 1..)
            .unwrap_or(&[])
            .iter()
            .take_while(|r| r.total.is_none())
            .filter(|r| !r.item.trim_start().starts_with("其中"))
            .collect();
        if sub.main().is_none() && items.iter().all(|r| r.main().is_none()) {
            continue;
        }
        out.push(
            RULE.check(Compare {
                t,
                subject: format!("{} = Σ items", sub.item_plain),
                measure: "amount".into(),
                expected: sub.main().unwrap_or_else(Amount::zero),
                actual: sum(items.iter().map(|r| r.main())),
                pages: items
                    .iter()
                    .flat_map(|r| r.pages.clone())
                    .chain(sub.pages.clone())
                    .collect(),
            }),
        );
    }
    if let Some(total) = rows.iter().find(|r| r.is_total()) {
        out.push(RULE.check(Compare {
            t,
            subject: format!("{} = Σ 小计", total.item_plain),
            measure: "amount".into(),
            expected: total.main().unwrap_or_else(Amount::zero),
            actual: sum(subtotals.iter().map(|r| r.main())),
            pages: total.pages.clone(),
        }));
    }
}

#[cfg(test)]
mod tests {
    use crate::kinds::standard::{build_document, DocInfo, Status};
    use crate::table::{Grid, LogicalTable, Meta};

    #[test]
    fn subtotals_add_up_their_items_and_the_total_its_subtotals() {
        let rows: Vec<Vec<String>> = [
            ["项目名称", "", "金额"],
            ["收入总计", "", "100.00"],
            ["一般公共预算资金", "小计", "90.00"],
            ["", "公共财政拨款(补助)资金", "90.00"],
            ["其他资金", "小计", "10.00"],
            ["", "其他收入", "9.00"],
            ["", "其中：动用上年结转", "1.00"],
        ]
        .iter()
        .map(|r| r.iter().map(|s| s.to_string()).collect())
        .collect();
        let t = LogicalTable {
            meta: Meta {
                title: Some("收入预算总表".into()),
                currency_unit: Some("万元".into()),
                ..Meta::default()
            },
            grid: Grid::from_rows(&rows, 1),
            header_rows: 1,
            ..LogicalTable::default()
        };
        let d = build_document(&[t], &DocInfo::default(), "t");
        let b109: Vec<_> = d.checks.iter().filter(|c| c.rule == "B109").collect();
        let got: Vec<(String, Status)> = b109
            .iter()
            .map(|c| (c.actual.to_string(), c.status))
            .collect();
        assert_eq!(
            got,
            [
                ("90.00".to_string(), Status::Ok),
                ("9.00".to_string(), Status::Mismatch),
                ("100.00".to_string(), Status::Ok)
            ]
        );
    }
}
