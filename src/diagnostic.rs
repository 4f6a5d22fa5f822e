//! A diagnostic: one problem found, with its rule, severity, place and the values involved. The
//! JSON form is the public contract of output.md.

use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }

    /// Reads the JSON form; anything unknown is the mildest severity (input from JavaScript is
    /// not trusted to be well formed).
    pub fn parse_lossy(s: &str) -> Severity {
        match s {
            "error" => Severity::Error,
            "warning" => Severity::Warning,
            _ => Severity::Info,
        }
    }

    /// The word shown to users.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
            Severity::Info => "提示",
        }
    }
}

/// Where a diagnostic points: a place in the text and, where it concerns a part or a table cell,
/// which one. Every field may be unknown (null).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Location {
    pub line: Option<u32>,
    pub column: Option<u32>,
    pub part: Option<u8>,
    pub table: Option<&'static str>,
    pub row: Option<&'static str>,
    pub col: Option<&'static str>,
    /// The page of a paged input (PDF) the line came from; absent from the JSON otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Diagnostic {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    pub message: String,
    pub location: Location,
    pub expected: Option<String>,
    pub actual: Option<String>,
    /// Diagnostics sharing a number belong to one most likely fix (T300): the T300 diagnostics
    /// with it are the cells to change, the others the errors that change removes.
    pub fix: Option<u32>,
    /// What a text should mention and does not (K001, K002), when the rule lists it.
    pub missing: Option<Vec<String>>,
}

/// Counts by severity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Summary {
    pub fn of(diagnostics: &[Diagnostic]) -> Summary {
        let mut s = Summary::default();
        for d in diagnostics {
            match d.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                Severity::Info => s.infos += 1,
            }
        }
        s
    }
}

/// output.md: diagnostics are sorted by location, then code. Unlocated ones come first.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        let key = |d: &Diagnostic| {
            (
                d.location.line.unwrap_or(0),
                d.location.column.unwrap_or(0),
                d.code,
            )
        };
        key(a).cmp(&key(b))
    });
}
