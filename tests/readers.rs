//! The HTML, DOCX and DOC readers on files: the same report given as text, as HTML, as a .docx
//! and as a Word 97–2003 .doc written by LibreOffice reads to identical tables and diagnostics
//! (apart from where they point);
//! the two saved government pages of the corpus read exactly (cells checked by hand against the
//! pages); GBK pages; input detection by content.
//!
//! tests/fixtures/html/*.html, tests/fixtures/docx/*.docx and tests/fixtures/doc/*.doc are made
//! from the text fixtures by scripts/make-fixtures.sh (text → HTML → LibreOffice); the .docx and
//! .doc number their parts, topics and table items with Word list numbering, so those numbers are
//! not in their text but in numbering.xml or the binary list tables.

use nianbao::render::json;
use nianbao::source::{self, InputFormat, LineKind, ReadError};
use nianbao::{check, Options, Outcome};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn fixture(rel: &str) -> Vec<u8> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn run(bytes: &[u8]) -> Outcome {
    check(bytes, &Options::default())
}

/// The recognised report without its locations.
fn report_without_lines(o: &Outcome) -> Value {
    let mut v = json::report(o.report.as_ref().expect("a report"));
    strip_lines(&mut v);
    v
}

fn strip_lines(v: &mut Value) {
    match v {
        Value::Object(m) => {
            m.remove("line");
            m.values_mut().for_each(strip_lines);
        }
        Value::Array(a) => a.iter_mut().for_each(strip_lines),
        _ => {}
    }
}

/// Each diagnostic without its line and column.
fn diagnostics_without_place(o: &Outcome) -> Vec<String> {
    o.diagnostics
        .iter()
        .map(|d| {
            let l = &d.location;
            format!(
                "{} {} part={:?} table={:?} row={:?} col={:?} expected={:?} actual={:?} | {}",
                d.code,
                d.severity.as_str(),
                l.part,
                l.table,
                l.row,
                l.col,
                d.expected,
                d.actual,
                d.message
            )
        })
        .collect()
}

/// Clean reports and one fixture per arithmetic rule (T201, T202, T301–T304, T401).
const SAME_REPORT: &[&str] = &[
    "clean-2021",
    "clean-2021-prev",
    "clean-2019",
    "rule-T201",
    "rule-T202",
    "rule-T301",
    "rule-T302",
    "rule-T303",
    "rule-T304",
    "rule-T401",
];

/// The fixtures also printed to PDF by Chromium (tests/fixtures/pdf/NAME.chromium.pdf; Chromium
/// draws text in Type 3 fonts, so these files are large and only three are kept). Every
/// fixture is exported to PDF by LibreOffice (NAME.lo.pdf). scripts/fixtures/make_pdfs.sh.
const CHROMIUM_PDF: &[&str] = &["clean-2021", "clean-2019", "rule-T401"];

#[test]
fn same_answer_from_pdf() {
    for name in SAME_REPORT {
        let text = run(&fixture(&format!("{name}.txt")));
        let mut pdfs = vec![format!("pdf/{name}.lo.pdf")];
        if CHROMIUM_PDF.contains(name) {
            pdfs.push(format!("pdf/{name}.chromium.pdf"));
        }
        if *name == "clean-2021" {
            // Encrypted with an owner password only (open without one): RC4 128-bit by
            // LibreOffice; AES-128, AES-256 and RC4 40-bit by qpdf.
            for v in ["owner", "aes128", "aes256", "rc4-40"] {
                pdfs.push(format!("pdf/clean-2021.{v}.pdf"));
            }
        }
        for file in pdfs {
            let pdf = run(&fixture(&file));
            assert_eq!(pdf.input_format, Some(InputFormat::Pdf), "{file}");
            assert_eq!(
                report_without_lines(&pdf),
                report_without_lines(&text),
                "{file}: tables"
            );
            assert_eq!(
                diagnostics_without_place(&pdf),
                diagnostics_without_place(&text),
                "{file}: diagnostics"
            );
            // Every line of a PDF knows its page, and the pages are in order.
            let doc = pdf.document.as_ref().unwrap();
            assert_eq!(doc.page_of(1), Some(1), "{file}");
            let last = doc.lines.last().unwrap().number;
            assert!(doc.page_of(last) > Some(1), "{file}: several pages");
        }
    }
}

#[test]
fn a_pdf_that_needs_a_password_says_so() {
    let out = run(&fixture("pdf/clean-2021.password.pdf"));
    assert_eq!(out.diagnostics.len(), 1);
    assert_eq!(out.diagnostics[0].code, "P001");
    assert!(
        out.diagnostics[0].message.contains("需要密码"),
        "{}",
        out.diagnostics[0].message
    );
}

#[test]
fn same_answer_whatever_the_container() {
    for name in SAME_REPORT {
        let text = run(&fixture(&format!("{name}.txt")));
        let html = run(&fixture(&format!("html/{name}.html")));
        let docx = run(&fixture(&format!("docx/{name}.docx")));
        let doc = run(&fixture(&format!("doc/{name}.doc")));
        assert_eq!(text.input_format, Some(InputFormat::Text), "{name}");
        assert_eq!(html.input_format, Some(InputFormat::Html), "{name}");
        assert_eq!(docx.input_format, Some(InputFormat::Docx), "{name}");
        assert_eq!(doc.input_format, Some(InputFormat::Doc), "{name}");
        let expected = report_without_lines(&text);
        assert_eq!(report_without_lines(&html), expected, "{name}: HTML tables");
        assert_eq!(report_without_lines(&docx), expected, "{name}: DOCX tables");
        assert_eq!(report_without_lines(&doc), expected, "{name}: DOC tables");
        let expected = diagnostics_without_place(&text);
        assert_eq!(
            diagnostics_without_place(&html),
            expected,
            "{name}: HTML diagnostics"
        );
        assert_eq!(
            diagnostics_without_place(&docx),
            expected,
            "{name}: DOCX diagnostics"
        );
        assert_eq!(
            diagnostics_without_place(&doc),
            expected,
            "{name}: DOC diagnostics"
        );
        // The two Word files read to the same text, line for line.
        assert_eq!(
            doc.document.as_ref().unwrap().text,
            docx.document.as_ref().unwrap().text,
            "{name}: DOC text"
        );
    }
}

#[test]
fn clean_reports_stay_clean_and_rule_fixtures_keep_their_finding() {
    for (name, code) in [
        ("clean-2021", None),
        ("clean-2019", None),
        ("rule-T201", Some("T201")),
        ("rule-T301", Some("T301")),
        ("rule-T304", Some("T304")),
        ("rule-T401", Some("T401")),
    ] {
        for file in [
            format!("html/{name}.html"),
            format!("docx/{name}.docx"),
            format!("doc/{name}.doc"),
        ] {
            let out = run(&fixture(&file));
            let codes: Vec<&str> = out.diagnostics.iter().map(|d| d.code).collect();
            match code {
                None => assert!(codes.is_empty(), "{file}: {codes:?}"),
                Some(c) => assert!(codes.contains(&c), "{file}: {codes:?}"),
            }
        }
    }
}

#[test]
fn locations_refer_to_the_extracted_text() {
    // T401 in clean-2021's table 四 data row: the 行政复议 总计 cell (fixtures README: 63:9 in
    // the text, where the row is "2\t1\t1\t1\t4…" → the fifth cell).
    for file in [
        "html/rule-T401.html",
        "docx/rule-T401.docx",
        "doc/rule-T401.doc",
    ] {
        let out = run(&fixture(file));
        let doc = out.document.as_ref().unwrap();
        let d = out.diagnostics.iter().find(|d| d.code == "T401").unwrap();
        let line = doc
            .text
            .lines()
            .nth(d.location.line.unwrap() as usize - 1)
            .unwrap();
        let col = d.location.column.unwrap() as usize;
        let at: String = line.chars().skip(col - 1).take(1).collect();
        assert_eq!(at, "4", "{file}: line {line:?} column {col}");
        assert!(line.starts_with("2\t1\t1\t1\t4\t"), "{file}: {line:?}");
    }
}

#[test]
fn word_numbering_is_reconstructed_from_numbering_xml() {
    let bytes = fixture("docx/clean-2021.docx");
    // The numbers are not in the document's text…
    let xml = docx_part(&bytes, "word/document.xml");
    assert!(!xml.contains("一、总体情况"));
    assert!(!xml.contains("（一）主动公开"));
    assert!(!xml.contains("1.属于国家秘密"));
    assert!(xml.contains("<w:numPr>"));
    // …but in the text read, as Word shows them.
    let doc = source::read(&bytes).unwrap();
    shows_word_numbers(&doc);
}

/// clean-2021 read from a Word file: its list numbers in the text as Word shows them, and part
/// 三's heading a heading.
fn shows_word_numbers(doc: &source::Document) {
    for line in [
        "一、总体情况",
        "（一）主动公开。",
        "（五）监督保障。",
        "六、其他需要报告的事项",
        "（三）人大代表建议和政协提案办理情况。",
        "\t\t2.其他法律行政法规禁止公开\t0",
        "\t（五）不予处理\t1.信访举报投诉类申请\t2",
        "\t\t3.其他\t1",
    ] {
        assert!(
            doc.text.lines().any(|l| l.starts_with(line)),
            "{line:?} not in\n{}",
            doc.text
        );
    }
    let heading = doc
        .lines
        .iter()
        .find(|l| l.cells[0].text == "三、收到和处理政府信息公开申请情况")
        .unwrap();
    assert_eq!(heading.kind, LineKind::Heading(2));
}

/// UTF-16LE, as the text of a .doc is stored (LibreOffice writes Chinese text as UTF-16 pieces).
fn utf16(s: &str) -> Vec<u8> {
    s.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn word_numbering_is_reconstructed_from_doc_list_tables() {
    let bytes = fixture("doc/clean-2021.doc");
    // The numbers are not in the .doc's text, only the titles after them…
    for (number, title) in [
        ("一、总体情况", "总体情况"),
        ("（一）主动公开。", "主动公开。全年"),
        ("1.属于国家秘密", "属于国家秘密"),
        ("三、收到和处理", "收到和处理政府信息公开申请情况"),
    ] {
        assert!(!contains(&bytes, &utf16(number)), "{number}");
        assert!(contains(&bytes, &utf16(title)), "{title}");
    }
    // …but in the text read, as Word shows them (the same lines as the .docx test above).
    let doc = source::read(&bytes).unwrap();
    assert_eq!(doc.format, InputFormat::Doc);
    shows_word_numbers(&doc);
    // Table 三 is the second table; its merged header cells leave empty positions.
    let t3: Vec<&source::Line> = doc
        .lines
        .iter()
        .filter(|l| l.kind == LineKind::TableRow(1))
        .collect();
    let width = t3[0].cells.len();
    assert!(t3.iter().all(|l| l.cells.len() == width));
}

#[test]
fn libreoffice_lists_and_merged_cells() {
    // lists.plain.html converted by LibreOffice as it is: <ol type> lists become Word numbering
    // (checked by opening lists.docx in LibreOffice: "1. 总体情况", "c. 丙项", "II. 第二").
    let doc = source::read(&fixture("docx/lists.docx")).unwrap();
    let rows: Vec<Vec<String>> = doc
        .lines
        .iter()
        .map(|l| l.cells.iter().map(|c| c.text.clone()).collect())
        .collect();
    let v = |s: &[&str]| s.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    assert_eq!(
        rows,
        [
            v(&["列表与合并单元格"]),
            v(&["1. 总体情况"]),
            v(&["2. 主动公开政府信息情况"]),
            v(&["正文段落。"]),
            v(&["c. 丙项"]),
            v(&["d. 丁项"]),
            v(&["I. 第一"]),
            v(&["II. 第二"]),
            v(&["III. 第三"]),
            v(&["信息内容", "本年 处理决定数量", ""]),
            v(&["", "行政许可 （件）", ""]),
            v(&["合计", "3", "4"]),
        ]
    );
    // The same document saved as .doc reads the same.
    let doc = source::read(&fixture("doc/lists.doc")).unwrap();
    let doc_rows: Vec<Vec<String>> = doc
        .lines
        .iter()
        .map(|l| l.cells.iter().map(|c| c.text.clone()).collect())
        .collect();
    assert_eq!(doc_rows, rows);
    // The HTML source reads the same.
    let html = source::read(&fixture("html/lists.plain.html")).unwrap();
    let html_rows: Vec<Vec<String>> = html
        .lines
        .iter()
        .map(|l| l.cells.iter().map(|c| c.text.clone()).collect())
        .collect();
    assert_eq!(html_rows, rows);
}

#[test]
fn gbk_page_with_meta_charset() {
    let gbk = fixture("html/clean-2021.gbk.html");
    assert!(std::str::from_utf8(&gbk).is_err(), "the fixture is GBK");
    let utf8 = fixture("html/clean-2021.html");
    let a = source::read(&gbk).unwrap();
    let b = source::read(&utf8).unwrap();
    assert_eq!(a.text, b.text);
    assert_eq!(a.format, InputFormat::Html);
    // Without the declaration, detection still finds GB18030.
    let undeclared = replace(&gbk, b"<meta charset=\"gbk\">", b"<meta name=\"x\">");
    assert_eq!(source::read(&undeclared).unwrap().text, b.text);
}

fn replace(hay: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let i = hay
        .windows(from.len())
        .position(|w| w == from)
        .expect("present");
    [&hay[..i], to, &hay[i + from.len()..]].concat()
}

#[test]
fn input_kind_is_detected_from_content() {
    let docx = fixture("docx/clean-2021.docx");
    let html = fixture("html/clean-2021.html");
    let text = fixture("clean-2021.txt");
    assert_eq!(source::read(&docx).unwrap().format, InputFormat::Docx);
    assert_eq!(source::read(&html).unwrap().format, InputFormat::Html);
    assert_eq!(source::read(&text).unwrap().format, InputFormat::Text);
    // HTML given as a string (the JavaScript API) is HTML too.
    let s = String::from_utf8(html).unwrap();
    assert_eq!(source::read_str(&s).unwrap().format, InputFormat::Html);
    // A clipboard fragment from a browser.
    let frag = "<meta charset='utf-8'><span>一、总体情况</span><table><tr><td>规章</td><td>0</td></tr></table>";
    assert_eq!(
        source::read(frag.as_bytes()).unwrap().format,
        InputFormat::Html
    );
    // A PDF whose structure cannot be found says so.
    assert!(matches!(
        source::read(b"%PDF-1.4 /Font"),
        Err(ReadError::Unsupported(_))
    ));
}

#[test]
fn command_line_reads_docx_and_html() {
    let exe = env!("CARGO_BIN_EXE_nianbao");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for (file, format) in [
        ("docx/clean-2021.docx", "docx"),
        ("doc/clean-2021.doc", "doc"),
        ("html/clean-2021.html", "html"),
    ] {
        let out = std::process::Command::new(exe)
            .args(["check", "--format", "json"])
            .arg(dir.join(file))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{file}");
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        let r = &v["reports"][0];
        assert_eq!(r["input_format"], format, "{file}");
        assert_eq!(r["report"]["table3"]["rows"]["new"][6], 38, "{file}");
        assert_eq!(r["summary"]["errors"], 0, "{file}");
    }
    // A damaged .docx is P001 with the reason in Chinese; exit status 1.
    let bytes = fixture("docx/clean-2021.docx");
    let broken = std::env::temp_dir().join(format!("nianbao-broken-{}.docx", std::process::id()));
    std::fs::write(&broken, &bytes[..bytes.len() / 2]).unwrap();
    let out = std::process::Command::new(exe)
        .args(["check", "--format", "json"])
        .arg(&broken)
        .output()
        .unwrap();
    let _ = std::fs::remove_file(&broken);
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let d = &v["reports"][0]["diagnostics"][0];
    assert_eq!(d["code"], "P001");
    assert!(d["message"].as_str().unwrap().contains("已损坏"), "{d}");
    // A .doc cut short likewise; the same bytes named .wps (WPS 文字 saves this format too) are
    // read by their content, not their name.
    let bytes = fixture("doc/clean-2021.doc");
    let tmp = std::env::temp_dir();
    let broken = tmp.join(format!("nianbao-broken-{}.doc", std::process::id()));
    let wps = tmp.join(format!("nianbao-{}.wps", std::process::id()));
    std::fs::write(&broken, &bytes[..bytes.len() / 2]).unwrap();
    std::fs::write(&wps, &bytes).unwrap();
    let out = std::process::Command::new(exe)
        .args(["check", "--format", "json"])
        .arg(&broken)
        .arg(&wps)
        .output()
        .unwrap();
    let _ = std::fs::remove_file(&broken);
    let _ = std::fs::remove_file(&wps);
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let d = &v["reports"][0]["diagnostics"][0];
    assert_eq!(d["code"], "P001");
    let msg = d["message"].as_str().unwrap();
    assert!(msg.contains("已损坏") && msg.contains(".docx"), "{d}");
    let r = &v["reports"][1];
    assert_eq!(r["input_format"], "doc");
    assert_eq!(r["summary"]["errors"], 0);
    assert_eq!(r["report"]["table3"]["rows"]["new"][6], 38);
}

/// One part of a zip, inflated (test helper over the zip crate).
fn docx_part(bytes: &[u8], name: &str) -> String {
    use std::io::Read;
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut s = String::new();
    z.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

// ---------------------------------------------------------------------------------------------
// The corpus pages (skipped when ../shared/corpus is absent). Every value below was read off the
// pages by hand (the tables rendered in Chromium, and the HTML source), not from our output.

fn corpus(name: &str) -> Option<Vec<u8>> {
    let p: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus/real/html")
        .join(name);
    match std::fs::read(&p) {
        Ok(b) => Some(b),
        Err(_) => {
            eprintln!("skipped: {} not found", p.display());
            None
        }
    }
}

fn table3(r: &Value) -> Vec<(String, Vec<i64>)> {
    r["table3"]["rows"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| {
            let cells = v
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c.as_i64().expect("a number"))
                .collect();
            (k.clone(), cells)
        })
        .collect()
}

const T3_KEYS: [&str; 25] = [
    "new",
    "carried_over",
    "granted",
    "partial",
    "refused_1",
    "refused_2",
    "refused_3",
    "refused_4",
    "refused_5",
    "refused_6",
    "refused_7",
    "refused_8",
    "unable_1",
    "unable_2",
    "unable_3",
    "not_processed_1",
    "not_processed_2",
    "not_processed_3",
    "not_processed_4",
    "not_processed_5",
    "other_1",
    "other_2",
    "other_3",
    "total",
    "carry_forward",
];

/// Table 三 as (key, 7 cells), all rows zero except those given.
fn expected_t3(nonzero: &[(&str, [i64; 7])]) -> Vec<(String, Vec<i64>)> {
    T3_KEYS
        .iter()
        .map(|k| {
            let cells = nonzero
                .iter()
                .find(|(n, _)| n == k)
                .map_or(vec![0; 7], |(_, c)| c.to_vec());
            (k.to_string(), cells)
        })
        .collect()
}

#[test]
#[cfg_attr(corpus_absent, ignore = "../shared/corpus is absent")]
fn corpus_pingtan_2022() {
    let Some(bytes) = corpus("pingtan-2022.html") else {
        return;
    };
    let out = run(&bytes);
    assert_eq!(out.input_format, Some(InputFormat::Html));
    let r = json::report(out.report.as_ref().unwrap());
    assert_eq!(r["agency"], "平潭综合实验区");
    assert_eq!(r["year"], 2022);
    assert_eq!(r["format_version"], "2021");
    // Table 二.
    let t2 = &r["table2"];
    assert_eq!(
        t2["regulations"],
        serde_json::json!({"issued": 0, "repealed": 0, "in_force": 0})
    );
    assert_eq!(
        t2["normative_documents"],
        serde_json::json!({"issued": 88, "repealed": 55, "in_force": 698})
    );
    assert_eq!(t2["licensing"], 10690);
    assert_eq!(t2["punishment"], 2113);
    assert_eq!(t2["coercion"], 0);
    assert_eq!(t2["fees"], 9116.36);
    // Table 三, every cell.
    assert_eq!(
        table3(&r),
        expected_t3(&[
            ("new", [71, 3, 0, 0, 0, 0, 74]),
            ("carried_over", [1, 0, 0, 0, 0, 0, 1]),
            ("granted", [21, 0, 0, 0, 0, 0, 21]),
            ("partial", [8, 1, 0, 0, 0, 0, 9]),
            ("refused_5", [1, 0, 0, 0, 0, 0, 1]),
            ("refused_6", [2, 0, 0, 0, 0, 0, 2]),
            ("refused_7", [1, 0, 0, 0, 0, 0, 1]),
            ("unable_1", [37, 0, 0, 0, 0, 0, 37]),
            ("other_1", [2, 0, 0, 0, 0, 0, 2]),
            ("other_3", [0, 2, 0, 0, 0, 0, 2]),
            ("total", [72, 3, 0, 0, 0, 0, 75]),
        ])
    );
    // Table 四, every cell.
    let t4 = &r["table4"];
    assert_eq!(t4["review"], serde_json::json!([0, 1, 1, 0, 2]));
    assert_eq!(t4["litigation_direct"], serde_json::json!([1, 0, 0, 0, 1]));
    assert_eq!(
        t4["litigation_after_review"],
        serde_json::json!([0, 0, 0, 0, 0])
    );
    // The page's only finding: part 四's heading reads 行政法复议 (sic).
    let codes: Vec<&str> = out.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["S003"]);
    // Navigation, scripts and the footer are not in the text.
    let text = &out.document.as_ref().unwrap().text;
    for noise in [
        "当前位置",
        "网站标识码",
        "function",
        "微信",
        "文件下载",
        "全真版",
        "相关链接",
        "闽ICP",
        "无障碍",
        "联系我们",
    ] {
        assert!(!text.contains(noise), "{noise}");
    }
    assert!(text.starts_with("平潭综合实验区2022年度政府信息公开工作年度报告\n"));
}

#[test]
#[cfg_attr(corpus_absent, ignore = "../shared/corpus is absent")]
fn corpus_pingtan_xzspj_2025() {
    let Some(bytes) = corpus("pingtan-xzspj-2025.html") else {
        return;
    };
    let out = run(&bytes);
    assert_eq!(out.input_format, Some(InputFormat::Html));
    let r = json::report(out.report.as_ref().unwrap());
    assert_eq!(r["agency"], "平潭综合实验区行政审批局");
    assert_eq!(r["year"], 2025);
    // Table 二: the page has no 规章 row.
    let t2 = &r["table2"];
    assert!(t2.get("regulations").is_none());
    assert_eq!(
        t2["normative_documents"],
        serde_json::json!({"issued": 3, "repealed": 0, "in_force": 24})
    );
    assert_eq!(t2["licensing"], 0);
    assert_eq!(t2["punishment"], 0);
    assert_eq!(t2["coercion"], 0);
    assert_eq!(t2["fees"], 0);
    assert_eq!(
        table3(&r),
        expected_t3(&[
            ("new", [6, 0, 0, 0, 0, 0, 6]),
            ("refused_8", [3, 0, 0, 0, 0, 0, 3]),
            ("unable_1", [3, 0, 0, 0, 0, 0, 3]),
            ("total", [6, 0, 0, 0, 0, 0, 6]),
        ])
    );
    let t4 = &r["table4"];
    for row in ["review", "litigation_direct", "litigation_after_review"] {
        assert_eq!(t4[row], serde_json::json!([0, 0, 0, 0, 0]), "{row}");
    }
    let codes: Vec<&str> = out.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["P003", "S003"]);
}

// ---------------------------------------------------------------------------------------------
// Damaged input never panics: every read ends in a document or a refusal.

/// A small deterministic generator (xorshift) for repeatable damage.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[test]
fn damaged_docx_and_html_never_panic() {
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    for file in [
        "docx/clean-2021.docx",
        "docx/lists.docx",
        "doc/clean-2021.doc",
        "doc/lists.doc",
        "html/clean-2021.html",
    ] {
        let good = fixture(file);
        // Cut short everywhere (every 97th length).
        for len in (0..good.len()).step_by(97) {
            let _ = check(&good[..len], &Options::default());
        }
        // Bytes overwritten at random places, from one to many.
        for round in 0..300 {
            let mut bad = good.clone();
            for _ in 0..1 + round % 16 {
                let i = rng.below(bad.len());
                bad[i] = rng.next() as u8;
            }
            let out = check(&bad, &Options::default());
            assert!(out.document.is_some() || !out.diagnostics.is_empty());
        }
    }
}

/// The document part itself damaged inside a well-formed zip: the XML reader is lenient or
/// refuses, but never panics.
#[test]
fn damaged_document_xml_never_panics() {
    let good = fixture("docx/clean-2021.docx");
    let xml = docx_part(&good, "word/document.xml");
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let others: Vec<(String, Vec<u8>)> = {
        use std::io::Read;
        let mut z = zip::ZipArchive::new(std::io::Cursor::new(&good[..])).unwrap();
        (0..z.len())
            .map(|i| {
                let mut f = z.by_index(i).unwrap();
                let mut d = Vec::new();
                f.read_to_end(&mut d).unwrap();
                (f.name().to_owned(), d)
            })
            .filter(|(n, _)| n != "word/document.xml")
            .collect()
    };
    for round in 0..200 {
        let mut bytes = xml.clone().into_bytes();
        for _ in 0..1 + round % 8 {
            let i = rng.below(bytes.len());
            bytes[i] = b"<>/&\"'= w:t"[rng.below(11)];
        }
        let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default();
        for (n, d) in others
            .iter()
            .map(|(n, d)| (n.as_str(), d.as_slice()))
            .chain([("word/document.xml", &bytes[..])])
        {
            use std::io::Write;
            w.start_file(n, opts).unwrap();
            w.write_all(d).unwrap();
        }
        let pkg = w.finish().unwrap().into_inner();
        let _ = check(&pkg, &Options::default());
    }
}

/// Checks `file` and `like`: `file` is read as `format`, to the same report and findings.
fn reads_like(file: &str, like: &str, format: InputFormat) -> Outcome {
    let want = run(&fixture(like));
    let got = run(&fixture(file));
    assert_eq!(got.input_format, Some(format), "{file}");
    assert_eq!(
        report_without_lines(&got),
        report_without_lines(&want),
        "{file}"
    );
    assert_eq!(
        diagnostics_without_place(&got),
        diagnostics_without_place(&want),
        "{file}"
    );
    got
}

/// Pages saved as one file (.mht/.mhtml) read to the same report and findings as the page:
/// Word's 单个文件网页 (GB2312, quoted-printable, a picture part after it), Chromium's own
/// snapshot (scripts/fixtures/chromium_mhtml.mjs) and a base64 page after a style sheet part.
#[test]
fn pages_saved_as_one_file_read_like_the_page() {
    for (file, name) in [
        ("mhtml/clean-2021.word.mht", "clean-2021"),
        ("mhtml/clean-2021.chromium.mhtml", "clean-2021"),
        ("mhtml/rule-T301.base64.mht", "rule-T301"),
    ] {
        let saved = reads_like(file, &format!("html/{name}.html"), InputFormat::Html);
        assert!(saved.report.as_ref().unwrap().table3.is_some(), "{file}");
    }
    // A damaged one says what it is and what is wrong, never reads MIME as the report.
    let mut cut = fixture("mhtml/clean-2021.word.mht");
    let at = cut.windows(9).position(|w| w == b"text/html").unwrap();
    cut[at..at + 9].copy_from_slice(b"image/png");
    let out = run(&cut);
    assert_eq!(out.diagnostics[0].code, "P001");
    assert!(
        out.diagnostics[0].message.contains("单个文件网页"),
        "{}",
        out.diagnostics[0].message
    );
}

/// RTF (also saved under a .doc name) reads to the same report and findings as the text: as
/// LibreOffice writes it (\uN characters, list numbers in \listtext, tables by \cellx with
/// merged cells) and as Word on a Chinese system writes it (code page 936, GBK bytes).
#[test]
fn same_answer_from_rtf() {
    for (file, name) in [
        ("rtf/clean-2021.rtf", "clean-2021"),
        ("rtf/clean-2021.gbk.rtf", "clean-2021"),
        ("rtf/rule-T301.rtf", "rule-T301"),
        ("rtf/rule-T401.rtf", "rule-T401"),
    ] {
        reads_like(file, &format!("{name}.txt"), InputFormat::Rtf);
    }
    let gbk = fixture("rtf/clean-2021.gbk.rtf");
    assert!(contains(&gbk, b"\\ansicpg936") && !contains(&gbk, b"\\u38738"));
    // The kind comes from the content, whatever the name.
    assert_eq!(
        source::kind_of(b"\r\n {\\rtf1\\ansi x}"),
        Some(InputFormat::Rtf)
    );
    assert_eq!(source::kind_of(b"rtf"), None);
}

/// Word 2003 XML (one <w:wordDocument> file, often generated by office systems and published
/// with a .doc name) reads to the same report and findings as the text: its lists as
/// w:listDef/w:list/w:ilfo with numeric formats, merged cells as w:vmerge, a GB2312 file by its
/// declaration. scripts/fixtures/docx_to_wordml.py writes them from the .docx fixtures.
#[test]
fn same_answer_from_word_2003_xml() {
    for (file, name) in [
        ("wordxml/clean-2021.xml", "clean-2021"),
        ("wordxml/rule-T301.gb2312.xml", "rule-T301"),
    ] {
        let xml = reads_like(file, &format!("{name}.txt"), InputFormat::WordXml);
        // Numbers and all: the same text as the .docx it was written from, line for line.
        let docx = run(&fixture(&format!("docx/{name}.docx")));
        let text = |o: &Outcome| o.document.as_ref().unwrap().text.clone();
        assert_eq!(text(&xml), text(&docx), "{file}");
        assert!(text(&xml).contains("\n一、总体情况\n"), "{file}");
    }
    let xml = fixture("wordxml/clean-2021.xml");
    assert!(
        contains(&xml, b"<w:ilfo ") && contains(&xml, b"<w:nfc ") && contains(&xml, b"<w:vmerge")
    );
    assert!(std::str::from_utf8(&fixture("wordxml/rule-T301.gb2312.xml")).is_err());
}
