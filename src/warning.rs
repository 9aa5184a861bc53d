//! Warnings: anything the pipeline could not read cleanly, named by file,
//! page and (where it applies) line or row and cell, so nothing is lost
//! silently. The kind is one enum, serialized as the snake_case strings
//! documents.json and report.json have always carried.

use serde::Serialize;

/// Every kind of warning. A new kind is a new variant (its JSON name is
/// the variant in snake_case).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WarningKind {
    // Reading a file.
    /// Bytes that disagree with the declared or sniffed encoding.
    Encoding,
    /// A PDF content stream that could not be parsed whole.
    ContentError,
    /// Glyphs whose font gives no Unicode text.
    UndecodedGlyphs,
    /// A page with images but no text layer (scanned).
    NoText,
    BlankPage,
    /// Text that is in no table cell (above, between or beside tables).
    TextOutsideTable,
    /// Text under a spreadsheet's merged range, not printed.
    HiddenMergedText,
    /// A row spanning the table that is no furniture, skipped.
    NoteRow,
    /// More cells than columns: the extra text joined into the last.
    ExtraCells,
    /// A header without an expected column.
    Header,
    /// Cells that fit no placement onto the columns.
    UnplacedRow,
    /// Cells that fit several placements.
    AmbiguousRow,
    // Repair.
    AmbiguousFragment,
    // Normalize.
    BadAmount,
    OtherColumn,
    DuplicateTotal,
    UnattachedText,
    NoAmounts,
    NoName,
    IndicatorText,
    IndicatorIncomplete,
    NoUnit,
    // Indicator targets and taxonomy.
    IndicatorTaxonomy,
    TargetUnparsed,
    // Standard budget tables (issue 12).
    /// A standard table without 单位.
    NoCurrencyUnit,
    /// An amount cell that is not an amount.
    UnreadableAmount,
    /// An empty 政府性基金 / 国有资本 table without its statement.
    EmptyWithoutStatement,
    // Checks.
    CheckFailed,
    // Forms (kind performance_form).
    /// An amount whose printed unit or size disagrees with the form's unit.
    AmountUnit,
    /// A form with no indicator row.
    FormWithoutIndicators,
    /// A long-term indicator with no annual twin.
    LongTermUnmatched,
}

impl WarningKind {
    /// The JSON name, e.g. `text_outside_table`.
    pub fn as_str(self) -> &'static str {
        use WarningKind::*;
        match self {
            Encoding => "encoding",
            ContentError => "content_error",
            UndecodedGlyphs => "undecoded_glyphs",
            NoText => "no_text",
            BlankPage => "blank_page",
            TextOutsideTable => "text_outside_table",
            HiddenMergedText => "hidden_merged_text",
            NoteRow => "note_row",
            ExtraCells => "extra_cells",
            Header => "header",
            UnplacedRow => "unplaced_row",
            AmbiguousRow => "ambiguous_row",
            AmbiguousFragment => "ambiguous_fragment",
            BadAmount => "bad_amount",
            OtherColumn => "other_column",
            DuplicateTotal => "duplicate_total",
            UnattachedText => "unattached_text",
            NoAmounts => "no_amounts",
            NoName => "no_name",
            IndicatorText => "indicator_text",
            IndicatorIncomplete => "indicator_incomplete",
            NoUnit => "no_unit",
            IndicatorTaxonomy => "indicator_taxonomy",
            TargetUnparsed => "target_unparsed",
            NoCurrencyUnit => "no_currency_unit",
            UnreadableAmount => "unreadable_amount",
            EmptyWithoutStatement => "empty_without_statement",
            CheckFailed => "check_failed",
            AmountUnit => "amount_unit",
            FormWithoutIndicators => "form_without_indicators",
            LongTermUnmatched => "long_term_unmatched",
        }
    }
}

impl std::fmt::Display for WarningKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    pub kind: WarningKind,
    pub source: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// 1-based source line (text input) or sheet row.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// The cell it concerns: its column label, or `R5C3`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cell: Option<String>,
    pub message: String,
}

impl Warning {
    pub fn new(kind: WarningKind, source: &str, message: impl Into<String>) -> Self {
        Warning {
            kind,
            source: source.to_string(),
            page: None,
            line: None,
            cell: None,
            message: message.into(),
        }
    }
    pub fn at(mut self, page: Option<u32>, line: Option<usize>) -> Self {
        self.page = page;
        self.line = line;
        self
    }
    pub fn in_cell(mut self, cell: impl Into<String>) -> Self {
        self.cell = Some(cell.into());
        self
    }
    /// Names the file, for warnings made before it was known.
    pub fn stamp(mut self, source: &str) -> Self {
        if self.source.is_empty() {
            self.source = source.to_string();
        }
        self
    }
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "warning: {}", self.source)?;
        if let Some(p) = self.page {
            write!(f, ", page {p}")?;
        }
        if let Some(l) = self.line {
            write!(f, ", line {l}")?;
        }
        if let Some(c) = &self.cell {
            write!(f, ", cell {c}")?;
        }
        write!(f, ": {} [{}]", self.message, self.kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_serialize_as_their_names() {
        for k in [
            WarningKind::TextOutsideTable,
            WarningKind::CheckFailed,
            WarningKind::HiddenMergedText,
        ] {
            assert_eq!(serde_json::to_value(k).unwrap(), k.as_str());
        }
        let w = Warning::new(WarningKind::BadAmount, "a.txt", "x")
            .at(Some(2), Some(7))
            .in_cell("总计");
        assert_eq!(
            w.to_string(),
            "warning: a.txt, page 2, line 7, cell 总计: x [bad_amount]"
        );
    }
}
