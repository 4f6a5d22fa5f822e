//! The command line as a user runs it (output.md): exit status, standard input, the JSON and CSV
//! outputs field by field, --ignore, --output, --previous, several files, and `nianbao rules`.
//! Expected values come from the fixtures' README (worked out by hand), not from the program.

use serde_json::{json, Value};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_nianbao"));
    c.env("NO_COLOR", "1");
    c
}

fn fx(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

fn tmp(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli-tests");
    std::fs::create_dir_all(&dir).expect("tmp dir");
    dir.join(name)
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("run nianbao")
}

fn run_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = bin()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn nianbao");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input)
        .expect("write stdin");
    child.wait_with_output().expect("wait")
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("exit code")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn json_of(args: &[&str]) -> (i32, Value) {
    let mut a = vec!["check", "--format", "json"];
    a.extend_from_slice(args);
    let o = run(&a);
    let v: Value = serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}\n{}", stdout(&o), stderr(&o)));
    (code(&o), v)
}

// ---------------------------------------------------------------------------------------------
// Exit status

#[test]
fn exit_status_0_for_a_clean_report() {
    let o = run(&["check", &fx("clean-2021.txt")]);
    assert_eq!(code(&o), 0, "{}{}", stdout(&o), stderr(&o));
}

#[test]
fn exit_status_0_when_there_are_only_warnings() {
    let o = run(&["check", &fx("rule-S003.txt")]);
    assert_eq!(code(&o), 0);
    assert!(stdout(&o).contains("[S003]"));
}

#[test]
fn exit_status_1_when_a_report_has_an_error() {
    let o = run(&["check", &fx("rule-T301.txt")]);
    assert_eq!(code(&o), 1);
    // Several files: one with an error is enough.
    let o = run(&["check", &fx("clean-2021.txt"), &fx("rule-T301.txt")]);
    assert_eq!(code(&o), 1);
    // An unreadable input is an error of the report (P001), not a usage error.
    let empty = tmp("empty.txt");
    std::fs::write(&empty, b"").expect("write");
    let o = run(&["check", empty.to_str().expect("path")]);
    assert_eq!(code(&o), 1);
    assert!(stdout(&o).contains("[P001]"));
}

#[test]
fn exit_status_2_for_a_missing_file() {
    let missing = fx("no-such-report.txt");
    let o = run(&["check", &missing]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("no-such-report.txt"), "{}", stderr(&o));
    assert!(o.stdout.is_empty(), "nothing checked: {}", stdout(&o));
    // Even next to a good file.
    let o = run(&["check", &fx("clean-2021.txt"), &missing]);
    assert_eq!(code(&o), 2);
    // A missing previous-year report too.
    let o = run(&["check", &fx("clean-2021.txt"), "--previous", &missing]);
    assert_eq!(code(&o), 2);
}

#[test]
fn exit_status_2_for_bad_usage() {
    let clean = fx("clean-2021.txt");
    for args in [
        vec!["check", "--format", "xml", clean.as_str()],
        vec!["check", "--bogus", clean.as_str()],
        vec!["check"],
        vec!["check", "--ignore", "Z999", clean.as_str()],
        vec!["frobnicate"],
        vec!["rules", "Z999"],
    ] {
        let o = run(&args);
        assert_eq!(code(&o), 2, "{args:?}");
        assert!(
            !stderr(&o).trim().is_empty(),
            "{args:?}: says why on stderr"
        );
    }
}

#[test]
fn exit_status_2_when_the_output_cannot_be_written() {
    let out = tmp("no-such-dir/out.json");
    let o = run(&[
        "check",
        "--output",
        out.to_str().expect("path"),
        &fx("clean-2021.txt"),
    ]);
    assert_eq!(code(&o), 2);
}

// ---------------------------------------------------------------------------------------------
// Standard input and content detection

#[test]
fn dash_reads_standard_input() {
    let bytes = std::fs::read(fx("clean-2021.txt")).expect("fixture");
    let o = run_stdin(&["check", "--format", "json", "-"], &bytes);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v: Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let r = &v["reports"][0];
    let file = r["file"].as_str().expect("file");
    assert!(file == "-" || file == "<stdin>", "{file}");
    assert_eq!(r["report"]["agency"], "青溪县人民政府");

    let bytes = std::fs::read(fx("rule-T301.txt")).expect("fixture");
    let o = run_stdin(&["check", "-"], &bytes);
    assert_eq!(code(&o), 1);
    assert!(stdout(&o).contains("[T301]"));
}

#[test]
fn input_type_comes_from_content_not_name() {
    // A text report named .pdf is read as text …
    let named_pdf = tmp("report.pdf");
    std::fs::copy(fx("clean-2021.txt"), &named_pdf).expect("copy");
    let (status, v) = json_of(&[named_pdf.to_str().expect("path")]);
    assert_eq!(status, 0);
    assert_eq!(v["reports"][0]["input_format"], "text");
    // … and an image named .txt is an image (P004).
    let png_txt = tmp("scan.txt");
    std::fs::write(&png_txt, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").expect("write");
    let (status, v) = json_of(&[png_txt.to_str().expect("path")]);
    assert_eq!(status, 1);
    assert_eq!(v["reports"][0]["diagnostics"][0]["code"], "P004");
}

// ---------------------------------------------------------------------------------------------
// JSON, field by field against output.md

#[test]
fn json_of_the_clean_report() {
    let path = fx("clean-2021.txt");
    let (status, v) = json_of(&[&path]);
    assert_eq!(status, 0);
    assert_eq!(
        v["tool"],
        json!({"name": "nianbao", "version": env!("CARGO_PKG_VERSION")})
    );
    let reports = v["reports"].as_array().expect("reports");
    assert_eq!(reports.len(), 1);
    let e = &reports[0];
    assert_eq!(e["file"], path.as_str());
    assert_eq!(e["input_format"], "text");
    assert_eq!(e["diagnostics"], json!([]));
    assert_eq!(
        e["summary"],
        json!({"errors": 0, "warnings": 0, "infos": 0})
    );

    let r = &e["report"];
    assert_eq!(r["agency"], "青溪县人民政府");
    assert_eq!(r["year"], 2024);
    assert_eq!(r["format_version"], "2021");
    assert_eq!(
        r["period"],
        json!({"start": "2024-01-01", "end": "2024-12-31", "line": 3})
    );
    assert_eq!(
        r["parts"],
        json!([
            {"number": 1, "title": "总体情况", "line": 5},
            {"number": 2, "title": "主动公开政府信息情况", "line": 13},
            {"number": 3, "title": "收到和处理政府信息公开申请情况", "line": 29},
            {"number": 4, "title": "政府信息公开行政复议、行政诉讼情况", "line": 59},
            {"number": 5, "title": "存在的主要问题及改进情况", "line": 65},
            {"number": 6, "title": "其他需要报告的事项", "line": 69}
        ])
    );
    assert_eq!(
        r["table2"],
        json!({
            "regulations": {"issued": 0, "repealed": 0, "in_force": 0},
            "normative_documents": {"issued": 5, "repealed": 2, "in_force": 31},
            "licensing": 1260, "punishment": 85, "coercion": 12, "fees": 36.5
        })
    );
    assert_eq!(
        r["table3"]["columns"],
        json!([
            "natural_person",
            "commercial",
            "research",
            "social_welfare",
            "legal_service",
            "other",
            "total"
        ])
    );
    let rows = r["table3"]["rows"].as_object().expect("rows");
    let keys: Vec<&str> = rows.keys().map(String::as_str).collect();
    let mut want = vec!["new", "carried_over", "granted", "partial"];
    let numbered: Vec<String> = (1..=8)
        .map(|i| format!("refused_{i}"))
        .chain((1..=3).map(|i| format!("unable_{i}")))
        .chain((1..=5).map(|i| format!("not_processed_{i}")))
        .chain((1..=3).map(|i| format!("other_{i}")))
        .collect();
    want.extend(numbered.iter().map(String::as_str));
    want.extend(["total", "carry_forward"]);
    assert_eq!(keys, want, "table 三 row keys, in output.md's order");
    let z = json!([0, 0, 0, 0, 0, 0, 0]);
    for (k, v) in [
        ("new", json!([30, 4, 0, 1, 2, 1, 38])),
        ("carried_over", json!([2, 1, 0, 0, 0, 0, 3])),
        ("granted", json!([12, 2, 0, 1, 0, 1, 16])),
        ("partial", json!([4, 1, 0, 0, 0, 0, 5])),
        ("refused_1", z.clone()),
        ("refused_3", json!([1, 0, 0, 0, 0, 0, 1])),
        ("refused_6", json!([0, 1, 0, 0, 0, 0, 1])),
        ("unable_1", json!([6, 1, 0, 0, 1, 0, 8])),
        ("unable_2", json!([1, 0, 0, 0, 0, 0, 1])),
        ("not_processed_1", json!([2, 0, 0, 0, 0, 0, 2])),
        ("not_processed_5", z.clone()),
        ("other_1", json!([1, 0, 0, 0, 0, 0, 1])),
        ("other_2", z.clone()),
        ("other_3", json!([1, 0, 0, 0, 0, 0, 1])),
        ("total", json!([30, 5, 0, 1, 1, 1, 38])),
        ("carry_forward", json!([2, 0, 0, 0, 1, 0, 3])),
    ] {
        assert_eq!(rows[k], v, "table3.rows.{k}");
    }
    assert_eq!(
        r["table4"],
        json!({
            "columns": ["upheld", "corrected", "other", "pending", "total"],
            "review": [2, 1, 0, 1, 4],
            "litigation_direct": [1, 0, 0, 1, 2],
            "litigation_after_review": [0, 0, 1, 0, 1]
        })
    );
}

#[test]
fn json_diagnostics_carry_every_field() {
    let (status, v) = json_of(&[&fx("rule-T301.txt")]);
    assert_eq!(status, 1);
    let e = &v["reports"][0];
    assert_eq!(
        e["summary"],
        json!({"errors": 2, "warnings": 0, "infos": 0})
    );
    let ds = e["diagnostics"].as_array().expect("diagnostics");
    assert_eq!(ds.len(), 2);
    // Sorted by location: column 8 (自然人) before column 11 (商业企业).
    // The two columns can be balanced by changing 本年新收, 上年结转 or 结转下年度 alike, so no
    // cell is named and neither error asks for a value in its own cell (expected null).
    for (d, (column, col, actual, formula)) in ds.iter().zip([
        (8, "natural_person", "32", "30 + 1 = 31"),
        (11, "commercial", "5", "4 + 2 = 6"),
    ]) {
        let keys: Vec<&str> = d
            .as_object()
            .expect("object")
            .keys()
            .map(String::as_str)
            .collect();
        for k in [
            "code", "name", "severity", "message", "location", "expected", "actual", "fix",
            "missing",
        ] {
            assert!(keys.contains(&k), "{k} missing in {d}");
        }
        assert_eq!(d["code"], "T301");
        assert_eq!(d["name"], "t3-balance");
        assert_eq!(d["severity"], "error");
        let msg = d["message"].as_str().expect("message");
        assert!(msg.contains(formula), "{msg}");
        assert_eq!(
            d["location"],
            json!({"line": 56, "column": column, "part": 3, "table": "table3", "row": "total", "col": col})
        );
        assert_eq!(d["expected"], Value::Null);
        assert_eq!(d["actual"], actual);
        assert_eq!(d["fix"], Value::Null);
        assert!(msg.contains("有 3 种同样少的改法"), "{msg}");
    }
}

#[test]
fn json_location_fields_are_null_when_unknown() {
    let (_, v) = json_of(&[&fx("rule-S004.txt")]);
    let d = &v["reports"][0]["diagnostics"][0];
    assert_eq!(d["code"], "S004");
    assert_eq!(d["severity"], "warning");
    assert_eq!(
        d["location"],
        json!({"line": 1, "column": 1, "part": null, "table": null, "row": null, "col": null})
    );
    assert_eq!(d["actual"], "2024年政府信息公开工作年度报告");
    // A diagnostic with no expected value has "expected": null, not a missing key.
    let (_, v) = json_of(&[&fx("rule-K003.txt")]);
    let d = &v["reports"][0]["diagnostics"][0];
    assert_eq!(d["code"], "K003");
    assert!(d.as_object().expect("object").contains_key("expected"));
    assert_eq!(d["location"]["part"], 5);
    assert_eq!(d["location"]["table"], Value::Null);
}

#[test]
fn json_cells_as_read() {
    // A cell with a unit is the string as written; a blank cell is null; a placeholder a string.
    let (_, v) = json_of(&[&fx("rule-C006.txt")]);
    assert_eq!(
        v["reports"][0]["report"]["table3"]["rows"]["carry_forward"],
        json!([2, 0, 0, 0, 1, 0, "3件"])
    );
    let (_, v) = json_of(&[&fx("rule-C001.txt")]);
    assert_eq!(
        v["reports"][0]["report"]["table3"]["rows"]["unable_2"],
        json!([1, 0, null, 0, 0, 0, 1])
    );
    let (_, v) = json_of(&[&fx("rule-C002.txt")]);
    assert_eq!(
        v["reports"][0]["report"]["table2"]["regulations"],
        json!({"issued": "/", "repealed": "/", "in_force": "/"})
    );
    let (_, v) = json_of(&[&fx("rule-C003.txt")]);
    assert_eq!(
        v["reports"][0]["report"]["table3"]["rows"]["not_processed_3"],
        json!(["若干", 0, 0, 0, 0, 0, 0])
    );
}

#[test]
fn json_of_a_2019_format_report() {
    let (status, v) = json_of(&[&fx("clean-2019.txt")]);
    assert_eq!(status, 0);
    let r = &v["reports"][0]["report"];
    assert_eq!(r["format_version"], "2019");
    assert_eq!(r["year"], 2020);
    assert!(
        !r["table2"].is_object(),
        "the 2019 table 二 is reported under table2_2019"
    );
    assert_eq!(
        r["table2_2019"],
        json!({
            "regulations": {"new_made": 0, "new_published": 0, "total_published": 0},
            "normative_documents": {"new_made": 3, "new_published": 3, "total_published": 26},
            "licensing": {"previous_items": 45, "change": -3, "decisions": 860},
            "other_services": {"previous_items": 12, "change": 2, "decisions": 310},
            "punishment": {"previous_items": 320, "change": -15, "decisions": 146},
            "coercion": {"previous_items": 28, "change": 0, "decisions": 9},
            "fees": {"previous_items": 6, "change": -1},
            "procurement": {"items": 18, "amount": 236.5}
        })
    );
    let rows = r["table3"]["rows"].as_object().expect("rows");
    assert_eq!(rows.len(), 23);
    assert_eq!(rows["other"], json!([1, 0, 0, 0, 0, 0, 1]));
    assert!(!rows.contains_key("other_1"));
}

#[test]
fn json_subtotal_rows_appear_under_their_own_key() {
    let (_, v) = json_of(&[&fx("rule-T304.txt")]);
    assert_eq!(
        v["reports"][0]["report"]["table3"]["rows"]["subtotal_refused"],
        json!([2, 1, 0, 0, 0, 0, 4])
    );
}

// ---------------------------------------------------------------------------------------------
// CSV

/// RFC 4180 records (fields may be quoted, with "" for a quote, and may hold newlines).
fn parse_csv(s: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                c => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.is_empty() => quoted = true,
            ',' => record.push(std::mem::take(&mut field)),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            c => field.push(c),
        }
    }
    assert!(!quoted, "unterminated quoted field");
    if !field.is_empty() || !record.is_empty() {
        record.push(field);
        records.push(record);
    }
    records
}

/// A CSV field must be the JSON value as text; a value starting with = + - @ may carry a leading
/// apostrophe so that a spreadsheet does not run it as a formula.
fn same_value(csv: &str, json: &Value) -> bool {
    let text = match json {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        v => v.to_string(),
    };
    csv == text || (text.starts_with(['=', '+', '-', '@']) && csv == format!("'{text}"))
}

#[test]
fn csv_has_a_bom_a_header_and_one_row_per_diagnostic() {
    let files = [
        fx("rule-T301.txt"),
        fx("rule-N002.txt"),
        fx("rule-C004.txt"),
        fx("rule-S004.txt"),
        fx("clean-2021.txt"),
    ];
    let mut args = vec!["check", "--format", "csv"];
    args.extend(files.iter().map(String::as_str));
    let o = run(&args);
    assert_eq!(code(&o), 1);
    let text = stdout(&o);
    let body = text.strip_prefix('\u{FEFF}').expect("UTF-8 BOM for Excel");
    let records = parse_csv(body);
    let header = &records[0];
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no column {name} in {header:?}"))
    };
    for r in &records {
        assert_eq!(r.len(), header.len(), "{r:?}");
    }

    let mut json_args = vec![];
    json_args.extend(files.iter().map(String::as_str));
    let (_, v) = json_of(&json_args);
    let mut expected_rows = Vec::new();
    for rep in v["reports"].as_array().expect("reports") {
        for d in rep["diagnostics"].as_array().expect("diagnostics") {
            expected_rows.push((rep.clone(), d.clone()));
        }
    }
    // 2 (T301) + 1 (N002) + 1 (C004) + 1 (S004) + 0 (clean).
    assert_eq!(expected_rows.len(), 5);
    assert_eq!(records.len() - 1, expected_rows.len());
    for (rec, (rep, d)) in records[1..].iter().zip(&expected_rows) {
        assert!(same_value(&rec[col("文件")], &rep["file"]));
        assert!(same_value(&rec[col("机关")], &rep["report"]["agency"]));
        assert!(same_value(&rec[col("年度")], &rep["report"]["year"]));
        let severity = match d["severity"].as_str() {
            Some("error") => "错误",
            Some("warning") => "警告",
            _ => "提示",
        };
        assert_eq!(rec[col("级别")], severity);
        for (h, k) in [
            ("代码", "code"),
            ("问题", "message"),
            ("应为", "expected"),
            ("实际", "actual"),
        ] {
            assert!(
                same_value(&rec[col(h)], &d[k]),
                "{k}: {} vs {}",
                rec[col(h)],
                d[k]
            );
        }
        for (h, k) in [("行号", "line"), ("列号", "column")] {
            assert!(
                same_value(&rec[col(h)], &d["location"][k]),
                "{k}: {} vs {}",
                rec[col(h)],
                d["location"][k]
            );
        }
        // The time and version a reader of the file needs, on every row.
        assert!(rec[col("检查时间")].ends_with("（北京时间）"), "{rec:?}");
        assert_eq!(
            rec[col("版本")],
            format!("nianbao {}", v["tool"]["version"].as_str().unwrap())
        );
    }
    assert!(v["checked_at"]
        .as_str()
        .is_some_and(|t| t.ends_with("+08:00")));
    // The N002 message quotes the report's sentence, commas included: the field is quoted.
    let n002 = body
        .lines()
        .find(|l| l.contains(",N002,"))
        .expect("N002 row");
    assert!(n002.contains(",\"正文「"), "{n002}");
    // No field can start a spreadsheet formula (a number such as -2 is data, not a formula).
    for r in &records {
        for f in r {
            assert!(
                !f.starts_with(['=', '+', '-', '@']) || f.parse::<f64>().is_ok(),
                "{f}"
            );
        }
    }
    // First row: rule-T301.txt, line 56, column 8, T301 (argument order, then location order).
    let first = &records[1];
    assert_eq!(first[col("代码")], "T301");
    assert_eq!(first[col("行号")], "56");
    assert_eq!(first[col("列号")], "8");
    assert_eq!(first[col("位置")], "表三「（七）总计」行「自然人」列");
    assert_eq!(first[col("机关")], "青溪县人民政府");
    assert_eq!(first[col("年度")], "2024");
    assert_eq!(
        header,
        &[
            "文件",
            "机关",
            "年度",
            "级别",
            "代码",
            "行号",
            "列号",
            "位置",
            "问题",
            "应为",
            "实际",
            "未提到",
            "同组修改",
            "检查时间",
            "版本",
            "忽略原因"
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// Options

#[test]
fn ignore_drops_the_named_rules() {
    let o = run(&["check", "--ignore", "T301", &fx("rule-T301.txt")]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    // (The file name contains "T301"; the rule appears as "[T301]" in the text output.)
    assert!(!stdout(&o).contains("[T301]"), "{}", stdout(&o));
    // Several codes, any case.
    let (status, v) = json_of(&[
        "--ignore",
        "t301,K004",
        &fx("rule-T301.txt"),
        &fx("rule-K005.txt"),
    ]);
    assert_eq!(status, 0);
    let codes: Vec<&str> = v["reports"]
        .as_array()
        .expect("reports")
        .iter()
        .flat_map(|r| r["diagnostics"].as_array().expect("diagnostics"))
        .map(|d| d["code"].as_str().expect("code"))
        .collect();
    assert_eq!(codes, ["K005"]);
}

#[test]
fn output_writes_to_the_file_and_not_to_stdout() {
    let out = tmp("t301.json");
    let _ = std::fs::remove_file(&out);
    let o = run(&[
        "check",
        "--format",
        "json",
        "--output",
        out.to_str().expect("path"),
        &fx("rule-T301.txt"),
    ]);
    assert_eq!(code(&o), 1, "the exit status still reports the error");
    assert!(o.stdout.is_empty(), "{}", stdout(&o));
    let v: Value =
        serde_json::from_slice(&std::fs::read(&out).expect("output written")).expect("JSON");
    assert_eq!(v["reports"][0]["summary"]["errors"], 2);

    let csv = tmp("t301.csv");
    let o = run(&[
        "check",
        "--format",
        "csv",
        "--output",
        csv.to_str().expect("path"),
        &fx("rule-T301.txt"),
    ]);
    assert_eq!(code(&o), 1);
    let bytes = std::fs::read(&csv).expect("csv written");
    assert!(bytes.starts_with("\u{FEFF}".as_bytes()));
}

#[test]
fn previous_enables_the_two_report_rules() {
    let (status, v) = json_of(&[
        &fx("clean-2021.txt"),
        "--previous",
        &fx("rule-X001-prev.txt"),
    ]);
    assert_eq!(status, 1);
    let ds = v["reports"][0]["diagnostics"]
        .as_array()
        .expect("diagnostics");
    let got: Vec<(&str, &Value, &Value)> = ds
        .iter()
        .map(|d| {
            (
                d["code"].as_str().expect("code"),
                &d["location"]["col"],
                &d["expected"],
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("X001", &json!("natural_person"), &json!("3")),
            ("X001", &json!("total"), &json!("4"))
        ]
    );
    // Without --previous there is nothing to compare.
    let (status, v) = json_of(&[&fx("clean-2021.txt")]);
    assert_eq!(status, 0);
    assert_eq!(v["reports"][0]["diagnostics"], json!([]));
    // With the matching previous year: clean.
    let (status, _) = json_of(&[
        &fx("clean-2021.txt"),
        "--previous",
        &fx("clean-2021-prev.txt"),
    ]);
    assert_eq!(status, 0);
}

#[test]
fn several_files_keep_argument_order() {
    let a = fx("rule-T301.txt");
    let b = fx("clean-2021.txt");
    let c = fx("rule-S003.txt");
    for order in [[&a, &b, &c], [&c, &a, &b], [&b, &c, &a]] {
        let args: Vec<&str> = order.iter().map(|s| s.as_str()).collect();
        let (status, v) = json_of(&args);
        assert_eq!(status, 1);
        let files: Vec<&str> = v["reports"]
            .as_array()
            .expect("reports")
            .iter()
            .map(|r| r["file"].as_str().expect("file"))
            .collect();
        assert_eq!(files, args);
    }
    // The text output follows the same order.
    let o = run(&["check", &c, &a]);
    let text = stdout(&o);
    let pos = |f: &str| text.find(f).unwrap_or_else(|| panic!("{f} not in output"));
    assert!(pos(&c) < pos(&a));
}

#[test]
fn text_output_names_file_line_and_rule() {
    let path = fx("rule-T301.txt");
    let o = run(&["check", &path]);
    let text = stdout(&o);
    assert!(text.contains(&format!("{path}:56:8")), "{text}");
    assert!(text.contains("[T301]"));
    assert!(
        !text.contains('\u{1b}'),
        "no colour codes when not on a terminal"
    );
}

// ---------------------------------------------------------------------------------------------
// nianbao rules

#[test]
fn rules_lists_the_whole_catalogue() {
    let o = run(&["rules"]);
    assert_eq!(code(&o), 0);
    let text = stdout(&o);
    let listed: Vec<&str> = text
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    let registry: Vec<&str> = nianbao::rules::RULES.iter().map(|r| r.code).collect();
    assert_eq!(listed, registry);
    // rules.md's codes, all there.
    for c in [
        "P001", "P002", "P003", "P004", "P005", "S001", "S002", "S003", "S004", "S005", "S006",
        "S007", "S008", "S009", "C001", "C002", "C003", "C004", "C005", "C006", "T201", "T202",
        "T301", "T302", "T303", "T304", "T401", "N001", "N002", "K001", "K002", "K003", "K004",
        "K005", "X001", "X002", "X003", "X004", "D001",
    ] {
        assert!(listed.contains(&c), "{c}");
    }
    assert!(text.contains("t3-balance"));
}

#[test]
fn rules_explains_one_rule() {
    for arg in ["T301", "t301"] {
        let o = run(&["rules", arg]);
        assert_eq!(code(&o), 0);
        let text = stdout(&o);
        assert!(text.contains("T301"), "{text}");
        assert!(text.contains("t3-balance"));
        assert!(text.contains("错误"), "the severity, in Chinese");
        assert!(text.contains("勾稽关系"), "the rule's documentation");
        assert!(!text.contains("T302"), "only the one rule");
    }
}

// ---------------------------------------------------------------------------------------------
// Streams, pipes and limits (as ripgrep behaves)

#[test]
fn a_closed_pipe_ends_quietly_with_0() {
    use std::io::Read;
    // Enough output to fill the pipe: the reader closes it after the first bytes.
    let file = fx("rule-T301.txt");
    let args: Vec<&str> = std::iter::once("check")
        .chain(std::iter::repeat_n(file.as_str(), 400))
        .collect();
    let mut child = bin()
        .args(&args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn nianbao");
    let mut head = [0u8; 64];
    child
        .stdout
        .take()
        .expect("stdout")
        .read_exact(&mut head)
        .expect("the first bytes");
    // Dropping the read end closes the pipe.
    let o = child.wait_with_output().expect("wait");
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stderr(&o).is_empty(), "quiet: {}", stderr(&o));
}

#[cfg(target_os = "linux")]
#[test]
fn a_failed_write_is_exit_2() {
    let full = std::fs::File::create("/dev/full").expect("/dev/full");
    let o = bin()
        .args(["check", &fx("clean-2021.txt")])
        .stdout(Stdio::from(full))
        .output()
        .expect("run");
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("无法写入"), "{}", stderr(&o));
}

#[cfg(target_os = "linux")]
#[test]
fn endless_input_is_refused_after_the_cap() {
    // /dev/zero never ends: only 50 MB + 1 byte is read, then P001.
    let o = run(&["check", "--format", "json", "/dev/zero"]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let v: Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let d = &v["reports"][0]["diagnostics"][0];
    assert_eq!(d["code"], "P001");
    assert!(d["message"].as_str().unwrap_or("").contains("50 MB"), "{d}");
}

#[test]
fn standard_input_over_the_cap_is_refused() {
    let mut child = bin()
        .args(["check", "--format", "json", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn nianbao");
    let mut stdin = child.stdin.take().expect("stdin");
    // The program stops reading at the cap, so the writer may see a closed pipe: that is fine.
    let writer = std::thread::spawn(move || {
        let chunk = vec![b'a'; 1 << 20];
        for _ in 0..60 {
            if stdin.write_all(&chunk).is_err() {
                break;
            }
        }
    });
    let o = child.wait_with_output().expect("wait");
    writer.join().expect("writer");
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let v: Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(v["reports"][0]["diagnostics"][0]["code"], "P001");
}

#[test]
fn a_directory_is_an_input_error() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let o = run(&["check", dir.to_str().expect("path")]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("无法读取"), "{}", stderr(&o));
}

#[test]
fn overview_has_one_row_per_report_clean_and_unreadable_too() {
    let o = run(&[
        "check",
        "--format",
        "overview",
        &fx("clean-2021.txt"),
        &fx("rule-T301.txt"),
        &fx("rule-S003.txt"),
    ]);
    assert_eq!(code(&o), 1);
    let text = stdout(&o);
    assert!(text.starts_with('\u{FEFF}'), "BOM for Excel/WPS");
    let rows = parse_csv(text.trim_start_matches('\u{FEFF}'));
    assert_eq!(
        rows[0],
        [
            "文件",
            "机关",
            "年度",
            "格式",
            "错误",
            "警告",
            "提示",
            "主要问题"
        ]
    );
    assert_eq!(
        rows.len(),
        4,
        "a header and one row per report, in argument order"
    );
    // The fixtures' README: clean-2021 has nothing; rule-T301 two T301 errors (columns 自然人 and
    // 商业企业); rule-S003 one S003 warning. All three are 青溪县人民政府 2024 in the 2021 format.
    assert_eq!(rows[1][0], fx("clean-2021.txt"));
    assert_eq!(
        &rows[1][1..7],
        ["青溪县人民政府", "2024", "2021 年版", "0", "0", "0"]
    );
    assert_eq!(rows[1][7], "");
    assert_eq!(&rows[2][4..6], ["2", "0"]);
    assert!(rows[2][7].starts_with("T301"), "{:?}", rows[2]);
    assert_eq!(&rows[3][4..6], ["0", "1"]);
    assert!(rows[3][7].contains("S003"), "{:?}", rows[3]);
}

/// Input is read up to the cap and one byte: an endless device or a long pipe is refused as too
/// large without being read to its end (issue 7).
#[test]
fn endless_input_is_read_only_to_the_cap() {
    #[cfg(unix)]
    {
        let out = run(&["check", "/dev/zero", "--format", "json"]);
        assert_eq!(out.status.code(), Some(1));
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            text.contains("P001") && text.contains("超过 50 MB"),
            "{text}"
        );
    }
    // A pipe that never ends: the command line stops reading, answers and exits.
    let mut child = bin()
        .args(["check", "-", "--format", "json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let chunk = vec![b'a'; 1 << 20];
        // Ends with a broken pipe once the reader has stopped (at most ~51 MB written).
        for _ in 0..200 {
            if stdin.write_all(&chunk).is_err() {
                return true;
            }
        }
        false
    });
    let out = child.wait_with_output().unwrap();
    assert!(writer.join().unwrap(), "the command read 200 MB");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("超过 50 MB"), "{text}");
}
