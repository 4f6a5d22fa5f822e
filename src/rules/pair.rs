//! X — two reports of the same agency, this year's and last year's.

use super::arithmetic::val;
use super::{num, text, Context, Rule, Sink};
use crate::decimal::fixed;
use crate::diagnostic::Severity::*;
use crate::diagnostic::TableId;
use crate::normalize::chinese_numeral;
use crate::report::labels::T3_COLUMN_LABELS;
use crate::report::labels::{col2, cols, rows};
use crate::report::{Layout, Loc, Report};

pub const X001: Rule = Rule {
    code: "X001",
    name: "carry-over-continuity",
    severity: Error,
    summary: text!("本年“上年结转”≠ 上一年报告的“结转下年度继续办理”（逐列）"),
    doc: text!("上一年度结转到本年度继续办理的申请，就是本年度的“上年结转政府信息公开申请数量”，两份报告应逐列相等。需要用 --previous 提供上一年报告。"),
    check: Some(x001),
};

pub const X002: Rule = Rule {
    code: "X002",
    name: "stock-continuity",
    severity: Warning,
    summary: text!("现行有效件数 ≠ 上一年现行有效件数 + 本年制发 − 本年废止（规章、行政规范性文件）"),
    doc: text!("本年现行有效件数一般等于上一年的现行有效件数加本年制发、减本年废止。文件也可能自然失效，所以只作提示。"),
    check: Some(x002),
};

pub const X003: Rule = Rule {
    code: "X003",
    name: "copied-text",
    severity: Warning,
    summary: text!("文字部分与上一年报告几乎相同（内容雷同），给出相似度"),
    doc: text!("总体情况、存在的主要问题及改进情况、其他需要报告的事项逐年照抄，说明报告没有反映本年工作。相似度按字符三元组计算，达到 90% 即提示（较短的部分不检查）。"),
    check: Some(x003),
};

pub const X004: Rule = Rule {
    code: "X004",
    name: "pair-mismatch",
    severity: Warning,
    summary: text!("上一年报告与本年报告不是同一机关、不是上一年度，或无法确认；此时不做跨年度检查"),
    doc: text!("跨年度检查（X001–X003）只比较同一机关相邻两个年度的报告：上一年报告的机关应与本年相同，年度应为本年减一。\
机关不同、年度不对，或有一份报告的机关名称、年度未能识别时，X004 说明是哪一项不符，X001–X003 不进行——\
拿别的机关或别的年度的报告来比，只会得出“上一年 0 + 本年制发 62 − 33 = 29”之类没有意义的结论。\
机关名称比较时忽略空格、全角半角和末尾的“人民政府”，一个名称以另一个结尾（如“石桥镇”与“青山县石桥镇”）也视为同一机关。"),
    check: Some(x004),
};

fn x001(ctx: &Context, sink: &mut Sink) {
    let (Some(prev), Some(this)) = (
        matching_previous(ctx).and_then(|p| p.table3.as_ref()),
        ctx.report.table3.as_ref(),
    ) else {
        return;
    };
    let (Some(carry), Some(over)) = (prev.row(rows::CARRY_FORWARD), this.row(rows::CARRIED_OVER))
    else {
        return;
    };
    let columns = T3_COLUMN_LABELS
        .iter()
        .zip(crate::report::labels::T3_COLUMNS);
    for ((label, key), (last, this)) in columns.zip(carry.cells.iter().zip(&over.cells)) {
        let (Some(a), Some(b)) = (val(last), val(this)) else {
            continue;
        };
        if (a - b).abs() > 1e-9 {
            sink.emit(format!(
                "表三「{label}」列：本年「上年结转」为 {}，上一年报告「结转下年度继续办理」为 {}",
                num(b),
                num(a)
            ))
            .at(this.loc)
            .cell(TableId::T3, rows::CARRIED_OVER, Some(key))
            .expected(num(a))
            .actual(num(b));
        }
    }
}

fn x002(ctx: &Context, sink: &mut Sink) {
    let (Some(prev), Some(this)) = (
        matching_previous(ctx).and_then(|p| p.table2.as_ref()),
        ctx.report.table2.as_ref(),
    ) else {
        return;
    };
    if prev.layout != Layout::V2021 || this.layout != Layout::V2021 {
        return;
    }
    for key in [rows::REGULATIONS, rows::NORMATIVE_DOCUMENTS] {
        let (Some(p), Some(t)) = (prev.row(key), this.row(key)) else {
            continue;
        };
        let (Some(before), Some(issued), Some(repealed), Some(now)) = (
            val(&p.cells[col2::IN_FORCE]),
            val(&t.cells[col2::ISSUED]),
            val(&t.cells[col2::REPEALED]),
            val(&t.cells[col2::IN_FORCE]),
        ) else {
            continue;
        };
        let expected = before + issued - repealed;
        if (expected - now).abs() > 1e-9 {
            sink.emit(format!(
                "表二「{}」现行有效件数为 {}，而上一年 {} + 本年制发 {} − 本年废止 {} = {}（若有文件自然失效，请在正文说明）",
                t.spec.label,
                num(now),
                num(before),
                num(issued),
                num(repealed),
                num(expected)
            ))
            .at(t.cells[col2::IN_FORCE].loc)
            .cell(TableId::T2, key, Some(cols::IN_FORCE))
            .expected(num(expected))
            .actual(num(now));
        }
    }
}

/// Share of this text's character trigrams that also occur in the other text.
pub fn similarity(a: &str, b: &str) -> f64 {
    use std::collections::HashSet;
    let grams = |s: &str| -> HashSet<[char; 3]> {
        let c: Vec<char> = s.chars().filter(|c| !c.is_ascii_digit()).collect();
        c.windows(3).map(|w| [w[0], w[1], w[2]]).collect()
    };
    let (ga, gb) = (grams(a), grams(b));
    if ga.is_empty() || gb.is_empty() {
        return 0.0;
    }
    let common = ga.intersection(&gb).count();
    common as f64 / ga.len().max(gb.len()) as f64
}

/// Parts shorter than this (characters) are not compared: one-line parts are alike by nature.
const MIN_CHARS: usize = 150;

fn x003(ctx: &Context, sink: &mut Sink) {
    let Some(prev) = matching_previous(ctx) else {
        return;
    };
    for n in [1usize, 5, 6] {
        let (Some(a), Some(b)) = (&ctx.report.facts.parts[n], &prev.facts.parts[n]) else {
            continue;
        };
        if a.text.chars().count() < MIN_CHARS || b.text.chars().count() < MIN_CHARS {
            continue;
        }
        let s = similarity(&a.text, &b.text);
        if s >= 0.9 {
            sink.emit(format!(
                "第{}部分与上一年报告的相似度为 {}%，内容雷同",
                chinese_numeral(n as u32),
                fixed(s * 100.0, 0)
            ))
            .at(a.loc)
            .part(n as u8)
            .actual(format!("{}%", fixed(s * 100.0, 0)));
        }
    }
}

/// An agency name as compared across reports: folded (full-width, traditional), without spaces
/// and without a trailing 人民政府, so that 「青溪县人民政府」 and 「青溪县 人民政府」 compare equal.
pub fn agency_key(name: &str) -> String {
    let folded: String = crate::normalize::fold(name)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    folded.trim_end_matches("人民政府").to_owned()
}

/// Two names of the same agency: equal keys, or one ending with the other (a title that leaves
/// out the county: 「石桥镇」 and 「青山县石桥镇」).
pub fn same_agency(a: &str, b: &str) -> bool {
    let (a, b) = (agency_key(a), agency_key(b));
    !a.is_empty() && !b.is_empty() && (a.ends_with(&b) || b.ends_with(&a))
}

/// A reason X004 gives, with the expected and actual values when both are known.
type Mismatch = (String, Option<(String, String)>);

/// Why last year's report cannot be compared with this one (X004), empty when it can: same
/// agency and the year before. An agency or year that was not recognised cannot be confirmed.
fn mismatches(this: &Report, prev: &Report) -> Vec<Mismatch> {
    let mut out = Vec::new();
    match (&this.agency, &prev.agency) {
        (Some(a), Some(b)) if !same_agency(a, b) => out.push((
            format!("两份报告的机关不同：本年为「{a}」，上一年为「{b}」"),
            Some((a.clone(), b.clone())),
        )),
        (Some(_), Some(_)) => {}
        (None, _) => out.push((
            "未能识别本年报告的机关名称，无法确认两份报告属于同一机关".into(),
            None,
        )),
        (_, None) => out.push((
            "未能识别上一年报告的机关名称，无法确认两份报告属于同一机关".into(),
            None,
        )),
    }
    match (this.year, prev.year) {
        (Some((y, _)), Some((py, _))) if py != y - 1 => out.push((
            format!(
                "上一年报告的年度为 {py} 年，本年报告为 {y} 年，应提供 {} 年的报告",
                y - 1
            ),
            Some(((y - 1).to_string(), py.to_string())),
        )),
        (Some(_), Some(_)) => {}
        (None, _) => out.push((
            "未能识别本年报告的年度，无法确认两份报告是相邻年度".into(),
            None,
        )),
        (_, None) => out.push((
            "未能识别上一年报告的年度，无法确认两份报告是相邻年度".into(),
            None,
        )),
    }
    out
}

/// Last year's report, when it is the same agency's report of the year before (X001–X003 run
/// only then; X004 says why not).
fn matching_previous<'a>(ctx: &Context<'a>) -> Option<&'a Report> {
    ctx.previous
        .filter(|prev| mismatches(ctx.report, prev).is_empty())
}

fn x004(ctx: &Context, sink: &mut Sink) {
    let Some(prev) = ctx.previous else { return };
    let r = ctx.report;
    let loc = r.title.as_ref().map_or(Loc { line: 1, column: 1 }, |t| t.1);
    for (why, values) in mismatches(r, prev) {
        let e = sink
            .emit(format!("{why}；跨年度检查（X001–X003）未进行"))
            .at(loc);
        if let Some((expected, actual)) = values {
            e.expected(expected).actual(actual);
        }
    }
}

/// For a batch of reports given by their recognised (agency, year): the index of each one's
/// previous-year report in the batch — same agency (see [`same_agency`]), year − 1 — or None.
/// An exact match of [`agency_key`] wins (the first, if the batch holds duplicates); otherwise a
/// name that ends with the other's counts when only one report of that year qualifies. Reports
/// without agency or year get None. Linear in the batch, except for that fallback.
pub fn previous_in_batch(reports: &[(Option<&str>, Option<i32>)]) -> Vec<Option<usize>> {
    use std::collections::HashMap;
    let keys: Vec<Option<(String, i32)>> = reports
        .iter()
        .map(|(a, y)| Some((agency_key((*a)?), (*y)?)).filter(|(k, _)| !k.is_empty()))
        .collect();
    let mut exact: HashMap<(&str, i32), usize> = HashMap::new();
    let mut by_year: HashMap<i32, Vec<usize>> = HashMap::new();
    for (i, k) in keys.iter().enumerate() {
        if let Some((name, year)) = k {
            exact.entry((name.as_str(), *year)).or_insert(i);
            by_year.entry(*year).or_default().push(i);
        }
    }
    keys.iter()
        .enumerate()
        .map(|(i, k)| {
            let (name, year) = k.as_ref()?;
            if let Some(&j) = exact.get(&(name.as_str(), year - 1)) {
                return Some(j);
            }
            let near: Vec<usize> = by_year
                .get(&(year - 1))?
                .iter()
                .copied()
                .filter(|&j| {
                    j != i
                        && keys[j].as_ref().is_some_and(|(other, _)| {
                            name.ends_with(other.as_str()) || other.ends_with(name.as_str())
                        })
                })
                .collect();
            match near.as_slice() {
                [one] => Some(*one),
                _ => None,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agency_names_compare_without_spaces_width_and_suffix() {
        assert!(same_agency("青溪县人民政府", "青溪县 人民政府"));
        assert!(same_agency("青山县石桥镇人民政府", "石桥镇人民政府"));
        assert!(!same_agency("青溪县人民政府", "白石县人民政府"));
        assert!(!same_agency("青溪县人民政府", "青溪县人民政府办公室"));
        assert!(!same_agency("", "青溪县"));
    }

    #[test]
    fn each_report_is_paired_with_its_own_previous_year() {
        let batch = [
            (Some("青溪县人民政府"), Some(2024)),  // 0
            (Some("白石县人民政府"), Some(2024)),  // 1
            (Some("白石县 人民政府"), Some(2023)), // 2: 1's previous year
            (Some("青溪县人民政府"), Some(2023)),  // 3: 0's previous year
            (Some("青溪县人民政府"), Some(2022)),  // 4: 3's previous year
            (Some("红河镇人民政府"), Some(2024)),  // 5: no 2023 report
            (None, Some(2024)),                    // 6: agency unknown
            (Some("青溪县人民政府"), None),        // 7: year unknown
        ];
        assert_eq!(
            previous_in_batch(&batch),
            [Some(3), Some(2), None, Some(4), None, None, None, None]
        );
    }

    #[test]
    fn a_shortened_name_pairs_only_when_one_report_fits() {
        let batch = [
            (Some("青山县石桥镇人民政府"), Some(2024)),
            (Some("石桥镇人民政府"), Some(2023)),
        ];
        assert_eq!(previous_in_batch(&batch), [Some(1), None]);
        // Two towns named 石桥镇 in different counties: the short name cannot be placed.
        let batch = [
            (Some("石桥镇人民政府"), Some(2024)),
            (Some("青山县石桥镇人民政府"), Some(2023)),
            (Some("红河县石桥镇人民政府"), Some(2023)),
        ];
        assert_eq!(previous_in_batch(&batch), [None, None, None]);
    }

    #[test]
    fn duplicates_pair_with_the_first() {
        let batch = [
            (Some("青溪县人民政府"), Some(2024)),
            (Some("青溪县人民政府"), Some(2023)),
            (Some("青溪县人民政府"), Some(2023)),
        ];
        assert_eq!(previous_in_batch(&batch), [Some(1), None, None]);
    }
}
