//! K — the content of the text parts.

use super::{text, Context, Rule, Sink};
use crate::diagnostic::Severity::*;
use crate::diagnostic::TableId;
use crate::normalize::chinese_numeral;
use crate::report::labels::{col3, cols, rows};
use crate::report::labels::{ACCOUNTABILITY, ASPECTS};
use crate::report::{FormatVersion, Loc};

pub const K001: Rule = Rule {
    code: "K001",
    name: "overview-aspects",
    severity: Warning,
    summary: text!("第一部分没有涉及五个方面之一（主动公开、依申请公开、政府信息管理、平台建设、监督保障）"),
    doc: text!("格式要求总体情况概述五个方面：主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障。缺少哪一方面就列出哪一方面。"),
    check: Some(k001),
};

pub const K002: Rule = Rule {
    code: "K002",
    name: "government-accountability",
    severity: Warning,
    summary: text!("人民政府的报告没有说明工作考核、社会评议和责任追究结果情况"),
    doc: text!("《条例》第五十条第（四）项要求各级人民政府的年度报告包括“政府信息公开工作考核、社会评议和责任追究结果情况”。\
格式把它放在监督保障中；写在第一或第五部分均可。只对人民政府（乡镇、县、市、省）适用，不适用于政府部门。"),
    check: Some(k002),
};

pub const K003: Rule = Rule {
    code: "K003",
    name: "improvement-missing",
    severity: Warning,
    summary: text!("第五部分只写了问题没有写改进措施，或为空、只写“无”"),
    doc: text!("《条例》第五十条要求报告“存在的主要问题及改进情况”，两者都要写；好的做法是同时说明上一年问题的整改情况。"),
    check: Some(k003),
};

pub const K004: Rule = Rule {
    code: "K004",
    name: "fee-statement",
    severity: Warning,
    summary: text!("没有说明信息处理费收取情况；或表三（六）2 大于 0 而正文从未提到收费"),
    doc: text!("2021 年度起的报告应在第六部分说明是否按国办函〔2020〕109号收取信息处理费及金额（未收取也要写明）。\
表三“申请人逾期未按收费通知要求缴纳费用”大于 0 说明发过收费通知，正文应有说明。"),
    check: Some(k004),
};

pub const K005: Rule = Rule {
    code: "K005",
    name: "empty-part",
    severity: Warning,
    summary: text!("文字部分（第一、六部分）为空或只写“无”"),
    doc: text!("总体情况和其他需要报告的事项不应为空；第六部分至少应说明信息处理费收取情况。第五部分为空由 K003 报告。"),
    check: Some(k005),
};

fn k001(ctx: &Context, sink: &mut Sink) {
    let r = ctx.report;
    let Some(one) = &r.facts.parts[1] else { return };
    if one.empty {
        return; // K005 reports it
    }
    let missing: Vec<&str> = ASPECTS
        .iter()
        .map(|(n, _)| *n)
        .filter(|n| !r.facts.aspects_found.contains(n))
        .collect();
    if !missing.is_empty() {
        sink.emit(format!(
            "第一部分「总体情况」没有涉及：{}",
            missing.join("、")
        ))
        .at(one.loc)
        .part(1)
        .missing(&missing);
    }
}

fn k002(ctx: &Context, sink: &mut Sink) {
    let r = ctx.report;
    if !r.agency_kind.is_peoples_government() {
        return;
    }
    let missing: Vec<&str> = ACCOUNTABILITY
        .iter()
        .map(|(n, _)| *n)
        .filter(|n| !r.facts.accountability_found.contains(n))
        .collect();
    if missing.is_empty() {
        return;
    }
    let loc = r.facts.parts[1]
        .as_ref()
        .map(|p| p.loc)
        .unwrap_or(Loc { line: 1, column: 1 });
    sink.emit(format!(
        "「{}」是人民政府，按《中华人民共和国政府信息公开条例》第五十条，年度报告应包括政府信息公开工作考核、社会评议和责任追究结果情况；报告未提到：{}",
        r.agency.as_deref().unwrap_or(""),
        missing.join("、")
    ))
    .at(loc)
    .part(1)
    .missing(&missing);
}

fn k003(ctx: &Context, sink: &mut Sink) {
    let r = ctx.report;
    let Some(five) = &r.facts.parts[5] else {
        return;
    };
    if five.empty {
        sink.emit(
            "第五部分「存在的主要问题及改进情况」为空或只写了“无”，应写明存在的问题和改进情况",
        )
        .at(five.loc)
        .part(5);
    } else if !r.facts.improvement_found {
        let msg = if r.facts.problems_found {
            "第五部分只写了存在的问题，没有写改进措施或改进情况"
        } else {
            "第五部分既没有写明存在的主要问题，也没有写改进措施或改进情况"
        };
        sink.emit(msg).at(five.loc).part(5);
    }
}

fn k004(ctx: &Context, sink: &mut Sink) {
    let r = ctx.report;
    if !r.facts.fee_mentions.is_empty() {
        return;
    }
    let other_2 = r
        .table3
        .as_ref()
        .and_then(|t| t.cell(rows::OTHER_2, col3::TOTAL))
        .and_then(|c| c.number())
        .filter(|n| *n > 0.0);
    let six = r.facts.parts[6]
        .as_ref()
        .map(|p| p.loc)
        .or(r.part(6).map(|p| p.loc));
    if let Some(n) = other_2 {
        let c = r
            .table3
            .as_ref()
            .and_then(|t| t.cell(rows::OTHER_2, col3::TOTAL))
            .map(|c| c.loc)
            .unwrap_or_default();
        sink.emit(format!("表三「申请人逾期未按收费通知要求缴纳费用」为 {}，说明发出过收费通知，但正文没有提到信息处理费", super::num(n)))
            .at(c)
            .cell(TableId::T3, rows::OTHER_2, Some(cols::TOTAL));
        return;
    }
    let v2021 = r.year.is_some_and(|y| y.0 >= 2021) && r.format_version != FormatVersion::V2019;
    if v2021 {
        let mut e = sink
            .emit(
                "报告没有说明信息处理费的收取情况（第六部分应写明是否收取及金额，未收取也应说明）",
            )
            .part(6);
        if let Some(l) = six {
            e = e.at(l);
        }
        drop(e);
    }
}

fn k005(ctx: &Context, sink: &mut Sink) {
    let r = ctx.report;
    for n in [1u8, 6] {
        if let Some(p) = r.facts.parts[n as usize].as_ref().filter(|p| p.empty) {
            let title = r.part(n).map_or("", |p| p.title.as_str());
            sink.emit(format!(
                "第{}部分「{}」为空或只写了“无”",
                chinese_numeral(n as u32),
                title
            ))
            .at(p.loc)
            .part(n);
        }
    }
}
