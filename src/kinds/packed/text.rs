//! 绩效目标表s from the rows a source printed (text extracts): each row
//! with its line and every cell it printed, before the table stage joined
//! or dropped any. Repair needs exactly that: repeated headers to drop and
//! log, short rows to place by content, lines to name in warnings.

use super::place::place;
use crate::columns::{is_target_table_header, roles, Role};
use crate::raw::{RawRow, RawTable, TableMeta};
use crate::table::{LogicalTable, PrintedRow};
use crate::warning::{Warning, WarningKind};

/// The raw 绩效目标表s of `tables` (in document order) and the warnings
/// about rows that sit before any 项目名称 … 绩效 header.
pub fn raws_from_printed(tables: &[&LogicalTable], source: &str) -> (Vec<RawTable>, Vec<Warning>) {
    let mut r = Replay {
        source,
        done: Vec::new(),
        current: None,
        warnings: Vec::new(),
    };
    for t in tables {
        // The table's furniture goes to its first 绩效目标表 only.
        let mut meta = Some(TableMeta {
            title: t.meta.title.clone(),
            department: t.meta.department.clone(),
            currency_unit: t.meta.currency_unit.clone(),
            number: t.meta.number.clone(),
        });
        for row in &t.printed {
            r.row(row, &mut meta);
        }
        r.close();
    }
    (r.done, r.warnings)
}

struct Replay<'a> {
    source: &'a str,
    done: Vec<RawTable>,
    /// The table being read, with its column roles.
    current: Option<(RawTable, Vec<Role>)>,
    warnings: Vec<Warning>,
}

impl Replay<'_> {
    fn row(&mut self, row: &PrintedRow, meta: &mut Option<TableMeta>) {
        if row.cells.iter().all(|c| c.is_empty()) {
            return;
        }
        if row.cells.len() > 1 && is_target_table_header(&row.cells) {
            self.header(row, meta);
        } else if self.current.is_some() {
            self.body(row);
        } else {
            let what = if row.cells.len() > 1 {
                "row outside any table (no header row before it)"
            } else {
                "text before any table"
            };
            let msg = format!("{what}: «{}»", row.cells.join(" | "));
            self.warnings.push(
                Warning::new(WarningKind::TextOutsideTable, self.source, msg)
                    .at(Some(row.page), row.line),
            );
        }
    }

    fn header(&mut self, row: &PrintedRow, meta: &mut Option<TableMeta>) {
        let mut cells = row.cells.clone();
        while cells.last().is_some_and(|c| c.is_empty()) {
            cells.pop();
        }
        if let Some((t, _)) = &self.current {
            if t.columns == cells {
                // A header repeated on a new page: repair drops it and logs it.
                self.body(row);
                return;
            }
            self.close();
        }
        let r = roles(&cells);
        let mut t = RawTable {
            meta: meta.take().unwrap_or_default(),
            columns: cells,
            ..RawTable::default()
        };
        if !r.contains(&Role::Indicators) {
            let msg = "header has no 绩效指标 column".to_string();
            t.warnings.push(
                Warning::new(WarningKind::Header, self.source, msg).at(Some(row.page), row.line),
            );
        }
        self.current = Some((t, r));
    }

    fn body(&mut self, row: &PrintedRow) {
        let source = self.source;
        let Some((table, roles)) = self.current.as_mut() else {
            return;
        };
        let placed = place(row.cells.clone(), roles);
        let warn = |kind: WarningKind, what: &str| {
            let msg = format!("{what}: «{}»", row.cells.join(" | "));
            Warning::new(kind, source, msg).at(Some(row.page), row.line)
        };
        if placed.unfitted {
            table.warnings.push(warn(
                WarningKind::UnplacedRow,
                "cells do not fit the columns; padded at the end",
            ));
        } else if placed.ambiguous {
            table.warnings.push(warn(
                WarningKind::AmbiguousRow,
                "row lost cells and could be placed several ways",
            ));
        }
        if placed.overflow {
            table.warnings.push(warn(
                WarningKind::ExtraCells,
                "more cells than columns; extra text joined into the last",
            ));
        }
        // The table's sums can choose among placements that differ only in
        // where the amounts go (kinds::packed::sums).
        let amounts_only = placed.alternatives.iter().all(|alt| {
            alt.iter()
                .zip(&placed.cells)
                .zip(roles.iter())
                .all(|((a, b), r)| a == b || *r == Role::Amount)
        });
        let mut raw = RawRow::new(placed.cells, row.page, row.line);
        raw.placed_by_content = placed.by_content;
        if amounts_only {
            raw.alternatives = placed.alternatives;
        }
        table.rows.push(raw);
    }

    fn close(&mut self) {
        if let Some((t, _)) = self.current.take() {
            self.done.push(t);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    const HEAD: &str =
        "项目名称（资金使用单位）\t总计\t财政拨款\t财政专户拨款\t其他资金\t绩效目标\t绩效指标";

    fn read_str(s: &str) -> (Vec<RawTable>, Vec<Warning>) {
        let src = crate::ingest::read_bytes(Path::new("t.txt"), s.as_bytes()).expect("reads");
        let tables: Vec<&LogicalTable> = src.tables.iter().collect();
        raws_from_printed(&tables, "t.txt")
    }

    #[test]
    fn metadata_header_rows_and_pages() {
        let s = format!(
            "## 项目支出绩效目标表\n\n部门名称：某局\n\n单位：万元\n\n{HEAD}\n合计\t1.00\t1.00\t\t\t\t\nA\t1.00\t1.00\t\t\t<p>g</p>\t1、x\n\n{HEAD}\n\t\t\t\t\t\t续\n"
        );
        let (raws, _) = read_str(&s);
        let t = &raws[0];
        assert_eq!(t.meta.title.as_deref(), Some("项目支出绩效目标表"));
        assert_eq!(t.meta.department.as_deref(), Some("某局"));
        assert_eq!(t.meta.currency_unit.as_deref(), Some("万元"));
        assert_eq!(t.rows.len(), 4, "repeated header kept for repair to drop");
        assert_eq!(t.rows[1].cells[5], "g");
        assert_eq!((t.rows[1].page, t.rows[2].page, t.rows[3].page), (1, 2, 2));
        assert_eq!(t.rows[3].line, Some(12));
    }

    #[test]
    fn rows_before_any_header_are_reported_with_their_line() {
        let (raws, warnings) = read_str(&format!("甲\t乙\n{HEAD}\nA\t1\t1\t\t\tg\ti\n"));
        assert_eq!(raws.len(), 1);
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].message.contains("甲 | 乙"), "{warnings:?}");
        assert_eq!(warnings[0].line, Some(1));
    }

    #[test]
    fn a_short_row_is_placed_by_content() {
        let (raws, _) = read_str(&format!("{HEAD}\nA\t1.00\t目标\t1、x\n"));
        let row = &raws[0].rows[0];
        assert!(row.placed_by_content);
        assert_eq!(row.cells.len(), 7);
        assert_eq!(row.cells[0], "A");
    }

    #[test]
    fn an_extract_without_one_says_why_and_names_the_tables_it_holds() {
        let input = crate::Input::Bytes {
            name: "t.txt",
            bytes: "## 收支总表\n项目\t金额\n合计\t1.00\n".as_bytes(),
        };
        let e = crate::convert(input, &crate::Options::default()).expect_err("no 绩效目标表");
        let msg = e.to_string();
        assert!(
            msg.contains("separated by TABs; it holds 1 other table(s) (p. 1 收支总表)"),
            "{msg}"
        );
    }
}
