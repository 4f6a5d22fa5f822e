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

/// One of the report's three tables. Its key ("table2", "table3", "table4") is the table's name in
/// the JSON output and a diagnostic's `location.table` (docs/output.md): this is the one place the
/// key is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TableId {
    T2,
    T3,
    T4,
}

impl TableId {
    pub const ALL: [TableId; 3] = [TableId::T2, TableId::T3, TableId::T4];

    /// The JSON key of table 二 when it follows the 2019 trial layout (its rows differ).
    pub const T2_2019_KEY: &'static str = "table2_2019";

    /// The JSON key.
    pub fn key(self) -> &'static str {
        match self {
            TableId::T2 => "table2",
            TableId::T3 => "table3",
            TableId::T4 => "table4",
        }
    }

    /// Reads the JSON key (from JavaScript, so anything else is None).
    pub fn parse(s: &str) -> Option<TableId> {
        TableId::ALL.into_iter().find(|t| t.key() == s)
    }

    /// The part of the report the table belongs to.
    pub fn part(self) -> u8 {
        match self {
            TableId::T2 => 2,
            TableId::T3 => 3,
            TableId::T4 => 4,
        }
    }

    /// How the table is named to people.
    pub fn name(self) -> &'static str {
        match self {
            TableId::T2 => "表二",
            TableId::T3 => "表三",
            TableId::T4 => "表四",
        }
    }
}

/// Writes the JSON key (element ids of the drawn tables are built from it).
impl std::fmt::Display for TableId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.key())
    }
}

impl Serialize for TableId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.key())
    }
}

/// Where a diagnostic points: a place in the text and, where it concerns a part or a table cell,
/// which one. Every field may be unknown (null).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Location {
    pub line: Option<u32>,
    pub column: Option<u32>,
    pub part: Option<u8>,
    pub table: Option<TableId>,
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

/// Diagnostics that say an input could not be read: there is nothing a person could dismiss
/// (the page draws no 忽略 for them, and its session refuses to record one).
pub const UNDISMISSABLE: [&str; 2] = ["P001", "P004"];

pub fn can_dismiss(code: &str) -> bool {
    !UNDISMISSABLE.contains(&code)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_keys_read_back() {
        for t in TableId::ALL {
            assert_eq!(TableId::parse(t.key()), Some(t));
            assert_eq!(
                serde_json::to_string(&t).unwrap(),
                format!("\"{}\"", t.key())
            );
        }
        assert_eq!(TableId::parse("table5"), None);
        assert_eq!(TableId::T3.key(), "table3");
    }
}
