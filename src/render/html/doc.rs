//! The document text as read, with line numbers; lines that diagnostics point at are marked and
//! followed by their messages. Tabs (cell boundaries) get a visible mark that is not copied.

use super::model::{Look, View};
use super::{escape, Options, Out, DOC_CHUNK};

pub fn render(out: &mut Out, view: &View, opts: &Options) {
    let Some(text) = view.text else { return };
    let p = opts.prefix;
    // The lines are counted, not listed: a pasted 10 MB text has 200 000 of them, and the page
    // draws them a chunk at a time.
    let n = view.lines_up_to(usize::MAX);
    out.push(&format!(
        "<section class=\"nb-doc-box\" aria-labelledby=\"{p}h-doc\"><h2 id=\"{p}h-doc\">报告全文（共 {n} 行）</h2>"
    ));
    out.push(
        "<p class=\"nb-hint\">行号与问题清单中的位置一致；有问题的行已标出，问题写在该行下方。</p>",
    );
    out.push("<ol class=\"nb-doc\">");
    match opts.window {
        None => draw_lines(out, view, opts, text, 0..n),
        Some(w) => {
            // Each chunk drawn or as a placeholder.
            for k in 0..n.div_ceil(DOC_CHUNK) {
                if with_result(k, n) || w.chunks.contains(&k) {
                    draw_lines(out, view, opts, text, chunk_range(k, n));
                } else {
                    placeholder(out, p, k, n);
                }
            }
        }
    }
    out.push("</ol></section>");
}

/// Whether chunk `k` of a text of `n` lines is drawn with the result. Only a text of one chunk
/// is: a longer one starts as placeholders, and the page draws its first chunk in a task after
/// the results (the text's section is below the problems and the tables, off screen), so that
/// the frame which draws a big paste's results does not also build and parse its first lines.
fn with_result(k: usize, n: usize) -> bool {
    k == 0 && n <= DOC_CHUNK
}

/// Lines `k * DOC_CHUNK + 1 ..` (1-based) as list items, for the page to put in place of the
/// chunk's placeholder; empty when there is no such chunk or it was drawn with the result.
pub fn chunk(out: &mut Out, view: &View, opts: &Options, k: usize) {
    let Some(text) = view.text else { return };
    // (Counted only past this chunk: enough to know where it ends and whether it is the only one.)
    let n = view.lines_up_to((k + 1) * DOC_CHUNK + 1);
    if k * DOC_CHUNK < n && !with_result(k, n) {
        draw_lines(out, view, opts, text, chunk_range(k, n));
    }
}

fn chunk_range(k: usize, n: usize) -> std::ops::Range<usize> {
    k * DOC_CHUNK..((k + 1) * DOC_CHUNK).min(n)
}

/// A chunk not drawn yet: a button that draws it (the page also draws it when it scrolls into
/// view or when a problem jumps into it).
fn placeholder(out: &mut Out, p: &str, k: usize, n: usize) {
    let r = chunk_range(k, n);
    out.push(&format!(
        "<li id=\"{p}Lc{k}\" class=\"nb-chunk\"><button type=\"button\" class=\"nb-btn\" data-chunk=\"{k}\">显示第 {} – {} 行</button></li>",
        r.start + 1,
        r.end
    ));
}

/// Lines `range` (0-based) of `text`, with the page separators of a PDF.
fn draw_lines(
    out: &mut Out,
    view: &View,
    opts: &Options,
    text: &str,
    range: std::ops::Range<usize>,
) {
    let p = opts.prefix;
    let mut pages = view
        .pages
        .iter()
        .skip_while(|&&(first, _)| first <= range.start as u64)
        .peekable();
    for (i, line) in text
        .split('\n')
        .enumerate()
        .take(range.end)
        .skip(range.start)
    {
        let n = i + 1;
        // A PDF's page boundaries, as a separator before the page's first line.
        while let Some(&&(first, page)) = pages.peek() {
            if first > n as u64 {
                break;
            }
            pages.next();
            out.push(&format!(
                "<li class=\"nb-page\" role=\"presentation\">第 {page} 页</li>"
            ));
        }
        let id = format!("L{n}");
        let line = line.strip_suffix('\r').unwrap_or(line);
        let marks = view.marks_of(&id);
        let active = marks.iter().filter(|d| d.dismissed.is_none());
        let class = match active.map(|d| d.severity).min() {
            Some(s) => format!(" nb-mark {}", s.class()),
            None if !marks.is_empty() => " nb-mark nb-dismissed".to_owned(),
            None => String::new(),
        };
        // Marked lines can take focus when a problem jumps to them.
        let focus = if marks.is_empty() {
            ""
        } else {
            " tabindex=\"-1\""
        };
        out.push(&format!(
            "<li id=\"{p}{id}\" class=\"nb-line{class}\"{focus}><span class=\"nb-ln\" aria-hidden=\"true\">{n}</span><span class=\"nb-tx\">{}</span>",
            escape(line).replace('\t', "<span class=\"nb-tab\">\t</span>")
        ));
        if !marks.is_empty() {
            out.push("<ul class=\"nb-ann\">");
            for d in marks {
                let (class, icon) = d.mark();
                out.push(&format!(
                    "<li class=\"{class}\"><span class=\"nb-ico\" aria-hidden=\"true\">{icon}</span> <a href=\"#{p}p{}\" class=\"nb-back\">{} {}</a> {}</li>",
                    d.idx,
                    d.severity.label(),
                    escape(d.code),
                    escape(d.message)
                ));
            }
            out.push("</ul>");
        }
        out.push("</li>");
    }
}
