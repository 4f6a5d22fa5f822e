//! The JSON report of output.md, field by field.

use super::Named;
use crate::diagnostic::{Diagnostic, Summary, TableId};
use crate::report::labels::{T3_COLUMNS, T4_COLUMNS};
use crate::report::{CellValue, Layout, Report, Table, Value};
use serde_json::{json, Map, Value as Json};

/// A cell: a number when one was read, null when blank, else the string as written.
pub fn cell(c: &CellValue) -> Json {
    match (&c.value, &c.unit) {
        (Value::Number(n), None) => number(*n),
        (Value::Blank, _) => Json::Null,
        _ => Json::String(c.raw.clone()),
    }
}

fn number(n: f64) -> Json {
    if n.fract() == 0.0 && n.abs() < 9.0e15 {
        json!(n as i64)
    } else {
        json!(n)
    }
}

fn cells(cs: &[CellValue]) -> Json {
    Json::Array(cs.iter().map(cell).collect())
}

fn table2(t: &Table) -> Json {
    let mut m = Map::new();
    for row in &t.rows {
        let v = if row.spec.columns.len() == 1 && t.layout == Layout::V2021 {
            cell(&row.cells[0])
        } else {
            Json::Object(
                row.spec
                    .columns
                    .iter()
                    .zip(&row.cells)
                    .map(|(k, c)| (k.to_string(), cell(c)))
                    .collect(),
            )
        };
        m.insert(row.spec.key.as_str().into(), v);
    }
    Json::Object(m)
}

fn table3(t: &Table) -> Json {
    let mut rows = Map::new();
    for row in &t.rows {
        rows.insert(row.spec.key.as_str().into(), cells(&row.cells));
    }
    for s in &t.subtotal_rows {
        rows.insert(s.group.subtotal_key().as_str().into(), cells(&s.cells));
    }
    let mut m = Map::new();
    m.insert("columns".into(), json!(T3_COLUMNS));
    m.insert("rows".into(), Json::Object(rows));
    if !t.subtotal_column.is_empty() {
        m.insert(
            "subtotal_column".into(),
            Json::Object(
                t.subtotal_column
                    .iter()
                    .map(|(k, c)| (k.as_str().to_owned(), cell(c)))
                    .collect(),
            ),
        );
    }
    Json::Object(m)
}

fn table4(t: &Table) -> Json {
    let mut m = Map::new();
    m.insert("columns".into(), json!(T4_COLUMNS));
    for row in &t.rows {
        m.insert(row.spec.key.as_str().into(), cells(&row.cells));
    }
    Json::Object(m)
}

/// The `report` object: what was recognised.
pub fn report(r: &Report) -> Json {
    let date = |d: crate::report::Date| format!("{:04}-{:02}-{:02}", d.year, d.month, d.day);
    let mut m = Map::new();
    m.insert("agency".into(), json!(r.agency));
    m.insert("year".into(), json!(r.year.map(|y| y.0)));
    m.insert("format_version".into(), json!(r.format_version.as_str()));
    m.insert(
        "period".into(),
        r.period.as_ref().map_or(
            Json::Null,
            |p| json!({"start": date(p.start), "end": date(p.end), "line": p.loc.line}),
        ),
    );
    m.insert(
        "parts".into(),
        Json::Array(
            r.parts
                .iter()
                .map(|p| json!({"number": p.number, "title": p.title, "line": p.loc.line}))
                .collect(),
        ),
    );
    if let Some(t) = &r.table2 {
        let key = if t.layout == Layout::V2019 {
            TableId::T2_2019_KEY
        } else {
            TableId::T2.key()
        };
        m.insert(key.into(), table2(t));
    } else {
        m.insert(TableId::T2.key().into(), Json::Null);
    }
    m.insert(
        TableId::T3.key().into(),
        r.table3.as_ref().map_or(Json::Null, table3),
    );
    m.insert(
        TableId::T4.key().into(),
        r.table4.as_ref().map_or(Json::Null, table4),
    );
    Json::Object(m)
}

/// One entry of `reports`.
pub fn entry(n: &Named) -> Json {
    let o = n.outcome;
    json!({
        "file": n.file,
        "input_format": o.input_format.map(|f| f.as_str()),
        "report": o.report.as_ref().map_or(Json::Null, report),
        "diagnostics": diagnostics(&o.diagnostics),
        "summary": Summary::of(&o.diagnostics),
    })
}

pub fn diagnostics(ds: &[Diagnostic]) -> Json {
    serde_json::to_value(ds).unwrap_or(Json::Null)
}

pub fn tool() -> Json {
    json!({"name": "nianbao", "version": crate::VERSION})
}

/// The whole document for `nianbao check --format json`, stamped with the time of the check.
pub fn document(entries: &[Named]) -> Json {
    document_at(entries, crate::clock::now().as_deref())
}

/// [`document`] with the check time given (as [`crate::clock::now`] writes it; None leaves
/// `checked_at` null).
pub fn document_at(entries: &[Named], checked_at: Option<&str>) -> Json {
    json!({
        "tool": tool(),
        "checked_at": checked_at,
        "reports": entries.iter().map(entry).collect::<Vec<_>>(),
    })
}

/// The JavaScript `check()` result: `reports[0]`'s content plus `tool` and `checked_at`.
pub fn single(n: &Named) -> Json {
    let mut e = entry(n);
    if let Json::Object(m) = &mut e {
        m.insert("tool".into(), tool());
        m.insert("checked_at".into(), json!(crate::clock::now()));
    }
    e
}
