//! T — arithmetic inside the tables (勾稽关系, format.md §5). Blank and placeholder cells count as
//! 0 (C001/C002 report them); a text cell makes a formula unknown, and that formula is skipped.

use super::{num, short, text, Context, Rule, Sink};
use crate::diagnostic::Severity::*;
use crate::diagnostic::TableId;
use crate::report::labels::{
    col2, col3, col4, cols, rows, t3_row, Group, RowKey, T3_BALANCE_ROWS, T3_COLUMNS,
    T3_COLUMN_LABELS, T3_ROWS, T4_COLUMN_LABELS,
};
use crate::report::{AgencyKind, CellValue, Layout, Report, Row, Table, Value};

pub const T201: Rule = Rule {
    code: "T201",
    name: "t2-issued-exceeds-stock",
    severity: Warning,
    summary: text!("表二（一）：本年制发件数大于现行有效件数与本年废止件数之和"),
    doc: text!("本年制发的规章或行政规范性文件，年底要么仍然有效，要么已在本年废止，所以本年制发件数一般不超过现行有效件数 + 本年废止件数。"),
    check: Some(t201),
};

pub const T202: Rule = Rule {
    code: "T202",
    name: "t2-regulation-authority",
    severity: Warning,
    summary: text!("无权制定规章的机关（乡镇、街道、县级机关、地方政府部门）在“规章”行填了非零数字"),
    doc: text!("只有国务院部门和省、自治区、直辖市、设区的市、自治州人民政府可以制定规章（《立法法》）。乡镇、街道、县级政府和地方政府部门的报告中“规章”行应为 0。\
（按机关名称判断；县级市与设区的市无法仅凭名称区分，带“市”的政府不提示。）"),
    check: Some(t202),
};

pub const T301: Rule = Rule {
    code: "T301",
    name: "t3-balance",
    severity: Error,
    summary: text!("表三每一列：本年新收 + 上年结转 ≠ 本年度办理结果总计 + 结转下年度继续办理"),
    doc: text!("表三左上角注明“本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和”。每一列都必须平衡。"),
    check: Some(t301),
};

pub const T302: Rule = Rule {
    code: "T302",
    name: "t3-outcome-total",
    severity: Error,
    summary: text!("表三每一列：（七）总计 ≠ 各项办理结果之和"),
    doc: text!("（七）总计等于（一）予以公开、（二）部分公开、（三）不予公开 1–8、（四）无法提供 1–3、（五）不予处理 1–5、（六）其他处理 1–3 之和（2019 版为（六）一行）。"),
    check: Some(t302),
};

pub const T303: Rule = Rule {
    code: "T303",
    name: "t3-row-total",
    severity: Error,
    summary: text!("表三每一行：总计列 ≠ 自然人与五类法人或其他组织之和"),
    doc: text!("总计列等于自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他六列之和。"),
    check: Some(t303),
};

pub const T304: Rule = Rule {
    code: "T304",
    name: "t3-subtotal",
    severity: Error,
    summary: text!("报告自行增加的小计行或小计列 ≠ 其各项之和（另提示格式中没有小计）"),
    doc: text!("规范格式的表三没有小计行，也没有“法人或其他组织小计”列。有的报告自行增加，这时检查小计是否等于各项之和，并提示删除小计以符合格式。"),
    check: Some(t304),
};

pub const T401: Rule = Rule {
    code: "T401",
    name: "t4-total",
    severity: Error,
    summary: text!("表四每组（行政复议、未经复议直接起诉、复议后起诉）：总计 ≠ 维持 + 纠正 + 其他 + 尚未审结"),
    doc: text!("表四三组数字各自的总计等于结果维持、结果纠正、其他结果、尚未审结四项之和。\n例：结果维持 10、结果纠正 1，总计却填 0。"),
    check: Some(t401),
};

/// A cell's value for arithmetic: blank and placeholders are 0, text is unknown.
pub fn val(c: &CellValue) -> Option<f64> {
    match c.value {
        Value::Number(n) => Some(n),
        Value::Blank | Value::Placeholder => Some(0.0),
        Value::Text => None,
    }
}

fn cell_val(t: &Table, row: RowKey, col: usize) -> Option<f64> {
    t.cell(row, col).and_then(val)
}

/// Table 三's outcome rows for the table's layout.
pub(super) fn outcome_rows(t: &Table) -> Vec<RowKey> {
    T3_ROWS
        .iter()
        .filter(|r| r.in_layout(t.layout))
        .map(|r| r.key)
        .filter(|k| !T3_BALANCE_ROWS.contains(k))
        .collect()
}

/// The checks skipped because rows of `table` are missing (P003 lists them).
pub fn skipped_checks(r: &Report, table: TableId) -> Vec<String> {
    let mut out = Vec::new();
    match table {
        TableId::T3 => {
            let Some(t) = &r.table3 else { return out };
            let missing = |k: RowKey| t.row(k).is_none();
            if T3_BALANCE_ROWS.into_iter().any(missing) {
                out.push("T301 各列平衡".to_owned());
            }
            if missing(rows::TOTAL) || outcome_rows(t).into_iter().any(missing) {
                out.push("T302 办理结果合计".to_owned());
            }
            if !t.missing.is_empty() {
                out.push("T303 缺失行的行合计".to_owned());
                out.push("N001/N002 涉及缺失行的文字核对".to_owned());
            }
        }
        TableId::T4 => {
            if r.table4.as_ref().is_some_and(|t| !t.missing.is_empty()) {
                out.push("T401 表四合计".to_owned());
                out.push("N001/N002 行政复议、行政诉讼的文字核对".to_owned());
            }
        }
        _ => {
            let Some(t) = &r.table2 else { return out };
            if t.row(rows::REGULATIONS).is_none() || t.row(rows::NORMATIVE_DOCUMENTS).is_none() {
                out.push("T201 制发与现行有效件数".to_owned());
                out.push("N001 规章、规范性文件件数的文字核对".to_owned());
            }
            if t.row(rows::REGULATIONS).is_none() {
                out.push("T202 规章制定权限".to_owned());
            }
        }
    }
    out
}

fn t201(ctx: &Context, sink: &mut Sink) {
    let Some(t) = &ctx.report.table2 else { return };
    if t.layout != Layout::V2021 {
        return;
    }
    for key in [rows::REGULATIONS, rows::NORMATIVE_DOCUMENTS] {
        let Some(row) = t.row(key) else { continue };
        let (Some(issued), Some(repealed), Some(in_force)) = (
            val(&row.cells[col2::ISSUED]),
            val(&row.cells[col2::REPEALED]),
            val(&row.cells[col2::IN_FORCE]),
        ) else {
            continue;
        };
        if issued > in_force + repealed {
            sink.emit(format!(
                "表二「{}」本年制发件数 {} 大于 现行有效件数 {} + 本年废止件数 {} = {}",
                row.spec.label,
                num(issued),
                num(in_force),
                num(repealed),
                num(in_force + repealed)
            ))
            .at(row.cells[col2::ISSUED].loc)
            .cell(TableId::T2, key, Some(cols::ISSUED))
            .expected(format!("≤ {}", num(in_force + repealed)))
            .actual(num(issued));
        }
    }
}

fn t202(ctx: &Context, sink: &mut Sink) {
    let r = ctx.report;
    let what = match r.agency_kind {
        AgencyKind::Township => "乡镇人民政府",
        AgencyKind::StreetOffice => "街道办事处",
        AgencyKind::CountyGovernment => "县级人民政府",
        AgencyKind::LocalDepartment => "地方政府部门",
        AgencyKind::GeneralOffice(false) => "县级人民政府办公室",
        _ => return,
    };
    let Some(row) = r.table2.as_ref().and_then(|t| t.row(rows::REGULATIONS)) else {
        return;
    };
    if let Some((i, c)) = row
        .cells
        .iter()
        .enumerate()
        .find(|(_, c)| c.number().is_some_and(|n| n != 0.0))
    {
        let values: Vec<String> = row.cells.iter().map(|c| c.raw.clone()).collect();
        sink.emit(format!(
            "「{}」是{what}，无权制定规章，但表二「规章」行填有 {}，请核实是否应填在「行政规范性文件」行",
            r.agency.as_deref().unwrap_or(""),
            values.join("、")
        ))
        .at(c.loc)
        .cell(TableId::T2, rows::REGULATIONS, row.spec.columns.get(i).copied())
        .expected("0")
        .actual(c.raw.clone());
    }
}

fn t301(ctx: &Context, sink: &mut Sink) {
    let Some(t) = &ctx.report.table3 else { return };
    let label = |k: RowKey| short(t3_row(k).map_or(k.as_str(), |r| r.label));
    for (j, col) in T3_COLUMNS.iter().enumerate() {
        let (Some(a), Some(b), Some(c), Some(d)) = (
            cell_val(t, rows::NEW, j),
            cell_val(t, rows::CARRIED_OVER, j),
            cell_val(t, rows::TOTAL, j),
            cell_val(t, rows::CARRY_FORWARD, j),
        ) else {
            continue;
        };
        if (a + b - (c + d)).abs() > 1e-9 {
            let at = t.cell(rows::TOTAL, j).map(|c| c.loc).unwrap_or(t.loc);
            sink.emit(format!(
                "表三「{}」列：「{}」+「{}」= {} + {} = {}，应等于「{}」+「{}」= {} + {} = {}",
                T3_COLUMN_LABELS[j],
                label(rows::NEW),
                label(rows::CARRIED_OVER),
                num(a),
                num(b),
                num(a + b),
                label(rows::TOTAL),
                label(rows::CARRY_FORWARD),
                num(c),
                num(d),
                num(c + d)
            ))
            .at(at)
            .cell(TableId::T3, rows::TOTAL, Some(*col))
            .expected(num(a + b))
            .actual(num(c + d));
        }
    }
}

fn t302(ctx: &Context, sink: &mut Sink) {
    let Some(t) = &ctx.report.table3 else { return };
    let outcomes = outcome_rows(t);
    // Each row looked up once, not once per column.
    let found: Vec<Option<&Row>> = outcomes.iter().map(|k| t.row(*k)).collect();
    for (j, col) in T3_COLUMNS.iter().enumerate() {
        let Some(total) = cell_val(t, rows::TOTAL, j) else {
            continue;
        };
        // The sum first, without a list: nearly every column balances.
        let sum = found.iter().try_fold(-0.0, |sum, row| {
            Some(sum + val(row.and_then(|r| r.cells.get(j))?)?)
        });
        let Some(sum) = sum else { continue };
        if (sum - total).abs() > 1e-9 {
            let parts: Vec<f64> = outcomes.iter().filter_map(|k| cell_val(t, *k, j)).collect();
            // Group the terms as the table does, so the formula stays readable.
            const NAMES: [&str; 6] = [
                "予以公开",
                "部分公开",
                "不予公开",
                "无法提供",
                "不予处理",
                "其他处理",
            ];
            let mut sums = [0.0f64; 6];
            for (k, v) in outcomes.iter().zip(&parts) {
                let bucket = match (*k, t3_row(*k).and_then(|r| r.group)) {
                    (rows::GRANTED, _) => 0,
                    (rows::PARTIAL, _) => 1,
                    (_, Some(Group::Refused)) => 2,
                    (_, Some(Group::Unable)) => 3,
                    (_, Some(Group::NotProcessed)) => 4,
                    _ => 5,
                };
                sums[bucket] += v;
            }
            let terms: Vec<(&str, f64)> = NAMES.iter().copied().zip(sums).collect();
            let formula: Vec<String> = terms
                .iter()
                .map(|(n, v)| format!("{n} {}", num(*v)))
                .collect();
            let at = t.cell(rows::TOTAL, j).map(|c| c.loc).unwrap_or(t.loc);
            sink.emit(format!(
                "表三「{}」列：办理结果各项之和 {} = {}，应等于「（七）总计」，实为 {}",
                T3_COLUMN_LABELS[j],
                formula.join(" + "),
                num(sum),
                num(total)
            ))
            .at(at)
            .cell(TableId::T3, rows::TOTAL, Some(*col))
            .expected(num(sum))
            .actual(num(total));
        }
    }
}

/// A row whose last cell should be the sum of the others: (values, their sum, the stated total)
/// when they disagree; None when they agree or a cell holds text.
fn unbalanced_row(row: &Row) -> Option<(Vec<f64>, f64, f64)> {
    // Every row is checked and nearly every row balances: no list of values unless it does not.
    let (last, parts) = row.cells.split_last()?;
    let total = val(last)?;
    // -0.0 as `Iterator::sum` starts, so that a row of "-0" cells still sums to -0.
    let mut sum = -0.0;
    for c in parts {
        sum += val(c)?;
    }
    ((sum - total).abs() > 1e-9).then(|| (parts.iter().filter_map(val).collect(), sum, total))
}

fn t303(ctx: &Context, sink: &mut Sink) {
    let Some(t) = &ctx.report.table3 else { return };
    for row in &t.rows {
        let Some((parts, sum, total)) = unbalanced_row(row) else {
            continue;
        };
        let terms: Vec<String> = parts.iter().map(|v| num(*v)).collect();
        sink.emit(format!(
            "表三「{}」行：自然人至其他六列之和 {} = {}，应等于「总计」列，实为 {}",
            short(row.spec.label),
            terms.join(" + "),
            num(sum),
            num(total)
        ))
        .at(row.cells[col3::TOTAL].loc)
        .cell(TableId::T3, row.spec.key, Some(cols::TOTAL))
        .expected(num(sum))
        .actual(num(total));
    }
}

fn t304(ctx: &Context, sink: &mut Sink) {
    let Some(t) = &ctx.report.table3 else { return };
    if !t.subtotal_rows.is_empty() || !t.subtotal_column.is_empty() {
        let first = t
            .subtotal_rows
            .first()
            .map(|s| s.loc)
            .or(t.subtotal_column.first().map(|c| c.1.loc))
            .unwrap_or(t.loc);
        let what = match (t.subtotal_rows.is_empty(), t.subtotal_column.is_empty()) {
            (false, false) => "小计行和小计列",
            (false, true) => "小计行",
            _ => "小计列",
        };
        sink.emit(format!(
            "表三增加了规范格式中没有的{what}，建议删除以符合国办公开办函〔2021〕30号格式"
        ))
        .severity(Warning)
        .at(first)
        .table(TableId::T3);
    }
    for s in &t.subtotal_rows {
        let items: Vec<RowKey> = T3_ROWS
            .iter()
            .filter(|r| r.group == Some(s.group) && t.row(r.key).is_some())
            .map(|r| r.key)
            .collect();
        if items.is_empty() {
            continue;
        }
        for (j, col) in T3_COLUMNS.iter().enumerate() {
            let Some(sub) = s.cells.get(j).and_then(val) else {
                continue;
            };
            let parts: Option<Vec<f64>> = items.iter().map(|k| cell_val(t, *k, j)).collect();
            let Some(parts) = parts else { continue };
            let sum: f64 = parts.iter().sum();
            if (sum - sub).abs() > 1e-9 {
                sink.emit(format!(
                    "表三「{}」小计「{}」列：各项之和 {} = {}，小计却为 {}",
                    s.group.label(),
                    T3_COLUMN_LABELS[j],
                    parts
                        .iter()
                        .map(|v| num(*v))
                        .collect::<Vec<_>>()
                        .join(" + "),
                    num(sum),
                    num(sub)
                ))
                .at(s.cells[j].loc)
                .cell(TableId::T3, s.group.subtotal_key(), Some(*col))
                .expected(num(sum))
                .actual(num(sub));
            }
        }
    }
    for (key, sub) in &t.subtotal_column {
        let Some(row) = t.row(*key) else { continue };
        let parts: Option<Vec<f64>> = row.cells[col3::ORGANISATIONS].iter().map(val).collect();
        let (Some(parts), Some(s)) = (parts, val(sub)) else {
            continue;
        };
        let sum: f64 = parts.iter().sum();
        if (sum - s).abs() > 1e-9 {
            sink.emit(format!(
                "表三「{}」行「法人或其他组织小计」：五类组织之和 {} = {}，小计却为 {}",
                short(row.spec.label),
                parts
                    .iter()
                    .map(|v| num(*v))
                    .collect::<Vec<_>>()
                    .join(" + "),
                num(sum),
                num(s)
            ))
            .at(sub.loc)
            .cell(TableId::T3, row.spec.key, Some(cols::SUBTOTAL))
            .expected(num(sum))
            .actual(num(s));
        }
    }
}

fn t401(ctx: &Context, sink: &mut Sink) {
    let Some(t) = &ctx.report.table4 else { return };
    for row in &t.rows {
        let Some((parts, sum, total)) = unbalanced_row(row) else {
            continue;
        };
        let terms: Vec<String> = T4_COLUMN_LABELS
            .iter()
            .zip(&parts)
            .map(|(l, v)| format!("{l} {}", num(*v)))
            .collect();
        sink.emit(format!(
            "表四「{}」：{} = {}，应等于「总计」，实为 {}",
            row.spec.label,
            terms.join(" + "),
            num(sum),
            num(total)
        ))
        .at(row.cells[col4::TOTAL].loc)
        .cell(TableId::T4, row.spec.key, Some(cols::TOTAL))
        .expected(num(sum))
        .actual(num(total));
    }
}
