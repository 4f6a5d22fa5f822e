//! Human-readable text for the terminal: a summary line per file, then each diagnostic with its
//! place, the line of the document it points at, and the expected and actual values.

use super::Named;
use crate::diagnostic::{Severity, Summary};

fn paint(s: &str, code: &str, color: bool) -> String {
    if color {
        format!("\x1b[{code}m{s}\x1b[0m")
    } else {
        s.to_owned()
    }
}

fn severity_colour(s: Severity) -> &'static str {
    match s {
        Severity::Error => "1;31",
        Severity::Warning => "1;33",
        Severity::Info => "1;36",
    }
}

/// Renders one checked input.
pub fn render(n: &Named, color: bool) -> String {
    let o = n.outcome;
    let s = Summary::of(&o.diagnostics);
    let mut out = String::new();
    let about = o.report.as_ref().map(|r| {
        let mut bits = Vec::new();
        if let Some(a) = &r.agency {
            bits.push(a.clone());
        }
        if let Some((y, _)) = r.year {
            bits.push(format!("{y} 年"));
        }
        bits.push(r.format_version.label().to_owned());
        bits.join("，")
    });
    let headline = format!(
        "{}：{} 个错误，{} 个警告，{} 个提示",
        n.file, s.errors, s.warnings, s.infos
    );
    out.push_str(&paint(&headline, "1", color));
    if let Some(a) = about {
        out.push_str(&format!("（{a}）"));
    }
    out.push('\n');
    let lines: Vec<&str> = o
        .document
        .as_ref()
        .map(|d| d.text.lines().collect())
        .unwrap_or_default();
    for d in &o.diagnostics {
        let place = match (d.location.line, d.location.column) {
            (Some(l), Some(c)) => format!("{}:{l}:{c}", n.file),
            (Some(l), None) => format!("{}:{l}", n.file),
            _ => n.file.to_owned(),
        };
        let tag = paint(
            &format!("{}[{}]", d.severity.label(), d.code),
            severity_colour(d.severity),
            color,
        );
        out.push_str(&format!("{place}: {tag} {}\n", d.message));
        if let Some(text) = d.location.line.and_then(|l| lines.get(l as usize - 1)) {
            let shown: String = text.replace('\t', " → ").chars().take(80).collect();
            out.push_str(&paint(
                &format!("  {:>5} │ {shown}\n", d.location.line.unwrap_or(0)),
                "2",
                color,
            ));
        }
        if let Some(m) = &d.missing {
            out.push_str(&format!("        未提到：{}\n", m.join("、")));
        }
        if let Some(e) = &d.expected {
            out.push_str(&format!("        应为：{e}\n"));
        }
        if let Some(a) = &d.actual {
            out.push_str(&format!("        实际：{a}\n"));
        }
    }
    out
}
