//! The result object as the renderer sees it: diagnostics read from the JSON (never trusted to be
//! well formed, since JavaScript callers may pass anything), and which element of the drawing each
//! one points at.

use super::tables;
use serde_json::Value as Json;
use std::collections::BTreeMap;

pub use crate::diagnostic::Severity;
use crate::diagnostic::TableId;

/// How a severity is drawn: a class for the colour, and an icon so that it never depends on
/// colour alone.
pub trait Look {
    fn class(self) -> &'static str;
    fn icon(self) -> &'static str;
}

impl Look for Severity {
    fn class(self) -> &'static str {
        match self {
            Severity::Error => "nb-error",
            Severity::Warning => "nb-warning",
            Severity::Info => "nb-info",
        }
    }
    fn icon(self) -> &'static str {
        match self {
            Severity::Error => "✖",
            Severity::Warning => "▲",
            Severity::Info => "ℹ",
        }
    }
}

/// One diagnostic, as read from the result object.
pub struct Diag<'a> {
    /// Index in the result's `diagnostics` array (the page's dismissals refer to it).
    pub idx: usize,
    pub code: &'a str,
    pub severity: Severity,
    pub message: &'a str,
    pub line: Option<u64>,
    pub column: Option<u64>,
    /// PDF page of the line.
    pub page: Option<u64>,
    pub part: Option<u64>,
    pub table: Option<TableId>,
    pub row: Option<&'a str>,
    pub col: Option<&'a str>,
    pub expected: Option<&'a str>,
    pub actual: Option<&'a str>,
    /// The reason given when a person dismissed it.
    pub dismissed: Option<&'a str>,
    /// The most likely fix (T300) it belongs to.
    pub fix: Option<u64>,
    /// What the text does not mention (K001, K002).
    pub missing: Vec<&'a str>,
    /// Id (without prefix) of the drawn element it points at: a cell, a table, or a line.
    pub target: Option<String>,
}

impl Diag<'_> {
    /// The CSS class and icon of its mark: its severity's, or a tick once dismissed.
    pub fn mark(&self) -> (&'static str, &'static str) {
        if self.dismissed.is_some() {
            ("nb-dismissed", "✓")
        } else {
            (self.severity.class(), self.severity.icon())
        }
    }
}

pub fn str_of<'a>(v: &'a Json, k: &str) -> Option<&'a str> {
    v.get(k).and_then(Json::as_str)
}

pub fn u64_of(v: &Json, k: &str) -> Option<u64> {
    v.get(k).and_then(Json::as_u64)
}

/// Everything the renderer needs about one result.
pub struct View<'a> {
    pub file: &'a str,
    /// When the check was made (ISO 8601, Beijing time) and by which nianbao, when the result says.
    pub checked_at: Option<&'a str>,
    pub version: Option<&'a str>,
    pub input_format: Option<&'a str>,
    /// The `report` object (Null when the input could not be read).
    pub report: &'a Json,
    pub diags: Vec<Diag<'a>>,
    pub text: Option<&'a str>,
    /// Where the pages of a PDF start: (first line, page), in order; empty for other inputs.
    pub pages: Vec<(u64, u64)>,
    /// Element id → indices into `diags` of the diagnostics marking it. (Only looked up: a
    /// B-tree rather than a hash map, whose code cost the WebAssembly module 0.4 KB more.)
    pub marks: BTreeMap<String, Vec<usize>>,
}

static NULL: Json = Json::Null;

fn lines_up_to(text: Option<&str>, max: usize) -> usize {
    text.map_or(0, |t| {
        (memchr::memchr_iter(b'\n', t.as_bytes()).take(max).count() + 1).min(max)
    })
}

impl<'a> View<'a> {
    /// The lines of the text, as `split('\n')` gives them (0 without a text), but no more than
    /// `max`. Counted with memchr (at opt-level "z" `split` is several times slower), and only
    /// as far as needed: a pasted 10 MB text has 200 000 lines, ~5 ms to count in the page.
    pub fn lines_up_to(&self, max: usize) -> usize {
        lines_up_to(self.text, max)
    }

    pub fn new(result: &'a Json) -> View<'a> {
        let report = result.get("report").unwrap_or(&NULL);
        let text = str_of(result, "text");
        let pages = result
            .get("pages")
            .and_then(Json::as_array)
            .map(|a| a.as_slice())
            .unwrap_or_default()
            .iter()
            .filter_map(|p| Some((p.get(0)?.as_u64()?, p.get(1)?.as_u64()?)))
            .collect();
        let mut diags: Vec<Diag> = result
            .get("diagnostics")
            .and_then(Json::as_array)
            .map(|a| a.as_slice())
            .unwrap_or_default()
            .iter()
            .enumerate()
            .map(|(idx, d)| {
                let loc = d.get("location").unwrap_or(&NULL);
                Diag {
                    idx,
                    code: str_of(d, "code").unwrap_or("?"),
                    severity: Severity::parse_lossy(str_of(d, "severity").unwrap_or("")),
                    message: str_of(d, "message").unwrap_or(""),
                    line: u64_of(loc, "line").filter(|&l| l >= 1),
                    column: u64_of(loc, "column"),
                    page: u64_of(loc, "page"),
                    part: u64_of(loc, "part"),
                    table: str_of(loc, "table").and_then(TableId::parse),
                    row: str_of(loc, "row"),
                    col: str_of(loc, "col"),
                    expected: str_of(d, "expected"),
                    actual: str_of(d, "actual"),
                    dismissed: str_of(d, "dismissed"),
                    fix: u64_of(d, "fix"),
                    missing: d
                        .get("missing")
                        .and_then(Json::as_array)
                        .map(|a| a.iter().filter_map(Json::as_str).collect())
                        .unwrap_or_default(),
                    target: None,
                }
            })
            .collect();
        // (Only a line some diagnostic names needs to be known to exist.)
        let max_line = diags.iter().filter_map(|d| d.line).max().unwrap_or(0);
        let line_count = lines_up_to(text, usize::try_from(max_line).unwrap_or(usize::MAX)) as u64;
        let mut marks: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, d) in diags.iter_mut().enumerate() {
            d.target = target(report, d, line_count);
            if let Some(t) = &d.target {
                marks.entry(t.clone()).or_default().push(i);
            }
            if let Some(l) = d.line.filter(|&l| l <= line_count) {
                let id = format!("L{l}");
                if d.target.as_deref() != Some(id.as_str()) {
                    marks.entry(id).or_default().push(i);
                }
            }
        }
        // C001/C002 list every blank or placeholder cell of a table in one diagnostic, but point
        // at the first only: mark the others too, so each such cell shows why it is flagged.
        for (i, d) in diags.iter().enumerate() {
            let (Some(table), Some(kind)) = (d.table, listing_kind(d.code)) else {
                continue;
            };
            for (id, cell) in tables::cells(report, table) {
                let fits = match kind {
                    Listing::Blank => cell.is_null(),
                    Listing::Placeholder => cell.is_string() && !marks.contains_key(&id),
                };
                if fits && d.target.as_deref() != Some(id.as_str()) {
                    marks.entry(id).or_default().push(i);
                }
            }
        }
        View {
            file: str_of(result, "file").unwrap_or(""),
            checked_at: str_of(result, "checked_at"),
            version: result.get("tool").and_then(|t| str_of(t, "version")),
            input_format: str_of(result, "input_format"),
            report,
            diags,
            text,
            pages,
            marks,
        }
    }

    /// The diagnostics marking an element.
    pub fn marks_of(&self, id: &str) -> Vec<&Diag<'a>> {
        self.marks
            .get(id)
            .map(|v| v.iter().map(|&i| &self.diags[i]).collect())
            .unwrap_or_default()
    }
}

enum Listing {
    Blank,
    Placeholder,
}

fn listing_kind(code: &str) -> Option<Listing> {
    match code {
        "C001" => Some(Listing::Blank),
        "C002" => Some(Listing::Placeholder),
        _ => None,
    }
}

/// What a diagnostic points at: its cell when that cell is drawn, else its row, else its table,
/// else its line.
fn target(report: &Json, d: &Diag, line_count: u64) -> Option<String> {
    if let Some(table) = d.table {
        if let Some(row) = d.row {
            if let Some(col) = d.col {
                if tables::has_cell(report, table, row, col) {
                    return Some(tables::cell_id(table, row, col));
                }
            }
            if tables::has_row(report, table, row) || tables::draws_missing_row(report, table, row)
            {
                return Some(tables::cell_id(table, row, "label"));
            }
        }
        if tables::has_table(report, table) {
            return Some(format!("t-{table}"));
        }
    }
    d.line.filter(|&l| l <= line_count).map(|l| format!("L{l}"))
}
