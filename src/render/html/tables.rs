//! Tables 二, 三 and 四 redrawn in the official layout (format.md §2–§4), from the `report` object
//! of the result, with the cells that diagnostics point at marked.

use super::model::{Look, View};
use super::{escape, Out};
use crate::diagnostic::TableId;
use crate::report::labels::{
    col3, cols, rows, ColKey, Group, RowKey, RowSpec, T2_ROWS_2019, T2_ROWS_2021, T3_COLUMNS,
    T3_COLUMN_LABELS, T3_ROWS, T4_COLUMNS, T4_COLUMN_LABELS, T4_ROWS,
};
use crate::report::Layout;
use serde_json::Value as Json;

/// The note in table 三's top-left header cell (format.md §3).
const T3_NOTE: &str = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";

pub fn cell_id(table: TableId, row: &str, col: &str) -> String {
    format!("c-{table}-{row}-{col}")
}

/// The `report` key holding table 二, and whether it is the 2019 layout.
fn table2(report: &Json) -> Option<(&Json, bool)> {
    if let Some(t) = report.get(TableId::T2.key()).filter(|t| t.is_object()) {
        return Some((t, false));
    }
    report
        .get(TableId::T2_2019_KEY)
        .filter(|t| t.is_object())
        .map(|t| (t, true))
}

fn table_json(report: &Json, table: TableId) -> Option<&Json> {
    match table {
        TableId::T2 => table2(report).map(|t| t.0),
        TableId::T3 | TableId::T4 => report.get(table.key()).filter(|t| t.is_object()),
    }
}

pub fn has_table(report: &Json, table: TableId) -> bool {
    table_json(report, table).is_some()
}

fn t2_specs(v2019: bool) -> &'static [RowSpec] {
    if v2019 {
        T2_ROWS_2019
    } else {
        T2_ROWS_2021
    }
}

/// The JSON of one row: an array (三, 四), an object or a scalar (二).
fn row_json<'a>(report: &'a Json, table: TableId, row: &str) -> Option<&'a Json> {
    let t = table_json(report, table)?;
    match table {
        TableId::T3 => t.get("rows")?.get(row),
        _ => t.get(row),
    }
}

pub fn has_row(report: &Json, table: TableId, row: &str) -> bool {
    row_json(report, table, row).is_some()
}

/// Table 三 follows the 2019 layout (one （六）其他处理 row instead of three sub-rows).
fn t3_is_2019(report: &Json) -> bool {
    let has = |k: &str| {
        table_json(report, TableId::T3)
            .and_then(|t| t.get("rows"))
            .and_then(Json::as_object)
            .is_some_and(|r| r.contains_key(k))
    };
    has(rows::OTHER.as_str())
        || (![rows::OTHER_1, rows::OTHER_2, rows::OTHER_3]
            .iter()
            .any(|k| has(k.as_str()))
            && report.get("format_version").and_then(Json::as_str) == Some("2019"))
}

/// The layout table 三 is drawn in.
fn t3_layout_of(report: &Json) -> Layout {
    if t3_is_2019(report) {
        Layout::V2019
    } else {
        Layout::V2021
    }
}

/// A row of table 三's layout whose values were not read: its label is drawn all the same.
pub fn draws_missing_row(report: &Json, table: TableId, row: &str) -> bool {
    table == TableId::T3
        && has_table(report, table)
        && T3_ROWS
            .iter()
            .any(|r| r.key.as_str() == row && r.in_layout(t3_layout_of(report)))
}

fn cell_json<'a>(report: &'a Json, table: TableId, row: &str, col: &str) -> Option<&'a Json> {
    match table {
        TableId::T3 if col == cols::SUBTOTAL => report
            .get(TableId::T3.key())?
            .get("subtotal_column")?
            .get(row),
        TableId::T3 => {
            let i = T3_COLUMNS.iter().position(|c| *c == col)?;
            row_json(report, table, row)?.get(i)
        }
        TableId::T4 => {
            let i = T4_COLUMNS.iter().position(|c| *c == col)?;
            row_json(report, table, row)?.get(i)
        }
        TableId::T2 => {
            let r = row_json(report, table, row)?;
            if r.is_object() {
                r.get(col)
            } else {
                let v2019 = table2(report)?.1;
                let spec = t2_specs(v2019).iter().find(|s| s.key.as_str() == row)?;
                (spec.columns.len() == 1 && spec.columns[0] == col).then_some(r)
            }
        }
    }
}

pub fn has_cell(report: &Json, table: TableId, row: &str, col: &str) -> bool {
    cell_json(report, table, row, col).is_some()
}

/// Every drawn value cell of a table: (id, value).
pub fn cells(report: &Json, table: TableId) -> Vec<(String, &Json)> {
    let mut out = Vec::new();
    match table {
        TableId::T2 => {
            if let Some((_, v2019)) = table2(report) {
                for spec in t2_specs(v2019) {
                    for col in spec.columns {
                        if let Some(c) = cell_json(report, table, spec.key.as_str(), col.as_str()) {
                            out.push((cell_id(table, spec.key.as_str(), col.as_str()), c));
                        }
                    }
                }
            }
        }
        TableId::T3 => {
            if let Some(rows) = report
                .get(TableId::T3.key())
                .and_then(|t| t.get("rows"))
                .and_then(Json::as_object)
            {
                for (key, cells) in rows {
                    for (col, c) in T3_COLUMNS
                        .iter()
                        .zip(cells.as_array().into_iter().flatten())
                    {
                        out.push((cell_id(table, key, col.as_str()), c));
                    }
                }
            }
            if let Some(sub) = report
                .get(TableId::T3.key())
                .and_then(|t| t.get("subtotal_column"))
                .and_then(Json::as_object)
            {
                for (key, c) in sub {
                    out.push((cell_id(table, key, cols::SUBTOTAL.as_str()), c));
                }
            }
        }
        TableId::T4 => {
            for spec in T4_ROWS {
                if let Some(cells) =
                    row_json(report, table, spec.key.as_str()).and_then(Json::as_array)
                {
                    for (col, c) in T4_COLUMNS.iter().zip(cells) {
                        out.push((cell_id(table, spec.key.as_str(), col.as_str()), c));
                    }
                }
            }
        }
    }
    out
}

fn group_of_subtotal(key: &str) -> Option<Group> {
    Group::ALL
        .into_iter()
        .find(|g| g.subtotal_key().as_str() == key)
}

/// "表三「（七）总计」行「总计」列": a cell in words, from the official labels.
pub fn place(table: TableId, row: Option<&str>, col: Option<&str>) -> String {
    let mut s = table.name().to_owned();
    let Some(row) = row else { return s };
    let spec: Option<&RowSpec> = match table {
        TableId::T3 => T3_ROWS.iter().find(|r| r.key.as_str() == row),
        TableId::T4 => T4_ROWS.iter().find(|r| r.key.as_str() == row),
        TableId::T2 => T2_ROWS_2021
            .iter()
            .chain(T2_ROWS_2019)
            .find(|r| r.key.as_str() == row),
    };
    let label = match (spec, group_of_subtotal(row)) {
        (Some(spec), _) => short(spec.label),
        (None, Some(g)) => format!("{}小计", g.label()),
        _ => row.to_owned(),
    };
    s.push_str(&format!("「{label}」"));
    if let Some(col) = col {
        let col_label = match (table, col) {
            (TableId::T3, _) if col == cols::SUBTOTAL => Some("法人或其他组织小计"),
            (TableId::T3, _) => T3_COLUMNS
                .iter()
                .position(|c| *c == col)
                .map(|i| T3_COLUMN_LABELS[i]),
            (TableId::T4, _) => T4_COLUMNS
                .iter()
                .position(|c| *c == col)
                .map(|i| T4_COLUMN_LABELS[i]),
            (TableId::T2, _) => spec.and_then(|s| {
                s.columns
                    .iter()
                    .position(|c| *c == col)
                    .map(|i| s.column_labels[i])
            }),
        };
        let one_column = spec.is_some_and(|s| s.columns.len() == 1);
        if let Some(l) = col_label.filter(|_| !one_column) {
            s.push_str(&format!("行「{l}」列"));
        }
    }
    s
}

fn short(label: &str) -> String {
    let n = label.chars().count();
    if n <= 16 {
        label.to_owned()
    } else {
        label.chars().take(14).collect::<String>() + "…"
    }
}

/// How a cell value is shown: numbers as read, blank as "空", anything else as written.
fn value_html(v: Option<&Json>) -> (String, &'static str) {
    match v {
        None => ("未找到".into(), " nb-missing"),
        Some(Json::Null) => ("空".into(), " nb-blank"),
        Some(Json::Number(n)) => (n.to_string(), ""),
        Some(Json::String(s)) => (escape(s), " nb-text"),
        Some(other) => (escape(&crate::jsonvalue::text(other)), " nb-text"),
    }
}

/// The attributes and tooltip of an element that diagnostics mark.
pub struct Marking {
    pub class: String,
    pub attrs: String,
    pub inner: String,
}

/// Marks for the element `id`: severity class (colour), an icon and pattern (never colour
/// alone), keyboard focus and a tooltip with the messages, shown on hover and focus.
pub fn marking(view: &View, prefix: &str, id: &str) -> Marking {
    marking_of(view, prefix, id, None)
}

/// As [`marking`], for a value cell: the tooltip starts with the cell's own value, and gives a
/// diagnostic's expected and actual values only when they are about this cell — it is located
/// here and its `actual` is what the cell holds. A diagnostic that marks the cell for another
/// reason (a list of blank cells, the text's figure for a cell) shows its message alone, so
/// the tooltip never shows another cell's or another source's value as this cell's.
fn marking_of(view: &View, prefix: &str, id: &str, own: Option<&Option<&Json>>) -> Marking {
    let marks = view.marks_of(id);
    if marks.is_empty() {
        return Marking {
            class: String::new(),
            attrs: String::new(),
            inner: String::new(),
        };
    }
    let active: Vec<_> = marks.iter().filter(|d| d.dismissed.is_none()).collect();
    let (class, icon) = match active.iter().map(|d| d.severity).min() {
        Some(s) => (s.class(), s.icon()),
        None => ("nb-dismissed", "✓"),
    };
    let tip_id = format!("{prefix}{id}-tip");
    let mut tip = String::new();
    let as_written = own.map(|v| match v {
        Some(Json::Null) => String::new(),
        Some(Json::Number(n)) => n.to_string(),
        Some(Json::String(s)) => s.clone(),
        _ => "\u{0}".to_owned(),
    });
    if let Some(v) = own {
        tip.push_str(&format!(
            "<span class=\"nb-tip-item nb-tip-value\">本格：{}</span>",
            value_html(*v).0
        ));
    }
    for d in &marks {
        tip.push_str(&format!(
            "<span class=\"nb-tip-item {}\"><span aria-hidden=\"true\">{}</span> {}{} <b>{}</b> {}",
            if d.dismissed.is_some() {
                "nb-dismissed"
            } else {
                d.severity.class()
            },
            if d.dismissed.is_some() {
                "✓"
            } else {
                d.severity.icon()
            },
            d.severity.label(),
            if d.dismissed.is_some() {
                "（已忽略）"
            } else {
                ""
            },
            escape(d.code),
            escape(d.message)
        ));
        let about_this = match &as_written {
            None => true,
            Some(v) => d.target.as_deref() == Some(id) && d.actual == Some(v.as_str()),
        };
        if about_this {
            if let Some(e) = d.expected {
                tip.push_str(&format!("；应为 {}", escape(e)));
            }
            if own.is_none() {
                if let Some(a) = d.actual {
                    tip.push_str(&format!("；实际 {}", escape(a)));
                }
            }
        }
        tip.push_str("</span>");
    }
    Marking {
        class: format!(" nb-mark {class}"),
        attrs: format!(" tabindex=\"0\" aria-describedby=\"{tip_id}\""),
        inner: format!(
            "<span class=\"nb-ico\" aria-hidden=\"true\">{icon}</span><span class=\"nb-tip\" role=\"tooltip\" id=\"{tip_id}\">{tip}</span>"
        ),
    }
}

fn value_cell(
    out: &mut Out,
    view: &View,
    prefix: &str,
    table: TableId,
    row: &str,
    col: ColKey,
    colspan: usize,
) {
    let v = cell_json(view.report, table, row, col.as_str());
    let id = cell_id(table, row, col.as_str());
    let (text, kind) = value_html(v);
    let m = marking_of(view, prefix, &id, Some(&v));
    let span = if colspan > 1 {
        format!(" colspan=\"{colspan}\"")
    } else {
        String::new()
    };
    out.push(&format!(
        "<td id=\"{prefix}{id}\" class=\"nb-cell{kind}{}\"{span}{}><span class=\"nb-v\">{text}</span>{}</td>",
        m.class, m.attrs, m.inner
    ));
}

/// A header or label cell, which row-level diagnostics may mark.
fn label_cell(out: &mut Out, view: &View, prefix: &str, id: &str, text: &str, attrs: &str) {
    let m = marking(view, prefix, id);
    out.push(&format!(
        "<th id=\"{prefix}{id}\" scope=\"row\" class=\"nb-label{}\"{attrs}{}>{}{}</th>",
        m.class,
        m.attrs,
        escape(text),
        m.inner
    ));
}

fn missing_note(out: &mut Out, table: TableId, v: Option<&Json>) {
    if v.is_none() {
        out.push(&format!(
            "<p class=\"nb-note nb-missing-table\"><span aria-hidden=\"true\">⊘</span> 没有找到{}，无法重绘。</p>",
            table.name()
        ));
    }
}

/// Problems that concern a whole table rather than one cell.
fn table_notes(out: &mut Out, view: &View, prefix: &str, table: TableId) {
    let id = format!("t-{table}");
    let marks = view.marks_of(&id);
    if marks.is_empty() {
        return;
    }
    out.push(&format!(
        "<ul class=\"nb-table-notes\" id=\"{prefix}{id}\" tabindex=\"-1\">"
    ));
    for d in marks {
        let (class, icon) = d.mark();
        out.push(&format!(
            "<li class=\"{class}\"><span class=\"nb-ico\" aria-hidden=\"true\">{icon}</span> {} <a href=\"#{prefix}p{}\" class=\"nb-back\"><code>{}</code></a> {}</li>",
            d.severity.label(),
            d.idx,
            escape(d.code),
            escape(d.message)
        ));
    }
    out.push("</ul>");
}

/// A horizontally scrolling box for a wide table, reachable by keyboard.
fn scroll_open(out: &mut Out, name: &str) {
    if name != "表二" {
        out.push("<p class=\"nb-scroll-hint\">表格较宽，可左右滑动查看。</p>");
    }
    out.push(&format!(
        "<div class=\"nb-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"{name}（可左右滚动）\">"
    ));
}

/// A table's section and caption, the notes on the table as a whole, and a note when it was not
/// read (`read` None).
fn open_table(
    out: &mut Out,
    view: &View,
    prefix: &str,
    table: TableId,
    caption: &str,
    read: Option<&Json>,
) {
    out.push(&format!(
        "<section class=\"nb-table-box\" aria-labelledby=\"{prefix}cap-{table}\"><h3 id=\"{prefix}cap-{table}\">{caption}</h3>"
    ));
    table_notes(out, view, prefix, table);
    missing_note(out, table, read);
}

/// All three tables.
pub fn render(out: &mut Out, view: &View, prefix: &str) {
    out.push(&format!(
        "<section class=\"nb-tables\" aria-labelledby=\"{prefix}h-tables\"><h2 id=\"{prefix}h-tables\">统计表（按规定格式重绘）</h2>"
    ));
    out.push("<p class=\"nb-legend\"><span class=\"nb-key nb-error\"><span aria-hidden=\"true\">✖</span> 错误</span> <span class=\"nb-key nb-warning\"><span aria-hidden=\"true\">▲</span> 警告</span> <span class=\"nb-key nb-info\"><span aria-hidden=\"true\">ℹ</span> 提示</span> <span class=\"nb-key nb-blank\">空 = 单元格未填写</span> <span class=\"nb-key nb-missing\">未找到 = 报告中没有读到</span>　标记的单元格可用鼠标悬停或 Tab 键聚焦查看说明。</p>");
    render_table2(out, view, prefix);
    render_table3(out, view, prefix);
    render_table4(out, view, prefix);
    out.push("</section>");
}

fn render_table2(out: &mut Out, view: &View, prefix: &str) {
    let t = table2(view.report);
    let v2019 = t.is_some_and(|t| t.1);
    open_table(
        out,
        view,
        prefix,
        TableId::T2,
        if v2019 {
            "表二 主动公开政府信息情况（2019 年试行格式）"
        } else {
            "表二 主动公开政府信息情况"
        },
        t.map(|t| t.0),
    );
    if t.is_some() {
        let blocks: &[(&str, &[RowKey])] = if v2019 {
            &[
                (
                    "第二十条第（一）项",
                    &[rows::REGULATIONS, rows::NORMATIVE_DOCUMENTS],
                ),
                (
                    "第二十条第（五）项",
                    &[rows::LICENSING, rows::OTHER_SERVICES],
                ),
                ("第二十条第（六）项", &[rows::PUNISHMENT, rows::COERCION]),
                ("第二十条第（八）项", &[rows::FEES]),
                ("第二十条第（九）项", &[rows::PROCUREMENT]),
            ]
        } else {
            &[
                (
                    "第二十条第（一）项",
                    &[rows::REGULATIONS, rows::NORMATIVE_DOCUMENTS],
                ),
                ("第二十条第（五）项", &[rows::LICENSING]),
                ("第二十条第（六）项", &[rows::PUNISHMENT, rows::COERCION]),
                ("第二十条第（八）项", &[rows::FEES]),
            ]
        };
        let specs = t2_specs(v2019);
        scroll_open(out, "表二");
        out.push("<table class=\"nb-t nb-t2\">");
        for (block, keys) in blocks {
            let rows: Vec<&RowSpec> = keys
                .iter()
                .filter_map(|k| specs.iter().find(|s| s.key == *k))
                .collect();
            let Some(first) = rows.first() else { continue };
            out.push(&format!(
                "<tbody><tr><th colspan=\"4\" scope=\"colgroup\" class=\"nb-block\">{block}</th></tr><tr><th scope=\"col\">信息内容</th>"
            ));
            let n = first.column_labels.len();
            for (i, l) in first.column_labels.iter().enumerate() {
                let span = if i + 1 == n && n < 3 { 4 - n } else { 1 };
                let span = if span > 1 {
                    format!(" colspan=\"{span}\"")
                } else {
                    String::new()
                };
                out.push(&format!("<th scope=\"col\"{span}>{}</th>", escape(l)));
            }
            out.push("</tr>");
            for spec in rows {
                out.push("<tr>");
                label_cell(
                    out,
                    view,
                    prefix,
                    &cell_id(TableId::T2, spec.key.as_str(), "label"),
                    spec.label,
                    "",
                );
                let n = spec.columns.len();
                for (i, col) in spec.columns.iter().enumerate() {
                    let span = if i + 1 == n && n < 3 { 4 - n } else { 1 };
                    value_cell(
                        out,
                        view,
                        prefix,
                        TableId::T2,
                        spec.key.as_str(),
                        *col,
                        span,
                    );
                }
                out.push("</tr>");
            }
            out.push("</tbody>");
        }
        out.push("</table></div>");
    }
    out.push("</section>");
}

fn render_table3(out: &mut Out, view: &View, prefix: &str) {
    let t = table_json(view.report, TableId::T3);
    open_table(
        out,
        view,
        prefix,
        TableId::T3,
        "表三 收到和处理政府信息公开申请情况",
        t,
    );
    let Some(t) = t else {
        out.push("</section>");
        return;
    };
    let read = t.get("rows").and_then(Json::as_object);
    let has = |k: &str| read.is_some_and(|r| r.contains_key(k));
    let sub_col = t
        .get("subtotal_column")
        .and_then(Json::as_object)
        .is_some_and(|m| !m.is_empty());
    let mut columns: Vec<ColKey> = T3_COLUMNS.to_vec();
    if sub_col {
        columns.insert(col3::TOTAL, cols::SUBTOTAL);
    }
    scroll_open(out, "表三");
    out.push("<table class=\"nb-t nb-t3\">");
    t3_header(out, columns.len(), sub_col);
    // The 2019 format has one （六）其他处理 row; the 2021 format three sub-rows.
    let layout = t3_layout(t3_layout_of(view.report), &has);
    let mut seen = Seen::default();
    for line in &layout {
        out.push("<tr>");
        t3_group_headers(out, &layout, line, &mut seen);
        t3_row(out, view, prefix, line, &columns, &has);
        out.push("</tr>");
    }
    out.push("</tbody></table></div></section>");
}

/// One line of table 三 as drawn: a row of the format, or a subtotal row the report added.
enum T3Line<'s> {
    Row(&'s RowSpec),
    Subtotal(Group),
}

impl T3Line<'_> {
    /// (key, label, level, group): level 0 spans all three label columns, 1 spans two (under
    /// 三、本年度办理结果), 2 is an item of an outcome group.
    fn parts(&self) -> (&'static str, &'static str, u8, Option<Group>) {
        match self {
            T3Line::Row(s) => {
                let level = match s.key {
                    rows::NEW | rows::CARRIED_OVER | rows::CARRY_FORWARD => 0,
                    _ if s.group.is_some() && s.key != rows::OTHER => 2,
                    _ => 1,
                };
                (s.key.as_str(), s.label, level, s.group)
            }
            T3Line::Subtotal(g) => (
                g.subtotal_key().as_str(),
                "小计（格式中没有此行）",
                2,
                Some(*g),
            ),
        }
    }
}

fn t3_header(out: &mut Out, columns: usize, sub_col: bool) {
    out.push(&format!(
        "<thead><tr><th rowspan=\"3\" colspan=\"3\" class=\"nb-corner\" scope=\"col\">{T3_NOTE}</th><th colspan=\"{columns}\" scope=\"colgroup\">申请人情况</th></tr>"
    ));
    out.push(&format!(
        "<tr><th rowspan=\"2\" scope=\"col\">自然人</th><th colspan=\"{}\" scope=\"colgroup\">法人或其他组织</th><th rowspan=\"2\" scope=\"col\">总计</th></tr><tr>",
        if sub_col { 6 } else { 5 }
    ));
    for l in &T3_COLUMN_LABELS[col3::ORGANISATIONS] {
        out.push(&format!("<th scope=\"col\">{l}</th>"));
    }
    if sub_col {
        out.push(
            "<th scope=\"col\" class=\"nb-extra\">小计<br><small>（格式中没有此列）</small></th>",
        );
    }
    out.push("</tr></thead><tbody>");
}

/// The rows of the layout in order, with a subtotal row after its group where the report has one.
fn t3_layout(layout: Layout, has: &dyn Fn(&str) -> bool) -> Vec<T3Line<'static>> {
    let specs: Vec<&RowSpec> = T3_ROWS.iter().filter(|r| r.in_layout(layout)).collect();
    let mut layout = Vec::new();
    for (i, s) in specs.iter().enumerate() {
        layout.push(T3Line::Row(s));
        if let Some(g) = s.group {
            let last_of_group = specs.get(i + 1).is_none_or(|n| n.group != Some(g));
            if last_of_group && has(g.subtotal_key().as_str()) {
                layout.push(T3Line::Subtotal(g));
            }
        }
    }
    layout
}

/// Which spanning group headers have been drawn.
#[derive(Default)]
struct Seen {
    outcome: bool,
    groups: Vec<Group>,
}

/// The spanning headers a line opens: 三、本年度办理结果 before the first outcome row, a group's
/// label (（三）不予公开 …) before its first item.
fn t3_group_headers(out: &mut Out, layout: &[T3Line], line: &T3Line, seen: &mut Seen) {
    let (_, _, level, group) = line.parts();
    if level > 0 && !seen.outcome {
        seen.outcome = true;
        let outcome_len = layout.iter().filter(|l| l.parts().2 > 0).count();
        out.push(&format!(
            "<th rowspan=\"{outcome_len}\" scope=\"rowgroup\" class=\"nb-group nb-outcome\">三、本年度办理结果</th>"
        ));
    }
    if level == 2 {
        let g = group.unwrap_or(Group::Other);
        if !seen.groups.contains(&g) {
            seen.groups.push(g);
            let group_len = layout.iter().filter(|l| l.parts().3 == Some(g)).count();
            out.push(&format!(
                "<th rowspan=\"{group_len}\" scope=\"rowgroup\" class=\"nb-group nb-subgroup\">{}</th>",
                g.label()
            ));
        }
    }
}

/// A line's label cell and its values (or why it has none).
fn t3_row(
    out: &mut Out,
    view: &View,
    prefix: &str,
    line: &T3Line,
    columns: &[ColKey],
    has: &dyn Fn(&str) -> bool,
) {
    let (key, label, level, _) = line.parts();
    let span = match level {
        0 => " colspan=\"3\"",
        1 => " colspan=\"2\"",
        _ => "",
    };
    let subtotal_class = if matches!(line, T3Line::Subtotal(_)) {
        " nb-extra"
    } else {
        ""
    };
    let lid = cell_id(TableId::T3, key, "label");
    let m = marking(view, prefix, &lid);
    out.push(&format!(
        "<th id=\"{prefix}{lid}\" scope=\"row\" class=\"nb-label{subtotal_class}{}\"{span}{}>{}{}</th>",
        m.class,
        m.attrs,
        escape(label),
        m.inner
    ));
    if has(key) {
        for col in columns {
            value_cell(out, view, prefix, TableId::T3, key, *col, 1);
        }
        return;
    }
    // Say what P003 says: a row can be missing because it was not found or because its values
    // could not be read; either way no number of it was used.
    let why = if view
        .diags
        .iter()
        .any(|d| d.code == "P003" && d.table == Some(TableId::T3))
    {
        "此行未能读取，数字未采用（见 P003）"
    } else {
        "未找到此行"
    };
    out.push(&format!(
        "<td colspan=\"{}\" class=\"nb-cell nb-missing nb-row-missing\"><span class=\"nb-v\">{why}</span></td>",
        columns.len()
    ));
}

fn render_table4(out: &mut Out, view: &View, prefix: &str) {
    let t = table_json(view.report, TableId::T4);
    open_table(
        out,
        view,
        prefix,
        TableId::T4,
        "表四 政府信息公开行政复议、行政诉讼情况",
        t,
    );
    if t.is_none() {
        out.push("</section>");
        return;
    }
    scroll_open(out, "表四");
    out.push("<table class=\"nb-t nb-t4\"><thead><tr>");
    let head = |out: &mut Out, key: RowKey, text: &str, attrs: &str| {
        let id = cell_id(TableId::T4, key.as_str(), "label");
        let m = marking(view, prefix, &id);
        out.push(&format!(
            "<th id=\"{prefix}{id}\" class=\"nb-grouphead{}\"{attrs}{}>{text}{}</th>",
            m.class, m.attrs, m.inner
        ));
    };
    head(
        out,
        rows::REVIEW,
        "行政复议",
        " colspan=\"5\" scope=\"colgroup\"",
    );
    out.push("<th colspan=\"10\" scope=\"colgroup\">行政诉讼</th></tr><tr>");
    for l in T4_COLUMN_LABELS {
        out.push(&format!("<th rowspan=\"2\" scope=\"col\">{l}</th>"));
    }
    head(
        out,
        rows::LITIGATION_DIRECT,
        "未经复议直接起诉",
        " colspan=\"5\" scope=\"colgroup\"",
    );
    head(
        out,
        rows::LITIGATION_AFTER_REVIEW,
        "复议后起诉",
        " colspan=\"5\" scope=\"colgroup\"",
    );
    out.push("</tr><tr>");
    for _ in 0..2 {
        for l in T4_COLUMN_LABELS {
            out.push(&format!("<th scope=\"col\">{l}</th>"));
        }
    }
    out.push("</tr></thead><tbody><tr>");
    for spec in T4_ROWS {
        if has_row(view.report, TableId::T4, spec.key.as_str()) {
            for col in T4_COLUMNS {
                value_cell(out, view, prefix, TableId::T4, spec.key.as_str(), col, 1);
            }
        } else {
            out.push("<td colspan=\"5\" class=\"nb-cell nb-missing nb-row-missing\"><span class=\"nb-v\">未找到</span></td>");
        }
    }
    out.push("</tr></tbody></table></div></section>");
}
