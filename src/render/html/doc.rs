//! The document text as read, with line numbers; lines that diagnostics point at are marked and
//! followed by their messages. Tabs (cell boundaries) get a visible mark that is not copied.

use super::model::{Look, View};
use super::{escape, Options, Out};

pub fn render(out: &mut Out, view: &View, opts: &Options) {
    let Some(text) = view.text else { return };
    let p = opts.prefix;
    let lines: Vec<&str> = text.split('\n').collect();
    out.push(&format!(
        "<section class=\"nb-doc-box\" aria-labelledby=\"{p}h-doc\"><h2 id=\"{p}h-doc\">报告全文（共 {} 行）</h2>",
        lines.len()
    ));
    out.push(
        "<p class=\"nb-hint\">行号与问题清单中的位置一致；有问题的行已标出，问题写在该行下方。</p>",
    );
    out.push("<ol class=\"nb-doc\">");
    let mut pages = view.pages.iter().peekable();
    for (i, line) in lines.iter().enumerate() {
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
    out.push("</ol></section>");
}
