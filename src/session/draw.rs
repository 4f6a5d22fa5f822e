//! The results panel's HTML: a report in detail (with the check time), or the batch overview.

use super::*;
use crate::render::{html, overview};

impl Session {
    pub(super) fn stamp(e: &Entry) -> String {
        format!("检查时间 {} · nianbao {}", e.checked_at, crate::VERSION)
    }

    pub(super) fn redraw(&mut self) {
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
                &html::Options {
                    prefix: "",
                    interactive: true,
                },
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
