//! The summary and the list of problems, grouped by part and table.

use super::model::{Diag, Look, Severity, View};
use super::tables::place;
use super::{escape, Options, Out, FIRST_PROBLEMS};
use crate::diagnostic::TableId;
use crate::report::labels::PARTS;

const NUMERALS: [&str; 7] = ["", "一", "二", "三", "四", "五", "六"];

fn format_name(v: &str) -> &'static str {
    match v {
        "2021" => "2021 年格式",
        "2019" => "2019 年试行格式",
        "hybrid" => "新旧格式混用",
        _ => "格式未能判断",
    }
}

fn input_name(v: &str) -> &'static str {
    match v {
        "text" => "文本",
        "html" => "网页（HTML）",
        "docx" => "Word（.docx）",
        "doc" => "Word 97–2003（.doc/.wps）",
        "pdf" => "PDF",
        "rtf" => "RTF",
        "wordxml" => "Word 2003 XML",
        _ => "未知",
    }
}

pub fn summary(out: &mut Out, view: &View, opts: &Options) {
    let p = opts.prefix;
    let count = |s: Severity| {
        view.diags
            .iter()
            .filter(|d| d.severity == s && d.dismissed.is_none())
            .count()
    };
    let (errors, warnings, infos) = (
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
    );
    let dismissed = view.diags.iter().filter(|d| d.dismissed.is_some()).count();
    out.push(&format!(
        "<section class=\"nb-summary\" aria-labelledby=\"{p}h-summary\"><h2 id=\"{p}h-summary\">检查结果</h2>"
    ));
    let mut about: Vec<String> = Vec::new();
    if !view.file.is_empty() {
        about.push(format!(
            "<span class=\"nb-file\">{}</span>",
            escape(view.file)
        ));
    }
    let r = view.report;
    if let Some(a) = r.get("agency").and_then(|a| a.as_str()) {
        about.push(escape(a));
    }
    if let Some(y) = r.get("year").and_then(|y| y.as_i64()) {
        about.push(format!("{y} 年度"));
    }
    if let Some(f) = r.get("format_version").and_then(|f| f.as_str()) {
        about.push(format_name(f).to_owned());
    }
    if let Some(f) = view.input_format {
        about.push(format!("读取为{}", input_name(f)));
    }
    if !about.is_empty() {
        out.push(&format!("<p class=\"nb-about\">{}</p>", about.join(" · ")));
    }
    if let Some(t) = view.checked_at {
        out.push(&format!(
            "<p class=\"nb-checked\">检查时间 {}{}</p>",
            escape(&crate::clock::display(t)),
            view.version
                .map(|v| format!(" · nianbao {}", escape(v)))
                .unwrap_or_default()
        ));
    }
    out.push(&format!(
        "<ul class=\"nb-counts\"><li class=\"nb-error\"><span class=\"nb-ico\" aria-hidden=\"true\">✖</span> <b>{errors}</b> 个错误</li><li class=\"nb-warning\"><span class=\"nb-ico\" aria-hidden=\"true\">▲</span> <b>{warnings}</b> 个警告</li><li class=\"nb-info\"><span class=\"nb-ico\" aria-hidden=\"true\">ℹ</span> <b>{infos}</b> 个提示</li>"
    ));
    if dismissed > 0 {
        out.push(&format!(
            "<li class=\"nb-dismissed\"><span class=\"nb-ico\" aria-hidden=\"true\">✓</span> 已忽略 <b>{dismissed}</b> 项</li>"
        ));
    }
    out.push("</ul>");
    let unreadable = r.is_null() && !view.diags.is_empty();
    let verdict = if unreadable {
        "<p class=\"nb-verdict nb-error\" role=\"status\"><span aria-hidden=\"true\">✖</span> 无法检查这份输入，原因见下。</p>".to_owned()
    } else if errors > 0 {
        format!("<p class=\"nb-verdict nb-error\" role=\"status\"><span aria-hidden=\"true\">✖</span> 发现 {errors} 个错误，请修改后再发布。</p>")
    } else if warnings > 0 {
        format!("<p class=\"nb-verdict nb-ok\" role=\"status\"><span aria-hidden=\"true\">✓</span> 没有发现错误；有 {warnings} 个警告，请逐一核对。</p>")
    } else {
        "<p class=\"nb-verdict nb-ok\" role=\"status\"><span aria-hidden=\"true\">✓</span> 没有发现错误或警告。</p>".to_owned()
    };
    out.push(&verdict);
    out.push("</section>");
}

/// Which group a diagnostic belongs to: 0 = front matter and the whole text, 1–6 = a part.
fn group_of(d: &Diag) -> usize {
    match d.table {
        Some(t) => t.part() as usize,
        None => d.part.filter(|p| (1..=6).contains(p)).unwrap_or(0) as usize,
    }
}

fn group_title(g: usize) -> String {
    if g == 0 {
        return "封面、总体结构与全文".to_owned();
    }
    let canonical = PARTS
        .iter()
        .find(|p| p.number as usize == g)
        .map_or("", |p| p.canonical);
    match g {
        2..=4 => format!(
            "{}、{canonical}（{}）",
            NUMERALS[g],
            TableId::ALL[g - 2].name()
        ),
        _ => format!("{}、{canonical}", NUMERALS[g]),
    }
}

pub fn list(out: &mut Out, view: &View, opts: &Options) {
    let p = opts.prefix;
    out.push(&format!(
        "<section class=\"nb-problems\" aria-labelledby=\"{p}h-problems\"><h2 id=\"{p}h-problems\">问题清单</h2>"
    ));
    if view.diags.is_empty() {
        out.push("<p class=\"nb-none\">没有发现问题。</p></section>");
        return;
    }
    out.push(
        "<p class=\"nb-hint\">点击问题（或用 Tab 键选中后按回车）可跳到对应的单元格或行。</p>",
    );
    // A long list is drawn in part first (the page draws the rest on demand): whole groups
    // (and whole fixes) until FIRST_PROBLEMS items are drawn.
    let cap = match opts.window {
        Some(w) if !w.all_problems => FIRST_PROBLEMS,
        _ => usize::MAX,
    };
    let mut drawn = 0;
    for g in 0..=6 {
        let items: Vec<&Diag> = view
            .diags
            .iter()
            .filter(|d| d.dismissed.is_none() && group_of(d) == g)
            .collect();
        if items.is_empty() || drawn >= cap {
            continue;
        }
        out.push(&format!(
            "<section class=\"nb-group\" aria-labelledby=\"{p}g{g}\"><h3 id=\"{p}g{g}\">{} <span class=\"nb-n\">{} 项</span></h3><ol class=\"nb-list\">",
            group_title(g),
            items.len()
        ));
        let mut done: Vec<u64> = Vec::new();
        for d in &items {
            match d.fix {
                // A most likely fix: its cells first, then the errors it removes.
                Some(f)
                    if view
                        .diags
                        .iter()
                        .any(|x| x.fix == Some(f) && x.code == "T300") =>
                {
                    if !done.contains(&f) {
                        if drawn >= cap {
                            break;
                        }
                        done.push(f);
                        drawn += items.iter().filter(|x| x.fix == Some(f)).count();
                        fix_group(out, &items, f, opts);
                    }
                }
                _ => {
                    if drawn >= cap {
                        break;
                    }
                    drawn += 1;
                    item(out, d, opts);
                }
            }
        }
        out.push("</ol></section>");
    }
    let dismissed: Vec<&Diag> = view
        .diags
        .iter()
        .filter(|d| d.dismissed.is_some())
        .collect();
    if drawn >= cap && view.diags.len() > drawn {
        let rest = view.diags.len() - drawn;
        out.push(&format!(
            "<p class=\"nb-more\"><button type=\"button\" class=\"nb-btn\" data-all-problems=\"\">显示其余 {rest} 项</button></p></section>"
        ));
        return;
    }
    if !dismissed.is_empty() {
        out.push(&format!(
            "<section class=\"nb-group nb-group-dismissed\" aria-labelledby=\"{p}gd\"><h3 id=\"{p}gd\">已忽略 <span class=\"nb-n\">{} 项</span></h3><ol class=\"nb-list\">",
            dismissed.len()
        ));
        for d in dismissed {
            item(out, d, opts);
        }
        out.push("</ol></section>");
    }
    out.push("</section>");
}

/// A T300 fix and the errors it explains, as one item of the list.
fn fix_group(out: &mut Out, items: &[&Diag], f: u64, opts: &Options) {
    let cells: Vec<&Diag> = items
        .iter()
        .copied()
        .filter(|d| d.fix == Some(f) && d.code == "T300")
        .collect();
    let explained: Vec<&Diag> = items
        .iter()
        .copied()
        .filter(|d| d.fix == Some(f) && d.code != "T300")
        .collect();
    out.push(&format!(
        "<li class=\"nb-fixgroup\"><p class=\"nb-fixhead\">最可能的修改：改 {} 格，可消除下列 {} 处问题</p><ol class=\"nb-list\">",
        cells.len(),
        explained.len()
    ));
    for d in cells {
        item(out, d, opts);
    }
    out.push("</ol>");
    if !explained.is_empty() {
        out.push("<ol class=\"nb-list nb-explained\">");
        for d in explained {
            item(out, d, opts);
        }
        out.push("</ol>");
    }
    out.push("</li>");
}

/// Where a diagnostic is, in words: line, column and table cell.
pub fn where_text(d: &Diag) -> String {
    let mut bits = Vec::new();
    if let Some(page) = d.page {
        bits.push(format!("PDF 第 {page} 页"));
    }
    match (d.line, d.column) {
        (Some(l), Some(c)) => bits.push(format!("第 {l} 行第 {c} 列")),
        (Some(l), None) => bits.push(format!("第 {l} 行")),
        _ => {}
    }
    if let Some(t) = d.table {
        bits.push(place(t, d.row, d.col));
    } else if let Some(part) = d.part.filter(|p| (1..=6).contains(p)) {
        bits.push(format!("第{}部分", NUMERALS[part as usize]));
    }
    bits.join(" · ")
}

fn item(out: &mut Out, d: &Diag, opts: &Options) {
    let p = opts.prefix;
    let (class, icon, label) = match d.dismissed {
        Some(_) => (
            "nb-dismissed",
            "✓",
            format!("{}（已忽略）", d.severity.label()),
        ),
        None => (
            d.severity.class(),
            d.severity.icon(),
            d.severity.label().to_owned(),
        ),
    };
    out.push(&format!(
        "<li class=\"nb-problem {class}\" id=\"{p}p{}\" data-idx=\"{}\">",
        d.idx, d.idx
    ));
    let head = format!(
        "<span class=\"nb-sev\"><span class=\"nb-ico\" aria-hidden=\"true\">{icon}</span> {label}</span> <code class=\"nb-code\">{}</code> <span class=\"nb-msg\">{}</span>",
        escape(d.code),
        escape(d.message)
    );
    match &d.target {
        Some(t) => out.push(&format!(
            "<a class=\"nb-go\" href=\"#{p}{t}\" data-goto=\"{p}{t}\">{head}</a>"
        )),
        None => out.push(&format!("<span class=\"nb-go\">{head}</span>")),
    }
    let place = where_text(d);
    out.push("<div class=\"nb-meta\">");
    if !place.is_empty() {
        out.push(&format!(
            "<span class=\"nb-where\">{}</span>",
            escape(&place)
        ));
    }
    out.push(&format!(
        "<a class=\"nb-rule\" href=\"#rule-{0}\" data-rule=\"{0}\">规则 {0} 说明</a>",
        escape(d.code)
    ));
    out.push("</div>");
    if d.expected.is_some() || d.actual.is_some() || !d.missing.is_empty() {
        out.push("<dl class=\"nb-values\">");
        if !d.missing.is_empty() {
            out.push(&format!(
                "<div><dt>未提到</dt><dd>{}</dd></div>",
                escape(&d.missing.join("、"))
            ));
        }
        if let Some(e) = d.expected {
            out.push(&format!("<div><dt>应为</dt><dd>{}</dd></div>", escape(e)));
        }
        if let Some(a) = d.actual {
            out.push(&format!("<div><dt>实际</dt><dd>{}</dd></div>", escape(a)));
        }
        out.push("</dl>");
    }
    if let Some(reason) = d.dismissed {
        out.push(&format!(
            "<p class=\"nb-reason\">忽略原因：{}</p>",
            escape(reason)
        ));
    }
    if opts.interactive {
        if d.dismissed.is_some() {
            out.push(&format!(
                "<button type=\"button\" class=\"nb-btn nb-restore\" data-restore=\"{}\">恢复</button>",
                d.idx
            ));
        } else if crate::diagnostic::can_dismiss(d.code) {
            out.push(&format!(
                "<button type=\"button\" class=\"nb-btn nb-dismiss\" data-dismiss=\"{}\" aria-expanded=\"false\">忽略…</button>",
                d.idx
            ));
        }
    }
    out.push("</li>");
}
