//! Text extracts (the seed's form): `## title`, `部门名称：`, `单位：` lines,
//! a TAB-separated header and rows, blank lines (or form feeds) at page
//! breaks, leftover `<p>` tags. Non-UTF-8 input is read as GB18030.

use super::clean::clean_cell;
use super::decode::decode_text;
use super::doc::SourceDoc;
use crate::error::{Error, Result};
use crate::raw::Format;
use crate::table::{Grid, LogicalTable, Note, NotePlace, PrintedRow};
use std::path::Path;

/// The text source: the extract's tables, each with its rows as printed
/// (source lines, every cell) for kinds that repair rows themselves.
pub fn read_source(path: &Path, bytes: &[u8]) -> Result<SourceDoc> {
    let text = decode(path, bytes)?;
    let source = path.display().to_string();
    let (tables, pages) = tables(&text, crate::sources::limits::MAX_CELLS).map_err(|max| {
        Error::unsupported(
            path,
            format!("more than {max} cells: too large to read as tables"),
        )
    })?;
    crate::cancel::check()?;
    Ok(SourceDoc {
        source,
        format: Format::Text,
        pages,
        tables,
        warnings: Vec::new(),
        seen: None,
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
/// `printed` keeps every row with its line and all its cells. More than
/// `max_cells` TAB-separated cells in all fail (`Err(max_cells)`), as for
/// every source: each is held several times over (a line of 5 million
/// TABs took 1.7 GB and did not finish in 10 minutes).
pub fn tables(
    text: &str,
    max_cells: usize,
) -> std::result::Result<(Vec<LogicalTable>, u32), usize> {
    let mut b = TableBuilder::default();
    let mut cells = 0usize;
    for (i, line) in text.lines().enumerate() {
        // Past --timeout: stop; read_source reports it.
        if i % 1024 == 0 && crate::cancel::cancelled() {
            break;
        }
        cells = cells.saturating_add(line.matches('\t').count() + 1);
        if cells > max_cells {
            return Err(max_cells);
        }
        b.line(i + 1, line.trim_end_matches('\r'));
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
    Ok((b.done, b.page.max(1)))
}

#[derive(Default)]
struct TableBuilder {
    done: Vec<LogicalTable>,
    rows: Vec<Vec<String>>,
    row_pages: Vec<u32>,
    printed: Vec<PrintedRow>,
    notes: Vec<Note>,
    meta: crate::table::Meta,
    page: u32,
    break_pending: bool,
}

impl TableBuilder {
    fn line(&mut self, no: usize, raw: &str) {
        self.page = self.page.max(1);
        if raw.contains('\u{c}') {
            self.break_pending |= !self.rows.is_empty();
        }
        let raw = raw.replace('\u{c}', "");
        let cells: Vec<String> = raw.split('\t').map(clean_cell).collect();
        if cells.iter().all(String::is_empty) {
            self.break_pending |= !self.rows.is_empty();
        } else if cells.len() > 1 {
            self.row(no, cells);
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
            self.row(no, cells);
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

    fn row(&mut self, no: usize, mut cells: Vec<String>) {
        if std::mem::take(&mut self.break_pending) {
            self.page += 1;
        }
        self.printed.push(PrintedRow {
            page: self.page,
            line: Some(no),
            cells: cells.clone(),
        });
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
            printed: std::mem::take(&mut self.printed),
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

    fn all(text: &str) -> (Vec<LogicalTable>, u32) {
        tables(text, usize::MAX).unwrap_or_else(|max| panic!("over {max} cells"))
    }

    #[test]
    fn more_cells_than_the_cap_fail_with_one_line() {
        assert_eq!(tables("a\tb\nc\td\n", 3).map(|_| ()), Err(3));
        assert!(tables("a\tb\nc\td\n", 4).is_ok());
        let tabs = "\t".repeat(crate::sources::limits::MAX_CELLS);
        let e = read_source(Path::new("tabs.txt"), tabs.as_bytes()).map(|_| ());
        let msg = e.map_err(|e| e.to_string()).unwrap_err();
        assert!(
            msg.starts_with("tabs.txt: ") && msg.ends_with("cells: too large to read as tables"),
            "{msg}"
        );
    }

    #[test]
    fn the_source_reads_any_table_kind_blind() {
        let s = "## 收支总表\n单位：万元\n项目\t金额\n合计\t1.00\n\n项目\t金额\n一、财政拨款\n注：说明\n";
        let (tables, pages) = all(s);
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
        let (tables, _) = all("项目\t金额\n单位：元\n合计\t1.00\n部门名称：乙\n项目\t金额\nb\t2\n");
        assert_eq!(tables.len(), 2);
        assert_eq!(tables[0].meta.currency_unit.as_deref(), Some("元"));
        assert_eq!(tables[0].body_rows().len(), 1);
        assert_eq!(tables[1].meta.department.as_deref(), Some("乙"));
    }

    #[test]
    fn printed_rows_keep_lines_and_every_cell() {
        let (tables, _) = all("## 表\n项目\t金额\t\n合计\t1.00\n\n项目\t金额\n");
        let t = &tables[0];
        let lines: Vec<Option<usize>> = t.printed.iter().map(|p| p.line).collect();
        assert_eq!(lines, [Some(2), Some(3), Some(5)]);
        assert_eq!(t.printed[0].cells, ["项目", "金额", ""]);
        assert_eq!(t.printed[2].page, 2);
        assert_eq!(t.grid.n_rows, 2, "the repeated header left the grid");
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
