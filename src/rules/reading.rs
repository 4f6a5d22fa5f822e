//! P — reading the input: what could not be read, and which checks that skips.

use super::arithmetic::skipped_checks;
use super::{text, Context, Rule, Sink};
use crate::diagnostic::Severity::*;
use crate::diagnostic::TableId;
use crate::report::labels::RowKey;
use crate::report::{ReadIssue, Table};

pub const P001: Rule = Rule {
    code: "P001",
    name: "unreadable-input",
    severity: Error,
    summary: text!("输入无法解码或解析（文件损坏、不是报告、内容为空、二进制文件或超过 50 MB）"),
    doc: text!("读取文件时先按内容判断类型（docx、html、pdf、文本），文本再依次尝试 UTF-8、UTF-16（带 BOM）和 GB18030/GBK。\
都不成功，或文件为空、超过 50 MB，就报告本规则，并说明尝试过什么。读出的文字中既没有任何一个部分标题，也没有任何一张统计表时，\
说明这不是年度报告，也报告本规则，不再逐条检查。\n处理：另存为 UTF-8 文本、Word（.docx）或网页（.html）后重试，或直接复制正文粘贴。"),
    check: Some(p001),
};

pub const P002: Rule = Rule {
    code: "P002",
    name: "table-not-found",
    severity: Error,
    summary: text!("某部分存在，但其中的表格（表二、表三或表四）找不到或无法读取"),
    doc: text!("第二、三、四部分各有一张统计表（国办公开办函〔2021〕30号）。找到了部分标题却找不到表格时报告本规则：\
表格可能被删除、被做成图片，或复制时丢失。依赖该表的检查（勾稽关系、文字与表格一致性）都无法进行。\n例：第三部分只写了“本年度未收到申请”，没有表三。"),
    check: Some(p002),
};

pub const P003: Rule = Rule {
    code: "P003",
    name: "table-incomplete",
    severity: Warning,
    summary: text!("表格找到了，但部分行或列无法识别；列出这些行列和因此跳过的检查"),
    doc: text!("表格中某些行的标签或数字读不出来（例如行标签被改写、数字个数与列数不符、转换时丢失），\
这些行不会被猜测填充，依赖它们的检查会被跳过，并在消息中逐一列出。\n例：表二“规章”行只读到 2 个数字，应有 3 个。"),
    check: Some(p003),
};

pub const P004: Rule = Rule {
    code: "P004",
    name: "scanned-or-image",
    severity: Error,
    summary: text!("文件没有文字层（扫描 PDF 或图片），无法检查"),
    doc: text!(
        "扫描件和图片里没有可读取的文字。请提供报告的文本、Word（.docx）或网页（.html）版本。"
    ),
    check: None,
};

pub const P005: Rule = Rule {
    code: "P005",
    name: "recovered-row",
    severity: Warning,
    summary: text!("表格某行的数字连在一起，按勾稽关系唯一拆分后读出，请核对"),
    doc: text!("复制或转换时一行内的分隔丢失，数字连成一串（如「一、本年新收政府信息公开申请数量35 0000237」）。\
只有当恰好一种拆分同时满足表格必须满足的全部关系（表三的行合计与各列勾稽关系、表四各组的总计、该列其他行数字的位数）时，\
才按这种拆分读出该行，并报告本规则，请对照原表核对；有多种拆分或没有一种拆分成立时不猜测，改报 P003 并说明原因。\n\
例：「35 0000237」只能拆成 35、0、0、0、0、2、37（35+0+0+0+0+2=37）。\n处理：在原文的数字之间补上分隔（制表符或空格）。"),
    check: Some(p005),
};

/// Text that reads but holds none of a report's parts or tables is not a report.
fn p001(ctx: &Context, sink: &mut Sink) {
    let r = ctx.report;
    if r.parts.is_empty() && r.table2.is_none() && r.table3.is_none() && r.table4.is_none() {
        sink.emit("没有找到年度报告的任何部分标题或统计表，这似乎不是政府信息公开工作年度报告，未逐条检查");
    }
}

fn p002(ctx: &Context, sink: &mut Sink) {
    for issue in &ctx.report.issues {
        if let ReadIssue::TableNotFound { table, loc } = issue {
            let (part, name) = (table.part(), table.name());
            let mut e = sink
                .emit(format!(
                    "第{}部分有标题，但没有找到{}（或表格内容无法读取），依赖该表的检查均未进行",
                    crate::normalize::chinese_numeral(part as u32),
                    name
                ))
                .table(*table);
            if let Some(loc) = loc {
                e = e.at(*loc);
            }
            drop(e);
        }
    }
}

fn p003(ctx: &Context, sink: &mut Sink) {
    let r = ctx.report;
    for (name, table) in [
        (TableId::T2, &r.table2),
        (TableId::T3, &r.table3),
        (TableId::T4, &r.table4),
    ] {
        let issues: Vec<&ReadIssue> = r
            .issues
            .iter()
            .filter(|i| issue_table(i) == Some(name))
            .collect();
        let missing = table.as_ref().map_or(&[][..], |t: &Table| &t.missing[..]);
        if table.is_none() || (issues.is_empty() && missing.is_empty()) {
            continue;
        }
        let tname = name.name();
        let mut parts = Vec::new();
        let mut first: Option<crate::report::Loc> = None;
        for i in &issues {
            match i {
                ReadIssue::RowUnreadable {
                    label,
                    found,
                    expected,
                    loc: l,
                    ..
                } => {
                    parts.push(format!(
                        "「{}」行读到 {found} 个数，应为 {expected} 个，这些数字未采用",
                        super::short(label)
                    ));
                    first.get_or_insert(*l);
                }
                ReadIssue::UnplacedValues { count, loc: l, .. } => {
                    first.get_or_insert(*l);
                    parts.push(format!("第 {} 行起的 {count} 个数无法对应到行", l.line));
                }
                ReadIssue::WrongCellCount {
                    found,
                    expected,
                    loc: l,
                    ..
                } => {
                    first.get_or_insert(*l);
                    parts.push(format!("数据单元格共 {found} 个，应为 {expected} 个"));
                }
                ReadIssue::FusedRow {
                    label,
                    seen,
                    cells,
                    split,
                    loc: l,
                    ..
                } => {
                    first.get_or_insert(*l);
                    use crate::report::fused::Split;
                    let why = match split {
                        Split::Ambiguous(a, b) => format!(
                            "有不止一种拆法都满足表格的勾稽关系（如 {} 或 {}）",
                            join(a),
                            join(b)
                        ),
                        Split::Undecided => "可能的拆法太多，无法逐一核对".to_owned(),
                        _ => format!("没有一种拆法满足{}", relations(name)),
                    };
                    parts.push(format!(
                        "{}的数字连在一起（读到「{seen}」），{why}，无法确定怎样拆成 {cells} 个数，未读取该行；在原文的数字之间加上分隔（制表符或空格）即可读出",
                        row_name(label)
                    ));
                }
                ReadIssue::TableNotFound { .. } | ReadIssue::RecoveredRow { .. } => {}
            }
        }
        let unreadable: Vec<RowKey> = issues
            .iter()
            .filter_map(|i| match i {
                ReadIssue::RowUnreadable { row, .. } => Some(*row),
                ReadIssue::FusedRow { row, .. } => *row,
                _ => None,
            })
            .collect();
        let not_found: Vec<String> = missing
            .iter()
            .filter(|m| !unreadable.contains(&m.key))
            .map(|m| format!("「{}」", super::short(m.label)))
            .collect();
        if !not_found.is_empty() {
            parts.push(format!("未找到行：{}", not_found.join("、")));
        }
        let skipped = skipped_checks(r, name);
        let mut msg = format!("{tname}不完整：{}", parts.join("；"));
        if !skipped.is_empty() {
            msg.push_str(&format!("。因此跳过的检查：{}", skipped.join("；")));
        }
        let mut e = sink.emit(msg).table(name);
        // When the first problem is one row, point at it: the redrawn table marks that row.
        if let Some(ReadIssue::RowUnreadable { row, .. }) = issues.first() {
            e = e.cell(name, *row, None);
        }
        if let Some(l) = first.or(table.as_ref().map(|t| t.loc)) {
            e = e.at(l);
        }
        drop(e);
    }
}

/// A row whose digits ran together, read by the one split the table allows: said so, so that a
/// person checks it against the original.
fn p005(ctx: &Context, sink: &mut Sink) {
    for issue in &ctx.report.issues {
        let ReadIssue::RecoveredRow {
            table,
            row,
            label,
            seen,
            values,
            loc,
        } = issue
        else {
            continue;
        };
        let tname = table.name();
        let msg = format!(
            "{tname}{}的数字连在一起（「{seen}」），只有一种拆法满足表格的勾稽关系，已按 {} 读出，请对照原表核对",
            row_name(label),
            join(values)
        );
        let e = sink
            .emit(msg)
            .at(*loc)
            .actual(seen.clone())
            .expected(join(values));
        drop(match row {
            Some(r) => e.cell(*table, *r, None),
            None => e.table(*table),
        });
    }
}

/// "「一、本年新收政府信息…」行", or "数据行" for table 四's one row (no label).
fn row_name(label: &str) -> String {
    if label.is_empty() {
        "数据行".to_owned()
    } else {
        format!("「{}」行", super::short(label))
    }
}

/// The relations a split of a row of `table` must satisfy, in words.
fn relations(table: TableId) -> &'static str {
    match table {
        TableId::T3 => "行合计、各列勾稽关系和各列数字的位数",
        TableId::T4 => "各组的总计",
        _ => "各列其他行数字的位数",
    }
}

fn join(values: &[u64]) -> String {
    values
        .iter()
        .map(u64::to_string)
        .collect::<Vec<_>>()
        .join("、")
}

fn issue_table(i: &ReadIssue) -> Option<TableId> {
    match i {
        ReadIssue::TableNotFound { .. } | ReadIssue::RecoveredRow { .. } => None,
        ReadIssue::FusedRow { table, .. } => Some(*table),
        ReadIssue::RowUnreadable { table, .. }
        | ReadIssue::UnplacedValues { table, .. }
        | ReadIssue::WrongCellCount { table, .. } => Some(*table),
    }
}
