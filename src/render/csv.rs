//! CSV: one row per diagnostic, UTF-8 with a BOM so Excel and WPS open it as UTF-8.

use super::Named;

/// The columns, in Chinese for the people who open the file in Excel or WPS (the JSON report is
/// the machine-readable form). 位置 names the part or table cell in words; 同组修改 is the
/// diagnostic's `fix` number (rows sharing it belong to one T300 most likely fix).
pub const HEADER: [&str; 16] = [
    "文件",
    "机关",
    "年度",
    "级别",
    "代码",
    "行号",
    "列号",
    "位置",
    "问题",
    "应为",
    "实际",
    "未提到",
    "同组修改",
    "检查时间",
    "版本",
    "忽略原因",
];

/// RFC 4180 quoting; a leading =, +, -, @, tab or carriage return is neutralised so a
/// spreadsheet never runs it as a formula (OWASP's list: Excel skips a leading tab or CR).
pub fn field(s: &str) -> String {
    // A number such as -2 is data; any other field starting like a formula is neutralised.
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) && !crate::decimal::is_float(s) {
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

/// The CSV for several checked inputs, stamped with the time of the check. `dismissed` gives a
/// reason for a dismissed diagnostic (file, index) — the web page's dismissals; the command line
/// has none.
pub fn render(entries: &[Named], dismissed: &dyn Fn(&str, usize) -> Option<String>) -> String {
    render_at(entries, dismissed, crate::clock::now().as_deref())
}

/// [`render`] with the check time given (as [`crate::clock::now`] writes it).
pub fn render_at(
    entries: &[Named],
    dismissed: &dyn Fn(&str, usize) -> Option<String>,
    checked_at: Option<&str>,
) -> String {
    let mut out = String::from("\u{FEFF}");
    out.push_str(&row(&HEADER.map(String::from)));
    let opt = |v: Option<u32>| v.map(|n| n.to_string()).unwrap_or_default();
    let when = checked_at.map(crate::clock::display).unwrap_or_default();
    let version = format!("nianbao {}", crate::VERSION);
    for n in entries {
        let report = n.outcome.report.as_ref();
        let agency = report.and_then(|r| r.agency.clone()).unwrap_or_default();
        let year = report
            .and_then(|r| r.year)
            .map(|y| y.0.to_string())
            .unwrap_or_default();
        for (i, d) in n.outcome.diagnostics.iter().enumerate() {
            let l = &d.location;
            let place = match (l.table, l.part) {
                (Some(t), _) => super::html::place(t, l.row, l.col),
                (None, Some(p)) => format!("第{}部分", crate::normalize::chinese_numeral(p.into())),
                _ => String::new(),
            };
            out.push_str(&row(&[
                n.file.to_owned(),
                agency.clone(),
                year.clone(),
                d.severity.label().to_owned(),
                d.code.to_owned(),
                opt(l.line),
                opt(l.column),
                place,
                d.message.clone(),
                d.expected.clone().unwrap_or_default(),
                d.actual.clone().unwrap_or_default(),
                d.missing.as_ref().map(|m| m.join("、")).unwrap_or_default(),
                d.fix.map(|f| f.to_string()).unwrap_or_default(),
                when.clone(),
                version.clone(),
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
