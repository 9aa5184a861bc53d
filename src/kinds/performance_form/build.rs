//! The forms of a document from its row stream: a form starts at a header
//! block (项目名称 …), holds grids, perhaps a cost sub-table, and ends at
//! a footer, a title or the next header block.

use super::grid::{self, Body, Levels, Spec};
use super::header::{self, Pair};
use super::labels::{self, Field};
use super::model::{CostTable, FormIndicator, FormProject, LogEntry};
use super::rows::Row;

#[derive(Debug, Clone, Default)]
enum Mode {
    #[default]
    Header,
    Grid(Spec),
    Cost(CostTable),
    Footer,
}

/// A form being read.
#[derive(Debug, Clone, Default)]
pub struct Draft {
    pub project: FormProject,
    /// Amount fields as printed, with their label and page.
    pub amounts: Vec<(Field, Pair, u32)>,
    pub annual: Vec<FormIndicator>,
    pub long_term: Vec<FormIndicator>,
    /// The long-term grid's caption (its extra columns are keyed by it).
    pub long_caption: Option<String>,
}

/// Document-level furniture found between the forms.
#[derive(Debug, Clone, Default)]
pub struct Furniture {
    pub title: Option<String>,
    pub department: Option<String>,
    pub currency_unit: Option<String>,
}

#[derive(Debug, Default)]
pub struct Reader {
    pub done: Vec<Draft>,
    pub log: Vec<LogEntry>,
    pub furniture: Furniture,
    draft: Option<Draft>,
    mode: Mode,
    levels: Levels,
    caption: Option<String>,
    /// No row read yet under the current grid header.
    fresh: bool,
}

impl Reader {
    /// Reads every row; returns the drafts in printed order.
    pub fn read(mut self, rows: &[Row]) -> Reader {
        let mut i = 0;
        while let Some(row) = rows.get(i) {
            let below = rows.get(i + 1).filter(|b| b.table == row.table);
            i += if self.row(row, below) { 2 } else { 1 };
        }
        self.finish();
        self
    }

    /// One row; true when it used the row below too.
    fn row(&mut self, row: &Row, below: Option<&Row>) -> bool {
        if row.is_blank() {
            return false;
        }
        if grid::is_header(row) {
            self.grid_header(row);
            return false;
        }
        let first = row.first_text().unwrap_or_default();
        if labels::is_cost_header(first) {
            self.ensure_draft(row.page);
            self.mode = Mode::Cost(super::cost::start(row));
            return false;
        }
        if labels::is_footer(first) && self.draft.is_some() {
            self.mode = Mode::Footer;
            self.note("footer", row);
            return false;
        }
        if let Some(text) = self.one_line(row) {
            self.line(text, row);
            return false;
        }
        if header::has_label(row) {
            if matches!(self.mode, Mode::Cost(_)) {
                // A cost table printed without its 合计 row ends here.
                self.end_cost();
            }
            if self.starts_form(row) {
                self.finish();
            }
        }
        match &mut self.mode {
            Mode::Grid(spec) => {
                // Only the row right under the header can be its second row.
                let split = self.fresh.then(|| grid::sub_header(spec, row)).flatten();
                self.fresh = false;
                if let Some(split) = split {
                    self.mode = Mode::Grid(split);
                    return false;
                }
                let spec = spec.clone();
                self.body(&spec, row);
                false
            }
            Mode::Cost(t) => {
                if super::cost::push(t, row) {
                    self.end_cost();
                }
                false
            }
            Mode::Footer => {
                self.note("footer", row);
                false
            }
            Mode::Header => self.header_row(row, below),
        }
    }

    /// A row that is one line of text spanning the table (title, meta,
    /// caption), not a grid row whose other cells are empty.
    fn one_line<'r>(&self, row: &'r Row) -> Option<&'r str> {
        let text = row.single()?;
        let wide = row.filled().any(|c| c.col_span > 2);
        let in_grid = matches!(self.mode, Mode::Grid(_));
        let furniture = labels::is_title(text) || labels::currency_unit(text).is_some();
        let line = row.note || furniture || wide || (!in_grid && row.cells.len() == 1);
        // A lone label (`年度目标` with its value below) is no line.
        // (nor is `项目名称：…` printed as a line above the grid).
        line.then_some(text)
            .filter(|t| labels::field(t).is_none() && header::inline(t).is_none())
    }

    fn line(&mut self, text: &str, row: &Row) {
        if labels::is_title(text) {
            if !matches!(self.mode, Mode::Header) {
                self.finish();
            }
            self.furniture.title.get_or_insert_with(|| text.to_string());
            return;
        }
        if let Some(u) = labels::currency_unit(text) {
            self.furniture.currency_unit.get_or_insert(u);
        }
        if let Some(d) = filed_by(text) {
            self.furniture.department.get_or_insert(d);
        }
        if matches!(self.mode, Mode::Grid(_)) || self.draft.is_some() {
            // A caption between grids names the next one.
            self.caption = Some(text.to_string());
        }
        self.note("note", row);
    }

    /// A header row starts a new form after a grid or footer, or when it
    /// names a project while the current one has its name.
    fn starts_form(&self, row: &Row) -> bool {
        let Some(d) = &self.draft else { return false };
        let names = row.filled().any(|c| {
            let inline = header::inline(&c.text).and_then(|p| p.field);
            labels::field(&c.text).or(inline) == Some(Field::Name)
        });
        match self.mode {
            Mode::Grid(_) | Mode::Footer => true,
            Mode::Header | Mode::Cost(_) => names && !d.project.name.is_empty(),
        }
    }

    fn grid_header(&mut self, row: &Row) {
        let spec = grid::spec(row, self.caption.take().as_deref());
        if let Mode::Grid(current) = &self.mode {
            if current.long_term == spec.long_term && same_labels(current, &spec) {
                // The grid goes on (a continuation page, perhaps its own
                // table with other column positions): merged cells carry on.
                self.note("dropped_header", row);
                self.mode = Mode::Grid(spec);
                return;
            }
        }
        self.ensure_draft(row.page);
        if matches!(self.mode, Mode::Cost(_)) {
            self.end_cost();
        }
        if let Some(d) = self.draft.as_mut().filter(|_| spec.long_term) {
            d.long_caption.clone_from(&spec.caption);
        }
        self.levels = Levels::default();
        self.mode = Mode::Grid(spec);
        self.fresh = true;
    }

    fn body(&mut self, spec: &Spec, row: &Row) {
        match grid::body(spec, row, &mut self.levels) {
            Body::Indicator(ind) => {
                if let Some(d) = self.draft.as_mut() {
                    push_page(&mut d.project.pages, row.page);
                    match spec.long_term {
                        true => d.long_term.push(*ind),
                        false => d.annual.push(*ind),
                    }
                }
            }
            Body::Placeholder(_) => self.note("placeholder_row", row),
            Body::Blank => {}
        }
    }

    fn header_row(&mut self, row: &Row, below: Option<&Row>) -> bool {
        let read = header::read(row, below);
        if let Some(unit) = row.filled().find_map(|c| labels::unit_in_label(&c.text)) {
            self.furniture.currency_unit.get_or_insert(unit);
        }
        if read.pairs.is_empty() {
            self.note("note", row);
            return false;
        }
        self.ensure_draft(row.page);
        if let Some(d) = self.draft.as_mut() {
            push_page(&mut d.project.pages, row.page);
            for p in read.pairs {
                apply(d, p, row.page);
            }
            for t in read.loose {
                d.project.extra.push("", &t);
            }
        }
        read.used_below
    }

    fn end_cost(&mut self) {
        if let Mode::Cost(t) = std::mem::take(&mut self.mode) {
            if let Some(d) = self.draft.as_mut() {
                d.project.cost = Some(t);
            }
        }
    }

    fn ensure_draft(&mut self, page: u32) {
        if self.draft.is_none() {
            let mut d = Draft::default();
            d.project.pages.push(page);
            self.draft = Some(d);
            self.mode = Mode::Header;
        }
    }

    fn finish(&mut self) {
        if matches!(self.mode, Mode::Cost(_)) {
            self.end_cost();
        }
        if let Some(d) = self.draft.take() {
            self.done.push(d);
        }
        self.mode = Mode::Header;
        self.caption = None;
    }

    fn note(&mut self, kind: &'static str, row: &Row) {
        let project = self.draft.as_ref().map(|d| d.project.name.clone());
        self.log.push(LogEntry {
            kind,
            page: row.page,
            project: project.filter(|p| !p.is_empty()),
            text: row.joined(),
        });
    }
}

/// The same grid header, wherever its columns sit.
fn same_labels(a: &Spec, b: &Spec) -> bool {
    let labels = |s: &Spec| s.cols.iter().map(|c| c.label.clone()).collect::<Vec<_>>();
    labels(a) == labels(b)
}

/// A pair into the draft: modelled fields once (a repeat goes to extra).
fn apply(d: &mut Draft, p: Pair, page: u32) {
    let pr = &mut d.project;
    let slot = match p.field {
        Some(Field::Name) if pr.name.is_empty() => {
            pr.name = p.value;
            return;
        }
        Some(Field::Code) => &mut pr.code,
        Some(Field::Department) => &mut pr.department,
        Some(Field::Implementer) => &mut pr.implementer,
        Some(Field::Period) => &mut pr.period,
        Some(Field::Goal) => &mut pr.goal,
        Some(Field::LongGoal) => &mut pr.long_term_goal,
        Some(f @ (Field::Total | Field::TotalAllYears | Field::Fiscal | Field::Other)) => {
            d.amounts.push((f, p, page));
            return;
        }
        _ => {
            pr.extra.push(&p.label, &p.value);
            return;
        }
    };
    match slot {
        None => *slot = Some(p.value),
        Some(_) => pr.extra.push(&p.label, &p.value),
    }
}

fn push_page(pages: &mut Vec<u32>, page: u32) {
    if !pages.contains(&page) {
        pages.push(page);
    }
}

/// `填报单位:湘潭市…  单位:万元` → the unit's name (`（盖章）` is none).
fn filed_by(text: &str) -> Option<String> {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let rest = ["填报单位", "部门名称", "单位名称", "编制单位"]
        .iter()
        .find_map(|l| t.strip_prefix(l))?;
    let rest = rest.trim_start_matches([':', '：']);
    let end = rest.find("单位").unwrap_or(rest.len());
    let name = rest.get(..end)?.replace(['(', ')', '（', '）'], "");
    let name = name.replace("盖章", "");
    (!name.is_empty()).then_some(name)
}
