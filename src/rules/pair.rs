//! X — two reports of the same agency, this year's and last year's.

use super::arithmetic::val;
use super::{num, Context, Rule, Sink};
use crate::diagnostic::Severity::*;
use crate::normalize::chinese_numeral;
use crate::report::labels::T3_COLUMN_LABELS;
use crate::report::{Layout, Loc};

pub const X001: Rule = Rule {
    code: "X001",
    name: "carry-over-continuity",
    severity: Error,
    summary: "本年“上年结转”≠ 上一年报告的“结转下年度继续办理”（逐列）",
    doc: "上一年度结转到本年度继续办理的申请，就是本年度的“上年结转政府信息公开申请数量”，两份报告应逐列相等。需要用 --previous 提供上一年报告。",
    check: Some(x001),
};

pub const X002: Rule = Rule {
    code: "X002",
    name: "stock-continuity",
    severity: Warning,
    summary: "现行有效件数 ≠ 上一年现行有效件数 + 本年制发 − 本年废止（规章、行政规范性文件）",
    doc: "本年现行有效件数一般等于上一年的现行有效件数加本年制发、减本年废止。文件也可能自然失效，所以只作提示。",
    check: Some(x002),
};

pub const X003: Rule = Rule {
    code: "X003",
    name: "copied-text",
    severity: Warning,
    summary: "文字部分与上一年报告几乎相同（内容雷同），给出相似度",
    doc: "总体情况、存在的主要问题及改进情况、其他需要报告的事项逐年照抄，说明报告没有反映本年工作。相似度按字符三元组计算，达到 90% 即提示（较短的部分不检查）。",
    check: Some(x003),
};

pub const X004: Rule = Rule {
    code: "X004",
    name: "pair-mismatch",
    severity: Warning,
    summary: "两份报告不是同一机关，或不是相邻年度",
    doc: "跨年度检查要求上一年报告与本年报告是同一机关、相邻两个年度；否则跨年度比较没有意义。",
    check: Some(x004),
};

fn x001(ctx: &Context, sink: &mut Sink) {
    let (Some(prev), Some(this)) = (
        ctx.previous.and_then(|p| p.table3.as_ref()),
        ctx.report.table3.as_ref(),
    ) else {
        return;
    };
    let (Some(carry), Some(over)) = (prev.row("carry_forward"), this.row("carried_over")) else {
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
            .cell("table3", "carried_over", Some(key))
            .expected(num(a))
            .actual(num(b));
        }
    }
}

fn x002(ctx: &Context, sink: &mut Sink) {
    let (Some(prev), Some(this)) = (
        ctx.previous.and_then(|p| p.table2.as_ref()),
        ctx.report.table2.as_ref(),
    ) else {
        return;
    };
    if prev.layout != Layout::V2021 || this.layout != Layout::V2021 {
        return;
    }
    for key in ["regulations", "normative_documents"] {
        let (Some(p), Some(t)) = (prev.row(key), this.row(key)) else {
            continue;
        };
        let (Some(before), Some(issued), Some(repealed), Some(now)) = (
            val(&p.cells[2]),
            val(&t.cells[0]),
            val(&t.cells[1]),
            val(&t.cells[2]),
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
            .at(t.cells[2].loc)
            .cell("table2", key, Some("in_force"))
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
    let Some(prev) = ctx.previous else { return };
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
                "第{}部分与上一年报告的相似度为 {:.0}%，内容雷同",
                chinese_numeral(n as u32),
                s * 100.0
            ))
            .at(a.loc)
            .part(n as u8)
            .actual(format!("{:.0}%", s * 100.0));
        }
    }
}

fn x004(ctx: &Context, sink: &mut Sink) {
    let Some(prev) = ctx.previous else { return };
    let r = ctx.report;
    let loc = r.title.as_ref().map_or(Loc { line: 1, column: 1 }, |t| t.1);
    if let (Some(a), Some(b)) = (&r.agency, &prev.agency) {
        let short = |s: &str| s.trim_end_matches("人民政府").to_owned();
        if !(short(a).ends_with(&short(b)) || short(b).ends_with(&short(a))) {
            sink.emit(format!(
                "两份报告的机关不同：本年为「{a}」，上一年为「{b}」"
            ))
            .at(loc)
            .expected(a.clone())
            .actual(b.clone());
        }
    }
    if let (Some((y, _)), Some((py, _))) = (r.year, prev.year) {
        if py != y - 1 {
            sink.emit(format!(
                "上一年报告的年度为 {py} 年，本年报告为 {y} 年，不是相邻年度"
            ))
            .at(loc)
            .expected((y - 1).to_string())
            .actual(py.to_string());
        }
    }
}
