//! 「复制摘要」: a short plain-text summary of one report's problems, for an e-mail or a chat
//! message. Agency, year, counts, then one line per problem (not dismissed) with its place and
//! what it should be. Drawn from a `check()` result object (output.md).

use super::html;
use serde_json::Value as Json;

/// The summary text. `stamp` (check time and version) is added as the last line when given.
pub fn text(result: &Json, stamp: Option<&str>) -> String {
    let s = |v: Option<&Json>| v.and_then(Json::as_str).map(str::to_owned);
    let agency = s(result.pointer("/report/agency")).unwrap_or_else(|| "（未识别机关）".into());
    let year = result
        .pointer("/report/year")
        .and_then(Json::as_i64)
        .map_or_else(|| "（未识别年度）".to_owned(), |y| format!("{y} 年度"));
    let file = s(result.get("file")).unwrap_or_default();
    let diags: Vec<(usize, &Json)> = result
        .get("diagnostics")
        .and_then(Json::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .enumerate()
        .filter(|(_, d)| d.get("dismissed").is_none_or(Json::is_null))
        .collect();
    let count = |sev: &str| {
        diags
            .iter()
            .filter(|(_, d)| d.get("severity").and_then(Json::as_str) == Some(sev))
            .count()
    };
    let dismissed = result
        .get("diagnostics")
        .and_then(Json::as_array)
        .map_or(0, |a| a.len())
        - diags.len();
    let mut out = format!("年报校验：{agency} {year}政府信息公开工作年度报告（文件「{file}」）\n");
    out.push_str(&format!(
        "{} 个错误，{} 个警告，{} 个提示",
        count("error"),
        count("warning"),
        count("info")
    ));
    if dismissed > 0 {
        out.push_str(&format!("（另有 {dismissed} 项已忽略）"));
    }
    out.push('\n');
    let places = html::places(result);
    let mut n = 0;
    for sev in ["error", "warning", "info"] {
        for (i, d) in diags
            .iter()
            .filter(|(_, d)| d.get("severity").and_then(Json::as_str) == Some(sev))
        {
            n += 1;
            let label = match sev {
                "error" => "错误",
                "warning" => "警告",
                _ => "提示",
            };
            let code = s(d.get("code")).unwrap_or_default();
            let message = s(d.get("message")).unwrap_or_default();
            out.push_str(&format!("{n}. 【{label}】{code}"));
            if let Some(p) = places.get(*i).filter(|p| !p.is_empty()) {
                out.push_str(&format!(" {p}"));
            }
            out.push_str(&format!("：{}", message.trim_end_matches('。')));
            match (s(d.get("expected")), s(d.get("actual"))) {
                (Some(e), Some(a)) => out.push_str(&format!("。应为 {e}（现为 {a}）")),
                (Some(e), None) => out.push_str(&format!("。应为 {e}")),
                _ => {}
            }
            out.push('\n');
        }
    }
    if n == 0 {
        out.push_str("没有发现需要处理的问题。\n");
    }
    if let Some(stamp) = stamp {
        out.push_str(stamp);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn one_line_per_problem_with_place_and_fix() {
        let r = json!({
            "file": "甲.txt",
            "report": {"agency": "青山县石桥镇", "year": 2024},
            "diagnostics": [
                {"code": "S003", "severity": "warning", "message": "标题不规范。",
                 "location": {"line": 50, "part": 5}},
                {"code": "T303", "severity": "error", "message": "合计不等。",
                 "location": {"line": 40, "table": "table3", "row": "partial", "col": "total"},
                 "expected": "1", "actual": "2"},
                {"code": "K004", "severity": "info", "message": "已核实", "dismissed": "无误",
                 "location": {}},
            ],
        });
        let t = text(&r, Some("检查时间：2026-12-06 17:45 · nianbao 0.1.0"));
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(
            lines[0],
            "年报校验：青山县石桥镇 2024 年度政府信息公开工作年度报告（文件「甲.txt」）"
        );
        assert_eq!(lines[1], "1 个错误，1 个警告，0 个提示（另有 1 项已忽略）");
        // Errors first, each with its line and what it should be.
        assert!(
            lines[2].starts_with("1. 【错误】T303 第 40 行"),
            "{}",
            lines[2]
        );
        assert!(
            lines[2].ends_with("：合计不等。应为 1（现为 2）"),
            "{}",
            lines[2]
        );
        assert!(
            lines[3].starts_with("2. 【警告】S003 第 50 行"),
            "{}",
            lines[3]
        );
        assert!(lines[3].ends_with("：标题不规范"), "{}", lines[3]);
        assert_eq!(lines[4], "检查时间：2026-12-06 17:45 · nianbao 0.1.0");
        assert_eq!(lines.len(), 5);
    }

    #[test]
    fn unknown_agency_and_no_problem_are_said_plainly() {
        let r = json!({"file": "x", "report": null, "diagnostics": []});
        let t = text(&r, None);
        assert!(t.starts_with("年报校验：（未识别机关） （未识别年度）"));
        assert!(t.ends_with("没有发现需要处理的问题。\n"));
    }
}
