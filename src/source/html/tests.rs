use super::*;
use crate::source::LineKind;

fn cells(doc: &Document) -> Vec<Vec<String>> {
    doc.lines
        .iter()
        .map(|l| l.cells.iter().map(|c| c.text.clone()).collect())
        .collect()
}

fn rows(src: &str) -> Vec<Vec<String>> {
    cells(&read(src))
}

fn v(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

/// Word's clipboard HTML (CF_HTML header, conditional comments, mso styles, `&nbsp;` padding,
/// list numbers produced by Word as text, `<o:p>`), cut down from what Word 2016 puts on the
/// clipboard for a heading, a numbered paragraph and a table with merged cells.
const WORD_CLIPBOARD: &str = "Version:0.9\r\nStartHTML:0000000105\r\nEndHTML:0000002000\r\n\
StartFragment:0000000500\r\nEndFragment:0000001900\r\n\
<html xmlns:o=\"urn:schemas-microsoft-com:office:office\" xmlns:w=\"urn:schemas-microsoft-com:office:word\">\
<head><meta http-equiv=Content-Type content=\"text/html; charset=utf-8\">\
<!--[if gte mso 9]><xml><w:WordDocument><w:View>Normal</w:View></w:WordDocument></xml><![endif]-->\
<style><!-- p.MsoNormal {mso-style-parent:\"\"; margin:0cm;} --></style></head>\
<body lang=ZH-CN style='tab-interval:21.0pt'><!--StartFragment-->\
<h2><span lang=EN-US>二、主动公开政府信息情况<o:p></o:p></span></h2>\
<p class=MsoListParagraph style='mso-list:l0 level1 lfo1'><![if !supportLists]><span lang=EN-US>\
（一）<span style='font:7.0pt \"Times New Roman\"'>&nbsp;&nbsp; </span></span><![endif]>主动公开方面。</p>\
<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0>\
<tr><td colspan=4 style='border:solid windowtext 1.0pt'><p class=MsoNormal>第二十条第（一）项<o:p></o:p></p></td></tr>\
<tr><td><p>信息内容</p></td><td><p>本年<br>制发件数</p></td><td><p>本年废止件数</p></td><td><p>现行有效件数</p></td></tr>\
<tr><td><p>规章</p></td><td><p>0</p></td><td><p>&nbsp;</p></td><td><p>1<span style='display:none;mso-hide:all'>9</span></p></td></tr>\
<![if !supportMisalignedColumns]><tr height=0><td width=100 style='border:none'></td></tr><![endif]>\
</table>\
<p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p><!--EndFragment--></body></html>";

#[test]
fn word_clipboard_html() {
    let doc = read(WORD_CLIPBOARD);
    assert_eq!(
        cells(&doc),
        [
            v(&["二、主动公开政府信息情况"]),
            v(&["（一） 主动公开方面。"]),
            v(&["第二十条第（一）项", "", "", ""]),
            v(&["信息内容", "本年 制发件数", "本年废止件数", "现行有效件数"]),
            v(&["规章", "0", "", "1"]),
        ]
    );
    assert_eq!(doc.lines[0].kind, LineKind::Heading(2));
    assert_eq!(doc.lines[2].kind, LineKind::TableRow(0));
    assert_eq!(doc.format, InputFormat::Html);
    // Locations refer to the extracted text.
    let text_lines: Vec<&str> = doc.text.lines().collect();
    assert_eq!(text_lines[4], "规章\t0\t\t1");
    assert_eq!(doc.lines[4].number, 5);
    assert_eq!(doc.lines[4].cells[2].column, 6);
    assert_eq!(doc.lines[4].cells[3].column, 7);
}

#[test]
fn rowspan_and_colspan_expand_into_the_grid() {
    let got = rows(
        "<table>\
         <tr><td rowspan=2 colspan=2>（本列数据的勾稽关系）</td><td colspan=3>申请人情况</td></tr>\
         <tr><td rowspan=2>自然人</td><td colspan=2>法人或其他组织</td></tr>\
         <tr><td>一、本年新收</td><td></td><td>商业企业</td><td>其他</td></tr>\
         <tr><td rowspan=2>三、本年度办理结果</td><td>（一）予以公开</td><td>1</td><td>2</td><td>3</td></tr>\
         <tr><td>（二）部分公开</td><td>4</td><td>5</td><td>6</td></tr>\
         </table>",
    );
    assert_eq!(
        got,
        [
            v(&["（本列数据的勾稽关系）", "", "申请人情况", "", ""]),
            v(&["", "", "自然人", "法人或其他组织", ""]),
            v(&["一、本年新收", "", "", "商业企业", "其他"]),
            v(&["三、本年度办理结果", "（一）予以公开", "1", "2", "3"]),
            v(&["", "（二）部分公开", "4", "5", "6"]),
        ]
    );
}

#[test]
fn entities_breaks_and_paragraphs_in_cells() {
    let got = rows(
        "<table><tr><td>危及&ldquo;三安全一稳定&rdquo;</td><td><p>本年新</p><p>制作数量</p></td>\
         <td>160.5964&nbsp;万元</td><td>&#20010;<br/>&#x4EBA;</td></tr></table>",
    );
    assert_eq!(
        got,
        [v(&[
            "危及“三安全一稳定”",
            "本年新 制作数量",
            "160.5964 万元",
            "个 人"
        ])]
    );
}

/// A page as saved from a government website: navigation, a search form, scripts, a sidebar of
/// links, the article title outside the article body, and a footer.
const SAVED_PAGE: &str = r##"<!DOCTYPE html><html><head><meta charset="utf-8">
<title>某某县人民政府2024年政府信息公开工作年度报告_年报_某某县人民政府网</title>
<script>var nav = "<table><tr><td>1</td></tr></table>";</script><style>.x{}</style></head>
<body><div class="header"><a href="/">首页</a><a href="/a">政务公开</a><a href="/b">政务服务</a>
<form action="/search"><input name="q" value="搜索"><button>搜索</button>热词：年报</form></div>
<div class="main"><div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/nb">年报</a></div>
<div class="title">某某县人民政府2024年政府信息公开工作年度报告</div>
<div class="info">发布时间：2025-01-20 来源：县政府办</div>
<div class="article">
<p>本报告由某某县人民政府办公室编制，统计期限为2024年1月1日至2024年12月31日。</p>
<p>一、总体情况</p><p>2024年，我县认真贯彻落实政府信息公开条例，持续推进政务公开工作，取得了较好成效。</p>
<p>二、主动公开政府信息情况</p>
<table border=1><tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>
<tr><td>规章</td><td>0</td><td>0</td><td>0</td></tr></table>
<ul class="share"><li><a href="#">微信</a></li><li><a href="#">微博</a></li></ul>
<p>六、其他需要报告的事项</p><p>本年度未收取信息处理费。</p>
</div></div>
<div class="related"><h3>相关文章</h3><ul><li><a href="/1">2023年年报</a></li><li><a href="/2">2022年年报</a></li></ul></div>
<div class="footer">主办单位：某某县人民政府办公室 地址：某某路1号 电话：0000-1234567 网站标识码：1234567890
<script>document.write("统计代码")</script></div></body></html>"##;

#[test]
fn saved_page_reads_as_the_report_alone() {
    let doc = read(SAVED_PAGE);
    let got = cells(&doc);
    assert_eq!(
        got,
        [
            v(&["某某县人民政府2024年政府信息公开工作年度报告"]),
            v(&["本报告由某某县人民政府办公室编制，统计期限为2024年1月1日至2024年12月31日。"]),
            v(&["一、总体情况"]),
            v(&[
                "2024年，我县认真贯彻落实政府信息公开条例，持续推进政务公开工作，取得了较好成效。"
            ]),
            v(&["二、主动公开政府信息情况"]),
            v(&["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]),
            v(&["规章", "0", "0", "0"]),
            v(&["六、其他需要报告的事项"]),
            v(&["本年度未收取信息处理费。"]),
        ]
    );
    assert_eq!(doc.lines[0].kind, LineKind::Heading(1));
    for word in [
        "首页",
        "搜索",
        "主办单位",
        "统计代码",
        "相关文章",
        "微信",
        "var nav",
    ] {
        assert!(!doc.text.contains(word), "{word} should have been left out");
    }
}

#[test]
fn layout_tables_around_the_content() {
    // Old sites lay the page out with tables; the report's table sits in a cell.
    let got = rows(
        "<html><body><table width=1000><tr><td><a href=/>首页</a> <a href=/x>新闻</a> <a href=/y>公开</a> <a href=/z>服务</a></td></tr>\
         <tr><td><table><tr><td><p>三、收到和处理政府信息公开申请情况</p>\
         <table border=1><tr><td>本年新收</td><td>2</td></tr><tr><td>上年结转</td><td>0</td></tr></table>\
         <p>四、政府信息公开行政复议、行政诉讼情况</p></td></tr></table></td></tr></table></body></html>",
    );
    assert_eq!(
        got,
        [
            v(&["三、收到和处理政府信息公开申请情况"]),
            v(&["本年新收", "2"]),
            v(&["上年结转", "0"]),
            v(&["四、政府信息公开行政复议、行政诉讼情况"]),
        ]
    );
}

#[test]
fn ordered_lists_show_their_numbers() {
    let got = rows(
        "<ol style=\"list-style-type: cjk-ideographic\"><li>总体情况</li><li>主动公开</li></ol>\
         <ol type=\"1\" start=\"3\"><li>危及安全</li><li value=\"8\">行政查询</li></ol>\
         <ul><li>要点</li></ul>",
    );
    assert_eq!(
        got,
        [
            v(&["一、总体情况"]),
            v(&["二、主动公开"]),
            v(&["3. 危及安全"]),
            v(&["8. 行政查询"]),
            v(&["要点"]),
        ]
    );
}

#[test]
fn browser_fragments_and_detection() {
    assert!(looks_like_html("<meta charset='utf-8'><p>一、总体情况</p>"));
    assert!(looks_like_html("\n<!--StartFragment--><span>x</span>"));
    assert!(looks_like_html("<div class=x>正文</div>"));
    assert!(looks_like_html("正文\n<table><tr><td>1</td></tr></table>"));
    assert!(looks_like_html("Version:0.9\r\nStartHTML:0000000105\r\n"));
    assert!(!looks_like_html("# 某某县2024年年报\n一、总体情况"));
    assert!(!looks_like_html("<paste> 不是网页"));
    assert!(!looks_like_html("规章\t0\t0\t0"));
    let got = rows("<meta charset='utf-8'><b style=\"font-weight:normal;\"><p dir=\"ltr\"><span>一、总体情况</span></p><p><span>正文</span></p></b>");
    assert_eq!(got, [v(&["一、总体情况"]), v(&["正文"])]);
}

#[test]
fn paragraphs_split_like_pasted_text() {
    // A row typed with tabs in a paragraph splits exactly as in pasted text.
    let got = rows("<p>行政许可 0</p><pre>规章\t1\t0\t11\n行政处罚\t8</pre>");
    assert_eq!(
        got,
        [
            v(&["行政许可", "0"]),
            v(&["规章", "1", "0", "11"]),
            v(&["行政处罚", "8"])
        ]
    );
}

#[test]
fn nothing_visible_is_empty() {
    assert!(
        read("<html><head><title>x</title><script>1</script></head><body> </body></html>")
            .lines
            .is_empty()
    );
}

#[test]
fn hostile_markup_is_read_without_panicking() {
    for src in [
        "<table><tr><td colspan=99999999 rowspan=99999999>x</td></tr></table>",
        "<td><td><tr></table></table></td><th>",
        "<<<>>><a<b c=\"d></p>",
        &"<table><tr><td>".repeat(3000),
        &"<ol><li>".repeat(3000),
        "&#xFFFFFFFF;&#55296;&",
        "<p>\u{0}\u{FEFF}</p>",
    ] {
        let _ = read(src);
    }
}

#[test]
fn hidden_styles_match_with_white_space_and_case_ignored() {
    // What the check means: the style with every white space character removed, lowercased.
    let naive = |s: &str, needle: &str| {
        s.chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase()
            .contains(needle)
    };
    let styles = [
        "display:none",
        "DISPLAY : NONE",
        "color:red; display:\u{3000}none",
        "display:\u{A0}n one",
        "display:nonE;mso-hide:all",
        "mso-hide: all",
        "visibility :hidden",
        "display:block; none",
        "display：none",
        "显示display:none",
        "ddisplay:none",
        "display:non",
        "",
    ];
    for s in styles {
        for needle in ["display:none", "mso-hide:all", "visibility:hidden"] {
            assert_eq!(
                squashed_contains(s, needle.as_bytes()),
                naive(s, needle),
                "{s:?} {needle}"
            );
        }
    }
    let hidden = |html: &str| {
        read(html)
            .lines
            .iter()
            .map(|l| l.joined())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        hidden("<p>a<span style='DISPLAY:\u{3000}None'>b</span><span style=\"color:&#x20;red\" hidden>c</span>d</p>"),
        ["ad"]
    );
}

#[test]
fn character_counts_and_sentence_marks_by_bytes() {
    let texts = [
        "",
        " \t\n",
        "一、 总体情况\u{3000}。",
        "a\u{A0}b\u{2003}c\u{85}d\u{2028}\u{1680}e\u{202F}f",
        "ＡＢ，ｘ；ｙ！？",
        "“引号”…—",
        "\u{E3}\u{EF}",
    ];
    for t in texts {
        assert_eq!(
            content::visible_chars(t),
            t.chars().filter(|c| !c.is_whitespace()).count(),
            "{t:?}"
        );
        assert_eq!(
            content::has_sentence_mark(t),
            t.contains(['，', '。', '；', '！', '？']),
            "{t:?}"
        );
    }
}
