//! CSV: one row per diagnostic, UTF-8 with a BOM so Excel and WPS open it as UTF-8.

use super::Named;

pub const HEADER: [&str; 14] = [
    "file",
    "code",
    "name",
    "severity",
    "line",
    "column",
    "part",
    "table",
    "row",
    "col",
    "message",
    "expected",
    "actual",
    "dismissed",
];

/// RFC 4180 quoting; a leading =, +, -, @, tab or carriage return is neutralised so a
/// spreadsheet never runs it as a formula (OWASP's list: Excel skips a leading tab or CR).
pub fn field(s: &str) -> String {
    // A number such as -2 is data; any other field starting like a formula is neutralised.
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) && s.parse::<f64>().is_err() {
        format!("'{s}")
    } else {
        s.to_owned()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

pub fn row(fields: &[String]) -> String {
    let mut line = fields
        .iter()
        .map(|f| field(f))
        .collect::<Vec<_>>()
        .join(",");
    line.push_str("\r\n");
    line
}

/// The CSV for several checked inputs. `dismissed` gives a reason for a dismissed diagnostic
/// (file, index) — the web page's dismissals; the command line has none.
pub fn render(entries: &[Named], dismissed: &dyn Fn(&str, usize) -> Option<String>) -> String {
    let mut out = String::from("\u{FEFF}");
    out.push_str(&row(&HEADER.map(String::from)));
    let opt = |v: Option<u32>| v.map(|n| n.to_string()).unwrap_or_default();
    for n in entries {
        for (i, d) in n.outcome.diagnostics.iter().enumerate() {
            let l = &d.location;
            out.push_str(&row(&[
                n.file.to_owned(),
                d.code.to_owned(),
                d.name.to_owned(),
                d.severity.as_str().to_owned(),
                opt(l.line),
                opt(l.column),
                l.part.map(|p| p.to_string()).unwrap_or_default(),
                l.table.unwrap_or("").to_owned(),
                l.row.unwrap_or("").to_owned(),
                l.col.unwrap_or("").to_owned(),
                d.message.clone(),
                d.expected.clone().unwrap_or_default(),
                d.actual.clone().unwrap_or_default(),
                dismissed(n.file, i).unwrap_or_default(),
            ]));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting() {
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("说\"明\""), "\"说\"\"明\"\"\"");
        assert_eq!(field("=1+1"), "'=1+1");
        assert_eq!(field("-2"), "-2");
        // Excel skips a leading tab or carriage return and reads a formula after it.
        assert_eq!(field("\t=1+1"), "'\t=1+1");
        assert_eq!(field("\r=1+1"), "\"'\r=1+1\"");
        assert_eq!(field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(field("+86"), "+86");
        assert_eq!(field("+国"), "'+国");
        assert_eq!(field("表三"), "表三");
    }
}
