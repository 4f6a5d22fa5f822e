//! The words recognition looks for in the prose, as data beside `labels.rs` (the tables' labels):
//! what a number counts, and the words of the claims and statements the N and K rules compare with
//! the tables. Compared against folded text (`normalize`).

use super::model::CountKind;

/// Keywords that name what a number counts, longest first where one contains another.
pub const COUNT_KEYWORDS: &[(&str, CountKind)] = &[
    ("予以公开及部分公开", CountKind::GrantedOrPartial),
    ("予以公开和部分公开", CountKind::GrantedOrPartial),
    ("公开及部分公开", CountKind::GrantedOrPartial),
    ("同意公开答复", CountKind::Granted),
    ("予以公开答复", CountKind::Granted),
    ("部分公开答复", CountKind::Partial),
    ("不予公开答复", CountKind::Refused),
    ("上年度结转", CountKind::CarriedOver),
    ("上一年度结转", CountKind::CarriedOver),
    ("上年结转", CountKind::CarriedOver),
    ("结转上年", CountKind::CarriedOver),
    ("结转下一年", CountKind::CarriedForward),
    ("结转下年", CountKind::CarriedForward),
    ("转下一年度", CountKind::CarriedForward),
    ("结转至下", CountKind::CarriedForward),
    ("结转到下", CountKind::CarriedForward),
    ("顺延到下", CountKind::CarriedForward),
    ("予以公开", CountKind::Granted),
    ("同意公开", CountKind::Granted),
    ("部分公开", CountKind::Partial),
    ("不予公开", CountKind::Refused),
    ("无法提供", CountKind::Unable),
    ("不予处理", CountKind::NotProcessed),
    ("其他处理", CountKind::OtherProcessed),
    ("行政复议", CountKind::Review),
    ("行政诉讼", CountKind::Litigation),
    ("规范性文件", CountKind::NormativeIssued),
    ("规章", CountKind::RegulationsIssued),
    ("行政许可", CountKind::Licensing),
    ("行政处罚", CountKind::Punishment),
    ("办结", CountKind::Concluded),
    ("答复", CountKind::Concluded),
    ("办理", CountKind::Concluded),
    ("收到", CountKind::Received),
    ("受理", CountKind::Received),
    ("新收", CountKind::Received),
    ("接收", CountKind::Received),
];

/// Verbs that make a count of 规章/规范性文件 a count of documents issued this year.
pub const ISSUING_VERBS: [&str; 7] = ["制发", "印发", "出台", "发布", "公开", "新增", "制定"];

/// A sentence about information disclosure (not about the agency's work in general) holds one.
pub const DISCLOSURE_TOPICS: [&str; 4] = ["信息公开", "依申请", "政务公开", "公开申请"];

/// Words that deny what follows within a clause (「未发生行政复议」).
pub const NEGATIONS: [&str; 6] = ["无", "未发生", "没有", "未有", "未收到", "未被"];

/// 「均予以维持」 and the like: every reconsideration or lawsuit upheld.
pub const ALL_UPHELD: [&str; 5] = ["均予以维持", "均被维持", "全部维持", "均获支持", "均维持"];

/// Outcomes that correct the agency (纠错, 败诉 …).
pub const CORRECTIONS: [&str; 4] = ["纠错", "纠正", "败诉", "撤销"];

/// Words that deny a correction before it (尚未 excepted: 「尚未审结」 states nothing about it).
pub const CORRECTION_NEGATIONS: [&str; 3] = ["未", "没有", "无"];

/// Quantifiers of 「均已办结」, 「全部办结」.
pub const ALL_QUANTIFIERS: [&str; 3] = ["均已", "全部", "均"];

/// Completion verbs that follow such a quantifier.
pub const COMPLETIONS: [&str; 5] = ["办结", "办理完成", "办理完毕", "答复完毕", "处理完毕"];

/// Words before the number of parts an introduction announces (「分为六个部分」).
pub const PART_COUNT_INTROS: [&str; 4] = ["包括", "分为", "共", "等"];

/// Words before the list of parts an introduction announces.
pub const PART_LIST_INTROS: [&str; 4] = ["全文包括", "报告包括", "主要包括", "内容包括"];

/// Part 五 states problems when it holds one of these (K003).
pub const PROBLEM_WORDS: [&str; 5] = ["问题", "不足", "差距", "短板", "薄弱"];

/// Part 五 states improvements when it holds one of these (K003).
pub const IMPROVEMENT_WORDS: [&str; 10] = [
    "改进",
    "整改",
    "下一步",
    "措施",
    "加强",
    "提升",
    "完善",
    "计划",
    "推进",
    "将",
];
