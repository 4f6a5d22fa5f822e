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
    let (value, unit) = with_compact(raw, classify);
    CellValue {
        raw: raw.to_owned(),
        value,
        unit: unit.map(str::to_owned),
        loc,
    }
}

/// Calls `f` with `raw` folded and without whitespace. Most cells are plain digits, which folding
/// leaves as they are; the others are short and folded on the stack: a check reads hundreds of
/// cells, and an allocation each cost more than reading them.
fn with_compact<T>(raw: &str, f: impl FnOnce(&str) -> T) -> T {
    if raw.bytes().all(|b| b.is_ascii_digit()) {
        return f(raw);
    }
    nb::on_stack(
        || raw.chars().map(fold_char).filter(|c| !c.is_whitespace()),
        f,
    )
}

fn classify(t: &str) -> (Value, Option<&'static str>) {
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
        Some((b, u)) => (b, Some(u)),
        None => (body, None),
    };
    match parse_number(body) {
        Some(n) => (Value::Number(if negative { -n } else { n }), unit),
        None => (Value::Text, None),
    }
}

/// Digits with optional thousands separators and one decimal point.
fn parse_number(s: &str) -> Option<f64> {
    let b = s.as_bytes();
    if !b.first().is_some_and(u8::is_ascii_digit)
        || !b
            .iter()
            .all(|&c| c.is_ascii_digit() || c == b',' || c == b'.')
        || b.iter().filter(|&&c| c == b'.').count() > 1
        || matches!(b.last(), Some(b',' | b'.'))
    {
        return None;
    }
    if !s.contains(',') {
        return crate::decimal::parse_plain(s);
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

/// A digit, a sign or a placeholder's first character. (A match, not a search in a string of
/// them: this runs for every cell.)
fn may_start_value(c: char) -> bool {
    matches!(
        c,
        '0'..='9' | '０'..='９' | '+' | '-' | '/' | '\\' | '~' | '—' | '–' | '×' | '－' | '＋' | '／'
            | '无' | '不' | '空'
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
    if !nb::trim_start(raw)
        .chars()
        .next()
        .is_some_and(may_start_value)
    {
        return false;
    }
    with_compact(raw, |t| {
        !t.is_empty() && !matches!(classify(t).0, Value::Text)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> (Value, Option<String>) {
        let c = parse_cell(s, Loc::default());
        (c.value, c.unit)
    }

    #[test]
    fn values_start_with_a_digit_a_sign_or_a_placeholder() {
        let listed = "+-/\\~—–×－＋０１２３４５６７８９／无不空";
        for c in listed
            .chars()
            .chain("0123456789其他（一）a ：:.年、".chars())
        {
            assert_eq!(
                may_start_value(c),
                c.is_ascii_digit() || listed.contains(c),
                "{c}"
            );
        }
        assert!(is_value("－3") && is_value("无") && !is_value("其他3"));
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
        // Past the 96 bytes folded on the stack: the same reading.
        let long = format!("{}件", "１".repeat(100));
        let n: f64 = "1".repeat(100).parse().unwrap();
        assert_eq!(v(&long), (Value::Number(n), Some("件".into())));
        assert_eq!(v(&"见附件".repeat(12)), (Value::Text, None));
        assert!(is_value(&format!("{} 件", "１ ".repeat(11))));
    }
}
