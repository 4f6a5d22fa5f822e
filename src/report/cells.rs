//! Reading one table cell: a number (with sign, separators, decimals and an optional unit), a
//! blank, a placeholder, or text.

use super::model::{CellValue, Loc, Value};
use crate::normalize as nb;
use crate::normalize::fold_char;

const UNITS: [&str; 9] = ["万元", "元", "件", "个", "条", "项", "起", "宗", "次"];
const PLACEHOLDERS: [&str; 12] = [
    "/",
    "-",
    "—",
    "——",
    "--",
    "–",
    "~",
    "\\",
    "无",
    "不适用",
    "空",
    "×",
];

pub fn parse_cell(raw: &str, loc: Loc) -> CellValue {
    let raw = nb::trim(raw);
    // Most cells are plain digits, which folding leaves as they are.
    let (value, unit) = if raw.bytes().all(|b| b.is_ascii_digit()) {
        classify(raw)
    } else {
        let compact: String = raw
            .chars()
            .map(fold_char)
            .filter(|c| !c.is_whitespace())
            .collect();
        classify(&compact)
    };
    CellValue {
        raw: raw.to_owned(),
        value,
        unit,
        loc,
    }
}

fn classify(t: &str) -> (Value, Option<String>) {
    if t.is_empty() {
        return (Value::Blank, None);
    }
    if PLACEHOLDERS.contains(&t) {
        return (Value::Placeholder, None);
    }
    let negative = t.starts_with('-');
    let body = t.trim_start_matches(['+', '-']);
    let (body, unit) = match UNITS
        .iter()
        .find_map(|u| body.strip_suffix(u).map(|b| (b, *u)))
    {
        Some((b, u)) => (b, Some(u.to_owned())),
        None => (body, None),
    };
    match parse_number(body) {
        Some(n) => (Value::Number(if negative { -n } else { n }), unit),
        None => (Value::Text, None),
    }
}

/// Digits with optional thousands separators and one decimal point.
fn parse_number(s: &str) -> Option<f64> {
    if s.is_empty() || !s.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    if !s
        .chars()
        .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
        || s.matches('.').count() > 1
    {
        return None;
    }
    if s.ends_with([',', '.']) {
        return None;
    }
    let plain: String = s.chars().filter(|&c| c != ',').collect();
    crate::decimal::parse_plain(&plain)
}

/// Reads a document cell where it stands.
pub fn read_cell(c: &crate::source::Cell) -> CellValue {
    parse_cell(
        &c.text,
        Loc {
            line: c.line,
            column: c.column,
        },
    )
}

/// A cell that reads as a value (number, placeholder, number with unit) rather than a label.
pub fn is_value(raw: &str) -> bool {
    if raw.len() > 48 {
        return false; // longer than any number or placeholder
    }
    if !raw.is_empty() && raw.bytes().all(|b| b.is_ascii_digit()) {
        return true;
    }
    // Labels start with a CJK character or bracket; values with a digit, a sign or a placeholder.
    match nb::trim_start(raw).chars().next() {
        None => return false,
        Some(c)
            if c.is_ascii_digit() || "+-/\\~—–×－＋０１２３４５６７８９／无不空".contains(c) =>
            {}
        Some(_) => return false,
    }
    let compact: String = raw
        .chars()
        .map(fold_char)
        .filter(|c| !c.is_whitespace())
        .collect();
    !compact.is_empty() && !matches!(classify(&compact).0, Value::Text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> (Value, Option<String>) {
        let c = parse_cell(s, Loc::default());
        (c.value, c.unit)
    }

    #[test]
    fn reads_cells_as_written() {
        assert_eq!(v("3"), (Value::Number(3.0), None));
        assert_eq!(v("３"), (Value::Number(3.0), None));
        assert_eq!(v("3件"), (Value::Number(3.0), Some("件".into())));
        assert_eq!(v("+3"), (Value::Number(3.0), None));
        assert_eq!(v("--253"), (Value::Number(-253.0), None));
        assert_eq!(v("-5"), (Value::Number(-5.0), None));
        assert_eq!(v("1,288"), (Value::Number(1288.0), None));
        assert_eq!(
            v("160.5964万元"),
            (Value::Number(160.5964), Some("万元".into()))
        );
        assert_eq!(v("251000元"), (Value::Number(251000.0), Some("元".into())));
        assert_eq!(v(""), (Value::Blank, None));
        assert_eq!(v(" / "), (Value::Placeholder, None));
        assert_eq!(v("—"), (Value::Placeholder, None));
        assert_eq!(v("无"), (Value::Placeholder, None));
        assert_eq!(v("见附件"), (Value::Text, None));
        assert_eq!(v("1.2.3"), (Value::Text, None));
    }
}
