use super::*;
use crate::render::Named;
use crate::{check_str, Options as CheckOptions};
use serde_json::json;

const SAMPLE: &str = include_str!("../../../www/sample/sample.txt");

fn result_of(text: &str) -> Json {
    let outcome = check_str(text, &CheckOptions::default());
    result(&Named {
        file: "示例.txt",
        outcome: &outcome,
    })
}

fn page(text: &str) -> String {
    fragment(
        &result_of(text),
        &super::Options {
            prefix: "",
            interactive: true,
            window: None,
        },
    )
}

/// The opening tag of the element with this id.
fn tag<'a>(html: &'a str, id: &str) -> &'a str {
    let at = html
        .find(&format!(" id=\"{id}\""))
        .unwrap_or_else(|| panic!("no element with id {id}"));
    let start = html[..at].rfind('<').unwrap();
    let end = at + html[at..].find('>').unwrap();
    &html[start..=end]
}

/// The whole element with this id (up to its matching close tag, for non-nested tags).
fn element<'a>(html: &'a str, id: &str) -> &'a str {
    let t = tag(html, id);
    let start = html.find(t).unwrap();
    let name: String = t[1..].chars().take_while(|c| c.is_alphanumeric()).collect();
    let close = format!("</{name}>");
    let end = start + html[start..].find(&close).unwrap() + close.len();
    &html[start..end]
}

#[test]
fn escape_covers_markup_and_quotes() {
    assert_eq!(
        escape(r#"<a href="x" onclick='y'>&</a>"#),
        "&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;"
    );
    assert_eq!(escape("表三 总计"), "表三 总计");
    assert_eq!(escape("表<三>&"), "表&lt;三&gt;&amp;");
    assert_eq!(escape("\"'"), "&quot;&#39;");
}

#[test]
fn problems_link_to_their_marked_cells() {
    let html = page(SAMPLE);
    // T303 on 表三（二）部分公开, 总计 column: the cell is marked as an error, with an icon, and
    // the problem links to it.
    let cell = element(&html, "c-table3-partial-total");
    assert!(cell.contains("nb-mark nb-error"), "{cell}");
    assert!(cell.contains("tabindex=\"0\""), "{cell}");
    assert!(cell.contains("<span class=\"nb-v\">2</span>"), "{cell}");
    assert!(cell.contains("✖"));
    assert!(cell.contains("T303"));
    assert!(html.contains("href=\"#c-table3-partial-total\" data-goto=\"c-table3-partial-total\""));
    // T401 on 表四 行政复议 总计.
    assert!(tag(&html, "c-table4-review-total").contains("nb-error"));
    // C006 on 行政处罚: a warning, shown as written.
    let punish = element(&html, "c-table2-punishment-decisions");
    assert!(punish.contains("nb-mark nb-warning") && punish.contains(">12件<"));
    // C001: the blank cell is shown as blank and marked.
    let blank = element(&html, "c-table3-refused_3-research");
    assert!(blank.contains("nb-blank") && blank.contains("nb-warning") && blank.contains(">空<"));
    // Unmarked cells are not focusable.
    assert!(!tag(&html, "c-table3-new-natural_person").contains("tabindex"));
    // S003 points at its line, which is marked and annotated.
    let l65 = element(&html, "L65");
    assert!(l65.contains("nb-mark nb-warning") && l65.contains("S003"));
    // Every located diagnostic has a link.
    assert_eq!(html.matches("class=\"nb-go\" href=").count(), 11);
}

/// The tooltip of a value cell: its own value first; expected/actual only from a diagnostic
/// about this cell's value.
#[test]
fn a_cell_tooltip_shows_its_own_value_only() {
    let html = page(SAMPLE);
    let tip = |id: &str| element(&html, id).to_owned();
    // 本年新收 总计 is 6; N001 marks it because the text says 8: its message, not "实际 8".
    let new_total = tip("c-table3-new-total");
    assert!(new_total.contains("本格：6"), "{new_total}");
    assert!(new_total.contains("N001"));
    assert!(
        !new_total.contains("实际") && !new_total.contains("应为"),
        "{new_total}"
    );
    // （七）总计 6 is right as it is (the fix is elsewhere): no advice to write 7.
    let total = tip("c-table3-total-total");
    assert!(
        total.contains("本格：6") && total.contains("T302"),
        "{total}"
    );
    assert!(!total.contains("应为 7"), "{total}");
    // The fixed cell: its own value 2, and 应为 1 from T300 and T303.
    let partial = tip("c-table3-partial-total");
    assert!(partial.contains("本格：2"), "{partial}");
    assert_eq!(partial.matches("应为 1").count(), 2, "{partial}");
}

/// P003 says a row's numbers were not used; the redrawn table says the same on that row.
#[test]
fn an_unreadable_row_is_drawn_as_p003_describes_it() {
    let html = page(include_str!("../../../tests/fixtures/rule-P003.txt"));
    let label = element(&html, "c-table3-refused_1-label");
    assert!(
        label.contains("nb-mark nb-warning") && label.contains("P003"),
        "{label}"
    );
    let row = &html[html.find(label).unwrap()..];
    let row = &row[..row.find("</tr>").unwrap()];
    assert!(row.contains("此行未能读取，数字未采用（见 P003）"), "{row}");
    assert!(!html.contains("未找到此行"));
}

#[test]
fn what_a_text_does_not_mention_is_labelled_so() {
    let html = page(include_str!("../../../tests/fixtures/rule-K002.txt"));
    let at = html
        .find("<code class=\"nb-code\">K002</code>")
        .expect("K002");
    let item = &html[at..at + html[at..].find("</li>").unwrap()];
    assert!(item.contains("<dt>未提到</dt><dd>社会评议</dd>"), "{item}");
    assert!(!item.contains("<dt>实际</dt>"), "{item}");
}

#[test]
fn errors_explained_by_a_fix_are_grouped_under_it() {
    let html = page(SAMPLE);
    let start = html
        .find("<li class=\"nb-fixgroup\">")
        .expect("a fix group");
    let end = start + html[start..].find("</ol></li>").unwrap();
    let group = &html[start..end];
    assert!(
        group.contains("最可能的修改：改 1 格，可消除下列 2 处问题"),
        "{group}"
    );
    let pos = |code: &str| {
        group
            .find(&format!("<code class=\"nb-code\">{code}</code>"))
            .unwrap_or_else(|| panic!("{code} not in {group}"))
    };
    // The fix first, then the two errors it removes; T401 (ambiguous) stays outside.
    assert!(pos("T300") < pos("T303") && pos("T303") < pos("T302"));
    assert!(!group.contains(">T401<"));
    assert_eq!(html.matches(">T302</code>").count(), 1);
}

#[test]
fn problems_are_grouped_by_part_and_table() {
    let html = page(SAMPLE);
    let order: Vec<usize> = [
        "封面、总体结构与全文",
        "一、总体情况",
        "二、主动公开政府信息情况（表二）",
        "三、收到和处理政府信息公开申请情况（表三）",
        "四、政府信息公开行政复议、行政诉讼情况（表四）",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ]
    .iter()
    .map(|t| {
        html.find(&format!("{t} <span class=\"nb-n\">"))
            .unwrap_or(usize::MAX)
    })
    .collect();
    // 封面 holds S008 and S006; 一 holds none (N001 is about table 三); the rest one or more.
    assert_eq!(order[1], usize::MAX);
    let present: Vec<usize> = order.iter().copied().filter(|&i| i != usize::MAX).collect();
    assert_eq!(present.len(), 6);
    assert!(present.windows(2).all(|w| w[0] < w[1]));
    assert!(html
        .contains("三、收到和处理政府信息公开申请情况（表三） <span class=\"nb-n\">5 项</span>"));
}

#[test]
fn summary_counts_and_verdict() {
    let html = page(SAMPLE);
    assert!(html.contains("<b>4</b> 个错误"));
    assert!(html.contains("<b>6</b> 个警告"));
    assert!(html.contains("<b>1</b> 个提示"));
    assert!(html.contains("发现 4 个错误"));
    assert!(html.contains("青山县石桥镇 · 2024 年度 · 2021 年格式 · 读取为文本"));
}

#[test]
fn table3_has_the_official_layout() {
    let html = page(SAMPLE);
    let t3 = &html[html.find("<table class=\"nb-t nb-t3\">").unwrap()..];
    let t3 = &t3[..t3.find("</table>").unwrap()];
    let body = &t3[t3.find("<tbody>").unwrap()..];
    assert_eq!(body.matches("<tr>").count(), 25, "25 data rows");
    assert!(body.contains(
        "rowspan=\"22\" scope=\"rowgroup\" class=\"nb-group nb-outcome\">三、本年度办理结果"
    ));
    assert!(body.contains(
        "rowspan=\"8\" scope=\"rowgroup\" class=\"nb-group nb-subgroup\">（三）不予公开"
    ));
    assert!(body.contains(
        "rowspan=\"3\" scope=\"rowgroup\" class=\"nb-group nb-subgroup\">（四）无法提供"
    ));
    assert!(body.contains(
        "rowspan=\"5\" scope=\"rowgroup\" class=\"nb-group nb-subgroup\">（五）不予处理"
    ));
    assert!(body.contains(
        "rowspan=\"3\" scope=\"rowgroup\" class=\"nb-group nb-subgroup\">（六）其他处理"
    ));
    assert_eq!(body.matches("class=\"nb-cell").count(), 25 * 7);
    let head = &t3[..t3.find("<tbody>").unwrap()];
    assert!(head.contains("colspan=\"5\" scope=\"colgroup\">法人或其他组织"));
    assert!(head.contains("第一项加第二项之和，等于第三项加第四项之和"));
}

#[test]
fn tables_2_and_4_have_the_official_layout() {
    let html = page(SAMPLE);
    let t2 = &html[html.find("nb-t2").unwrap()..];
    let t2 = &t2[..t2.find("</table>").unwrap()];
    for block in [
        "第二十条第（一）项",
        "第二十条第（五）项",
        "第二十条第（六）项",
        "第二十条第（八）项",
    ] {
        assert!(t2.contains(block), "{block}");
    }
    assert_eq!(
        t2.matches("class=\"nb-cell").count(),
        10,
        "10 numeric cells"
    );
    let t4 = &html[html.find("nb-t4").unwrap()..];
    let t4 = &t4[..t4.find("</table>").unwrap()];
    assert_eq!(t4.matches("class=\"nb-cell").count(), 15);
    assert!(t4.contains("colspan=\"10\" scope=\"colgroup\">行政诉讼"));
}

#[test]
fn user_text_is_never_markup() {
    let hostile = SAMPLE
        .replacen(
            "青山县石桥镇2024年",
            "<script>alert(1)</script>青山县石桥镇2024年",
            1,
        )
        .replacen("\t12件", "\t<img src=x onerror=alert(1)>", 1)
        .replacen(
            "五、存在的问题和下一步工作计划",
            "五、存在的问题\"><svg onload=alert(2)>",
            1,
        );
    let html = page(&hostile);
    let lower = html.to_lowercase();
    assert!(!lower.contains("<script"), "script tag");
    assert!(!lower.contains("<img"), "img tag");
    assert!(!lower.contains("<svg"), "svg tag");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
    let doc = standalone(&[result_of(&hostile)]);
    assert!(!doc.to_lowercase().contains("<script"));
    assert!(!doc.to_lowercase().contains("<img"));
}

#[test]
fn file_names_and_dismissal_reasons_are_escaped() {
    let mut r = result_of(SAMPLE);
    r["file"] = json!("<b>x</b>.txt");
    r["diagnostics"][0]["dismissed"] = json!("<i>已核实</i>");
    let html = fragment(&r, &super::Options::default());
    assert!(html.contains("&lt;b&gt;x&lt;/b&gt;.txt"));
    assert!(html.contains("忽略原因：&lt;i&gt;已核实&lt;/i&gt;"));
    assert!(!html.contains("<b>x</b>") && !html.contains("<i>已核实"));
}

#[test]
fn dismissed_problems_move_to_their_own_group_and_leave_the_counts() {
    let mut r = result_of(SAMPLE);
    // diagnostics[1] is S006, the period error.
    assert_eq!(r["diagnostics"][1]["code"], "S006");
    r["diagnostics"][1]["dismissed"] = json!("统计期限按上级通知调整");
    let html = fragment(
        &r,
        &super::Options {
            prefix: "",
            interactive: true,
            window: None,
        },
    );
    assert!(html.contains("<b>3</b> 个错误"));
    assert!(html.contains("已忽略 <b>1</b> 项"));
    let group = &html[html.find("nb-group-dismissed").unwrap()..];
    assert!(group.contains("S006") && group.contains("统计期限按上级通知调整"));
    assert!(group.contains("data-restore=\"1\""));
    // Its line is still marked (by the S008 warning) but no longer as an error.
    assert!(tag(&html, "L3").contains("nb-warning"));
}

#[test]
fn malformed_results_do_not_panic() {
    for v in [
        json!(null),
        json!({}),
        json!({"diagnostics": 3, "report": "x"}),
        json!({"diagnostics": [null, {"location": {"line": -1}}, {"severity": 5, "code": "<x>"}]}),
        json!({"report": {"table3": {"rows": {"new": "3", "total": [1]}}, "table4": {"review": {}}, "table2": [1]},
               "diagnostics": [{"code": "T301", "location": {"table": "table3", "row": "new", "col": "natural_person", "line": 999}}],
               "text": "a\nb"}),
    ] {
        let html = fragment(&v, &super::Options::default());
        assert!(html.starts_with("<div class=\"nb-result\""));
        assert!(!html.contains("<x>"));
    }
}

#[test]
fn unreadable_input_says_why() {
    let outcome = crate::check(b"PK\x03\x04rest-of-a-zip", &CheckOptions::default());
    let r = result(&Named {
        file: "报告.docx",
        outcome: &outcome,
    });
    let html = fragment(&r, &super::Options::default());
    assert!(html.contains("无法检查这份输入"));
    assert!(html.contains("P001"));
    assert!(!html.contains("统计表"));
}

#[test]
fn standalone_is_a_whole_document_without_script() {
    let doc = standalone(&[result_of(SAMPLE), result_of(SAMPLE)]);
    assert!(doc.starts_with("<!DOCTYPE html>"));
    assert!(doc.contains("Content-Security-Policy"));
    assert!(!doc.to_lowercase().contains("<script"));
    // Two results share the document: ids are prefixed and the overview links to both.
    assert!(doc.contains("id=\"r0-c-table3-partial-total\""));
    assert!(doc.contains("id=\"r1-c-table3-partial-total\""));
    assert!(doc.contains("href=\"#r1-result\""));
    // The rules that occur are explained, once each.
    assert_eq!(doc.matches("id=\"rule-T303\"").count(), 1);
    assert!(!doc.contains("id=\"rule-X001\""));
}

#[test]
fn rules_page_lists_the_whole_catalogue() {
    let html = rules_page();
    for r in RULES {
        assert!(
            html.contains(&format!("id=\"rule-{}\"", r.code)),
            "{}",
            r.code
        );
    }
}

#[test]
fn pdf_pages_are_shown_in_the_text_and_the_problems() {
    let v = json!({
        "input_format": "pdf",
        "text": "一\n二\n三\n四",
        "pages": [[1, 1], [3, 2]],
        "diagnostics": [{"code": "T301", "severity": "error", "message": "m",
                         "location": {"line": 4, "page": 2}}],
    });
    let html = fragment(&v, &super::Options::default());
    // The page-2 separator comes after line 2 and before line 3.
    let sep = html.find("第 2 页</li>").expect("separator");
    assert!(html.find("id=\"L2\"").unwrap() < sep);
    assert!(sep < html.find("id=\"L3\"").unwrap());
    assert_eq!(html.matches("class=\"nb-page\"").count(), 2);
    assert!(html.contains("PDF 第 2 页 · 第 4 行"));
}

#[test]
fn an_input_that_could_not_be_read_offers_nothing_to_dismiss() {
    // P001 (not a report at all) has no 忽略; an ordinary problem has one.
    let unread = page("这不是一份年度报告。");
    assert!(unread.contains("P001") && !unread.contains("data-dismiss"));
    assert!(page(SAMPLE).contains("data-dismiss=\"0\""));
}

/// What the page draws of a result (html::Window) and what its placeholders then draw.
#[test]
fn a_long_text_starts_as_placeholders_and_a_short_one_is_drawn_whole() {
    let opts = |chunks: &'static [usize]| super::Options {
        prefix: "",
        interactive: true,
        window: Some(Window {
            chunks,
            all_problems: false,
        }),
    };
    // The sample is one chunk: drawn with the result, nothing left to draw.
    let short = result_of(SAMPLE);
    let n = SAMPLE.lines().count();
    assert!(n <= DOC_CHUNK, "{n} lines");
    let html = fragment(&short, &opts(&[]));
    assert!(html.contains(" id=\"L1\""));
    assert!(html.contains(&format!(" id=\"L{n}\"")));
    assert!(!html.contains("nb-chunk"));
    assert_eq!(doc_chunk(&short, &opts(&[]), 0), "");
    // Copies past one chunk: every chunk a placeholder, the first one too.
    let text = [SAMPLE; 7].join("\n");
    let total = text.split('\n').count();
    assert!(total > DOC_CHUNK, "{total} lines");
    let long = result_of(&text);
    let html = fragment(&long, &opts(&[]));
    assert!(
        !html.contains(" id=\"L1\""),
        "no line drawn with the result"
    );
    let chunks = total.div_ceil(DOC_CHUNK);
    for k in 0..chunks {
        assert!(html.contains(&format!(" id=\"Lc{k}\"")), "placeholder {k}");
    }
    assert!(!html.contains(&format!(" id=\"Lc{chunks}\"")));
    assert!(html.contains(&format!("显示第 1 – {DOC_CHUNK} 行")));
    // Chunk 0 draws lines 1..=400; a chunk listed as drawn is drawn in the result.
    let first = doc_chunk(&long, &opts(&[]), 0);
    assert!(first.contains(" id=\"L1\"") && first.contains(&format!(" id=\"L{DOC_CHUNK}\"")));
    assert!(!first.contains(&format!(" id=\"L{}\"", DOC_CHUNK + 1)));
    let html = fragment(&long, &opts(&[0]));
    assert!(html.contains(" id=\"L1\"") && !html.contains(" id=\"Lc0\""));
    assert!(html.contains(" id=\"Lc1\""));
    assert_eq!(doc_chunk(&long, &opts(&[]), chunks), "");
}
