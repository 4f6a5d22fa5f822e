//! HTML: the results fragment the web page shows (and JavaScript `render()` returns), the
//! standalone report (`nianbao check --format html` and the page's export) and the rules page.
//!
//! Everything is drawn from the JavaScript `check()` result object of output.md plus its `text`
//! field (the text the engine read), so the page, `render()` and the command line share one
//! renderer, and a result saved as JSON can be drawn again. Every piece of user text goes through
//! [`escape`]; nothing the user wrote is ever interpreted as HTML.

mod doc;
mod model;
mod problems;
mod tables;

use super::Named;
use crate::diagnostic::TableId;
use crate::rules::RULES;
use serde_json::Value as Json;

/// How to draw a result.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options<'a> {
    /// Prepended to every id, so that several results can share one document.
    pub prefix: &'a str,
    /// Adds the buttons the web page wires up (dismiss, restore).
    pub interactive: bool,
    /// Draw a long result in part (the web page); None draws everything.
    pub window: Option<Window<'a>>,
}

/// What the web page draws of a long result: the text's chunks of [`DOC_CHUNK`] lines listed in
/// `chunks` (a text of one chunk is drawn whole) and the first [`FIRST_PROBLEMS`] problems, then
/// placeholders and buttons that draw the rest ([`doc_chunk`], [`problems`]), so that a report of
/// tens of thousands of lines is on screen at once.
#[derive(Clone, Copy, Debug, Default)]
pub struct Window<'a> {
    /// Chunks of the text drawn (the others are placeholders; a text of one chunk is drawn whole).
    pub chunks: &'a [usize],
    /// Every problem is drawn.
    pub all_problems: bool,
}

/// Lines of the text per chunk drawn at once.
pub const DOC_CHUNK: usize = 400;
/// Problems drawn before 「显示其余」.
pub const FIRST_PROBLEMS: usize = 150;

/// A string being built.
pub(crate) struct Out(String);

impl Out {
    fn push(&mut self, s: &str) {
        self.0.push_str(s);
    }
}

/// A table cell, row or table named in words: 表三「（二）部分公开」行「总计」列.
pub fn place(table: TableId, row: Option<&str>, col: Option<&str>) -> String {
    tables::place(table, row, col)
}

/// Escapes text for use in HTML content and in quoted attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    // Runs between the five ASCII bytes are copied whole (a char at a time was the hottest loop
    // of rendering in the size-optimised wasm module).
    let mut from = 0;
    for (i, b) in s.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&s[from..i]);
        out.push_str(entity);
        from = i + 1;
    }
    out.push_str(&s[from..]);
    out
}

/// The JavaScript `check()` result for a checked input: output.md's object plus `text`, the text
/// the engine read (locations refer to its lines; for .docx and .html the extracted text).
pub fn result(n: &Named) -> Json {
    let mut v = super::json::single(n);
    if let Json::Object(m) = &mut v {
        m.insert(
            "text".into(),
            n.outcome
                .document
                .as_ref()
                .map_or(Json::Null, |d| Json::String(d.text.clone())),
        );
        // A PDF: where each page starts, as [first line, page] pairs.
        if let Some(d) = n.outcome.document.as_ref().filter(|d| !d.pages.is_empty()) {
            m.insert(
                "pages".into(),
                Json::Array(
                    d.pages
                        .iter()
                        .map(|&(line, page)| Json::Array(vec![line.into(), page.into()]))
                        .collect(),
                ),
            );
        }
    }
    v
}

/// The results fragment for one result object: summary, problems grouped by part and table, the
/// three tables in the official layout and the document text, problems marked on both.
pub fn fragment(result: &Json, opts: &Options) -> String {
    let view = model::View::new(result);
    let mut out = Out(String::with_capacity(
        16 * 1024 + view.text.map_or(0, |t| t.len() * 2),
    ));
    out.push(&format!(
        "<div class=\"nb-result\" id=\"{}result\">",
        opts.prefix
    ));
    problems::summary(&mut out, &view, opts);
    problems::list(&mut out, &view, opts);
    if !view.report.is_null() {
        tables::render(&mut out, &view, opts.prefix);
    }
    doc::render(&mut out, &view, opts);
    out.push("</div>");
    out.0
}

/// Chunk `k` of the text (lines `k * DOC_CHUNK + 1 ..`) as list items, to replace its
/// placeholder (`{prefix}Lc{k}`) in a fragment drawn with a window.
pub fn doc_chunk(result: &Json, opts: &Options, k: usize) -> String {
    let view = model::View::new(result);
    let mut out = Out(String::new());
    doc::chunk(&mut out, &view, opts, k);
    out.0
}

/// The problems list (its whole `section.nb-problems`), as `opts.window` says.
pub fn problems(result: &Json, opts: &Options) -> String {
    let view = model::View::new(result);
    let mut out = Out(String::new());
    problems::list(&mut out, &view, opts);
    out.0
}

fn severity_label(s: crate::diagnostic::Severity) -> &'static str {
    s.label()
}

const FAMILIES: [(&str, &str); 8] = [
    ("P", "读取输入"),
    ("S", "结构与标识"),
    ("C", "表格单元格"),
    ("T", "表内勾稽关系"),
    ("N", "文字与表格一致"),
    ("K", "文字内容"),
    ("X", "与上一年度报告对照"),
    ("D", "发布时间"),
];

fn rule_article(out: &mut Out, r: &crate::rules::Rule, heading: &str) {
    let sev = match r.severity {
        crate::diagnostic::Severity::Error => "nb-error",
        crate::diagnostic::Severity::Warning => "nb-warning",
        crate::diagnostic::Severity::Info => "nb-info",
    };
    out.push(&format!(
        "<article class=\"nb-rule-doc\" id=\"rule-{code}\" tabindex=\"-1\"><{heading}><code>{code}</code> <span class=\"nb-rule-name\">{name}</span> <span class=\"nb-sevtag {sev}\">{label}</span></{heading}><p class=\"nb-rule-summary\">{summary}</p>",
        code = escape(r.code),
        name = escape(r.name),
        label = severity_label(r.severity),
        summary = escape(r.summary()),
    ));
    for para in r.doc().split('\n').filter(|p| !p.trim().is_empty()) {
        out.push(&format!("<p>{}</p>", escape(para)));
    }
    out.push("</article>");
}

/// The rules page: the whole catalogue, from the registry.
pub fn rules_page() -> String {
    let mut out = Out(String::with_capacity(32 * 1024));
    out.push("<h2 id=\"h-rules\" tabindex=\"-1\">规则说明</h2><p class=\"nb-hint\">每条检查都有固定的代码。<b>错误</b>：报告不符合格式或自身的勾稽关系，必须修改；<b>警告</b>：可能有误或不规范，需要人工核对；<b>提示</b>：建议。缺少数据而无法进行的检查会由 P003 说明，不会被悄悄跳过。</p>");
    out.push("<nav class=\"nb-rule-index\" aria-label=\"规则分类\"><ul>");
    for (letter, name) in FAMILIES {
        out.push(&format!(
            "<li><a href=\"#family-{letter}\" data-goto=\"family-{letter}\">{letter} {name}</a></li>"
        ));
    }
    out.push("</ul></nav>");
    for (letter, name) in FAMILIES {
        out.push(&format!(
            "<section class=\"nb-family\" aria-labelledby=\"family-{letter}\"><h3 id=\"family-{letter}\" tabindex=\"-1\">{letter} · {name}</h3>"
        ));
        for r in RULES.iter().filter(|r| r.code.starts_with(letter)) {
            rule_article(&mut out, r, "h4");
        }
        out.push("</section>");
    }
    out.0
}

/// The overview table of several results (src/render/overview.rs). Interactive (the page): each
/// file is a button that opens its results; otherwise a link to its section of the same document.
pub fn overview(results: &[Json], interactive: bool) -> String {
    let rows: Vec<_> = results.iter().map(super::overview::row).collect();
    super::overview::html(
        &rows,
        &super::overview::TableOptions {
            interactive,
            ..Default::default()
        },
    )
}

/// Where each diagnostic of a result is, in the problem list's words (「第 40 行 · 表三……」),
/// indexed like `diagnostics`.
pub(crate) fn places(result: &Json) -> Vec<String> {
    let view = model::View::new(result);
    let mut out = vec![String::new(); view.diags.len()];
    for d in &view.diags {
        if let Some(slot) = out.get_mut(d.idx) {
            *slot = problems::where_text(d);
        }
    }
    out
}

/// A whole HTML document for one or more results: what `nianbao check --format html` writes and
/// the page exports. No script; the styles are inline; links between problems and cells work.
pub fn standalone(results: &[Json]) -> String {
    standalone_stamped(results, None)
}

/// [`standalone`] with the time of the check, shown under the title (the page's export).
pub fn standalone_stamped(results: &[Json], checked_at: Option<&str>) -> String {
    let title = match results {
        [one] => format!(
            "年报校验结果：{}",
            one.get("file").and_then(Json::as_str).unwrap_or("")
        ),
        _ => format!("年报校验结果（{} 份报告）", results.len()),
    };
    let mut out = Out(String::with_capacity(64 * 1024));
    out.push(&format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><meta name=\"generator\" content=\"nianbao {}\">\
<title>{}</title><style>{}</style></head><body class=\"nb-standalone\">",
        crate::VERSION,
        escape(&title),
        crate::assets::report_css()
    ));
    // The time given by the page, else the time each result carries.
    let checked = checked_at
        .map(str::to_owned)
        .or_else(|| {
            results
                .iter()
                .find_map(|r| r.get("checked_at").and_then(Json::as_str))
                .map(crate::clock::display)
        })
        .map(|t| format!("，检查时间 {}", escape(&t)))
        .unwrap_or_default();
    out.push(&format!(
        "<header class=\"nb-report-head\"><h1>{}</h1><p>由 nianbao {}（年报校验）生成{checked}。检查全部在本机完成，报告内容没有上传。</p></header><main>",
        escape(&title),
        crate::VERSION,
    ));
    if results.len() > 1 {
        out.push(&overview(results, false));
    }
    let mut codes: Vec<String> = Vec::new();
    for (i, r) in results.iter().enumerate() {
        let prefix = if results.len() > 1 {
            format!("r{i}-")
        } else {
            String::new()
        };
        out.push(&fragment(
            r,
            &Options {
                prefix: &prefix,
                interactive: false,
                window: None,
            },
        ));
        for d in r
            .get("diagnostics")
            .and_then(Json::as_array)
            .into_iter()
            .flatten()
        {
            if let Some(c) = d.get("code").and_then(Json::as_str) {
                if !codes.iter().any(|x| x == c) {
                    codes.push(c.to_owned());
                }
            }
        }
    }
    let used: Vec<_> = RULES
        .iter()
        .filter(|r| codes.iter().any(|c| c == r.code))
        .collect();
    if !used.is_empty() {
        out.push("<section class=\"nb-rules-used\"><h2>涉及的规则</h2>");
        for r in used {
            rule_article(&mut out, r, "h3");
        }
        out.push("</section>");
    }
    out.push("</main></body></html>\n");
    out.0
}

#[cfg(test)]
mod tests;
