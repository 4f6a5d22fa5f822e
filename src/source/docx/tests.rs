//! DOCX reader tests on packages written here part by part (WordprocessingML as Word writes
//! it); tests/readers.rs checks files produced by a real office suite.

use super::*;
use crate::source::LineKind;
use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"#;

const DOC_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="http://example.invalid/" TargetMode="External"/>
</Relationships>"#;

/// Styles as Chinese Word writes them: the heading styles have ids "1", "2" and are numbered
/// through list 1 (parts "一、" at level 0, topics "（一）" at level 1).
const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/>
 <w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/><w:basedOn w:val="a"/>
 <w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>
</w:styles>"#;

const NUMBERING: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:abstractNum w:abstractNumId="0">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:pStyle w:val="1"/></w:lvl>
 <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:suff w:val="nothing"/><w:lvlText w:val="（%2）"/><w:pStyle w:val="2"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="1">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
</w:numbering>"#;

fn document(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
 xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"
 xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
 xmlns:v="urn:schemas-microsoft-com:vml" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<w:body>{body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>"#
    )
}

fn package(parts: &[(&str, &[u8])], method: CompressionMethod) -> Vec<u8> {
    let mut w = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, data) in parts {
        w.start_file(
            *name,
            SimpleFileOptions::default().compression_method(method),
        )
        .unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn docx(body: &str) -> Vec<u8> {
    let doc = document(body);
    package(
        &[
            ("[Content_Types].xml", b"<Types/>"),
            ("_rels/.rels", RELS.as_bytes()),
            ("word/_rels/document.xml.rels", DOC_RELS.as_bytes()),
            ("word/document.xml", doc.as_bytes()),
            ("word/styles.xml", STYLES.as_bytes()),
            ("word/numbering.xml", NUMBERING.as_bytes()),
        ],
        CompressionMethod::Deflated,
    )
}

fn p(text: &str) -> String {
    format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
}

fn styled(style: &str, text: &str) -> String {
    format!("<w:p><w:pPr><w:pStyle w:val=\"{style}\"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>")
}

fn numbered(num: u32, text: &str) -> String {
    format!(
        "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"{num}\"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"
    )
}

fn tc(props: &str, content: &str) -> String {
    format!("<w:tc><w:tcPr><w:tcW w:w=\"1000\" w:type=\"dxa\"/>{props}</w:tcPr>{content}</w:tc>")
}

fn cells(doc: &Document) -> Vec<Vec<String>> {
    doc.lines
        .iter()
        .map(|l| l.cells.iter().map(|c| c.text.clone()).collect())
        .collect()
}

fn v(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

#[test]
fn text_in_runs_fields_hyperlinks_and_text_boxes() {
    let body = [
        styled("Title", "某某县2024年政府信息公开工作年度报告"),
        // Runs split mid-word, a hyperlink, a simple field and a complex field (instruction
        // hidden, result shown), inserted and deleted revisions, hidden text, a tab and a break.
        "<w:p><w:r><w:t>统计期限为</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>2024</w:t></w:r>\
         <w:hyperlink r:id=\"rId3\"><w:r><w:t>年1月1日</w:t></w:r></w:hyperlink>\
         <w:ins w:id=\"1\" w:author=\"a\"><w:r><w:t>至</w:t></w:r></w:ins>\
         <w:del w:id=\"2\" w:author=\"a\"><w:r><w:delText>到</w:delText></w:r></w:del>\
         <w:fldSimple w:instr=\" DATE \"><w:r><w:t>2024年12月31日</w:t></w:r></w:fldSimple>\
         <w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>\
         <w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>。</w:t></w:r>\
         <w:r><w:fldChar w:fldCharType=\"end\"/></w:r>\
         <w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏文字</w:t></w:r></w:p>"
            .to_string(),
        "<w:p><w:r><w:t>规章</w:t><w:tab/><w:t>0</w:t><w:br/><w:t>第二行 &amp; &#x4E09;</w:t></w:r></w:p>"
            .to_string(),
        // A text box, written twice by Word (DrawingML and VML fallback): read once.
        "<w:p><w:r><w:t>正文</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\">\
         <w:drawing><wps:txbx><w:txbxContent><w:p><w:r><w:t>文本框内容</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing>\
         </mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent><w:p><w:r><w:t>文本框内容</w:t></w:r></w:p>\
         </w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"
            .to_string(),
        // A content control around a paragraph.
        "<w:sdt><w:sdtPr><w:alias w:val=\"x\"/></w:sdtPr><w:sdtContent>".to_string() + &p("控件内文字") + "</w:sdtContent></w:sdt>",
    ]
    .concat();
    let doc = read(&docx(&body)).unwrap();
    assert_eq!(doc.format, InputFormat::Docx);
    assert_eq!(
        cells(&doc),
        [
            v(&["某某县2024年政府信息公开工作年度报告"]),
            v(&["统计期限为2024年1月1日至2024年12月31日。"]),
            v(&["规章", "0"]),
            v(&["第二行 & 三"]),
            v(&["正文"]),
            v(&["文本框内容"]),
            v(&["控件内文字"]),
        ]
    );
    assert_eq!(doc.lines[0].kind, LineKind::Heading(1));
    assert_eq!(doc.lines[2].kind, LineKind::Text);
    assert_eq!(
        doc.text,
        "某某县2024年政府信息公开工作年度报告\n统计期限为2024年1月1日至2024年12月31日。\n规章\t0\n第二行 & 三\n正文\n文本框内容\n控件内文字\n"
    );
}

#[test]
fn automatic_numbers_are_reconstructed() {
    let body = [
        styled("1", "总体情况"),
        styled("2", "主动公开方面"),
        styled("2", "依申请公开方面"),
        styled("1", "主动公开政府信息情况"),
        styled("2", "规章"),
        // A list restarted by a new instance with a start override, as Word writes it.
        numbered(2, "属于国家秘密"),
        numbered(2, "其他法律行政法规禁止公开"),
        numbered(3, "信访举报投诉类申请"),
        // numId 0 removes the numbering the style would give.
        "<w:p><w:pPr><w:pStyle w:val=\"1\"/><w:numPr><w:numId w:val=\"0\"/></w:numPr></w:pPr><w:r><w:t>附件</w:t></w:r></w:p>"
            .to_string(),
    ]
    .concat();
    let doc = read(&docx(&body)).unwrap();
    assert_eq!(
        cells(&doc),
        [
            v(&["一、总体情况"]),
            v(&["（一）主动公开方面"]),
            v(&["（二）依申请公开方面"]),
            v(&["二、主动公开政府信息情况"]),
            v(&["（一）规章"]),
            v(&["1. 属于国家秘密"]),
            v(&["2. 其他法律行政法规禁止公开"]),
            v(&["1. 信访举报投诉类申请"]),
            v(&["附件"]),
        ]
    );
    assert_eq!(doc.lines[0].kind, LineKind::Heading(1));
    assert_eq!(doc.lines[1].kind, LineKind::Heading(2));
}

#[test]
fn tables_with_horizontal_and_vertical_merges() {
    // Table 三's corner as Word writes it: a header cell spanning two columns and two rows,
    // a row label merged down two rows, a skipped leading grid column.
    let tbl = format!(
        "<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr>\
         <w:tblGrid><w:gridCol w:w=\"1\"/><w:gridCol w:w=\"1\"/><w:gridCol w:w=\"1\"/><w:gridCol w:w=\"1\"/></w:tblGrid>\
         <w:tr>{}{}{}</w:tr>\
         <w:tr>{}{}{}</w:tr>\
         <w:tr>{}{}{}{}</w:tr>\
         <w:tr>{}{}{}{}</w:tr>\
         <w:tr><w:trPr><w:gridBefore w:val=\"1\"/></w:trPr>{}{}{}</w:tr>\
         </w:tbl>",
        tc("<w:gridSpan w:val=\"2\"/><w:vMerge w:val=\"restart\"/>", &p("（本列数据的勾稽关系）")),
        tc("", &p("自然人")),
        tc("", &p("总计")),
        tc("<w:gridSpan w:val=\"2\"/><w:vMerge/>", "<w:p/>"),
        tc("", &p("")),
        tc("", "<w:p></w:p>"),
        tc("<w:vMerge w:val=\"restart\"/>", &p("三、本年度办理结果")),
        tc("", &p("（一）予以公开")),
        tc("", &p("1")),
        tc("", &p("1")),
        tc("<w:vMerge w:val=\"continue\"/>", &p("被合并的文字不显示")),
        tc("", &[p("（二）部分公开"), p("（区分处理的）")].concat()),
        tc("", &p("0")),
        tc("", &p("0")),
        tc("", &p("（七）总计")),
        tc("", &p("1")),
        tc("", &p("1")),
    );
    let doc = read(&docx(&(p("三、收到和处理政府信息公开申请情况") + &tbl))).unwrap();
    assert_eq!(
        cells(&doc),
        [
            v(&["三、收到和处理政府信息公开申请情况"]),
            v(&["（本列数据的勾稽关系）", "", "自然人", "总计"]),
            v(&["三、本年度办理结果", "（一）予以公开", "1", "1"]),
            v(&["", "（二）部分公开 （区分处理的）", "0", "0"]),
            v(&["", "（七）总计", "1", "1"]),
        ]
    );
    assert!(doc.lines[1..]
        .iter()
        .all(|l| l.kind == LineKind::TableRow(0)));
    assert_eq!(
        doc.text.lines().nth(3),
        Some("\t（二）部分公开 （区分处理的）\t0\t0")
    );
}

#[test]
fn a_table_inside_a_frame_table_is_read_as_the_table() {
    let inner = format!(
        "<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl>",
        tc("", &p("行政许可")),
        tc("", &p("3")),
        tc("", &p("行政处罚")),
        tc("", &p("8")),
    );
    let outer = format!(
        "<w:tbl><w:tr>{}</w:tr><w:tr>{}</w:tr></w:tbl>",
        tc("", &p("框内标题")),
        tc("", &(inner + "<w:p/>")),
    );
    let doc = read(&docx(&outer)).unwrap();
    assert_eq!(
        cells(&doc),
        [
            v(&["框内标题"]),
            v(&["行政许可", "3"]),
            v(&["行政处罚", "8"])
        ]
    );
}

fn unsupported(bytes: &[u8]) -> String {
    match read(bytes) {
        Err(ReadError::Unsupported(why)) => why,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn zip_bombs_are_refused() {
    // 101 MB of zeros deflates to about 100 KB.
    let zeros = vec![0u8; 101 * 1024 * 1024];
    let bomb = package(
        &[("word/document.xml", &zeros)],
        CompressionMethod::Deflated,
    );
    assert!(bomb.len() < 1024 * 1024);
    assert!(unsupported(&bomb).contains("超过 100 MB"));

    // The same with sizes that lie: the directory says 1000 bytes, the data inflates past the
    // limit; reading stops at the limit.
    let mut lying = bomb.clone();
    patch_sizes(&mut lying, 1000);
    assert!(unsupported(&lying).contains("超过 100 MB"));
}

/// Rewrites the uncompressed size in every local header and central directory entry.
fn patch_sizes(zip: &mut [u8], size: u32) {
    let mut i = 0;
    while i + 4 <= zip.len() {
        match &zip[i..i + 4] {
            b"PK\x03\x04" => zip[i + 22..i + 26].copy_from_slice(&size.to_le_bytes()),
            b"PK\x01\x02" => zip[i + 24..i + 28].copy_from_slice(&size.to_le_bytes()),
            _ => {}
        }
        i += 1;
    }
}

#[test]
fn damaged_and_foreign_archives_say_why() {
    let good = docx(&p("正文"));
    let truncated = &good[..good.len() / 2];
    assert!(unsupported(truncated).contains("已损坏"));
    let mut corrupt = good.clone();
    let mid = corrupt.len() / 3;
    for b in &mut corrupt[mid..mid + 64] {
        *b ^= 0x5A;
    }
    match read(&corrupt) {
        Err(ReadError::Unsupported(why)) => assert!(why.contains("Word"), "{why}"),
        Ok(_) => {} // the flipped bytes may fall in a part that is not read
        Err(e) => panic!("{e:?}"),
    }
    let xlsx = package(
        &[("xl/workbook.xml", b"<workbook/>")],
        CompressionMethod::Stored,
    );
    assert!(unsupported(&xlsx).contains("Excel"));
    let plain = package(&[("readme.txt", b"hello")], CompressionMethod::Stored);
    assert!(unsupported(&plain).contains("不是 Word"));
    let bad_xml = package(
        &[(
            "word/document.xml",
            b"<w:document><w:body><w:p><w:r><w:t>x</w:t></w:r></w:p></w:bo",
        )],
        CompressionMethod::Stored,
    );
    // Broken but readable up to the damage: the text before it is kept.
    match read(&bad_xml) {
        Ok(doc) => assert_eq!(doc.text, "x\n"),
        Err(ReadError::Unsupported(why)) => assert!(why.contains("document.xml"), "{why}"),
        Err(e) => panic!("{e:?}"),
    }
    let not_xml = package(
        &[("word/document.xml", b"<w:document><w:body><w:p <<<")],
        CompressionMethod::Stored,
    );
    assert!(unsupported(&not_xml).contains("不是有效的 XML"));
    // Through the top-level reader, by content: zip magic means DOCX.
    assert!(matches!(
        crate::source::read(truncated),
        Err(ReadError::Unsupported(_))
    ));
    assert!(matches!(
        crate::source::read(b"PK\x05\x06\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"),
        Err(ReadError::Unsupported(_))
    ));
}

#[test]
fn package_without_relationships_uses_the_usual_names() {
    let doc = document(&p("只有正文"));
    let bytes = package(
        &[("word/document.xml", doc.as_bytes())],
        CompressionMethod::Stored,
    );
    assert_eq!(read(&bytes).unwrap().text, "只有正文\n");
    let empty = package(
        &[("word/document.xml", document("").as_bytes())],
        CompressionMethod::Stored,
    );
    assert_eq!(read(&empty).unwrap_err(), ReadError::Empty);
}

#[test]
fn relationship_targets_resolve() {
    assert_eq!(resolve("word", "styles.xml"), "word/styles.xml");
    assert_eq!(resolve("word", "/customXml/x.xml"), "customXml/x.xml");
    assert_eq!(resolve("word/sub", "../media/a.png"), "word/media/a.png");
    assert_eq!(resolve("", "word/document.xml"), "word/document.xml");
}
