//! Dismissals: a person's decision that a problem is not one, with the reason. A dismissal
//! belongs to one report — the file, its agency and year — and one diagnostic — its code, place
//! and values — so it never carries to another file (issue 10 item 5).

use serde_json::Value as Json;
use std::borrow::Cow;
use std::collections::BTreeMap;

pub use crate::diagnostic::{can_dismiss, UNDISMISSABLE};

/// The identity of diagnostic `d` of `result` (a `check()` result object). The line is part of
/// it only for problems that are not in a table cell (a cell keeps its identity when lines move).
pub fn key(result: &Json, d: &Json) -> String {
    let r = &result["report"];
    let l = &d["location"];
    let s = |v: &Json| match v {
        Json::Null => String::new(),
        Json::String(s) => s.clone(),
        other => crate::jsonvalue::text(other),
    };
    let line = if l["table"].is_null() {
        s(&l["line"])
    } else {
        String::new()
    };
    [
        s(&result["file"]),
        s(&r["agency"]),
        s(&r["year"]),
        s(&d["code"]),
        s(&l["part"]),
        s(&l["table"]),
        s(&l["row"]),
        s(&l["col"]),
        line,
        s(&d["expected"]),
        s(&d["actual"]),
    ]
    .join("|")
}

/// The result with `dismissed` set on the diagnostics a reason was given for; the result itself
/// when there is none (it holds the whole text: a copy costs ~3 ms per 10 MB at every drawing).
pub fn apply<'a>(map: &BTreeMap<String, String>, result: &'a Json) -> Cow<'a, Json> {
    let ds = result["diagnostics"]
        .as_array()
        .map_or(&[][..], Vec::as_slice);
    let reasons: Vec<Option<&String>> = ds
        .iter()
        .map(|d| {
            let code = d["code"].as_str().unwrap_or("");
            map.get(&key(result, d)).filter(|_| can_dismiss(code))
        })
        .collect();
    if reasons.iter().all(Option::is_none) {
        return Cow::Borrowed(result);
    }
    let mut r = result.clone();
    if let Some(ds) = r["diagnostics"].as_array_mut() {
        for (d, reason) in ds.iter_mut().zip(reasons) {
            if let Some(reason) = reason {
                d["dismissed"] = Json::String(reason.clone());
            }
        }
    }
    Cow::Owned(r)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn result(file: &str, line: u32) -> Json {
        json!({"file": file, "report": {"agency": "甲镇", "year": 2024}, "diagnostics": [
            {"code": "T303", "location": {"line": line, "table": "table3", "row": "partial", "col": "total"},
             "expected": "1", "actual": "2"},
            {"code": "S003", "location": {"line": line, "part": 5}},
        ]})
    }

    #[test]
    fn a_cell_keeps_its_key_when_lines_move_a_text_problem_does_not() {
        let (a, b) = (result("a.txt", 40), result("a.txt", 41));
        assert_eq!(key(&a, &a["diagnostics"][0]), key(&b, &b["diagnostics"][0]));
        assert_ne!(key(&a, &a["diagnostics"][1]), key(&b, &b["diagnostics"][1]));
    }

    #[test]
    fn never_carried_to_another_file_or_value() {
        let a = result("a.txt", 40);
        let mut map = BTreeMap::new();
        map.insert(key(&a, &a["diagnostics"][0]), "核实无误".to_owned());
        assert_eq!(apply(&map, &a)["diagnostics"][0]["dismissed"], "核实无误");
        let other_file = result("b.txt", 40);
        assert!(apply(&map, &other_file)["diagnostics"][0]
            .get("dismissed")
            .is_none());
        let mut other_value = a.clone();
        other_value["diagnostics"][0]["actual"] = json!("3");
        assert!(apply(&map, &other_value)["diagnostics"][0]
            .get("dismissed")
            .is_none());
    }

    #[test]
    fn unreadable_input_cannot_be_dismissed() {
        assert!(!can_dismiss("P001") && !can_dismiss("P004") && can_dismiss("P003"));
        let r = json!({"file": "x.pdf", "report": null, "diagnostics": [{"code": "P004", "location": {}}]});
        let mut map = BTreeMap::new();
        map.insert(key(&r, &r["diagnostics"][0]), "x".to_owned());
        assert!(apply(&map, &r)["diagnostics"][0].get("dismissed").is_none());
    }
}
