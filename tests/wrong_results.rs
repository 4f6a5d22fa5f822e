//! Inputs that used to read wrongly (issue 7): line ends other than LF, text deep in nested
//! tables or directly inside `<tr>`, UTF-16 without a byte order mark, an odd byte after UTF-16.
//! Each input is made here from a text fixture or written out in the test.

mod families;

use nianbao::render::json;
use nianbao::source::{self, InputFormat};
use nianbao::{check, Options, Outcome};
use std::path::Path;

fn fixture(rel: &str) -> Vec<u8> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn run(bytes: &[u8]) -> Outcome {
    check(bytes, &Options::default())
}

/// Everything a person sees of an outcome: the report and the diagnostics with their places.
fn seen(o: &Outcome) -> (serde_json::Value, Vec<String>) {
    let report = json::report(o.report.as_ref().expect("a report"));
    let diags = o
        .diagnostics
        .iter()
        .map(|d| format!("{} {:?} {}", d.code, d.location, d.message))
        .collect();
    (report, diags)
}

#[test]
fn crlf_and_cr_line_ends_read_like_lf() {
    for name in ["clean-2021.txt", "rule-T301.txt", "renderings/tabs.txt"] {
        let lf = String::from_utf8(fixture(name)).unwrap();
        assert!(!lf.contains('\r'), "{name} is LF-only");
        let want = run(lf.as_bytes());
        assert!(want.report.as_ref().unwrap().table3.is_some(), "{name}");
        for ending in ["\r\n", "\r"] {
            let other = lf.replace('\n', ending);
            let got = run(other.as_bytes());
            assert_eq!(seen(&got), seen(&want), "{name} with {ending:?}");
            // The text shown is the LF text: line numbers mean the same.
            assert_eq!(got.document.unwrap().text, lf);
        }
    }
}

#[test]
fn text_deep_in_nested_html_tables_is_kept() {
    for depth in [1, 10, 60, 66, 100, 300] {
        let html = format!(
            "<html><body>{}<p>深处的文字</p>{}<p>表后文字</p></body></html>",
            "<table><tr><td>外层<td>".repeat(depth),
            "</td></tr></table>".repeat(depth)
        );
        let doc = source::read(html.as_bytes()).unwrap();
        assert!(doc.text.contains("深处的文字"), "depth {depth}");
        assert!(doc.text.contains("表后文字"), "depth {depth}");
        assert_eq!(doc.text.matches("外层").count(), depth, "depth {depth}");
    }
}

#[test]
fn text_deep_in_nested_word_tables_is_kept() {
    for depth in [1, 10, 31, 32, 33, 40, 200] {
        let cell = |t: &str| format!("<w:p><w:r><w:t>{t}</w:t></w:r></w:p>");
        let body = format!(
            "{}{}{}{}",
            format!("<w:tbl><w:tr><w:tc>{}</w:tc><w:tc>", cell("外层")).repeat(depth),
            cell("深处的文字"),
            "</w:tc></w:tr></w:tbl>".repeat(depth),
            cell("表后文字")
        );
        let doc = source::read(&families::docx(&body, None)).unwrap();
        assert!(
            doc.text.contains("深处的文字"),
            "depth {depth}: {}",
            doc.text
        );
        assert!(doc.text.contains("表后文字"), "depth {depth}");
        assert_eq!(doc.text.matches("外层").count(), depth, "depth {depth}");
    }
}

#[test]
fn text_directly_inside_a_row_is_shown_before_the_table() {
    // A browser moves text out of a row to before the table ("foster parenting").
    let html =
        "<table><tr>行里的文字<td>规章</td><td>1</td></tr><tr><td>总计</td><td>2</td></tr></table>";
    let doc = source::read(html.as_bytes()).unwrap();
    let texts: Vec<String> = doc.lines.iter().map(|l| l.joined()).collect();
    assert_eq!(texts, ["行里的文字", "规章 1", "总计 2"]);
}

fn utf16(text: &str, bom: bool, word: fn(u16) -> [u8; 2]) -> Vec<u8> {
    let mut out = Vec::new();
    if bom {
        out.extend(word(0xFEFF));
    }
    out.extend(text.encode_utf16().flat_map(word));
    out
}

#[test]
fn utf16_without_bom_reads_like_utf8() {
    let text = String::from_utf8(fixture("clean-2021.txt")).unwrap();
    let want = run(text.as_bytes());
    for word in [u16::to_le_bytes, u16::to_be_bytes] {
        let got = run(&utf16(&text, false, word));
        assert_eq!(got.input_format, Some(InputFormat::Text));
        assert_eq!(seen(&got), seen(&want));
    }
}

#[test]
fn odd_byte_after_utf16_is_reported() {
    let text = String::from_utf8(fixture("clean-2021.txt")).unwrap();
    let want = run(text.as_bytes());
    for bom in [true, false] {
        let mut bytes = utf16(&text, bom, u16::to_le_bytes);
        bytes.push(0x41);
        let got = run(&bytes);
        let notes: Vec<_> = got
            .diagnostics
            .iter()
            .filter(|d| d.message.contains("多出 1 个字节"))
            .collect();
        assert_eq!(notes.len(), 1, "bom {bom}: {:?}", got.diagnostics);
        assert_eq!(notes[0].code, "P001");
        assert_eq!(notes[0].severity.as_str(), "warning");
        // Everything else is as without the byte.
        let rest: Vec<String> = seen(&got)
            .1
            .into_iter()
            .filter(|d| !d.contains("多出 1 个字节"))
            .collect();
        assert_eq!(rest, seen(&want).1);
    }
}

#[test]
fn cr_line_ends_in_preformatted_html() {
    for ending in ["\r", "\r\n", "\n"] {
        let html =
            format!("<html><body><pre>规章\t1{ending}行政许可\t2{ending}</pre></body></html>");
        let doc = source::read(html.as_bytes()).unwrap();
        let texts: Vec<String> = doc.lines.iter().map(|l| l.joined()).collect();
        assert_eq!(texts, ["规章 1", "行政许可 2"], "{ending:?}");
    }
}

/// The six parts numbered "1." to "6." (Word list numbering that lost its Chinese numerals on the
/// way to a web editor) are the six parts: one S003 warning each about the numbering, never
/// "missing part" errors. Sub-items numbered the same way ("1. 存在的主要问题") inside a part are
/// not taken for parts.
#[test]
fn parts_numbered_in_arabic_digits_are_found() {
    let clean = String::from_utf8(fixture("clean-2021.txt")).unwrap();
    let numerals = ["一", "二", "三", "四", "五", "六"];
    let mut arabic = String::new();
    for line in clean.lines() {
        let part = numerals.iter().position(|n| {
            line.strip_prefix(n)
                .and_then(|r| r.strip_prefix('、'))
                .is_some_and(|r| {
                    !r.contains('\t')
                        && nianbao::report::labels::PARTS
                            .iter()
                            .any(|p| p.canonical == r)
                })
        });
        match part {
            Some(k) => arabic.push_str(&format!(
                "{}. {}",
                k + 1,
                &line[numerals[k].len() + '、'.len_utf8()..]
            )),
            None => arabic.push_str(line),
        }
        arabic.push('\n');
    }
    assert!(arabic.contains("\n1. 总体情况\n") && arabic.contains("\n6. 其他需要报告的事项\n"));
    // A sub-item of part 五 numbered like a part.
    let arabic = arabic.replace(
        "6. 其他需要报告的事项",
        "1. 存在的主要问题\n无。\n6. 其他需要报告的事项",
    );
    let o = run(arabic.as_bytes());
    let codes: Vec<&str> = o.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["S003"; 6], "{:?}", seen(&o).1);
    assert!(
        o.diagnostics[0]
            .message
            .contains("「1. 总体情况」用了阿拉伯数字编号"),
        "{}",
        o.diagnostics[0].message
    );
    assert_eq!(o.report.as_ref().unwrap().parts.len(), 6);

    // Numbers that do not follow the parts are S002's, quoted as written.
    let wrong = arabic.replace("2. 主动公开", "1. 主动公开");
    let o = run(wrong.as_bytes());
    let s002: Vec<&str> = o
        .diagnostics
        .iter()
        .filter(|d| d.code == "S002")
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        s002,
        ["部分编号错误：「主动公开政府信息情况」编号为「1」，应为「二」"]
    );
}
