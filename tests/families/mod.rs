//! Generators of pathological inputs, one per family of issue 7 ("bounded work"). Each takes a
//! scale `k` and returns an input whose size grows linearly in `k`; before the fixes each of these
//! cost memory or time growing faster than its size. Shared by `tests/scaling.rs` (small sizes,
//! allocation counted) and `examples/families.rs` (full sizes, for `/usr/bin/time -v`).
#![allow(dead_code)]

use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

/// A generator: scale → input.
pub type Make = fn(usize) -> Vec<u8>;

/// Every family, by name. At k = 1 each is small (tens to hundreds of kilobytes).
pub fn all() -> Vec<(&'static str, Make)> {
    vec![
        ("docx-numbering-text", numbering_docx),
        ("html-wide-row", wide_row_html),
        ("docx-wide-row", wide_row_docx),
        ("docx-empty-cells", empty_cells_docx),
        ("text-many-tabs", many_tabs_text),
        ("html-many-pipes", many_pipes_html),
        ("docx-many-tabs", many_tabs_docx),
        ("docx-deep-paragraph", deep_paragraph_docx),
        ("html-title-parts", title_html),
        ("html-bare-tags", bare_tags_html),
        ("text-long-sentence", long_sentence_text),
        ("text-long-statements", long_statements_text),
        ("text-repeated-heading", repeated_heading_text),
        ("docx-inflating", inflating_docx),
        ("text-broken-cells", broken_cells_text),
        ("text-open-quotes", open_quotes_text),
        ("text-grid-rows", grid_rows_text),
    ]
}

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// A .docx with this body and numbering part (deflated).
pub fn docx(body: &str, numbering: Option<&str>) -> Vec<u8> {
    let doc = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>"#
    );
    let rels = r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;
    let mut parts: Vec<(&str, &[u8])> = vec![
        ("[Content_Types].xml", b"<Types/>"),
        ("_rels/.rels", rels.as_bytes()),
        ("word/document.xml", doc.as_bytes()),
    ];
    if let Some(n) = numbering {
        parts.push(("word/numbering.xml", n.as_bytes()));
    }
    let mut w = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, data) in parts {
        let opts = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Deflated)
            .large_file(data.len() > u32::MAX as usize / 2);
        w.start_file(name, opts).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// A long list level text (`%1` and 500 characters) applied to many empty numbered paragraphs.
pub fn numbering_docx(k: usize) -> Vec<u8> {
    let text = format!("%1{}", "条".repeat(500));
    let numbering = format!(
        r#"<w:numbering xmlns:w="{W}"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="{text}"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#
    );
    let para =
        r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr></w:p>"#;
    docx(&para.repeat(500 * k), Some(&numbering))
}

/// One row of `wide` cells, then `rows` rows of one cell.
fn wide_row(k: usize, cell: &str, row: (&str, &str), table: (&str, &str)) -> String {
    let (wide, rows) = (400 * k, 400 * k);
    let mut s = String::from(table.0);
    s.push_str(row.0);
    s.push_str(&cell.repeat(wide));
    s.push_str(row.1);
    for _ in 0..rows {
        s.push_str(row.0);
        s.push_str(cell);
        s.push_str(row.1);
    }
    s.push_str(table.1);
    s
}

pub fn wide_row_html(k: usize) -> Vec<u8> {
    wide_row(k, "<td>1", ("<tr>", ""), ("<table>", "</table>")).into_bytes()
}

pub fn wide_row_docx(k: usize) -> Vec<u8> {
    let body = wide_row(
        k,
        "<w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc>",
        ("<w:tr>", "</w:tr>"),
        ("<w:tbl>", "</w:tbl>"),
    );
    docx(&body, None)
}

/// Rows of bare `<w:tc/>` (7 bytes a cell), then a row with text.
pub fn empty_cells_docx(k: usize) -> Vec<u8> {
    let body = format!(
        "<w:tbl><w:tr>{}</w:tr><w:tr><w:tc><w:p><w:r><w:t>规章</w:t></w:r></w:p></w:tc></w:tr></w:tbl>",
        "<w:tc/>".repeat(20_000 * k)
    );
    docx(&body, None)
}

/// One line of very many tab-separated cells.
pub fn many_tabs_text(k: usize) -> Vec<u8> {
    ("规章\t".repeat(10_000 * k) + "\n").into_bytes()
}

/// Table 三's header broken at a line break inside a cell on every line, one long chain of
/// lines joined back into one row.
pub fn broken_cells_text(k: usize) -> Vec<u8> {
    let chain = "机构\t法律服务\n".repeat(5_000 * k);
    format!("三、收到和处理政府信息公开申请情况\n自然人\t法律服务\n{chain}").into_bytes()
}

/// Lines opening an Excel quoted cell that no line closes.
pub fn open_quotes_text(k: usize) -> Vec<u8> {
    "规章\t\"甲\n乙\n".repeat(10_000 * k).into_bytes()
}

/// Grid tables: rows one line too long to be joined (each rule looks ahead and gives up), and
/// wide rows wrapped over two lines (joined column by column).
pub fn grid_rows_text(k: usize) -> Vec<u8> {
    let long = format!("+--+--+\n{}", "| 甲 | 1 |\n".repeat(65));
    let wide = format!(
        "+{}\n|{}\n|{}\n",
        "--+".repeat(200),
        " 规章 |".repeat(200),
        " 1 |".repeat(200)
    );
    format!("{long}{wide}").repeat(20 * k).into_bytes()
}

/// Pipes in one HTML paragraph.
pub fn many_pipes_html(k: usize) -> Vec<u8> {
    format!(
        "<html><body><p>{}</p></body></html>",
        "规章|".repeat(10_000 * k)
    )
    .into_bytes()
}

/// `<w:tab/>` in one Word paragraph.
pub fn many_tabs_docx(k: usize) -> Vec<u8> {
    let runs = "<w:r><w:t>1</w:t><w:tab/></w:r>".repeat(5_000 * k);
    docx(&format!("<w:p>{runs}</w:p>"), None)
}

/// Runs nested in runs inside one paragraph, never closed.
pub fn deep_paragraph_docx(k: usize) -> Vec<u8> {
    let body = format!("<w:p>{}<w:t>规章</w:t>", "<w:r>".repeat(5_000 * k));
    docx(&body, None)
}

/// A `<title>` of many parts and a page of many text nodes.
pub fn title_html(k: usize) -> Vec<u8> {
    let n = 1000 * k;
    let mut s = String::from("<html><head><title>");
    for i in 0..n {
        s.push_str(&format!("标题第{i}部分_"));
    }
    s.push_str("</title></head><body>");
    for i in 0..n {
        s.push_str(&format!("<p>正文第{i}段<b>加粗</b>文字</p>"));
    }
    s.push_str("</body></html>");
    s.into_bytes()
}

/// 199 open elements, then start tags that close an open `<p>` and end tags no one opened (each
/// used to search the stack of open elements), and a node per few bytes.
pub fn bare_tags_html(k: usize) -> Vec<u8> {
    let n = 5_000 * k;
    format!(
        "<html><body>{}<p>规章{}{}",
        "<b>".repeat(199),
        "<div>".repeat(n),
        "</x>".repeat(n)
    )
    .into_bytes()
}

/// One sentence without a full stop whose clauses each make a claim.
pub fn long_sentence_text(k: usize) -> Vec<u8> {
    let mut s = String::from("四、政府信息公开行政复议、行政诉讼情况\n");
    s.push_str(&"行政复议结果均予以维持，".repeat(5_000 * k));
    s.push('\n');
    s.into_bytes()
}

/// One sentence without separators holding very many counts.
pub fn long_statements_text(k: usize) -> Vec<u8> {
    let mut s = String::from("三、收到和处理政府信息公开申请情况\n申请");
    s.push_str(&"行政复议1件".repeat(5_000 * k));
    s.push('\n');
    s.into_bytes()
}

/// The same heading repeated: one diagnostic each, before the cap.
pub fn repeated_heading_text(k: usize) -> Vec<u8> {
    "三、收到和处理政府信息公开申请情况\n"
        .repeat(1_000 * k)
        .into_bytes()
}

/// A .docx whose body inflates to about 300 KB × k (very repetitive: small on disk).
pub fn inflating_docx(k: usize) -> Vec<u8> {
    let para = "<w:p><w:r><w:t>本机关主动公开政府信息，依申请公开政府信息。</w:t></w:r></w:p>";
    docx(&para.repeat(3_000 * k), None)
}
