//! C — table cells: blank, placeholder, text, negative, fractional and unit-carrying cells.

use super::{num, short, text, Context, Rule, Sink};
use crate::diagnostic::Severity::*;
use crate::diagnostic::TableId;
use crate::report::labels::{cols, rows};
use crate::report::{CellValue, Report, Row, Table, Value};

pub const C001: Rule = Rule {
    code: "C001",
    name: "blank-cell",
    severity: Warning,
    summary: text!("数字单元格为空（应填 0）；每张表一条，列出所有空单元格"),
    doc: text!(
        "统计表的每个数字单元格都应填写，没有发生的填 0。空单元格在勾稽计算中按 0 处理，但应补填。"
    ),
    check: Some(c001),
};

pub const C002: Rule = Rule {
    code: "C002",
    name: "placeholder-cell",
    severity: Warning,
    summary: text!("数字单元格填了“/”“-”“—”“--”“无”“不适用”等占位符"),
    doc: text!(
        "统计表的数字单元格应填数字，没有发生的填 0，不用“/”“—”“无”。占位符在勾稽计算中按 0 处理。"
    ),
    check: Some(c002),
};

pub const C003: Rule = Rule {
    code: "C003",
    name: "not-a-number",
    severity: Error,
    summary: text!("数字单元格中是文字而不是数字"),
    doc: text!(
        "数字单元格中出现“见附件”“若干”等文字时无法计算，涉及该单元格的勾稽关系检查会被跳过。"
    ),
    check: Some(c003),
};

pub const C004: Rule = Rule {
    code: "C004",
    name: "negative",
    severity: Error,
    summary: text!("件数为负数（2019 版表二的“本年增/减”除外）"),
    doc: text!("件数、金额不可能为负。只有 2019 版表二的“本年增/减”一列可以是负数。"),
    check: Some(c004),
};

pub const C005: Rule = Rule {
    code: "C005",
    name: "non-integer",
    severity: Error,
    summary: text!("件数不是整数（收费金额除外）"),
    doc: text!("件数必须是整数。只有表二“本年收费金额（单位：万元）”（以及 2019 版的采购总金额）可以有小数，例如 190.457379 万元。"),
    check: Some(c005),
};

pub const C006: Rule = Rule {
    code: "C006",
    name: "unit-in-cell",
    severity: Warning,
    summary: text!("单元格内带单位（如“3件”“160.5964万元”）；万元栏中写“元”为错误"),
    doc: text!("单位已在表头中注明，单元格内只填数字。表二收费金额以万元为单位，单元格写成“251000元”说明单位错了（应为 25.1 万元）。"),
    check: Some(c006),
};

/// Every cell of the three tables: (table, row, column index, cell).
pub fn cells(r: &Report) -> Cells<'_> {
    Cells {
        tables: [
            (TableId::T2, r.table2.as_ref()),
            (TableId::T3, r.table3.as_ref()),
            (TableId::T4, r.table4.as_ref()),
        ],
        at: (0, 0, 0),
    }
}

/// The walk of [`cells`]: a plain index walk, because nested `flat_map`s cost several calls per
/// cell in the size-optimised WebAssembly module, and six rules walk every cell.
pub struct Cells<'a> {
    tables: [(TableId, Option<&'a Table>); 3],
    /// (table, row, cell) indices of the next cell.
    at: (usize, usize, usize),
}

impl<'a> Iterator for Cells<'a> {
    type Item = (TableId, &'a Row, usize, &'a CellValue);

    fn next(&mut self) -> Option<Self::Item> {
        let (t, r, c) = &mut self.at;
        while let Some(&(id, table)) = self.tables.get(*t) {
            match table.and_then(|table| table.rows.get(*r)) {
                Some(row) => match row.cells.get(*c) {
                    Some(cell) => {
                        *c += 1;
                        return Some((id, row, *c - 1, cell));
                    }
                    None => (*r, *c) = (*r + 1, 0),
                },
                None => (*t, *r, *c) = (*t + 1, 0, 0),
            }
        }
        None
    }
}

/// "「规章」行「本年制发件数」" — where a cell is, in words.
pub fn place(row: &Row, col: usize) -> String {
    let col_label = row.spec.column_labels.get(col).copied().unwrap_or("");
    if row.spec.columns.len() == 1 {
        format!("「{}」", short(row.spec.label))
    } else {
        format!("「{}」行「{}」列", short(row.spec.label), col_label)
    }
}

/// The fee amount cells, where decimals are allowed.
fn is_amount(row: &Row, col: usize) -> bool {
    row.spec.columns.get(col) == Some(&cols::AMOUNT)
}

fn listing(sink: &mut Sink, r: &Report, pick: fn(&CellValue) -> bool, what: &str) {
    // One walk over every cell, sorted out by table.
    let mut by_table: [Vec<(&Row, usize, &CellValue)>; 3] = Default::default();
    for (table, row, i, c) in cells(r).filter(|(_, _, _, c)| pick(c)) {
        if let Some(n) = TableId::ALL.iter().position(|t| *t == table) {
            by_table[n].push((row, i, c));
        }
    }
    for (table, found) in TableId::ALL.into_iter().zip(by_table) {
        let Some(&(row, col, first)) = found.first() else {
            continue;
        };
        let names: Vec<String> = found
            .iter()
            .take(8)
            .map(|(row, i, _)| place(row, *i))
            .collect();
        let more = if found.len() > 8 {
            format!("等 {} 个单元格", found.len())
        } else {
            String::new()
        };
        sink.emit(format!(
            "{}有 {} 个单元格{what}：{}{more}（按 0 计算，应填写 0）",
            table.name(),
            found.len(),
            names.join("、")
        ))
        .at(first.loc)
        .cell(table, row.spec.key, row.spec.columns.get(col).copied())
        .expected("0")
        .actual(first.raw.clone());
    }
}

fn c001(ctx: &Context, sink: &mut Sink) {
    listing(sink, ctx.report, |c| c.value == Value::Blank, "为空");
}

fn c002(ctx: &Context, sink: &mut Sink) {
    listing(
        sink,
        ctx.report,
        |c| c.value == Value::Placeholder,
        "填了占位符而不是数字",
    );
}

fn c003(ctx: &Context, sink: &mut Sink) {
    for (table, row, i, c) in cells(ctx.report) {
        if c.value == Value::Text {
            sink.emit(format!(
                "{}{}填的是「{}」，不是数字；涉及该单元格的勾稽关系检查已跳过",
                table.name(),
                place(row, i),
                c.raw
            ))
            .at(c.loc)
            .cell(table, row.spec.key, row.spec.columns.get(i).copied())
            .actual(c.raw.clone());
        }
    }
}

fn c004(ctx: &Context, sink: &mut Sink) {
    for (table, row, i, c) in cells(ctx.report) {
        let change = row.spec.columns.get(i) == Some(&cols::CHANGE);
        if let Some(n) = c.number().filter(|n| *n < 0.0 && !change) {
            sink.emit(format!(
                "{}{}为负数 {}",
                table.name(),
                place(row, i),
                num(n)
            ))
            .at(c.loc)
            .cell(table, row.spec.key, row.spec.columns.get(i).copied())
            .actual(c.raw.clone());
        }
    }
}

fn c005(ctx: &Context, sink: &mut Sink) {
    for (table, row, i, c) in cells(ctx.report) {
        if let Some(n) = c
            .number()
            .filter(|n| n.fract() != 0.0 && !is_amount(row, i))
        {
            sink.emit(format!(
                "{}{}为 {}，件数应为整数",
                table.name(),
                place(row, i),
                num(n)
            ))
            .at(c.loc)
            .cell(table, row.spec.key, row.spec.columns.get(i).copied())
            .actual(c.raw.clone());
        }
    }
}

fn c006(ctx: &Context, sink: &mut Sink) {
    for (table, row, i, c) in cells(ctx.report) {
        let Some(unit) = &c.unit else { continue };
        let e = if is_amount(row, i) && row.spec.key == rows::FEES && unit == "元" {
            sink.emit(format!(
                "{}{}写成「{}」，单位是元，而本栏单位为万元（应除以 10000）",
                table.name(),
                place(row, i),
                c.raw
            ))
            .severity(Error)
            .expected(c.number().map(|n| num(n / 10000.0)).unwrap_or_default())
        } else {
            sink.emit(format!(
                "{}{}写成「{}」，单元格内不应带单位",
                table.name(),
                place(row, i),
                c.raw
            ))
            .expected(c.number().map(num).unwrap_or_default())
        };
        drop(
            e.at(c.loc)
                .cell(table, row.spec.key, row.spec.columns.get(i).copied())
                .actual(c.raw.clone()),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The walk visits every cell of the tables present, in table, row and column order, also
    /// when a table in the middle is missing and when a row has no cells.
    #[test]
    fn cells_walks_every_cell_in_order() {
        let text = include_str!("../../tests/fixtures/clean-2021.txt");
        let mut r = crate::report::recognise(&crate::source::read_str(text).unwrap());
        r.table3 = None;
        if let Some(t2) = r.table2.as_mut() {
            t2.rows[0].cells.clear();
        }
        let mut expected = Vec::new();
        for (id, t) in [(TableId::T2, &r.table2), (TableId::T4, &r.table4)] {
            for row in &t.as_ref().unwrap().rows {
                for (i, c) in row.cells.iter().enumerate() {
                    expected.push((id, row.spec.key, i, c.raw.clone()));
                }
            }
        }
        let walked: Vec<_> = cells(&r)
            .map(|(id, row, i, c)| (id, row.spec.key, i, c.raw.clone()))
            .collect();
        assert!(expected.len() > 15, "{}", expected.len());
        assert_eq!(walked, expected);
    }
}
