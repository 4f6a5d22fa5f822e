//! S — structure and identity: the six parts, their order and titles, the title, years, the
//! statistical period, the format version and the cited basis.

use super::{text, Context, Rule, Sink};
use crate::diagnostic::Severity::*;
use crate::normalize::chinese_numeral;
use crate::report::labels::PARTS;
use crate::report::{FormatVersion, Loc, Part, TitleMatch};

pub const S001: Rule = Rule {
    code: "S001",
    name: "missing-part",
    severity: Error,
    summary: text!("六个部分之一缺失"),
    doc: text!("年度报告必须依次包括六个部分：一、总体情况；二、主动公开政府信息情况；三、收到和处理政府信息公开申请情况；\
四、政府信息公开行政复议、行政诉讼情况；五、存在的主要问题及改进情况；六、其他需要报告的事项（《条例》第五十条，国办公开办函〔2021〕30号）。\
标题按已知写法识别，不只看编号。\n例：第五部分标题被删掉，只剩“（一）…改进情况”。"),
    check: Some(s001),
};

pub const S002: Rule = Rule {
    code: "S002",
    name: "part-order",
    severity: Error,
    summary: text!("部分顺序错乱、编号错误（一至六错位、重新编号）或重复"),
    doc: text!("六个部分应按“一、二、三、四、五、六”编号并依次出现。常见错误：把第一部分的小标题编成“二、三、四…”，\
导致后面的表格部分编号整体错位；同一部分出现两次。"),
    check: Some(s002),
};

pub const S003: Rule = Rule {
    code: "S003",
    name: "part-title",
    severity: Warning,
    summary: text!("部分标题与规范写法不一致（给出规范标题）"),
    doc: text!("全角半角、空格、“及/和/、”、“其他/其它”、可省略的“的/情况”不算差异。其余改写（如“政府信息公开工作存在的主要问题及改进情况”）\
仍识别为该部分，但提示改用规范标题；含义不同的标题（如“存在的问题和下一步工作计划”缺少“改进情况”）也在此提示。\
用阿拉伯数字编号的部分标题（如“1. 总体情况”，Word 自动编号粘贴到网页后常见）按标题识别为该部分，并提示编号应为“一、”。"),
    check: Some(s003),
};

pub const S004: Rule = Rule {
    code: "S004",
    name: "title",
    severity: Warning,
    summary: text!("没有找到包含机关名称和年度的报告标题"),
    doc: text!("报告开头应有“〈机关名称〉〈YYYY〉年政府信息公开工作年度报告”形式的标题，便于识别报告主体和年度。"),
    check: Some(s004),
};

pub const S005: Rule = Rule {
    code: "S005",
    name: "year-mismatch",
    severity: Error,
    summary: text!("标题年度、统计期限年度与正文中的年份不一致"),
    doc: text!("标题中的年度、统计期限的年度应一致；正文段首写“YYYY年，…”介绍本年工作时，年份应为报告年度。\
复制上一年报告修改时最容易漏改年份。\n例：2024 年度报告的第一部分以“2023 年，我镇…”开头。"),
    check: Some(s005),
};

pub const S006: Rule = Rule {
    code: "S006",
    name: "period",
    severity: Warning,
    summary: text!(
        "缺少统计期限（警告），或统计期限不是报告年度的 1 月 1 日至 12 月 31 日（错误）"
    ),
    doc: text!("报告应说明数据统计期限，即报告年度的 1 月 1 日至 12 月 31 日。"),
    check: Some(s006),
};

pub const S007: Rule = Rule {
    code: "S007",
    name: "outdated-format",
    severity: Error,
    summary: text!("2021 年及以后的报告使用了 2019 年版表格（错误）；新旧表格混用（警告）"),
    doc: text!("2021 年度起应使用国办公开办函〔2021〕30号格式。2019 版的标志：表二“本年新制作数量、本年新公开数量、对外公开总数量、上一年项目数量、本年增/减、\
其他对外管理服务事项、政府集中采购”，表三“（六）其他处理”不分细项。两种标志同时出现说明表格只改了一部分。"),
    check: Some(s007),
};

pub const S008: Rule = Rule {
    code: "S008",
    name: "basis-citation",
    severity: Warning,
    summary: text!("2021 年及以后的报告以国办公开办函〔2019〕60号为格式依据；或《中华人民共和国政府信息公开条例》名称写错"),
    doc: text!("2021 年度起的格式依据是国办公开办函〔2021〕30号。法规全称为《中华人民共和国政府信息公开条例》；\
曾有报告写成《中华人民共和国信息公开条例》。"),
    check: Some(s008),
};

pub const S009: Rule = Rule {
    code: "S009",
    name: "intro-part-list",
    severity: Warning,
    summary: text!("引言所说的部分数量或列表与正文不一致"),
    doc: text!("引言常写“报告全文包括……等六部分”。若引言宣布的部分数与规范的六部分或正文实际的部分不符，应修改引言或正文。"),
    check: Some(s009),
};

fn canonical_heading(n: u8) -> String {
    format!(
        "{}、{}",
        chinese_numeral(n as u32),
        PARTS[n as usize - 1].canonical
    )
}

fn s001(ctx: &Context, sink: &mut Sink) {
    let r = ctx.report;
    for spec in &PARTS {
        if r.part(spec.number).is_some() {
            continue;
        }
        // Point at where the part belongs: the next part found after it.
        let next = r
            .parts
            .iter()
            .filter(|p| p.number > spec.number)
            .min_by_key(|p| p.loc);
        let mut msg = format!(
            "缺少第{}部分「{}」",
            chinese_numeral(spec.number as u32),
            canonical_heading(spec.number)
        );
        if let Some(n) = next {
            msg.push_str(&format!(
                "（应在第 {} 行「{}」之前）",
                n.loc.line, n.heading
            ));
        }
        let mut e = sink
            .emit(msg)
            .part(spec.number)
            .expected(canonical_heading(spec.number));
        if let Some(n) = next {
            e = e.at(n.loc);
        }
        drop(e);
    }
}

fn s002(ctx: &Context, sink: &mut Sink) {
    let r = ctx.report;
    let wrong: Vec<_> = r
        .parts
        .iter()
        .filter(|p| p.written_number.is_some_and(|w| w != p.number))
        .collect();
    if let Some(first) = wrong.first() {
        let list: Vec<String> = wrong
            .iter()
            .map(|p| {
                format!(
                    "「{}」编号为「{}」，应为「{}」",
                    p.title,
                    written_numeral(p),
                    chinese_numeral(p.number as u32)
                )
            })
            .collect();
        let msg = if wrong.len() == 1 {
            format!("部分编号错误：{}", list[0])
        } else {
            format!("部分编号错位：{}", list.join("；"))
        };
        sink.emit(msg)
            .at(first.loc)
            .part(first.number)
            .expected(canonical_heading(first.number))
            .actual(first.heading.clone());
    }
    let mut highest = 0u8;
    for p in &r.parts {
        if p.number < highest {
            sink.emit(format!(
                "第{}部分「{}」出现在第{}部分之后，顺序错误",
                chinese_numeral(p.number as u32),
                p.title,
                chinese_numeral(highest as u32)
            ))
            .at(p.loc)
            .part(p.number);
        }
        highest = highest.max(p.number);
    }
    for d in &r.duplicate_parts {
        let first = r.part(d.number).map_or(0, |p| p.loc.line);
        sink.emit(format!(
            "第{}部分「{}」重复出现（第 {} 行已有）",
            chinese_numeral(d.number as u32),
            d.title,
            first
        ))
        .at(d.loc)
        .part(d.number)
        .actual(d.heading.clone());
    }
}

/// The numeral as written: "1" for "1. 总体情况", "一" for "一、总体情况".
fn written_numeral(p: &Part) -> String {
    let w = p.written_number.unwrap_or(0) as u32;
    if p.arabic_number {
        w.to_string()
    } else {
        chinese_numeral(w).to_string()
    }
}

fn s003(ctx: &Context, sink: &mut Sink) {
    for p in &ctx.report.parts {
        let canonical = canonical_heading(p.number);
        let msg = match p.title_match {
            // A wrong number is S002's; a right one in Arabic digits is a matter of form.
            TitleMatch::Canonical if p.arabic_number && p.written_number == Some(p.number) => {
                format!(
                    "第{}部分标题「{}」用了阿拉伯数字编号，应为「{}」",
                    chinese_numeral(p.number as u32),
                    p.heading,
                    canonical
                )
            }
            TitleMatch::Canonical => continue,
            TitleMatch::Variant => format!(
                "第{}部分标题「{}」与规范写法不同，应为「{}」",
                chinese_numeral(p.number as u32),
                p.title,
                canonical
            ),
            TitleMatch::Different => format!(
                "第{}部分标题「{}」与规范标题含义不同（规范标题要求写明改进情况），应为「{}」",
                chinese_numeral(p.number as u32),
                p.title,
                canonical
            ),
        };
        sink.emit(msg)
            .at(p.loc)
            .part(p.number)
            .expected(canonical)
            .actual(p.heading.clone());
    }
}

fn s004(ctx: &Context, sink: &mut Sink) {
    let r = ctx.report;
    match &r.title {
        None => {
            sink.emit("没有找到报告标题（应为“〈机关名称〉〈年度〉年政府信息公开工作年度报告”）")
                .at(Loc { line: 1, column: 1 })
                .expected("〈机关名称〉〈YYYY〉年政府信息公开工作年度报告");
        }
        Some((title, loc)) => {
            let mut lacks = Vec::new();
            if r.agency.is_none() {
                lacks.push("机关名称");
            }
            if crate::report::front::find_year(title).is_none() {
                lacks.push("年度");
            }
            if !lacks.is_empty() {
                sink.emit(format!("报告标题「{title}」缺少{}", lacks.join("和")))
                    .at(*loc)
                    .expected("〈机关名称〉〈YYYY〉年政府信息公开工作年度报告")
                    .actual(title.clone());
            }
        }
    }
}

fn title_year(ctx: &Context) -> Option<i32> {
    ctx.report
        .title
        .as_ref()
        .and_then(|(t, _)| crate::report::front::find_year(t))
        .map(|(y, _, _)| y)
}

fn s005(ctx: &Context, sink: &mut Sink) {
    let r = ctx.report;
    let ty = title_year(ctx);
    if let (Some(ty), Some(p)) = (ty, &r.period) {
        for (which, y) in [("起始", p.start.year), ("截止", p.end.year)] {
            if y != ty {
                sink.emit(format!(
                    "标题年度为 {ty} 年，统计期限的{which}年份却是 {y} 年"
                ))
                .at(p.loc)
                .expected(ty.to_string())
                .actual(y.to_string());
                break;
            }
        }
    }
    let Some((year, _)) = r.year else { return };
    for m in &r.facts.year_mentions {
        let part = r
            .parts
            .iter()
            .filter(|p| p.loc.line <= m.loc.line)
            .max_by_key(|p| p.loc.line)
            .map(|p| p.number);
        if m.year < year && part != Some(5) {
            let mut e = sink
                .emit(format!(
                    "本年度（{year} 年）的报告在段首写「{}」，年份疑为上一年度未改",
                    m.quote
                ))
                .at(m.loc)
                .expected(year.to_string())
                .actual(m.year.to_string());
            if let Some(n) = part {
                e = e.part(n);
            }
            drop(e);
        }
    }
}

fn s006(ctx: &Context, sink: &mut Sink) {
    let r = ctx.report;
    let Some(p) = &r.period else {
        sink.emit("没有找到数据统计期限（应写明“统计期限为 YYYY 年 1 月 1 日至 12 月 31 日”）")
            .at(r.title.as_ref().map_or(Loc { line: 1, column: 1 }, |t| t.1));
        return;
    };
    let Some((year, _)) = r.year else { return };
    let start_ok = p.start.year == year && p.start.month == 1 && p.start.day == 1;
    let end_ok = p.end.year == year && p.end.month == 12 && p.end.day == 31;
    if !(start_ok && end_ok) {
        let fmt = |d: crate::report::Date| format!("{}年{}月{}日", d.year, d.month, d.day);
        sink.emit(format!(
            "统计期限为 {} 至 {}，应为 {year} 年 1 月 1 日至 12 月 31 日",
            fmt(p.start),
            fmt(p.end)
        ))
        .severity(Error)
        .at(p.loc)
        .expected(format!("{year}年1月1日至{year}年12月31日"))
        .actual(format!("{}至{}", fmt(p.start), fmt(p.end)));
    }
}

fn s007(ctx: &Context, sink: &mut Sink) {
    let r = ctx.report;
    let year = r.year.map(|y| y.0);
    let first = |v2019: bool| r.markers.iter().find(|m| m.v2019 == v2019);
    let list = |v2019: bool| {
        let mut names: Vec<&str> = r
            .markers
            .iter()
            .filter(|m| m.v2019 == v2019)
            .map(|m| m.text.as_str())
            .collect();
        names.dedup();
        names.join("、")
    };
    match r.format_version {
        FormatVersion::V2019 if year.is_some_and(|y| y >= 2021) => {
            let m = first(true).map(|m| m.loc).unwrap_or_default();
            sink.emit(format!(
                "{} 年度报告使用了 2019 年版表格（{}），应使用国办公开办函〔2021〕30号规定的表格",
                year.unwrap_or(0),
                list(true)
            ))
            .at(m)
            .expected("2021")
            .actual("2019");
        }
        FormatVersion::Hybrid => {
            let m = first(true).map(|m| m.loc).unwrap_or_default();
            sink.emit(format!(
                "表格新旧格式混用：有 2019 年版的标志（{}），也有 2021 年版的标志（{}）",
                list(true),
                list(false)
            ))
            .severity(Warning)
            .at(m)
            .expected("2021")
            .actual("2019 与 2021 混合");
        }
        _ => {}
    }
}

fn s008(ctx: &Context, sink: &mut Sink) {
    let r = ctx.report;
    if r.year.is_some_and(|y| y.0 >= 2021) {
        for c in &r.facts.old_format_citations {
            sink.emit(format!(
                "{} 年度报告引用了已被替代的格式文件{}，应为国办公开办函〔2021〕30号",
                r.year.map_or(0, |y| y.0),
                c.text
            ))
            .at(c.loc)
            .expected("国办公开办函〔2021〕30号")
            .actual(c.text.clone());
        }
    }
    for c in &r.facts.misspelt_law {
        sink.emit(format!(
            "法规名称{}有误，应为《中华人民共和国政府信息公开条例》",
            c.text
        ))
        .at(c.loc)
        .expected("《中华人民共和国政府信息公开条例》")
        .actual(c.text.clone());
    }
}

fn s009(ctx: &Context, sink: &mut Sink) {
    let r = ctx.report;
    let Some(intro) = &r.facts.intro_parts else {
        return;
    };
    let found = r.parts.len();
    // When the introduction names the six parts of the format, a missing part is S001's to report.
    if intro.count != 6 && intro.count != found {
        let said: String = intro.quote.chars().take(50).collect();
        sink.emit(format!(
            "引言称报告共 {} 部分（「{said}…」），但规范格式为六部分，正文找到 {} 部分",
            intro.count, found
        ))
        .at(intro.loc)
        .expected("6")
        .actual(intro.count.to_string());
    }
}
