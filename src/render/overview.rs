//! The overview of many reports: one row per report (file, agency, year, format, counts, main
//! problems). As CSV (`nianbao check --format overview`, the page's 「导出总览 CSV」) and as the
//! HTML table of the page and the standalone report. Drawn from `check()` result objects
//! (output.md), so that a result with the page's dismissals gives the same row as the page shows.

use super::csv::row as csv_row;
use super::html::escape;
use super::{json, Named};
use serde_json::Value as Json;

/// The CSV header (UTF-8 with BOM; Excel and WPS show the Chinese names).
pub const HEADER: [&str; 8] = [
    "文件",
    "机关",
    "年度",
    "格式",
    "错误",
    "警告",
    "提示",
    "主要问题",
];

/// One report in the overview.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub file: String,
    pub agency: Option<String>,
    pub year: Option<i64>,
    /// The format in words (「2021 年版」…, 「无法读取」 when the input could not be read).
    pub format: String,
    pub errors: u64,
    pub warnings: u64,
    pub infos: u64,
    /// Rule codes of the problems not dismissed, errors first, each once with its count.
    pub problems: String,
}

/// The columns the page can sort by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    File,
    Agency,
    Year,
    Format,
    Errors,
    Warnings,
    Infos,
}

impl Column {
    pub const ALL: [Column; 7] = [
        Column::File,
        Column::Agency,
        Column::Year,
        Column::Format,
        Column::Errors,
        Column::Warnings,
        Column::Infos,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Column::File => "file",
            Column::Agency => "agency",
            Column::Year => "year",
            Column::Format => "format",
            Column::Errors => "errors",
            Column::Warnings => "warnings",
            Column::Infos => "infos",
        }
    }

    pub fn parse(s: &str) -> Option<Column> {
        Column::ALL.into_iter().find(|c| c.key() == s)
    }

    fn title(self) -> &'static str {
        HEADER[self as usize]
    }
}

fn format_words(result: &Json) -> String {
    if result.get("input_format").is_none_or(Json::is_null) {
        return "无法读取".into();
    }
    match result
        .pointer("/report/format_version")
        .and_then(Json::as_str)
    {
        Some("2021") => "2021 年版".into(),
        Some("2019") => "2019 年版".into(),
        Some("hybrid") => "新旧格式混用".into(),
        _ => "未识别".into(),
    }
}

/// The codes of the problems that are not dismissed: errors first, then warnings, then infos;
/// each code once, with 「×n」 when it occurs more than once.
fn problem_codes(result: &Json) -> String {
    let ds = result
        .get("diagnostics")
        .and_then(Json::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default();
    let mut out: Vec<String> = Vec::new();
    for sev in ["error", "warning", "info"] {
        let mut codes: Vec<(&str, usize)> = Vec::new();
        for d in ds {
            if d.get("severity").and_then(Json::as_str) != Some(sev)
                || d.get("dismissed").is_some_and(|v| !v.is_null())
            {
                continue;
            }
            let code = d.get("code").and_then(Json::as_str).unwrap_or("?");
            match codes.iter_mut().find(|(c, _)| *c == code) {
                Some((_, n)) => *n += 1,
                None => codes.push((code, 1)),
            }
        }
        out.extend(codes.into_iter().map(|(c, n)| match n {
            1 => c.to_owned(),
            n => format!("{c}×{n}"),
        }));
    }
    out.join("、")
}

/// The overview row of a `check()` result object. Counts leave out dismissed problems.
pub fn row(result: &Json) -> Row {
    let count = |sev: &str| {
        result
            .get("diagnostics")
            .and_then(Json::as_array)
            .map_or(0, |ds| {
                ds.iter()
                    .filter(|d| {
                        d.get("severity").and_then(Json::as_str) == Some(sev)
                            && d.get("dismissed").is_none_or(Json::is_null)
                    })
                    .count() as u64
            })
    };
    Row {
        file: result
            .get("file")
            .and_then(Json::as_str)
            .unwrap_or("")
            .to_owned(),
        agency: result
            .pointer("/report/agency")
            .and_then(Json::as_str)
            .map(str::to_owned),
        year: result.pointer("/report/year").and_then(Json::as_i64),
        format: format_words(result),
        errors: count("error"),
        warnings: count("warning"),
        infos: count("info"),
        problems: problem_codes(result),
    }
}

/// The rows of checked inputs (the command line).
pub fn rows_of(entries: &[Named]) -> Vec<Row> {
    entries.iter().map(|n| row(&json::entry(n))).collect()
}

/// The overview as CSV: UTF-8 with BOM, Chinese headers, one row per report, clean reports too.
pub fn csv(rows: &[Row]) -> String {
    let mut out = String::from("\u{FEFF}");
    out.push_str(&csv_row(&HEADER.map(String::from)));
    for r in rows {
        out.push_str(&csv_row(&[
            r.file.clone(),
            r.agency.clone().unwrap_or_default(),
            r.year.map(|y| y.to_string()).unwrap_or_default(),
            r.format.clone(),
            r.errors.to_string(),
            r.warnings.to_string(),
            r.infos.to_string(),
            r.problems.clone(),
        ]));
    }
    out
}

/// The order in which to show `rows`: sorted by `sort` (column, descending), keeping the input
/// order among equals; with `only_errors`, the reports without errors are left out.
pub fn order(rows: &[Row], sort: Option<(Column, bool)>, only_errors: bool) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..rows.len())
        .filter(|&i| !only_errors || rows[i].errors > 0)
        .collect();
    if let Some((col, desc)) = sort {
        let cmp = |a: usize, b: usize| {
            let (a, b) = (&rows[a], &rows[b]);
            let o = match col {
                Column::File => a.file.cmp(&b.file),
                // Unknown values sort last in ascending order.
                Column::Agency => {
                    (a.agency.is_none(), &a.agency).cmp(&(b.agency.is_none(), &b.agency))
                }
                Column::Year => (a.year.is_none(), a.year).cmp(&(b.year.is_none(), b.year)),
                Column::Format => a.format.cmp(&b.format),
                Column::Errors => a.errors.cmp(&b.errors),
                Column::Warnings => a.warnings.cmp(&b.warnings),
                Column::Infos => a.infos.cmp(&b.infos),
            };
            if desc {
                o.reverse()
            } else {
                o
            }
        };
        // A stable insertion sort: a batch is tens of reports, and the library's generic sort
        // would add kilobytes to the wasm module for this one comparator.
        for i in 1..idx.len() {
            let mut j = i;
            while j > 0 && cmp(idx[j - 1], idx[j]) == std::cmp::Ordering::Greater {
                idx.swap(j - 1, j);
                j -= 1;
            }
        }
    }
    idx
}

/// How to draw the overview table.
#[derive(Clone, Copy, Debug, Default)]
pub struct TableOptions {
    /// The page: file names are buttons (`data-entry`), headers sort (`data-sort`), and the
    /// 「只看有错误的」 filter and the CSV export are shown. Otherwise links to `#r{i}-result`.
    pub interactive: bool,
    pub sort: Option<(Column, bool)>,
    pub only_errors: bool,
}

/// The overview as an HTML section. Every value is escaped.
pub fn html(rows: &[Row], opts: &TableOptions) -> String {
    let failing = rows.iter().filter(|r| r.errors > 0).count();
    let mut out = String::with_capacity(2048 + rows.len() * 500);
    out.push_str(&format!(
        "<section class=\"nb-overview\" aria-labelledby=\"h-overview\"><h2 id=\"h-overview\">总览：{} 份报告，{failing} 份有错误</h2>",
        rows.len()
    ));
    if opts.interactive {
        out.push_str(&format!(
            "<div class=\"nb-overview-tools\"><label><input type=\"checkbox\" data-only-errors=\"\"{}> 只看有错误的</label> <button type=\"button\" class=\"nb-btn\" data-export-overview=\"\">导出总览 CSV</button></div>",
            if opts.only_errors { " checked" } else { "" }
        ));
    }
    out.push_str("<div class=\"nb-scroll\"><table class=\"nb-t nb-overview-table\"><thead><tr>");
    for (i, title) in HEADER.iter().enumerate() {
        let col = Column::ALL.get(i).copied();
        let sorted = col.and_then(|c| opts.sort.filter(|(s, _)| *s == c));
        let aria = match sorted {
            Some((_, true)) => " aria-sort=\"descending\"",
            Some((_, false)) => " aria-sort=\"ascending\"",
            None => "",
        };
        match col.filter(|_| opts.interactive) {
            Some(c) => {
                let arrow = match sorted {
                    Some((_, true)) => "▼",
                    Some((_, false)) => "▲",
                    None => "↕",
                };
                out.push_str(&format!(
                    "<th scope=\"col\"{aria}><button type=\"button\" class=\"nb-sort\" data-sort=\"{}\">{}<span aria-hidden=\"true\"> {arrow}</span></button></th>",
                    c.key(),
                    c.title()
                ));
            }
            None => out.push_str(&format!("<th scope=\"col\"{aria}>{title}</th>")),
        }
    }
    out.push_str("</tr></thead><tbody>");
    let shown = order(rows, opts.sort, opts.only_errors);
    for &i in &shown {
        let r = &rows[i];
        let file = escape(&r.file);
        let link = if opts.interactive {
            format!(
                "<button type=\"button\" class=\"nb-linkish\" data-entry=\"{i}\">{file}</button>"
            )
        } else {
            format!("<a href=\"#r{i}-result\">{file}</a>")
        };
        let errors = if r.errors > 0 {
            format!(
                "<td class=\"nb-cell nb-mark nb-error\" data-label=\"错误\"><span aria-hidden=\"true\">✖</span> {}</td>",
                r.errors
            )
        } else {
            "<td class=\"nb-cell nb-ok\" data-label=\"错误\"><span aria-hidden=\"true\">✓</span> 0</td>".to_owned()
        };
        out.push_str(&format!(
            "<tr><th scope=\"row\" class=\"nb-label\" data-label=\"文件\">{link}</th><td data-label=\"机关\">{}</td><td class=\"nb-cell\" data-label=\"年度\">{}</td><td data-label=\"格式\">{}</td>{errors}<td class=\"nb-cell\" data-label=\"警告\">{}</td><td class=\"nb-cell\" data-label=\"提示\">{}</td><td class=\"nb-codes\" data-label=\"主要问题\">{}</td></tr>",
            escape(r.agency.as_deref().unwrap_or("—")),
            r.year.map_or("—".to_owned(), |y| y.to_string()),
            escape(&r.format),
            r.warnings,
            r.infos,
            if r.problems.is_empty() { "—".to_owned() } else { escape(&r.problems) },
        ));
    }
    if shown.is_empty() {
        out.push_str("<tr><td colspan=\"8\">没有有错误的报告。</td></tr>");
    }
    out.push_str("</tbody></table></div></section>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn result(file: &str, agency: Option<&str>, year: Option<i64>, sevs: &[(&str, &str)]) -> Json {
        json!({
            "file": file,
            "input_format": "text",
            "report": {"agency": agency, "year": year, "format_version": "2021"},
            "diagnostics": sevs.iter().map(|(c, s)| json!({"code": c, "severity": s})).collect::<Vec<_>>(),
        })
    }

    #[test]
    fn a_row_counts_and_lists_codes_errors_first() {
        let r = row(&result(
            "甲.txt",
            Some("青山县石桥镇"),
            Some(2024),
            &[
                ("S003", "warning"),
                ("T303", "error"),
                ("T303", "error"),
                ("K004", "info"),
            ],
        ));
        assert_eq!(
            r,
            Row {
                file: "甲.txt".into(),
                agency: Some("青山县石桥镇".into()),
                year: Some(2024),
                format: "2021 年版".into(),
                errors: 2,
                warnings: 1,
                infos: 1,
                problems: "T303×2、S003、K004".into(),
            }
        );
    }

    #[test]
    fn dismissed_problems_are_not_counted() {
        let mut v = result("a", None, None, &[("T303", "error"), ("S003", "warning")]);
        v["diagnostics"][0]["dismissed"] = json!("已核实");
        let r = row(&v);
        assert_eq!((r.errors, r.warnings, r.problems.as_str()), (0, 1, "S003"));
    }

    #[test]
    fn an_unreadable_input_says_so() {
        let v = json!({"file": "x.pdf", "input_format": null, "report": null,
            "diagnostics": [{"code": "P004", "severity": "error"}]});
        let r = row(&v);
        assert_eq!(
            (r.format.as_str(), r.agency.clone(), r.errors),
            ("无法读取", None, 1)
        );
    }

    #[test]
    fn csv_has_bom_chinese_headers_and_clean_reports() {
        let rows = [
            row(&result(
                "甲,1.txt",
                Some("甲镇"),
                Some(2024),
                &[("T303", "error")],
            )),
            row(&result("乙.txt", Some("乙镇"), Some(2023), &[])),
        ];
        let s = csv(&rows);
        assert_eq!(
            s,
            "\u{FEFF}文件,机关,年度,格式,错误,警告,提示,主要问题\r\n\
             \"甲,1.txt\",甲镇,2024,2021 年版,1,0,0,T303\r\n\
             乙.txt,乙镇,2023,2021 年版,0,0,0,\r\n"
        );
    }

    #[test]
    fn order_sorts_stably_and_filters() {
        let rows = [
            row(&result("c", Some("丙"), Some(2024), &[("T303", "error")])),
            row(&result("a", None, Some(2022), &[])),
            row(&result(
                "b",
                Some("乙"),
                None,
                &[("T303", "error"), ("T302", "error")],
            )),
        ];
        assert_eq!(order(&rows, None, false), [0, 1, 2]);
        assert_eq!(order(&rows, Some((Column::File, false)), false), [1, 2, 0]);
        assert_eq!(order(&rows, Some((Column::Errors, true)), false), [2, 0, 1]);
        // Unknown years sort last going up.
        assert_eq!(order(&rows, Some((Column::Year, false)), false), [1, 0, 2]);
        assert_eq!(order(&rows, Some((Column::Errors, false)), true), [0, 2]);
    }

    #[test]
    fn html_escapes_and_marks_the_sorted_column() {
        let rows = [row(&result("<b>.txt", Some("甲&乙"), Some(2024), &[]))];
        let h = html(
            &rows,
            &TableOptions {
                interactive: true,
                sort: Some((Column::Year, true)),
                only_errors: false,
            },
        );
        assert!(h.contains("&lt;b&gt;.txt"));
        assert!(h.contains("甲&amp;乙"));
        assert!(h.contains("<th scope=\"col\" aria-sort=\"descending\"><button type=\"button\" class=\"nb-sort\" data-sort=\"year\">"));
        assert!(h.contains("<th scope=\"col\">主要问题</th>"));
        let only = html(
            &rows,
            &TableOptions {
                interactive: true,
                sort: None,
                only_errors: true,
            },
        );
        assert!(only.contains("没有有错误的报告"));
        assert!(!only.contains("data-entry"));
    }
}
