//! The real published reports of ../shared/corpus/real/text: every part and table found, every
//! cell of tables 三 and 四 read as the published document states it (checked by hand against the
//! original PDFs in ../shared/corpus/real/pdf where there is one), and exactly the findings that are
//! true of each document. Skipped when the corpus is absent.

use nianbao::render::json;
use serde_json::{json, Value};
use std::path::PathBuf;

fn corpus(name: &str) -> Option<Vec<u8>> {
    real("text", name)
}

/// A file of ../shared/corpus/real/DIR (None, said on stderr, when absent).
fn real(dir: &str, name: &str) -> Option<Vec<u8>> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus/real")
        .join(dir)
        .join(name);
    match std::fs::read(&path) {
        Ok(b) => Some(b),
        Err(_) => {
            eprintln!("skipped: {} is absent", path.display());
            None
        }
    }
}

struct Checked {
    report: Value,
    codes: Vec<&'static str>,
    outcome: nianbao::Outcome,
}

fn check(name: &str) -> Option<Checked> {
    let bytes = corpus(name)?;
    let outcome = nianbao::check(&bytes, &nianbao::Options::default());
    let report = json::report(outcome.report.as_ref().expect("recognised"));
    let mut codes: Vec<&'static str> = outcome.diagnostics.iter().map(|d| d.code).collect();
    codes.sort();
    Some(Checked {
        report,
        codes,
        outcome,
    })
}

/// A table 三 where only the 自然人 column is non-zero, given as (row, value).
fn natural_only(rows: &[(&str, i64)]) -> Value {
    let mut m = serde_json::Map::new();
    for (k, v) in rows {
        m.insert(k.to_string(), json!([v, 0, 0, 0, 0, 0, v]));
    }
    Value::Object(m)
}

fn part_numbers(r: &Value) -> Vec<u64> {
    r["parts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["number"].as_u64().unwrap())
        .collect()
}

#[test]
#[cfg_attr(corpus_absent, ignore = "../shared/corpus is absent")]
fn hongze_2023() {
    let Some(c) = check("hongze-2023.pdf.txt") else {
        return;
    };
    assert_eq!(part_numbers(&c.report), [1, 2, 3, 4, 5, 6]);
    assert_eq!(c.report["year"], 2023);
    assert_eq!(
        c.report["format_version"], "hybrid",
        "table 三 has the 2019 single （六） row"
    );
    assert_eq!(
        c.report["table2"],
        json!({"regulations": {"issued": 0, "repealed": 0, "in_force": 0},
               "normative_documents": {"issued": 0, "repealed": 5, "in_force": 5},
               "licensing": 550, "punishment": 4119, "coercion": 195, "fees": 7730.28})
    );
    let rows = natural_only(&[
        ("new", 21),
        ("carried_over", 0),
        ("granted", 0),
        ("partial", 4),
        ("refused_1", 1),
        ("refused_2", 0),
        ("refused_3", 0),
        ("refused_4", 0),
        ("refused_5", 0),
        ("refused_6", 1),
        ("refused_7", 1),
        ("refused_8", 0),
        ("unable_1", 10),
        ("unable_2", 3),
        ("unable_3", 0),
        ("not_processed_1", 1),
        ("not_processed_2", 0),
        ("not_processed_3", 0),
        ("not_processed_4", 0),
        ("not_processed_5", 0),
        ("other", 0),
        ("total", 21),
        ("carry_forward", 0),
    ]);
    assert_eq!(c.report["table3"]["rows"], rows);
    // The published table 四 states 总计 0 where its parts add up to 11 and 5.
    assert_eq!(c.report["table4"]["review"], json!([10, 1, 0, 0, 0]));
    assert_eq!(
        c.report["table4"]["litigation_direct"],
        json!([0, 0, 0, 0, 0])
    );
    assert_eq!(
        c.report["table4"]["litigation_after_review"],
        json!([5, 0, 0, 0, 0])
    );
    assert_eq!(c.codes, ["K002", "S007", "T401", "T401"]);
    let t401: Vec<_> = c
        .outcome
        .diagnostics
        .iter()
        .filter(|d| d.code == "T401")
        .collect();
    assert_eq!(
        (t401[0].expected.as_deref(), t401[0].actual.as_deref()),
        (Some("11"), Some("0"))
    );
    assert_eq!(t401[0].location.row, Some("review"));
    assert_eq!(
        (t401[1].expected.as_deref(), t401[1].actual.as_deref()),
        (Some("5"), Some("0"))
    );
    assert_eq!(t401[1].location.row, Some("litigation_after_review"));
}

#[test]
#[cfg_attr(corpus_absent, ignore = "../shared/corpus is absent")]
fn hongze_2024() {
    let Some(c) = check("hongze-2024.pdf.txt") else {
        return;
    };
    assert_eq!(part_numbers(&c.report), [1, 2, 3, 4, 5, 6]);
    assert_eq!(
        c.report["table2"],
        json!({"regulations": {"issued": 0, "repealed": 0, "in_force": 0},
               "normative_documents": {"issued": 3, "repealed": 0, "in_force": 8},
               "licensing": 9487, "punishment": 2776, "coercion": 84, "fees": 7545})
    );
    let rows = natural_only(&[
        ("new", 95),
        ("carried_over", 0),
        ("granted", 50),
        ("partial", 9),
        ("refused_1", 0),
        ("refused_2", 0),
        ("refused_3", 1),
        ("refused_4", 0),
        ("refused_5", 0),
        ("refused_6", 1),
        ("refused_7", 1),
        ("refused_8", 0),
        ("unable_1", 31),
        ("unable_2", 1),
        ("unable_3", 0),
        ("not_processed_1", 1),
        ("not_processed_2", 0),
        ("not_processed_3", 0),
        ("not_processed_4", 0),
        ("not_processed_5", 0),
        ("other", 0),
        ("total", 95),
        ("carry_forward", 0),
    ]);
    assert_eq!(c.report["table3"]["rows"], rows);
    assert_eq!(c.report["table4"]["review"], json!([1, 1, 0, 0, 2]));
    assert_eq!(
        c.report["table4"]["litigation_direct"],
        json!([1, 0, 0, 0, 1])
    );
    assert_eq!(
        c.report["table4"]["litigation_after_review"],
        json!([2, 0, 1, 0, 3])
    );
    // The text says the district government office received 17 applications; table 三 says 95.
    assert_eq!(c.codes, ["K002", "N001", "S007"]);
    let n = c
        .outcome
        .diagnostics
        .iter()
        .find(|d| d.code == "N001")
        .unwrap();
    assert_eq!(
        (n.expected.as_deref(), n.actual.as_deref()),
        (Some("95"), Some("17"))
    );
}

#[test]
#[cfg_attr(corpus_absent, ignore = "../shared/corpus is absent")]
fn huaian_2024() {
    let Some(c) = check("huaian-2024.pdf.txt") else {
        return;
    };
    assert_eq!(part_numbers(&c.report), [1, 2, 3, 4, 5, 6]);
    assert_eq!(c.report["format_version"], "2021");
    assert_eq!(
        c.report["table2"],
        json!({"regulations": {"issued": 1, "repealed": 0, "in_force": 11},
               "normative_documents": {"issued": 8, "repealed": 26, "in_force": 66},
               "licensing": 447228, "punishment": 3985758, "coercion": 88283, "fees": 96171.6})
    );
    let r = &c.report["table3"]["rows"];
    let expect = json!({
        "new": [3001, 53, 0, 0, 61, 4, 3119],
        "carried_over": [34, 0, 0, 0, 0, 0, 34],
        "granted": [1288, 21, 0, 0, 50, 3, 1362],
        "partial": [447, 7, 0, 0, 0, 0, 454],
        "refused_1": [2, 0, 0, 0, 0, 0, 2],
        "refused_2": [30, 1, 0, 0, 0, 0, 31],
        "refused_3": [5, 0, 0, 0, 0, 0, 5],
        "refused_4": [6, 0, 0, 0, 0, 0, 6],
        "refused_5": [7, 1, 0, 0, 0, 0, 8],
        "refused_6": [12, 0, 0, 0, 0, 0, 12],
        "refused_7": [9, 0, 0, 0, 0, 0, 9],
        "refused_8": [105, 0, 0, 0, 0, 0, 105],
        "unable_1": [746, 12, 0, 0, 10, 1, 769],
        "unable_2": [11, 0, 0, 0, 0, 0, 11],
        "unable_3": [1, 0, 0, 0, 0, 0, 1],
        "not_processed_1": [56, 6, 0, 0, 0, 0, 62],
        "not_processed_2": [25, 0, 0, 0, 0, 0, 25],
        "not_processed_3": [0, 0, 0, 0, 0, 0, 0],
        "not_processed_4": [0, 0, 0, 0, 0, 0, 0],
        "not_processed_5": [1, 0, 0, 0, 0, 0, 1],
        "other_1": [67, 3, 0, 0, 1, 0, 71],
        "other_2": [6, 0, 0, 0, 0, 0, 6],
        "other_3": [108, 2, 0, 0, 0, 0, 110],
        "total": [2932, 53, 0, 0, 61, 4, 3050],
        "carry_forward": [103, 0, 0, 0, 0, 0, 103]
    });
    assert_eq!(*r, expect);
    assert_eq!(c.report["table4"]["review"], json!([72, 64, 178, 37, 351]));
    assert_eq!(
        c.report["table4"]["litigation_direct"],
        json!([13, 4, 8, 1, 26])
    );
    assert_eq!(
        c.report["table4"]["litigation_after_review"],
        json!([12, 1, 1, 6, 20])
    );
    // The text's counts (3119 received, 3050 answered, 34 carried over, 103 carried forward, 351
    // reviews, 46 suits) all agree with the tables; only the accountability topics are missing.
    assert_eq!(c.codes, ["K002"]);
}

#[test]
#[cfg_attr(corpus_absent, ignore = "../shared/corpus is absent")]
fn shanghai_gov_office_2025() {
    let Some(c) = check("shanghai-gov-office-2025.md") else {
        return;
    };
    // The Markdown conversion lost part 五's heading: its text follows table 四 directly.
    assert_eq!(part_numbers(&c.report), [1, 2, 3, 4, 6]);
    assert_eq!(
        c.report["period"],
        json!({"start": "2025-01-01", "end": "2025-12-31", "line": 11})
    );
    // Table 二's 规章 and 行政规范性文件 rows lost a cell in conversion: not guessed.
    let t2 = &c.report["table2"];
    assert!(t2.get("regulations").is_none() && t2.get("normative_documents").is_none());
    assert_eq!(t2["licensing"], 0);
    let r = &c.report["table3"]["rows"];
    let expect = json!({
        "new": [1259, 36, 0, 0, 0, 0, 1295],
        "carried_over": [170, 15, 0, 0, 4, 0, 189],
        "granted": [201, 5, 0, 0, 0, 0, 206],
        "partial": [2, 0, 0, 0, 0, 0, 2],
        "refused_1": [4, 0, 0, 0, 0, 0, 4],
        "refused_2": [0, 0, 0, 0, 0, 0, 0],
        "refused_3": [1, 0, 0, 0, 0, 0, 1],
        "refused_4": [0, 0, 0, 0, 0, 0, 0],
        "refused_5": [8, 0, 0, 0, 1, 0, 9],
        "refused_6": [1, 0, 0, 0, 0, 0, 1],
        "refused_7": [0, 0, 0, 0, 0, 0, 0],
        "refused_8": [5, 0, 0, 0, 0, 0, 5],
        "unable_1": [484, 28, 0, 0, 1, 0, 513],
        "unable_2": [47, 1, 0, 0, 0, 0, 48],
        "unable_3": [3, 0, 0, 0, 0, 0, 3],
        "not_processed_1": [61, 1, 0, 0, 0, 0, 62],
        "not_processed_2": [16, 0, 0, 0, 0, 0, 16],
        "not_processed_3": [1, 0, 0, 0, 0, 0, 1],
        "not_processed_4": [1, 0, 0, 0, 0, 0, 1],
        "not_processed_5": [0, 0, 0, 0, 0, 0, 0],
        "other_1": [40, 1, 0, 0, 2, 0, 43],
        "other_2": [0, 0, 0, 0, 0, 0, 0],
        "other_3": [264, 12, 0, 0, 0, 0, 276],
        "total": [1139, 48, 0, 0, 4, 0, 1191],
        "carry_forward": [290, 3, 0, 0, 0, 0, 293]
    });
    assert_eq!(*r, expect);
    assert_eq!(c.report["table4"]["review"], json!([40, 0, 10, 5, 55]));
    assert_eq!(
        c.report["table4"]["litigation_direct"],
        json!([2, 0, 4, 6, 12])
    );
    assert_eq!(
        c.report["table4"]["litigation_after_review"],
        json!([6, 0, 9, 7, 22])
    );
    assert_eq!(c.codes, ["P003", "S001"]);
    let s001 = c
        .outcome
        .diagnostics
        .iter()
        .find(|d| d.code == "S001")
        .unwrap();
    assert_eq!(s001.location.part, Some(5));
}

#[test]
#[cfg_attr(corpus_absent, ignore = "../shared/corpus is absent")]
fn shanghai_stcsm_2024() {
    let Some(c) = check("shanghai-stcsm-2024.md") else {
        return;
    };
    // Its part 一 sub-topics are numbered 二…六 as if they were parts, so the real parts 二, 三, 四
    // and 六 are numbered 一, 二, 三 and 五, and part 五's heading is absent.
    assert_eq!(part_numbers(&c.report), [1, 2, 3, 4, 6]);
    assert_eq!(
        c.report["table2"],
        json!({"regulations": {"issued": 0, "repealed": 0, "in_force": 0},
               "normative_documents": {"issued": 13, "repealed": 0, "in_force": 55},
               "licensing": 97, "punishment": 0, "coercion": 0, "fees": 0})
    );
    let z = json!([0, 0, 0, 0, 0, 0, 0]);
    let r = &c.report["table3"]["rows"];
    let expect = json!({
        "new": [32, 2, 0, 0, 0, 0, 34], "carried_over": [2, 0, 0, 0, 0, 0, 2], "granted": [9, 0, 0, 0, 0, 0, 9],
        "partial": z, "refused_1": z, "refused_2": z, "refused_3": z, "refused_4": z,
        "refused_5": [1, 0, 0, 0, 0, 0, 1], "refused_6": [1, 0, 0, 0, 0, 0, 1], "refused_7": z, "refused_8": z,
        "unable_1": [4, 0, 0, 0, 0, 0, 4], "unable_2": [6, 0, 0, 0, 0, 0, 6], "unable_3": z,
        "not_processed_1": z, "not_processed_2": z, "not_processed_3": z, "not_processed_4": z, "not_processed_5": z,
        "other_1": [8, 2, 0, 0, 0, 0, 10], "other_2": z, "other_3": [4, 0, 0, 0, 0, 0, 4],
        "total": [33, 2, 0, 0, 0, 0, 35],
        // The 总计 cell of 结转下年度 is empty in the document (it should be 1).
        "carry_forward": [1, 0, 0, 0, 0, 0, null]
    });
    assert_eq!(*r, expect);
    assert_eq!(c.report["table4"]["review"], json!([1, 0, 0, 0, 1]));
    assert_eq!(
        c.report["table4"]["litigation_direct"],
        json!([0, 0, 0, 0, 0])
    );
    assert_eq!(
        c.codes,
        ["C001", "N001", "S001", "S002", "T300", "T301", "T303"]
    );
    // The blank 总计 of 结转下年度 breaks its row and the 总计 column's balance: T300 names it.
    let fix = c
        .outcome
        .diagnostics
        .iter()
        .find(|d| d.code == "T300")
        .unwrap();
    assert_eq!(fix.location.row, Some("carry_forward"));
    assert_eq!(fix.location.col, Some("total"));
    assert_eq!(fix.expected.as_deref(), Some("1"));
    let s002 = c
        .outcome
        .diagnostics
        .iter()
        .find(|d| d.code == "S002")
        .unwrap();
    assert!(
        s002.message
            .contains("「主动公开政府信息情况」编号为「一」，应为「二」"),
        "{}",
        s002.message
    );
    assert!(
        s002.message
            .contains("「其他需要报告的事项」编号为「五」，应为「六」"),
        "{}",
        s002.message
    );
}

#[test]
#[cfg_attr(corpus_absent, ignore = "../shared/corpus is absent")]
fn shuyang_2025() {
    let Some(c) = check("shuyang-2025.ocr.txt") else {
        return;
    };
    assert_eq!(part_numbers(&c.report), [1, 2, 3, 4, 5, 6]);
    assert_eq!(
        c.report["table2"],
        json!({"regulations": {"issued": 0, "repealed": 0, "in_force": 0},
               "normative_documents": {"issued": 6, "repealed": 1, "in_force": 32},
               "licensing": 517645, "punishment": 693957, "coercion": 2154, "fees": 4068.208})
    );
    let r = &c.report["table3"]["rows"];
    let expect = json!({
        "new": [705, 3, 0, 0, 5, 0, 713], "carried_over": [36, 0, 0, 0, 0, 0, 36],
        "granted": [290, 1, 0, 0, 3, 0, 294], "partial": [99, 0, 0, 0, 2, 0, 101],
        "refused_1": [0, 0, 0, 0, 0, 0, 0], "refused_2": [0, 0, 0, 0, 0, 0, 0],
        "refused_3": [2, 0, 0, 0, 0, 0, 2], "refused_4": [2, 0, 0, 0, 0, 0, 2],
        "refused_5": [13, 0, 0, 0, 0, 0, 13], "refused_6": [2, 0, 0, 0, 0, 0, 2],
        "refused_7": [4, 0, 0, 0, 0, 0, 4], "refused_8": [9, 0, 0, 0, 0, 0, 9],
        "unable_1": [111, 0, 0, 0, 0, 0, 111], "unable_2": [2, 0, 0, 0, 0, 0, 2], "unable_3": [0, 0, 0, 0, 0, 0, 0],
        "not_processed_1": [12, 0, 0, 0, 0, 0, 12], "not_processed_2": [6, 1, 0, 0, 0, 0, 7],
        "not_processed_3": [0, 0, 0, 0, 0, 0, 0], "not_processed_4": [0, 0, 0, 0, 0, 0, 0],
        "not_processed_5": [0, 0, 0, 0, 0, 0, 0],
        "other_1": [9, 0, 0, 0, 0, 0, 9], "other_2": [7, 0, 0, 0, 0, 0, 7], "other_3": [142, 1, 0, 0, 0, 0, 143],
        "total": [710, 3, 0, 0, 5, 0, 718], "carry_forward": [31, 0, 0, 0, 0, 0, 31]
    });
    assert_eq!(*r, expect);
    assert_eq!(c.report["table4"]["review"], json!([27, 10, 9, 15, 61]));
    assert_eq!(
        c.report["table4"]["litigation_direct"],
        json!([3, 0, 0, 0, 3])
    );
    assert_eq!(
        c.report["table4"]["litigation_after_review"],
        json!([8, 0, 1, 1, 10])
    );
    // 受理 749 = 713 new + 36 carried over: not a mismatch. Part 一 has no 政府信息管理 section.
    assert_eq!(c.codes, ["K001", "K002", "S003"]);
}

// ---------------------------------------------------------------------------------------------
// The original PDFs of the three texts above (WPS, CID TrueType fonts, Identity-V text in table
// 三): read by the PDF reader, they give the same report and the same findings as their texts
// (whose every cell is asserted above, checked by hand against these PDFs), apart from line
// numbers.

fn pdf(name: &str) -> Option<Vec<u8>> {
    real("pdf", name)
}

/// A JSON value without its line and column numbers (which differ between containers).
fn without_locations(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .filter(|(k, _)| !matches!(k.as_str(), "line" | "column" | "page"))
                .map(|(k, v)| (k.clone(), without_locations(v)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(without_locations).collect()),
        v => v.clone(),
    }
}

fn same_as_text(pdf_name: &str) {
    let (Some(bytes), Some(text)) = (pdf(pdf_name), check(&format!("{pdf_name}.txt"))) else {
        return;
    };
    let out = nianbao::check(&bytes, &nianbao::Options::default());
    assert_eq!(
        out.input_format,
        Some(nianbao::source::InputFormat::Pdf),
        "{pdf_name}"
    );
    let report = json::report(out.report.as_ref().expect("recognised"));
    for key in [
        "table2",
        "table3",
        "table4",
        "year",
        "format_version",
        "agency",
    ] {
        assert_eq!(
            without_locations(&report[key]),
            without_locations(&text.report[key]),
            "{pdf_name}: {key}"
        );
    }
    assert_eq!(
        without_locations(&report),
        without_locations(&text.report),
        "{pdf_name}: the whole report"
    );
    let diags = |ds: &[nianbao::diagnostic::Diagnostic]| -> Vec<Value> {
        ds.iter()
            .map(|d| without_locations(&serde_json::to_value(d).unwrap()))
            .collect()
    };
    assert_eq!(
        diags(&out.diagnostics),
        diags(&text.outcome.diagnostics),
        "{pdf_name}: diagnostics"
    );
    // Every diagnostic with a line also says its page.
    for d in &out.diagnostics {
        if d.location.line.is_some() {
            assert!(d.location.page.is_some(), "{pdf_name}: {d:?}");
        }
    }
}

#[test]
#[cfg_attr(corpus_absent, ignore = "../shared/corpus is absent")]
fn hongze_2023_pdf() {
    same_as_text("hongze-2023.pdf");
}

#[test]
#[cfg_attr(corpus_absent, ignore = "../shared/corpus is absent")]
fn hongze_2024_pdf() {
    same_as_text("hongze-2024.pdf");
}

#[test]
#[cfg_attr(corpus_absent, ignore = "../shared/corpus is absent")]
fn huaian_2024_pdf() {
    same_as_text("huaian-2024.pdf");
}
