//! Text extracts (the seed's form): `## title`, `部门名称：`, `单位：` lines,
//! a TAB-separated header and rows, blank lines (or form feeds) at page
//! breaks, leftover `<p>` tags. Non-UTF-8 input is read as GB18030.

use super::clean::clean_cell;
use super::decode::decode_text;
use super::place::place;
use crate::columns::{is_target_table_header, roles, Role};
use crate::error::{Error, Result};
use crate::ingest::SourceDoc;
use crate::raw::{Format, RawDocument, RawRow, RawTable, TableMeta};
use crate::table::{Grid, LogicalTable, Note, NotePlace};
use crate::warning::{Warning, WarningKind};
use std::path::Path;

/// The text source: the extract's tables, and (transitional) its
/// 绩效目标表s as placed by the legacy reader below.
pub fn read_source(path: &Path, bytes: &[u8]) -> Result<SourceDoc> {
    let text = decode(path, bytes)?;
    let source = path.display().to_string();
    let (tables, pages) = tables(&text);
    crate::cancel::check()?;
    Ok(SourceDoc {
        source,
        format: Format::Text,
        pages,
        tables,
        warnings: Vec::new(),
        legacy: read_text(path, &text),
    })
}

fn decode(path: &Path, bytes: &[u8]) -> Result<String> {
    let (text, _, malformed) = decode_text(bytes);
    if malformed {
        return Err(Error::malformed(
            path,
            "text is neither valid UTF-8 nor GB18030",
        ));
    }
    Ok(text)
}

/// Every table of an extract, kind-blind: a table starts at the first
/// TAB-separated line after a `## title`, a 部门名称/单位 line or the
/// start, and runs until the next of those. Its first row is its header.
/// A row keeps only the cells it printed (extracts drop empty cells: the
/// slots it lacks stay uncovered); a line without TABs inside a table is a
/// one-cell row; blank lines are page breaks. Other lines are notes.
pub fn tables(text: &str) -> (Vec<LogicalTable>, u32) {
    let mut b = TableBuilder::default();
    for (i, line) in text.lines().enumerate() {
        // Past --timeout: stop; read_source reports it.
        if i % 1024 == 0 && crate::cancel::cancelled() {
            break;
        }
        b.line(line.trim_end_matches('\r'));
    }
    // Blank lines at the end open no page.
    b.break_pending = false;
    b.close();
    let rest = std::mem::take(&mut b.notes);
    if let Some(last) = b.done.last_mut() {
        let below = rest.into_iter().map(|n| Note {
            place: NotePlace::Below,
            ..n
        });
        last.notes.extend(below);
    }
    (b.done, b.page.max(1))
}

#[derive(Default)]
struct TableBuilder {
    done: Vec<LogicalTable>,
    rows: Vec<Vec<String>>,
    row_pages: Vec<u32>,
    notes: Vec<Note>,
    meta: crate::table::Meta,
    page: u32,
    break_pending: bool,
}

impl TableBuilder {
    fn line(&mut self, raw: &str) {
        self.page = self.page.max(1);
        if raw.contains('\u{c}') {
            self.break_pending |= !self.rows.is_empty();
        }
        let raw = raw.replace('\u{c}', "");
        let cells: Vec<String> = raw.split('\t').map(clean_cell).collect();
        if cells.iter().all(String::is_empty) {
            self.break_pending |= !self.rows.is_empty();
        } else if cells.len() > 1 {
            self.row(cells);
        } else if let Some(title) = raw.trim().strip_prefix('#') {
            self.close();
            self.meta.title = Some(clean_cell(title.trim_start_matches('#')));
        } else if field(&cells[0], "部门名称").is_some() || field(&cells[0], "单位").is_some()
        {
            // After body rows it opens the next table; right under a
            // header it still belongs to this one.
            if self.rows.len() > 1 {
                self.close();
            }
            self.note(cells.concat());
        } else if self.rows.is_empty() {
            self.note(cells.concat());
        } else {
            self.row(cells);
        }
    }

    fn note(&mut self, text: String) {
        let page = self.page;
        self.notes.push(Note {
            page,
            place: NotePlace::Above,
            text,
        });
    }

    fn row(&mut self, mut cells: Vec<String>) {
        if std::mem::take(&mut self.break_pending) {
            self.page += 1;
        }
        while cells.len() > 1 && cells.last().is_some_and(String::is_empty) {
            cells.pop();
        }
        self.rows.push(cells);
        self.row_pages.push(self.page);
    }

    fn close(&mut self) {
        if self.rows.is_empty() {
            return;
        }
        let mut grid = Grid::from_rows(&self.rows, 1);
        grid.row_pages = std::mem::take(&mut self.row_pages);
        let mut t = LogicalTable {
            meta: std::mem::take(&mut self.meta),
            first_page: grid.page_of(0),
            last_page: grid.row_pages.last().copied().unwrap_or(0),
            grid,
            header_rows: 1,
            notes: std::mem::take(&mut self.notes),
            ..LogicalTable::default()
        };
        crate::table::finish(&mut t);
        self.done.push(t);
        self.rows.clear();
        if std::mem::take(&mut self.break_pending) {
            self.page += 1;
        }
    }
}

/// The legacy 绩效目标表 reader (moves to the packed kind).
pub fn read(path: &Path, bytes: &[u8]) -> Result<RawDocument> {
    read_text(path, &decode(path, bytes)?)
}

fn read_text(path: &Path, text: &str) -> Result<RawDocument> {
    let source = path.display().to_string();
    let mut r = Reader::new(&source);
    for (i, line) in text.lines().enumerate() {
        if i % 1024 == 0 {
            crate::cancel::check()?;
        }
        r.line(i + 1, line);
    }
    r.finish(path)
}

struct Reader<'a> {
    source: &'a str,
    tables: Vec<RawTable>,
    /// The table being read, with its column roles.
    current: Option<(RawTable, Vec<Role>)>,
    /// Metadata seen before the next header row.
    meta: TableMeta,
    page: u32,
    break_pending: bool,
    warnings: Vec<Warning>,
}

impl<'a> Reader<'a> {
    fn new(source: &'a str) -> Self {
        Reader {
            source,
            tables: Vec::new(),
            current: None,
            meta: TableMeta::default(),
            page: 1,
            break_pending: false,
            warnings: Vec::new(),
        }
    }

    fn has_rows(&self) -> bool {
        self.current
            .as_ref()
            .is_some_and(|(t, _)| !t.rows.is_empty())
    }

    fn line(&mut self, no: usize, raw: &str) {
        let raw = raw.trim_end_matches('\r');
        if raw.contains('\u{c}') && self.has_rows() {
            self.break_pending = true;
        }
        let raw = raw.replace('\u{c}', "");
        if raw.contains('\t') {
            self.tabbed(no, &raw);
            return;
        }
        let text = clean_cell(&raw);
        if text.is_empty() {
            self.break_pending |= self.has_rows();
        } else if let Some(title) = text.strip_prefix('#') {
            self.close_table();
            self.meta = TableMeta {
                title: Some(title.trim_start_matches('#').trim().to_string()),
                ..TableMeta::default()
            };
        } else if !self.meta_line(&text) {
            self.untabbed(no, text);
        }
    }

    /// `部门名称：…` and `单位：…` (either may carry the other on one line).
    fn meta_line(&mut self, text: &str) -> bool {
        let dept = field(text, "部门名称");
        let unit = field(text, "单位");
        if dept.is_none() && unit.is_none() {
            return false;
        }
        if self.has_rows() {
            self.close_table();
        }
        let meta = match self.current.as_mut() {
            Some((t, _)) => &mut t.meta,
            None => &mut self.meta,
        };
        if dept.is_some() {
            meta.department = dept;
        }
        if unit.is_some() {
            meta.currency_unit = unit;
        }
        true
    }

    fn tabbed(&mut self, no: usize, raw: &str) {
        let cells: Vec<String> = raw.split('\t').map(clean_cell).collect();
        if is_target_table_header(&cells) {
            self.header(no, cells);
        } else if cells.iter().all(|c| c.is_empty()) {
            self.break_pending |= self.has_rows();
        } else if self.current.is_some() {
            self.row(no, cells);
        } else {
            let msg = format!(
                "row outside any table (no header row before it): «{}»",
                cells.join(" | ")
            );
            self.warnings.push(
                Warning::new(WarningKind::TextOutsideTable, self.source, msg)
                    .at(Some(self.page), Some(no)),
            );
        }
    }

    fn header(&mut self, no: usize, mut cells: Vec<String>) {
        while cells.last().is_some_and(|c| c.is_empty()) {
            cells.pop();
        }
        if let Some((t, _)) = &self.current {
            if t.columns == cells {
                // A header repeated on a new page: repair drops it and logs it.
                self.row(no, cells);
                return;
            }
            self.close_table();
        }
        let meta = std::mem::take(&mut self.meta);
        let r = roles(&cells);
        let mut t = RawTable {
            meta,
            columns: cells,
            ..RawTable::default()
        };
        if !r.contains(&Role::Indicators) {
            let msg = "header has no 绩效指标 column".to_string();
            t.warnings.push(
                Warning::new(WarningKind::Header, self.source, msg).at(Some(self.page), Some(no)),
            );
        }
        self.current = Some((t, r));
    }

    fn row(&mut self, no: usize, cells: Vec<String>) {
        if self.break_pending {
            self.page += 1;
            self.break_pending = false;
        }
        let page = self.page;
        let source = self.source;
        let Some((table, roles)) = self.current.as_mut() else {
            return;
        };
        let placed = place(cells.clone(), roles);
        let warn = |kind: WarningKind, what: &str| {
            let msg = format!("{what}: «{}»", cells.join(" | "));
            Warning::new(kind, source, msg).at(Some(page), Some(no))
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
        let mut row = RawRow::new(placed.cells, page, Some(no));
        row.placed_by_content = placed.by_content;
        table.rows.push(row);
    }

    /// A line without TABs inside a table: kept as a one-cell row so that
    /// repair can join it (a name broken over lines) or report it.
    fn untabbed(&mut self, no: usize, text: String) {
        if self.current.is_some() {
            self.row(no, vec![text]);
        } else {
            let msg = format!("text before any table: «{text}»");
            self.warnings.push(
                Warning::new(WarningKind::TextOutsideTable, self.source, msg)
                    .at(Some(self.page), Some(no)),
            );
        }
    }

    fn close_table(&mut self) {
        if let Some((t, _)) = self.current.take() {
            self.tables.push(t);
        }
        if self.break_pending {
            self.page += 1;
            self.break_pending = false;
        }
    }

    fn finish(mut self, path: &Path) -> Result<RawDocument> {
        self.break_pending = false;
        self.close_table();
        if self.tables.is_empty() {
            return Err(Error::no_table(
                path,
                "no header row with 项目名称, 总计 and 绩效目标/绩效指标 separated by TABs",
            ));
        }
        Ok(RawDocument {
            source: self.source.to_string(),
            format: Format::Text,
            pages: self.page,
            tables: self.tables,
            warnings: self.warnings,
        })
    }
}

/// The value of `label：value` (full- or half-width colon) inside a line.
fn field(text: &str, label: &str) -> Option<String> {
    let start = text.find(label)?;
    let after = text[start + label.len()..].trim_start();
    let value = after
        .strip_prefix('：')
        .or_else(|| after.strip_prefix(':'))?;
    let end = ["部门名称", "单位：", "单位:"]
        .iter()
        .filter_map(|l| value.find(l))
        .min()
        .unwrap_or(value.len());
    let v = value[..end].trim();
    (!v.is_empty()).then(|| v.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str =
        "项目名称（资金使用单位）\t总计\t财政拨款\t财政专户拨款\t其他资金\t绩效目标\t绩效指标";

    fn read_str(s: &str) -> Result<RawDocument> {
        read(Path::new("t.txt"), s.as_bytes())
    }

    #[test]
    fn metadata_header_rows_and_pages() {
        let s = format!(
            "## 项目支出绩效目标表\n\n部门名称：某局\n\n单位：万元\n\n{HEAD}\n合计\t1.00\t1.00\t\t\t\t\nA\t1.00\t1.00\t\t\t<p>g</p>\t1、x\n\n{HEAD}\n\t\t\t\t\t\t续\n"
        );
        let d = read_str(&s).unwrap();
        let t = &d.tables[0];
        assert_eq!(t.meta.title.as_deref(), Some("项目支出绩效目标表"));
        assert_eq!(t.meta.department.as_deref(), Some("某局"));
        assert_eq!(t.meta.currency_unit.as_deref(), Some("万元"));
        assert_eq!(t.rows.len(), 4, "repeated header kept for repair to drop");
        assert_eq!(t.rows[1].cells[5], "g");
        assert_eq!((t.rows[1].page, t.rows[2].page, t.rows[3].page), (1, 2, 2));
        assert_eq!(t.rows[3].line, Some(12));
        assert_eq!(d.pages, 2);
    }

    #[test]
    fn the_source_reads_any_table_kind_blind() {
        let s = "## 收支总表\n单位：万元\n项目\t金额\n合计\t1.00\n\n项目\t金额\n一、财政拨款\n注：说明\n";
        let (tables, pages) = tables(s);
        assert_eq!((tables.len(), pages), (1, 2));
        let t = &tables[0];
        assert_eq!(t.meta.title.as_deref(), Some("收支总表"));
        assert_eq!(t.meta.currency_unit.as_deref(), Some("万元"));
        assert_eq!(t.flat_header(), vec!["项目", "金额"]);
        // The header repeated after the page break is dropped and logged.
        assert_eq!(t.joins.len(), 1);
        assert_eq!(t.body_rows().len(), 3, "合计, 一、财政拨款, the note line");
        // A row with fewer cells leaves the slots it lacks uncovered.
        assert!(t.grid.covering(2, 1).is_none());
        assert_eq!(t.grid.row_pages, vec![1, 1, 2, 2]);
    }

    #[test]
    fn a_meta_line_under_the_header_belongs_to_the_table() {
        let (tables, _) =
            tables("项目\t金额\n单位：元\n合计\t1.00\n部门名称：乙\n项目\t金额\nb\t2\n");
        assert_eq!(tables.len(), 2);
        assert_eq!(tables[0].meta.currency_unit.as_deref(), Some("元"));
        assert_eq!(tables[0].body_rows().len(), 1);
        assert_eq!(tables[1].meta.department.as_deref(), Some("乙"));
    }

    #[test]
    fn no_header_is_no_table() {
        let e = read_str("just some words\nand more\n").unwrap_err();
        assert!(
            e.to_string().starts_with("t.txt: no 项目支出绩效目标表"),
            "{e}"
        );
    }

    #[test]
    fn text_before_table_is_reported() {
        let d = read_str(&format!("前言文字\n{HEAD}\nA\t1\t1\t\t\tg\ti\n")).unwrap();
        assert_eq!(d.warnings.len(), 1);
        assert!(d.warnings[0].message.contains("前言文字"));
    }

    #[test]
    fn meta_on_one_line() {
        assert_eq!(
            field("部门名称：某局 单位：万元", "部门名称").as_deref(),
            Some("某局")
        );
        assert_eq!(
            field("部门名称：某局 单位：万元", "单位").as_deref(),
            Some("万元")
        );
    }
}
