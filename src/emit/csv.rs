//! RFC 4180 CSV for spreadsheets: one row per project, one per indicator.

use super::EmitOptions;
use crate::error::{Error, Result};
use crate::model::{Document, Project, Table, Unit};

const FIXED_AMOUNTS: [&str; 4] = ["total", "fiscal", "fiscal_special", "other"];

/// The amount columns: the four standard ones, then any other keys the
/// tables print, in first-seen order.
fn amount_columns(docs: &[Document]) -> Vec<String> {
    let mut cols: Vec<String> = FIXED_AMOUNTS.iter().map(|s| s.to_string()).collect();
    let all = docs.iter().flat_map(|d| &d.tables).flat_map(|t| {
        let total = t.total.iter().flat_map(|a| a.keys());
        let rows = t.units.iter().flat_map(|u| {
            u.amounts
                .keys()
                .chain(u.projects.iter().flat_map(|p| p.amounts.keys()))
        });
        total.chain(rows).collect::<Vec<_>>()
    });
    for k in all {
        if !cols.iter().any(|c| c == k) {
            cols.push(k.to_string());
        }
    }
    cols
}

/// Every project with its table and unit, in document order.
fn each_project(docs: &[Document]) -> impl Iterator<Item = (&Document, &Table, &Unit, &Project)> {
    docs.iter().flat_map(|d| {
        d.tables.iter().flat_map(move |t| {
            t.units
                .iter()
                .flat_map(move |u| u.projects.iter().map(move |p| (d, t, u, p)))
        })
    })
}

fn context(d: &Document, t: &Table, u: &Unit, p: &Project) -> Vec<String> {
    let opt = |s: &Option<String>| s.clone().unwrap_or_default();
    vec![
        d.source.clone(),
        opt(&t.title),
        opt(&t.department),
        u.name.clone(),
        p.name.clone(),
    ]
}

fn writer(opts: EmitOptions) -> csv::Writer<Vec<u8>> {
    let mut buf = Vec::new();
    if opts.bom {
        buf.extend_from_slice(b"\xEF\xBB\xBF");
    }
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(buf)
}

fn finish(w: csv::Writer<Vec<u8>>) -> Result<Vec<u8>> {
    w.into_inner().map_err(|e| Error::Write {
        path: "csv".into(),
        source: std::io::Error::other(e.to_string()),
    })
}

fn csv_err(e: csv::Error) -> Error {
    Error::Write {
        path: "csv".into(),
        source: std::io::Error::other(e.to_string()),
    }
}

pub fn projects(docs: &[Document], opts: EmitOptions) -> Result<Vec<u8>> {
    let amounts = amount_columns(docs);
    let mut w = writer(opts);
    let mut header: Vec<String> = ["source", "table", "department", "unit", "project"]
        .map(String::from)
        .to_vec();
    header.extend(amounts.iter().cloned());
    header.extend(["goal", "indicator_count", "pages"].map(String::from));
    w.write_record(&header).map_err(csv_err)?;
    for (d, t, u, p) in each_project(docs) {
        let mut rec = context(d, t, u, p);
        rec.extend(
            amounts
                .iter()
                .map(|k| p.amounts.get(k).map(|a| a.to_string()).unwrap_or_default()),
        );
        let pages: Vec<String> = p.pages.iter().map(u32::to_string).collect();
        rec.extend([
            p.goal.clone(),
            p.indicators.len().to_string(),
            pages.join(";"),
        ]);
        w.write_record(&rec).map_err(csv_err)?;
    }
    finish(w)
}

pub fn indicators(docs: &[Document], opts: EmitOptions) -> Result<Vec<u8>> {
    let mut w = writer(opts);
    let header = [
        "source",
        "table",
        "department",
        "unit",
        "project",
        "group",
        "seq",
        "level1_code",
        "level1",
        "level2_code",
        "level2",
        "indicator",
        "period_value",
        "annual_value",
    ];
    w.write_record(header).map_err(csv_err)?;
    let opt = |s: &Option<String>| s.clone().unwrap_or_default();
    for (d, t, u, p) in each_project(docs) {
        for i in &p.indicators {
            let mut rec = context(d, t, u, p);
            rec.extend([
                i.group.to_string(),
                i.seq.to_string(),
                opt(&i.level1_code),
                opt(&i.level1),
                opt(&i.level2_code),
                opt(&i.level2),
                i.name.clone(),
                opt(&i.period_value),
                opt(&i.annual_value),
            ]);
            w.write_record(&rec).map_err(csv_err)?;
        }
    }
    finish(w)
}
