//! Exports as bytes (JSON, CSV, standalone HTML, the overview CSV) and the plain-text summary.

use super::*;
use crate::render::{csv, html, json, overview, summary, Named};
use serde_json::json as j;

impl Session {
    /// The file name for exports of what is shown, with the check time.
    pub(super) fn base_name(entries: &[&Entry]) -> String {
        match entries {
            [one] => base_name(&one.name),
            _ => format!("年报校验结果（{} 份）", entries.len()),
        }
    }

    /// An export of what is shown (the report in detail, or the whole batch), with the
    /// dismissals, the check time and the version.
    pub fn export(&self, kind: Export) -> Option<Download> {
        let entries = self.shown();
        if entries.is_empty() {
            return None;
        }
        let at = entries
            .iter()
            .map(|e| e.checked_at.as_str())
            .max()
            .unwrap_or_default();
        let stamp = format!("（{} 检查，nianbao {}）", file_time(at), crate::VERSION);
        let base = Self::base_name(&entries);
        // JSON and CSV are written from what the engine returned (checked again here for a
        // report checked in the worker).
        let outcomes: Vec<Rc<Outcome>> = match kind {
            Export::Json | Export::Csv => entries.iter().map(|e| self.outcome_of(e)).collect(),
            Export::Html | Export::Overview => Vec::new(),
        };
        let named: Vec<Named> = entries
            .iter()
            .zip(&outcomes)
            .map(|(e, o)| Named {
                file: &e.name,
                outcome: o,
            })
            .collect();
        let with: Vec<Json> = entries
            .iter()
            .map(|e| self.with_dismissals(&e.result).into_owned())
            .collect();
        Some(match kind {
            Export::Json => {
                let mut doc = json::document(&named);
                doc["checked_at"] = j!(at);
                // The page's dismissals travel with the diagnostics.
                if let Some(reports) = doc["reports"].as_array_mut() {
                    for (k, rep) in reports.iter_mut().enumerate() {
                        if let Some(ds) = rep["diagnostics"].as_array_mut() {
                            for (i, d) in ds.iter_mut().enumerate() {
                                if let Some(why) = with[k]["diagnostics"][i]["dismissed"].as_str() {
                                    d["dismissed"] = j!(why);
                                }
                            }
                        }
                    }
                }
                let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
                s.push('\n');
                Download {
                    name: format!("{base}{stamp}.json"),
                    mime: "application/json",
                    data: s,
                }
            }
            Export::Csv => {
                let reason = |file: &str, i: usize| -> Option<String> {
                    let k = entries.iter().position(|e| e.name == file)?;
                    with[k]["diagnostics"][i]["dismissed"]
                        .as_str()
                        .map(str::to_owned)
                };
                Download {
                    name: format!("{base}{stamp}.csv"),
                    mime: "text/csv;charset=utf-8",
                    data: csv::render(&named, &reason),
                }
            }
            Export::Html => Download {
                name: format!("{base}{stamp}.html"),
                mime: "text/html;charset=utf-8",
                data: html::standalone_stamped(&with, Some(at)),
            },
            Export::Overview => {
                let rows: Vec<overview::Row> = with.iter().map(overview::row).collect();
                Download {
                    name: format!("年报校验总览（{} 份）{stamp}.csv", rows.len()),
                    mime: "text/csv;charset=utf-8",
                    data: overview::csv(&rows),
                }
            }
        })
    }

    /// 「复制摘要」: the plain-text summary of what is shown.
    pub fn summary(&self) -> Option<String> {
        let entries = self.shown();
        if entries.is_empty() {
            return None;
        }
        Some(
            entries
                .iter()
                .map(|e| summary::text(&self.with_dismissals(&e.result), Some(&Self::stamp(e))))
                .collect::<Vec<_>>()
                .join("\n"),
        )
    }
}

/// 「2026-12-06 17:45:03」 → 「2026-12-06 1745」 (no colon: file names on Windows).
fn file_time(at: &str) -> String {
    let t: String = at.chars().take(16).filter(|&c| c != ':').collect();
    t
}

/// A file name for exports: the report's name without its extension and characters that file
/// systems refuse.
pub fn base_name(name: &str) -> String {
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    let stem: String = stem
        .chars()
        .filter(|c| !matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|'))
        .collect();
    if stem.trim().is_empty() {
        "年报校验结果".into()
    } else {
        stem
    }
}
