//! The results panel's HTML: a report in detail (with the check time), or the batch overview.

use super::*;
use crate::render::{html, overview};

impl Session {
    pub(super) fn stamp(e: &Entry) -> String {
        format!("检查时间 {} · nianbao {}", e.checked_at, crate::VERSION)
    }

    pub(super) fn redraw(&mut self) {
        // Another result: drawn from its start again.
        let shown = self.current().map(|e| e.result.clone());
        if !matches!((&shown, &self.drawing.of), (Some(a), Some(b)) if Rc::ptr_eq(a, b)) {
            self.drawing = Drawing {
                of: shown,
                ..Drawing::default()
            };
        }
        let batch_back = |n: usize| {
            format!(
                "<p class=\"nb-batch-back\"><button type=\"button\" class=\"nb-btn\" data-batch=\"\">← 返回全部 {n} 份报告的总览</button></p>"
            )
        };
        let detail = |e: &Entry| {
            let mut out = String::new();
            if !self.batch.is_empty() {
                out.push_str(&batch_back(self.batch.len()));
            }
            out.push_str(&format!(
                "<p class=\"nb-stamp\">{}",
                html::escape(&Self::stamp(e))
            ));
            if let Some(p) = &e.compared_with {
                out.push_str(&format!(" · 已与上一年度报告「{}」对照", html::escape(p)));
            }
            out.push_str("</p>");
            out.push_str(&html::fragment(
                &self.with_dismissals(&e.result),
                &self.drawing.options(),
            ));
            out
        };
        self.html = match self.current() {
            Some(e) => detail(e),
            None if self.showing_batch() => {
                let rows: Vec<overview::Row> = self
                    .batch
                    .iter()
                    .map(|e| overview::row(&self.with_dismissals(&e.result)))
                    .collect();
                overview::html(
                    &rows,
                    &overview::TableOptions {
                        interactive: true,
                        sort: self.sort,
                        only_errors: self.only_errors,
                    },
                )
            }
            None => EMPTY_STATE.into(),
        };
        self.html_rev += 1;
    }
}

/// How much of a long result the page has drawn (the rest waits for 「显示」, a scroll or a
/// jump): kept so that drawing again (after a dismissal) shows as much as before.
#[derive(Default)]
pub(super) struct Drawing {
    /// The result it is about.
    of: Option<Rc<Json>>,
    chunks: Vec<usize>,
    all_problems: bool,
}

impl Drawing {
    fn options(&self) -> html::Options<'_> {
        html::Options {
            prefix: "",
            interactive: true,
            window: Some(html::Window {
                chunks: &self.chunks,
                all_problems: self.all_problems,
            }),
        }
    }
}

impl Session {
    /// Chunk `k` of the shown report's text ([`html::doc_chunk`]), now counted as drawn; None
    /// when nothing is shown in detail, there is no such chunk, or it was drawn already (with
    /// the result, for a text of one chunk).
    pub fn draw_chunk(&mut self, k: usize) -> Option<String> {
        let result = self.current()?.result.clone();
        if self.drawing.chunks.contains(&k) {
            return None;
        }
        let with = self.with_dismissals(&result);
        let html = html::doc_chunk(&with, &self.drawing.options(), k);
        if html.is_empty() {
            return None;
        }
        self.drawing.chunks.push(k);
        Some(html)
    }

    /// The whole problems list of the shown report, now counted as drawn.
    pub fn draw_all_problems(&mut self) -> Option<String> {
        let result = self.current()?.result.clone();
        if self.drawing.all_problems {
            return None;
        }
        let with = self.with_dismissals(&result);
        self.drawing.all_problems = true;
        Some(html::problems(&with, &self.drawing.options()))
    }
}
