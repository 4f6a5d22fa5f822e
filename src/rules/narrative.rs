//! N — the text against the tables: counts quoted in the text, and claims a table contradicts.

use super::arithmetic::val;
use super::{num, text, Context, Rule, Sink};
use crate::diagnostic::Severity::*;
use crate::report::{ClaimKind, CountKind, Layout, Report, Table};

pub const N001: Rule = Rule {
    code: "N001",
    name: "text-table-mismatch",
    severity: Warning,
    summary: text!("正文中的数字与表格不一致（收到、结转、办结、予以公开、行政复议、行政诉讼、规范性文件等件数）"),
    doc: text!("正文常概括表格数字，如“收到政府信息公开申请 N 件”“行政复议 N 件”。这些数字应与表三、表四、表二相应单元格一致。\
“受理申请 N 件”既可指本年新收，也可指新收加上年结转，两者相符都视为一致。\n例：某省报告正文写 258 件，表格为 275 件。"),
    check: Some(n001),
};

pub const N002: Rule = Rule {
    code: "N002",
    name: "text-claim-contradiction",
    severity: Warning,
    summary: text!("正文的定性说法与表格矛盾（“未收到申请”“无行政复议”“均已办结”“均予以维持”等）"),
    doc: text!("正文说“未收到申请”而表三本年新收大于 0；说“无行政复议/诉讼”而表四非零；说“均已办结”而有结转下年度的申请；\
说“均予以维持”而表四有纠正或尚未审结的案件；说“未被纠错”而表四有结果纠正。"),
    check: Some(n002),
};

/// A table value a statement is compared with: acceptable values, what it is, where it is.
struct Target {
    accept: Vec<f64>,
    what: String,
    table: &'static str,
    row: &'static str,
    col: Option<&'static str>,
    /// The cell as written, when it is not simply the number (a blank cell).
    blank: bool,
}

fn t3_total(t: &Table, key: &str) -> Option<(f64, bool)> {
    t.row(key).and_then(|r| {
        r.cells
            .get(6)
            .and_then(|c| val(c).map(|v| (v, c.raw.is_empty())))
    })
}

fn t3_group(t: &Table, prefix: &str) -> Option<(f64, bool)> {
    let rows: Vec<_> = t
        .rows
        .iter()
        .filter(|r| r.spec.key.starts_with(prefix))
        .collect();
    let expected = crate::report::labels::T3_ROWS
        .iter()
        .filter(|r| r.key.starts_with(prefix) && r.in_layout(t.layout))
        .count();
    if rows.len() != expected {
        return None;
    }
    let sum: Option<f64> = rows.iter().map(|r| r.cells.get(6).and_then(val)).sum();
    sum.map(|s| (s, false))
}

fn t4_total(r: &Report, key: &str) -> Option<(f64, bool)> {
    r.table4
        .as_ref()?
        .row(key)
        .and_then(|row| val(&row.cells[4]).map(|v| (v, row.cells[4].raw.is_empty())))
}

/// Counts compared with one total of table 三: the row and what the text is compared with.
const T3_TOTALS: &[(CountKind, &str, &str)] = &[
    (
        CountKind::CarriedOver,
        "carried_over",
        "表三「上年结转政府信息公开申请数量」总计",
    ),
    (CountKind::Concluded, "total", "表三「（七）总计」"),
    (
        CountKind::CarriedForward,
        "carry_forward",
        "表三「结转下年度继续办理」总计",
    ),
    (CountKind::Granted, "granted", "表三「（一）予以公开」总计"),
    (CountKind::Partial, "partial", "表三「（二）部分公开」总计"),
];

/// Counts compared with the sum of a group of table 三's rows: the rows' prefix, the row a
/// diagnostic points at, and what the text is compared with.
const T3_GROUPS: &[(CountKind, &str, &str, &str)] = &[
    (
        CountKind::Refused,
        "refused",
        "refused_1",
        "表三「（三）不予公开」各项之和",
    ),
    (
        CountKind::Unable,
        "unable",
        "unable_1",
        "表三「（四）无法提供」各项之和",
    ),
    (
        CountKind::NotProcessed,
        "not_processed",
        "not_processed_1",
        "表三「（五）不予处理」各项之和",
    ),
];

/// The cell (or cells) a count stated in the text is compared with, and the values that agree.
fn target(r: &Report, kind: CountKind) -> Option<Target> {
    match kind {
        CountKind::Review | CountKind::Litigation => table4_target(r, kind),
        CountKind::RegulationsIssued
        | CountKind::NormativeIssued
        | CountKind::Licensing
        | CountKind::Punishment => table2_target(r.table2.as_ref()?, kind),
        _ => table3_target(r.table3.as_ref()?, kind),
    }
}

/// A target of one value.
fn single(
    v: (f64, bool),
    what: &str,
    table: &'static str,
    row: &'static str,
    col: &'static str,
) -> Target {
    Target {
        accept: vec![v.0],
        what: what.to_owned(),
        table,
        row,
        col: Some(col),
        blank: v.1,
    }
}

fn table3_target(t: &Table, kind: CountKind) -> Option<Target> {
    if let Some(&(_, row, what)) = T3_TOTALS.iter().find(|(k, ..)| *k == kind) {
        return Some(single(t3_total(t, row)?, what, "table3", row, "total"));
    }
    if let Some(&(_, prefix, row, what)) = T3_GROUPS.iter().find(|(k, ..)| *k == kind) {
        return Some(single(t3_group(t, prefix)?, what, "table3", row, "total"));
    }
    match kind {
        // 「受理申请 N 件」 may count the new applications alone or with those carried over.
        CountKind::Received => {
            let (new, blank) = t3_total(t, "new")?;
            let mut accept = vec![new];
            if let Some((c, _)) = t3_total(t, "carried_over") {
                accept.push(new + c);
            }
            Some(Target {
                accept,
                what: "表三「本年新收政府信息公开申请数量」总计".into(),
                table: "table3",
                row: "new",
                col: Some("total"),
                blank,
            })
        }
        CountKind::GrantedOrPartial => {
            let (g, _) = t3_total(t, "granted")?;
            let (p, _) = t3_total(t, "partial")?;
            Some(single(
                (g + p, false),
                "表三「予以公开」与「部分公开」之和",
                "table3",
                "granted",
                "total",
            ))
        }
        CountKind::OtherProcessed => {
            let row = if t.layout == Layout::V2019 {
                "other"
            } else {
                "other_1"
            };
            Some(single(
                t3_group(t, "other")?,
                "表三「（六）其他处理」各项之和",
                "table3",
                row,
                "total",
            ))
        }
        _ => None,
    }
}

fn table4_target(r: &Report, kind: CountKind) -> Option<Target> {
    if kind == CountKind::Review {
        return Some(single(
            t4_total(r, "review")?,
            "表四「行政复议」总计",
            "table4",
            "review",
            "total",
        ));
    }
    // 行政诉讼: either group alone, or both together.
    let (d, _) = t4_total(r, "litigation_direct")?;
    let (a, _) = t4_total(r, "litigation_after_review")?;
    Some(Target {
        accept: vec![d + a, d, a],
        what: "表四「行政诉讼」总计（未经复议直接起诉与复议后起诉之和）".into(),
        table: "table4",
        row: "litigation_direct",
        col: Some("total"),
        blank: false,
    })
}

fn table2_target(t: &Table, kind: CountKind) -> Option<Target> {
    let (key, col, what) = match kind {
        CountKind::RegulationsIssued => ("regulations", "issued", "本年制发件数"),
        CountKind::NormativeIssued => ("normative_documents", "issued", "本年制发件数"),
        CountKind::Licensing => ("licensing", "decisions", "处理决定数量"),
        _ => ("punishment", "decisions", "处理决定数量"),
    };
    // 本年制发件数 exists in the 2021 layout only; 处理决定数量 is the row's last cell in both.
    let c = if col == "issued" {
        if t.layout != Layout::V2021 {
            return None;
        }
        t.row(key)?.cells.first()?
    } else {
        t.row(key)?.cells.last()?
    };
    let label = t.row(key)?.spec.label;
    Some(single(
        (val(c)?, c.raw.is_empty()),
        &format!("表二「{label}」{what}"),
        "table2",
        key,
        col,
    ))
}

fn quote(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    if chars.len() <= 60 {
        s.to_owned()
    } else {
        chars[..58].iter().collect::<String>() + "…"
    }
}

fn n001(ctx: &Context, sink: &mut Sink) {
    let r = ctx.report;
    for s in &r.facts.statements {
        let Some(t) = target(r, s.kind) else { continue };
        let stated = s.value as f64;
        if t.accept.iter().any(|v| (v - stated).abs() < 1e-9) {
            continue;
        }
        let shown = if t.blank {
            "空白，按 0 计".to_owned()
        } else {
            num(t.accept[0])
        };
        sink.emit(format!(
            "正文「{}」中的 {} 件与{}（{}）不一致",
            quote(&s.quote),
            s.value,
            t.what,
            shown
        ))
        .at(s.loc)
        .cell(t.table, t.row, t.col)
        .expected(num(t.accept[0]))
        .actual(s.value.to_string());
    }
}

fn n002(ctx: &Context, sink: &mut Sink) {
    let r = ctx.report;
    let t4 = |key: &str, cols: &[usize]| -> Option<f64> {
        let row = r.table4.as_ref()?.row(key)?;
        cols.iter().map(|&c| val(&row.cells[c])).sum()
    };
    let litigation = |cols: &[usize]| {
        Some(t4("litigation_direct", cols)? + t4("litigation_after_review", cols)?)
    };
    for c in &r.facts.claims {
        let (value, what, table, row): (Option<f64>, &str, &'static str, &'static str) =
            match c.kind {
                ClaimKind::NoApplications => (
                    r.table3
                        .as_ref()
                        .and_then(|t| t3_total(t, "new"))
                        .map(|v| v.0),
                    "表三本年新收申请总计",
                    "table3",
                    "new",
                ),
                ClaimKind::NoReview => (t4("review", &[4]), "表四行政复议总计", "table4", "review"),
                ClaimKind::NoLitigation => (
                    litigation(&[4]),
                    "表四行政诉讼总计",
                    "table4",
                    "litigation_direct",
                ),
                ClaimKind::NoReviewOrLitigation => (
                    t4("review", &[4]).zip(litigation(&[4])).map(|(a, b)| a + b),
                    "表四行政复议与行政诉讼总计",
                    "table4",
                    "review",
                ),
                ClaimKind::AllConcluded => (
                    r.table3
                        .as_ref()
                        .and_then(|t| t3_total(t, "carry_forward"))
                        .map(|v| v.0),
                    "表三结转下年度继续办理总计",
                    "table3",
                    "carry_forward",
                ),
                ClaimKind::AllUpheld => (
                    t4("review", &[1, 3])
                        .zip(litigation(&[1, 3]))
                        .map(|(a, b)| a + b),
                    "表四结果纠正与尚未审结的案件数",
                    "table4",
                    "review",
                ),
                ClaimKind::NoCorrection => (
                    t4("review", &[1]).zip(litigation(&[1])).map(|(a, b)| a + b),
                    "表四结果纠正的案件数",
                    "table4",
                    "review",
                ),
            };
        let Some(v) = value.filter(|v| *v > 0.0) else {
            continue;
        };
        sink.emit(format!(
            "正文「{}」与表格矛盾：{}为 {}",
            quote(&c.quote),
            what,
            num(v)
        ))
        .at(c.loc)
        .cell(table, row, None)
        .expected("0")
        .actual(num(v));
    }
}
