//! N — the text against the tables: counts quoted in the text, and claims a table contradicts.

use super::arithmetic::val;
use super::{num, text, Context, Rule, Sink};
use crate::diagnostic::Severity::*;
use crate::diagnostic::TableId;
use crate::report::labels::{col3, col4, cols, rows, ColKey, Group, RowKey};
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
    table: TableId,
    row: RowKey,
    col: Option<ColKey>,
    /// The cell as written, when it is not simply the number (a blank cell).
    blank: bool,
}

fn t3_total(t: &Table, key: RowKey) -> Option<(f64, bool)> {
    t.row(key).and_then(|r| {
        r.cells
            .get(col3::TOTAL)
            .and_then(|c| val(c).map(|v| (v, c.raw.is_empty())))
    })
}

fn t3_group(t: &Table, group: Group) -> Option<(f64, bool)> {
    let items: Vec<_> = t.rows.iter().filter(|r| r.spec.counts_for(group)).collect();
    let expected = crate::report::labels::T3_ROWS
        .iter()
        .filter(|r| r.counts_for(group) && r.in_layout(t.layout))
        .count();
    if items.len() != expected {
        return None;
    }
    let sum: Option<f64> = items
        .iter()
        .map(|r| r.cells.get(col3::TOTAL).and_then(val))
        .sum();
    sum.map(|s| (s, false))
}

fn t4_total(r: &Report, key: RowKey) -> Option<(f64, bool)> {
    let total = r.table4.as_ref()?.cell(key, col4::TOTAL)?;
    val(total).map(|v| (v, total.raw.is_empty()))
}

/// Counts compared with one total of table 三: the row and what the text is compared with.
const T3_TOTALS: &[(CountKind, RowKey, &str)] = &[
    (
        CountKind::CarriedOver,
        rows::CARRIED_OVER,
        "表三「上年结转政府信息公开申请数量」总计",
    ),
    (CountKind::Concluded, rows::TOTAL, "表三「（七）总计」"),
    (
        CountKind::CarriedForward,
        rows::CARRY_FORWARD,
        "表三「结转下年度继续办理」总计",
    ),
    (
        CountKind::Granted,
        rows::GRANTED,
        "表三「（一）予以公开」总计",
    ),
    (
        CountKind::Partial,
        rows::PARTIAL,
        "表三「（二）部分公开」总计",
    ),
];

/// Counts compared with the sum of a group of table 三's rows: the group, the row a diagnostic
/// points at, and what the text is compared with.
const T3_GROUPS: &[(CountKind, Group, RowKey, &str)] = &[
    (
        CountKind::Refused,
        Group::Refused,
        rows::REFUSED_1,
        "表三「（三）不予公开」各项之和",
    ),
    (
        CountKind::Unable,
        Group::Unable,
        rows::UNABLE_1,
        "表三「（四）无法提供」各项之和",
    ),
    (
        CountKind::NotProcessed,
        Group::NotProcessed,
        rows::NOT_PROCESSED_1,
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
fn single(v: (f64, bool), what: &str, table: TableId, row: RowKey, col: ColKey) -> Target {
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
        return Some(single(
            t3_total(t, row)?,
            what,
            TableId::T3,
            row,
            cols::TOTAL,
        ));
    }
    if let Some(&(_, group, row, what)) = T3_GROUPS.iter().find(|(k, ..)| *k == kind) {
        return Some(single(
            t3_group(t, group)?,
            what,
            TableId::T3,
            row,
            cols::TOTAL,
        ));
    }
    match kind {
        // 「受理申请 N 件」 may count the new applications alone or with those carried over.
        CountKind::Received => {
            let (new, blank) = t3_total(t, rows::NEW)?;
            let mut accept = vec![new];
            if let Some((c, _)) = t3_total(t, rows::CARRIED_OVER) {
                accept.push(new + c);
            }
            Some(Target {
                accept,
                what: "表三「本年新收政府信息公开申请数量」总计".into(),
                table: TableId::T3,
                row: rows::NEW,
                col: Some(cols::TOTAL),
                blank,
            })
        }
        CountKind::GrantedOrPartial => {
            let (g, _) = t3_total(t, rows::GRANTED)?;
            let (p, _) = t3_total(t, rows::PARTIAL)?;
            Some(single(
                (g + p, false),
                "表三「予以公开」与「部分公开」之和",
                TableId::T3,
                rows::GRANTED,
                cols::TOTAL,
            ))
        }
        CountKind::OtherProcessed => {
            let row = if t.layout == Layout::V2019 {
                rows::OTHER
            } else {
                rows::OTHER_1
            };
            Some(single(
                t3_group(t, Group::Other)?,
                "表三「（六）其他处理」各项之和",
                TableId::T3,
                row,
                cols::TOTAL,
            ))
        }
        _ => None,
    }
}

fn table4_target(r: &Report, kind: CountKind) -> Option<Target> {
    if kind == CountKind::Review {
        return Some(single(
            t4_total(r, rows::REVIEW)?,
            "表四「行政复议」总计",
            TableId::T4,
            rows::REVIEW,
            cols::TOTAL,
        ));
    }
    // 行政诉讼: either group alone, or both together.
    let (d, _) = t4_total(r, rows::LITIGATION_DIRECT)?;
    let (a, _) = t4_total(r, rows::LITIGATION_AFTER_REVIEW)?;
    Some(Target {
        accept: vec![d + a, d, a],
        what: "表四「行政诉讼」总计（未经复议直接起诉与复议后起诉之和）".into(),
        table: TableId::T4,
        row: rows::LITIGATION_DIRECT,
        col: Some(cols::TOTAL),
        blank: false,
    })
}

fn table2_target(t: &Table, kind: CountKind) -> Option<Target> {
    let (key, col, what) = match kind {
        CountKind::RegulationsIssued => (rows::REGULATIONS, cols::ISSUED, "本年制发件数"),
        CountKind::NormativeIssued => (rows::NORMATIVE_DOCUMENTS, cols::ISSUED, "本年制发件数"),
        CountKind::Licensing => (rows::LICENSING, cols::DECISIONS, "处理决定数量"),
        _ => (rows::PUNISHMENT, cols::DECISIONS, "处理决定数量"),
    };
    // 本年制发件数 exists in the 2021 layout only; 处理决定数量 is the row's last cell in both.
    let c = if col == cols::ISSUED {
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
        TableId::T2,
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
    let t4 = |key: RowKey, columns: &[usize]| -> Option<f64> {
        let row = r.table4.as_ref()?.row(key)?;
        columns.iter().map(|&c| val(&row.cells[c])).sum()
    };
    let litigation = |columns: &[usize]| {
        Some(t4(rows::LITIGATION_DIRECT, columns)? + t4(rows::LITIGATION_AFTER_REVIEW, columns)?)
    };
    for c in &r.facts.claims {
        let (value, what, table, row): (Option<f64>, &str, TableId, RowKey) = match c.kind {
            ClaimKind::NoApplications => (
                r.table3
                    .as_ref()
                    .and_then(|t| t3_total(t, rows::NEW))
                    .map(|v| v.0),
                "表三本年新收申请总计",
                TableId::T3,
                rows::NEW,
            ),
            ClaimKind::NoReview => (
                t4(rows::REVIEW, &[col4::TOTAL]),
                "表四行政复议总计",
                TableId::T4,
                rows::REVIEW,
            ),
            ClaimKind::NoLitigation => (
                litigation(&[col4::TOTAL]),
                "表四行政诉讼总计",
                TableId::T4,
                rows::LITIGATION_DIRECT,
            ),
            ClaimKind::NoReviewOrLitigation => (
                t4(rows::REVIEW, &[col4::TOTAL])
                    .zip(litigation(&[col4::TOTAL]))
                    .map(|(a, b)| a + b),
                "表四行政复议与行政诉讼总计",
                TableId::T4,
                rows::REVIEW,
            ),
            ClaimKind::AllConcluded => (
                r.table3
                    .as_ref()
                    .and_then(|t| t3_total(t, rows::CARRY_FORWARD))
                    .map(|v| v.0),
                "表三结转下年度继续办理总计",
                TableId::T3,
                rows::CARRY_FORWARD,
            ),
            ClaimKind::AllUpheld => (
                t4(rows::REVIEW, &[col4::CORRECTED, col4::PENDING])
                    .zip(litigation(&[col4::CORRECTED, col4::PENDING]))
                    .map(|(a, b)| a + b),
                "表四结果纠正与尚未审结的案件数",
                TableId::T4,
                rows::REVIEW,
            ),
            ClaimKind::NoCorrection => (
                t4(rows::REVIEW, &[col4::CORRECTED])
                    .zip(litigation(&[col4::CORRECTED]))
                    .map(|(a, b)| a + b),
                "表四结果纠正的案件数",
                TableId::T4,
                rows::REVIEW,
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
