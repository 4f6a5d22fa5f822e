//! Finding the six part headings. A heading is matched against the known titles (labels.rs), not
//! recognised by its numbering: table 三's row labels ("一、本年新收…", "四、结转下年度继续办理") and
//! part 一's sub-headings ("（一）主动公开…") are numbered like parts but are not parts.

use super::labels::{numeral_value, title_form, PARTS};
use super::model::{Loc, Part, TitleMatch};
use crate::normalize as nb;
use crate::normalize::key;
use crate::source::{Line, LineKind};

/// Longest heading text considered (characters).
const MAX_HEADING_CHARS: usize = 50;

/// A heading split into its numeral and title.
struct Numbered<'a> {
    number: Option<u8>,
    /// The numeral is an Arabic digit ("1. 总体情况").
    arabic: bool,
    title: &'a str,
}

/// Splits "一、总体情况", "二．…", "三 …", "第四部分 …", "1. …" into number and title.
fn split_number(text: &str) -> Numbered<'_> {
    let t = text.trim_start_matches(['#', '*', ' ', '\u{3000}']);
    if let Some(n) = split_arabic(t) {
        return n;
    }
    let mut chars = t.char_indices();
    if let Some((_, c)) = chars.next() {
        if let Some(n) = numeral_value(c) {
            let rest = &t[c.len_utf8()..];
            let after = rest.trim_start_matches([' ', '\u{3000}']);
            if let Some(sep) = after.chars().next() {
                if matches!(sep, '、' | '.' | '．' | ',' | '，' | ':' | '：') {
                    return Numbered {
                        number: Some(n),
                        arabic: false,
                        title: nb::trim(&after[sep.len_utf8()..]),
                    };
                }
                if after.len() < rest.len() {
                    return Numbered {
                        number: Some(n),
                        arabic: false,
                        title: nb::trim(after),
                    };
                }
            }
        }
        if c == '第' {
            let rest = &t[c.len_utf8()..];
            if let Some(n) = rest.chars().next().and_then(numeral_value) {
                let r = &rest[3..];
                if let Some(r) = r.strip_prefix("部分") {
                    return Numbered {
                        number: Some(n),
                        arabic: false,
                        title: r.trim_start_matches(['、', ' ', '：', ':']).trim(),
                    };
                }
            }
        }
    }
    Numbered {
        number: None,
        arabic: false,
        title: nb::trim(t),
    }
}

/// "1. 总体情况", "2、…", "３．…": one digit and a separator, as list numbering lost its Chinese
/// numerals (a Word list pasted into a web editor, an HTML `<ol>`). "2024年…" is not numbered.
fn split_arabic(t: &str) -> Option<Numbered<'_>> {
    let c = t.chars().next()?;
    let n = match c {
        '1'..='9' => c as u32 - '0' as u32,
        '１'..='９' => c as u32 - '０' as u32,
        _ => return None,
    };
    let after = t[c.len_utf8()..].trim_start_matches([' ', '\u{3000}']);
    let sep = after.chars().next()?;
    if !matches!(sep, '、' | '.' | '．' | ')' | '）') {
        return None;
    }
    Some(Numbered {
        number: Some(n as u8),
        arabic: true,
        title: nb::trim(&after[sep.len_utf8()..]),
    })
}

/// The title forms of every canonical title and variant, computed once.
fn known_forms() -> &'static [(u8, TitleMatch, String)] {
    static FORMS: std::sync::OnceLock<Vec<(u8, TitleMatch, String)>> = std::sync::OnceLock::new();
    FORMS.get_or_init(|| {
        let mut v = Vec::new();
        for p in &PARTS {
            v.push((p.number, TitleMatch::Canonical, title_form(p.canonical)));
            v.extend(
                p.variants
                    .iter()
                    .map(|t| (p.number, TitleMatch::Variant, title_form(t))),
            );
        }
        v
    })
}

/// Which part a title names, and how closely.
fn match_title(title: &str, numbered: bool) -> Option<(u8, TitleMatch)> {
    let form = title_form(title);
    if form.is_empty() {
        return None;
    }
    if let Some((n, m, _)) = known_forms().iter().find(|(_, _, f)| *f == form) {
        return Some((*n, *m));
    }
    if !numbered || form.chars().count() > 40 {
        return None;
    }
    // Free wordings of a numbered heading, recognised by what the part is about.
    let has = |w: &str| nb::has(&form, w);
    let m = if has("总体情况") || form == "概述" || form == "总体" {
        (1, TitleMatch::Variant)
    } else if has("主动公开政府信息") {
        (2, TitleMatch::Variant)
    } else if has("申请") && (has("收到") || has("处理")) && has("公开") {
        (3, TitleMatch::Variant)
    } else if has("复议") && has("诉讼") {
        (4, TitleMatch::Variant)
    } else if has("问题") && !has("申请") {
        let improves = has("改进") || has("整改");
        (
            5,
            if improves {
                TitleMatch::Variant
            } else {
                TitleMatch::Different
            },
        )
    } else if has("其他") && has("事项") {
        (6, TitleMatch::Variant)
    } else {
        return None;
    };
    Some(m)
}

/// A heading line: its only cell, short, not a table row.
fn heading_text(line: &Line) -> Option<&str> {
    if line.cells.len() != 1 || matches!(line.kind, LineKind::TableRow(_)) {
        return None;
    }
    let t = nb::trim(&line.cells[0].text);
    (t.chars().count() <= MAX_HEADING_CHARS).then_some(t)
}

/// Finds the part headings, in document order. The first heading of each part wins; a part's body
/// runs to the next part heading.
pub fn find_parts(lines: &[Line]) -> (Vec<Part>, Vec<Part>) {
    let mut parts: Vec<Part> = Vec::new();
    let mut duplicates = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(text) = heading_text(line) else {
            continue;
        };
        let is_heading = matches!(line.kind, LineKind::Heading(_));
        // Most lines are prose or table cells: only a numbered line, a heading, or a short line
        // can be a part heading.
        if !is_heading && !starts_numbered(text) && text.chars().count() > 24 {
            continue;
        }
        // Every title and variant names one of these; table cells and fragments do not.
        const TOPICS: [&str; 8] = [
            "情况", "事项", "问题", "总体", "概述", "复议", "申请", "主动",
        ];
        let bytes = nb::ByteSet::of(text);
        if !TOPICS.iter().any(|t| bytes.may_hold(t) && nb::has(text, t)) {
            continue;
        }
        let n = split_number(text);
        // Captions such as "表三：收到和处理…" name a table, not a part.
        if key(n.title).starts_with('表') {
            continue;
        }
        if n.number.is_none() && !is_heading && !looks_standalone(n.title) {
            continue;
        }
        // An Arabic numeral also numbers sub-items ("1. 存在的问题" inside part 五): such a
        // heading names a part only by a known title, not by a free wording.
        let Some((number, title_match)) = match_title(n.title, n.number.is_some() && !n.arabic)
        else {
            continue;
        };
        let part = Part {
            number,
            written_number: n.number,
            arabic_number: n.arabic,
            heading: text.to_owned(),
            title: n.title.trim_end_matches(['。', '：', ':']).to_owned(),
            title_match,
            loc: Loc {
                line: line.number,
                column: line.cells[0].column,
            },
            line_index: i,
            end_index: lines.len(),
        };
        if parts.iter().any(|p| p.number == number) {
            duplicates.push(part);
        } else {
            parts.push(part);
        }
    }
    let starts: Vec<usize> = parts.iter().map(|p| p.line_index).collect();
    for p in &mut parts {
        p.end_index = starts
            .iter()
            .copied()
            .filter(|&s| s > p.line_index)
            .min()
            .unwrap_or(lines.len());
    }
    (parts, duplicates)
}

fn starts_numbered(text: &str) -> bool {
    let t = text.trim_start_matches(['#', '*', ' ', '\u{3000}']);
    t.starts_with(|c: char| numeral_value(c).is_some() || c == '第') || split_arabic(t).is_some()
}

/// An unnumbered line that is only a title ("总体情况"), not a sentence.
fn looks_standalone(title: &str) -> bool {
    !title.contains(['，', ',', '。'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering_is_split_off() {
        let n = split_number("一、总体情况");
        assert_eq!((n.number, n.title), (Some(1), "总体情况"));
        let n = split_number("五．存在的主要问题及改进情况");
        assert_eq!((n.number, n.title), (Some(5), "存在的主要问题及改进情况"));
        let n = split_number("第三部分 收到和处理政府信息公开申请情况");
        assert_eq!(
            (n.number, n.title),
            (Some(3), "收到和处理政府信息公开申请情况")
        );
        assert_eq!(split_number("（一）予以公开").number, None);
    }

    #[test]
    fn table_row_labels_are_not_parts() {
        for label in [
            "本年新收政府信息公开申请数量",
            "上年结转政府信息公开申请数量",
            "本年度办理结果",
            "结转下年度继续办理",
        ] {
            assert_eq!(match_title(label, true), None, "{label}");
        }
        assert_eq!(match_title("主动公开工作情况", true), None);
        assert_eq!(match_title("政府信息公开申请情况", true), None);
    }

    #[test]
    fn titles_and_variants() {
        assert_eq!(
            match_title("总体情况", true),
            Some((1, TitleMatch::Canonical))
        );
        assert_eq!(
            match_title("政府信息公开行政复议和行政诉讼情况", true),
            Some((4, TitleMatch::Canonical))
        );
        assert_eq!(
            match_title("政府信息公开工作存在的主要问题及改进情况", true),
            Some((5, TitleMatch::Variant))
        );
        assert_eq!(
            match_title("存在的问题和下一步工作计划", true),
            Some((5, TitleMatch::Different))
        );
        assert_eq!(
            match_title("其它需要报告的事项", true),
            Some((6, TitleMatch::Canonical))
        );
    }
}
