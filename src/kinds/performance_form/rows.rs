//! Every table of a document as one stream of rows, so a form can start,
//! end or continue anywhere: one table per part (PDF, DOCX), a table per
//! form (HTML), or all forms stacked on one sheet (XLSX). Notes printed
//! above and below a table become one-cell rows in their place.

use crate::table::{LogicalTable, NotePlace};

/// One cell starting in a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SCell {
    pub col: usize,
    pub col_span: usize,
    pub row_span: usize,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub page: u32,
    /// Index of the table it comes from (rows of one table are adjacent).
    pub table: usize,
    /// Cells starting in this row, left to right, texts trimmed.
    pub cells: Vec<SCell>,
    /// A line printed above or below a table, not a grid row.
    pub note: bool,
}

impl Row {
    /// Cells with text.
    pub fn filled(&self) -> impl Iterator<Item = &SCell> {
        self.cells.iter().filter(|c| !c.text.is_empty())
    }
    /// The only text of a row holding one non-empty cell.
    pub fn single(&self) -> Option<&str> {
        let mut it = self.filled();
        let first = it.next()?;
        it.next().is_none().then_some(first.text.as_str())
    }
    pub fn first_text(&self) -> Option<&str> {
        self.filled().next().map(|c| c.text.as_str())
    }
    pub fn is_blank(&self) -> bool {
        self.filled().next().is_none()
    }
    /// All texts joined with ` | ` (for the log).
    pub fn joined(&self) -> String {
        let texts: Vec<&str> = self.filled().map(|c| c.text.as_str()).collect();
        texts.join(" | ")
    }
    fn note(page: u32, table: usize, text: &str) -> Row {
        Row {
            page,
            table,
            note: true,
            cells: vec![SCell {
                col: 0,
                col_span: 1,
                row_span: 1,
                text: text.trim().to_string(),
            }],
        }
    }
}

/// The rows of all tables in order, notes above/below in their place.
pub fn stream(tables: &[&LogicalTable]) -> Vec<Row> {
    let mut out = Vec::new();
    for (i, t) in tables.iter().enumerate() {
        let notes = |place: NotePlace| {
            t.notes
                .iter()
                .filter(move |n| n.place == place)
                .map(move |n| Row::note(n.page, i, &n.text))
        };
        out.extend(notes(NotePlace::Above));
        out.extend(table_rows(t, i));
        out.extend(notes(NotePlace::Below));
    }
    out
}

fn table_rows(t: &LogicalTable, index: usize) -> Vec<Row> {
    let mut rows: Vec<Row> = (0..t.grid.n_rows)
        .map(|r| Row {
            page: t.grid.page_of(r),
            table: index,
            cells: Vec::new(),
            note: false,
        })
        .collect();
    for c in &t.grid.cells {
        if let Some(row) = rows.get_mut(c.row) {
            row.cells.push(SCell {
                col: c.col,
                col_span: c.col_span.max(1),
                row_span: c.row_span.max(1),
                text: c.text.trim().to_string(),
            });
        }
    }
    for row in &mut rows {
        row.cells.sort_by_key(|c| c.col);
    }
    rows
}
