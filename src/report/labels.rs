//! The format as data: part titles and their variants, the rows and columns of tables 二/三/四,
//! the keywords that identify a row label however it was damaged, and the markers of the 2019 and
//! 2021 formats. Everything here is compared against [`crate::normalize::key`] forms.

/// A part of the report (format.md §1).
pub struct PartSpec {
    pub number: u8,
    pub canonical: &'static str,
    /// Accepted variants: the part, but worded differently (S003 warning).
    pub variants: &'static [&'static str],
}

pub static PARTS: [PartSpec; 6] = [
    PartSpec {
        number: 1,
        canonical: "总体情况",
        variants: &["概述", "总体工作情况", "基本情况"],
    },
    PartSpec {
        number: 2,
        canonical: "主动公开政府信息情况",
        variants: &["主动公开政府信息", "主动公开政府信息的情况"],
    },
    PartSpec {
        number: 3,
        canonical: "收到和处理政府信息公开申请情况",
        variants: &[
            "收到和处理政府信息公开申请的情况",
            "政府信息公开申请的收到和处理情况",
        ],
    },
    PartSpec {
        number: 4,
        canonical: "政府信息公开行政复议、行政诉讼情况",
        variants: &[
            "因政府信息公开工作被申请行政复议、提起行政诉讼情况",
            "因政府信息公开工作被申请行政复议、提起行政诉讼的情况",
            "政府信息公开行政复议和行政诉讼情况",
            "政府信息公开行政复议及行政诉讼情况",
            "因政府信息公开申请行政复议、提起行政诉讼情况",
            "因政府信息公开工作被申请行政复议和提起行政诉讼情况",
        ],
    },
    PartSpec {
        number: 5,
        canonical: "存在的主要问题及改进情况",
        variants: &[
            "政府信息公开工作存在的主要问题及改进情况",
            "存在的主要问题及改进措施",
            "存在主要问题和改进情况",
            "存在的主要问题和改进情况",
        ],
    },
    PartSpec {
        number: 6,
        canonical: "其他需要报告的事项",
        variants: &["其它需要报告的事项", "其他需要报告事项"],
    },
];

/// Normal form of a title for comparison: format.md §1 says width, spaces, 及/和/、, 其他/其它 and
/// an optional 的 or 情况 do not make a different title.
pub fn title_form(s: &str) -> String {
    let k = crate::normalize::key(s);
    let k = k.trim_end_matches(['。', '.', ':', ';']);
    let mut out = String::with_capacity(k.len());
    for c in k.chars() {
        match c {
            '及' | '和' | '、' | ',' => out.push('和'),
            '的' => {}
            c => out.push(c),
        }
    }
    if let Some(stripped) = out.strip_suffix("情况") {
        // "主动公开政府信息" and "主动公开政府信息情况" are the same title.
        if !stripped.is_empty() {
            return stripped.to_owned();
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Tables

/// The key of a row of table 二, 三 or 四: its name in the JSON output and in a diagnostic's
/// `location.row` (docs/output.md). Only [`rows`] makes one, so a lookup of a row that does not
/// exist (`row(rows::CARRY_FOWARD)`) does not compile.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RowKey(&'static str);

impl RowKey {
    pub const fn as_str(self) -> &'static str {
        self.0
    }
}

impl std::fmt::Display for RowKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

impl serde::Serialize for RowKey {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0)
    }
}

/// Every row key of the format, written once; the row data below and all code use these.
pub mod rows {
    use super::RowKey;
    pub const CARRIED_OVER: RowKey = RowKey("carried_over");
    pub const CARRY_FORWARD: RowKey = RowKey("carry_forward");
    pub const COERCION: RowKey = RowKey("coercion");
    pub const FEES: RowKey = RowKey("fees");
    pub const GRANTED: RowKey = RowKey("granted");
    pub const LICENSING: RowKey = RowKey("licensing");
    pub const LITIGATION_AFTER_REVIEW: RowKey = RowKey("litigation_after_review");
    pub const LITIGATION_DIRECT: RowKey = RowKey("litigation_direct");
    pub const NEW: RowKey = RowKey("new");
    pub const NORMATIVE_DOCUMENTS: RowKey = RowKey("normative_documents");
    pub const NOT_PROCESSED_1: RowKey = RowKey("not_processed_1");
    pub const NOT_PROCESSED_2: RowKey = RowKey("not_processed_2");
    pub const NOT_PROCESSED_3: RowKey = RowKey("not_processed_3");
    pub const NOT_PROCESSED_4: RowKey = RowKey("not_processed_4");
    pub const NOT_PROCESSED_5: RowKey = RowKey("not_processed_5");
    pub const OTHER: RowKey = RowKey("other");
    pub const OTHER_1: RowKey = RowKey("other_1");
    pub const OTHER_2: RowKey = RowKey("other_2");
    pub const OTHER_3: RowKey = RowKey("other_3");
    pub const OTHER_SERVICES: RowKey = RowKey("other_services");
    pub const PARTIAL: RowKey = RowKey("partial");
    pub const PROCUREMENT: RowKey = RowKey("procurement");
    pub const PUNISHMENT: RowKey = RowKey("punishment");
    pub const REFUSED_1: RowKey = RowKey("refused_1");
    pub const REFUSED_2: RowKey = RowKey("refused_2");
    pub const REFUSED_3: RowKey = RowKey("refused_3");
    pub const REFUSED_4: RowKey = RowKey("refused_4");
    pub const REFUSED_5: RowKey = RowKey("refused_5");
    pub const REFUSED_6: RowKey = RowKey("refused_6");
    pub const REFUSED_7: RowKey = RowKey("refused_7");
    pub const REFUSED_8: RowKey = RowKey("refused_8");
    pub const REGULATIONS: RowKey = RowKey("regulations");
    pub const REVIEW: RowKey = RowKey("review");
    pub const TOTAL: RowKey = RowKey("total");
    pub const UNABLE_1: RowKey = RowKey("unable_1");
    pub const UNABLE_2: RowKey = RowKey("unable_2");
    pub const UNABLE_3: RowKey = RowKey("unable_3");
    pub const SUBTOTAL_REFUSED: RowKey = RowKey("subtotal_refused");
    pub const SUBTOTAL_UNABLE: RowKey = RowKey("subtotal_unable");
    pub const SUBTOTAL_NOT_PROCESSED: RowKey = RowKey("subtotal_not_processed");
    pub const SUBTOTAL_OTHER: RowKey = RowKey("subtotal_other");
}

/// The key of a column of table 二, 三 or 四: its name in the JSON output and in a diagnostic's
/// `location.col`. Only [`cols`] makes one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ColKey(&'static str);

impl ColKey {
    pub const fn as_str(self) -> &'static str {
        self.0
    }
}

/// A column key read back from JSON (the renderer's input) is compared as text.
impl PartialEq<&str> for ColKey {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl PartialEq<ColKey> for &str {
    fn eq(&self, other: &ColKey) -> bool {
        *self == other.0
    }
}

impl std::fmt::Display for ColKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

impl serde::Serialize for ColKey {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0)
    }
}

/// The column keys of tables 二/三/四, written once.
pub mod cols {
    use super::ColKey;
    pub const AMOUNT: ColKey = ColKey("amount");
    pub const CHANGE: ColKey = ColKey("change");
    pub const COMMERCIAL: ColKey = ColKey("commercial");
    pub const CORRECTED: ColKey = ColKey("corrected");
    pub const DECISIONS: ColKey = ColKey("decisions");
    pub const IN_FORCE: ColKey = ColKey("in_force");
    pub const ISSUED: ColKey = ColKey("issued");
    pub const ITEMS: ColKey = ColKey("items");
    pub const LEGAL_SERVICE: ColKey = ColKey("legal_service");
    pub const NATURAL_PERSON: ColKey = ColKey("natural_person");
    pub const NEW_MADE: ColKey = ColKey("new_made");
    pub const NEW_PUBLISHED: ColKey = ColKey("new_published");
    pub const OTHER: ColKey = ColKey("other");
    pub const PENDING: ColKey = ColKey("pending");
    pub const PREVIOUS_ITEMS: ColKey = ColKey("previous_items");
    pub const REPEALED: ColKey = ColKey("repealed");
    pub const RESEARCH: ColKey = ColKey("research");
    pub const SOCIAL_WELFARE: ColKey = ColKey("social_welfare");
    pub const SUBTOTAL: ColKey = ColKey("subtotal");
    pub const TOTAL: ColKey = ColKey("total");
    pub const TOTAL_PUBLISHED: ColKey = ColKey("total_published");
    pub const UPHELD: ColKey = ColKey("upheld");
}

/// Column indices of the 2021 table 二's rows 规章 and 行政规范性文件 (their cells are in this
/// order; the other rows, and the 2019 layout, have columns of their own).
pub mod col2 {
    pub const ISSUED: usize = 0;
    pub const REPEALED: usize = 1;
    pub const IN_FORCE: usize = 2;
}

/// Column indices of table 三: its rows' cells are in this order (`T3_COLUMNS`).
pub mod col3 {
    pub const NATURAL_PERSON: usize = 0;
    pub const COMMERCIAL: usize = 1;
    pub const RESEARCH: usize = 2;
    pub const SOCIAL_WELFARE: usize = 3;
    pub const LEGAL_SERVICE: usize = 4;
    pub const OTHER: usize = 5;
    pub const TOTAL: usize = 6;
    /// The columns of 法人或其他组织 (商业企业 … 其他).
    pub const ORGANISATIONS: std::ops::Range<usize> = COMMERCIAL..TOTAL;
}

/// Column indices of table 四: its rows' cells are in this order (`T4_COLUMNS`).
pub mod col4 {
    pub const UPHELD: usize = 0;
    pub const CORRECTED: usize = 1;
    pub const OTHER: usize = 2;
    pub const PENDING: usize = 3;
    pub const TOTAL: usize = 4;
}

/// One data row of a table: its JSON key, canonical label, the keywords that identify its label
/// (in `key` form), and the keys of its columns.
#[derive(Debug)]
pub struct RowSpec {
    pub key: RowKey,
    pub label: &'static str,
    pub keywords: &'static [&'static str],
    pub columns: &'static [ColKey],
    pub column_labels: &'static [&'static str],
    /// Which format versions have this row.
    in_2021: bool,
    in_2019: bool,
    /// For table 三: the outcome group the row belongs to.
    pub group: Option<Group>,
}

impl RowSpec {
    /// True when the row is one of the items whose sum is `group`'s count: the group's numbered
    /// rows, or in the 2019 layout the single （六）其他处理 row.
    pub fn counts_for(&self, group: Group) -> bool {
        self.group == Some(group) || (group == Group::Other && self.key == rows::OTHER)
    }

    /// True when the row belongs to the tables of `layout`: the one place that says which rows
    /// each format has.
    pub fn in_layout(&self, layout: super::model::Layout) -> bool {
        match layout {
            super::model::Layout::V2021 => self.in_2021,
            super::model::Layout::V2019 => self.in_2019,
        }
    }
}

/// The outcome groups of table 三 (format.md §3); they have no numbers of their own in the format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Group {
    Refused,
    Unable,
    NotProcessed,
    Other,
}

impl Group {
    pub fn label(self) -> &'static str {
        match self {
            Group::Refused => "（三）不予公开",
            Group::Unable => "（四）无法提供",
            Group::NotProcessed => "（五）不予处理",
            Group::Other => "（六）其他处理",
        }
    }
    pub fn subtotal_key(self) -> RowKey {
        match self {
            Group::Refused => rows::SUBTOTAL_REFUSED,
            Group::Unable => rows::SUBTOTAL_UNABLE,
            Group::NotProcessed => rows::SUBTOTAL_NOT_PROCESSED,
            Group::Other => rows::SUBTOTAL_OTHER,
        }
    }
    /// Keywords of the group label (key form).
    pub fn keywords(self) -> &'static [&'static str] {
        match self {
            Group::Refused => &["不予公开"],
            Group::Unable => &["无法提供"],
            Group::NotProcessed => &["不予处理"],
            Group::Other => &["其他处理", "(六)其他"],
        }
    }
    pub const ALL: [Group; 4] = [
        Group::Refused,
        Group::Unable,
        Group::NotProcessed,
        Group::Other,
    ];
}

/// Table 三's column keys, indexed by [`col3`].
pub const T3_COLUMNS: [ColKey; 7] = [
    cols::NATURAL_PERSON,
    cols::COMMERCIAL,
    cols::RESEARCH,
    cols::SOCIAL_WELFARE,
    cols::LEGAL_SERVICE,
    cols::OTHER,
    cols::TOTAL,
];
pub const T3_COLUMN_LABELS: [&str; 7] = [
    "自然人",
    "商业企业",
    "科研机构",
    "社会公益组织",
    "法律服务机构",
    "其他",
    "总计",
];

macro_rules! t3 {
    ($key:expr, $label:expr, [$($kw:expr),*], $in21:expr, $in19:expr, $group:expr) => {
        RowSpec {
            key: $key,
            label: $label,
            keywords: &[$($kw),*],
            columns: &T3_COLUMNS,
            column_labels: &T3_COLUMN_LABELS,
            in_2021: $in21,
            in_2019: $in19,
            group: $group,
        }
    };
}

use Group::*;

/// Table 三's data rows in canonical order (2021 and 2019 together; [`RowSpec::in_layout`] says which).
pub static T3_ROWS: &[RowSpec] = &[
    t3!(
        rows::NEW,
        "一、本年新收政府信息公开申请数量",
        ["本年新收", "新收政府信息公开申请"],
        true,
        true,
        None
    ),
    t3!(
        rows::CARRIED_OVER,
        "二、上年结转政府信息公开申请数量",
        ["上年结转"],
        true,
        true,
        None
    ),
    t3!(
        rows::GRANTED,
        "（一）予以公开",
        ["予以公开"],
        true,
        true,
        None
    ),
    t3!(
        rows::PARTIAL,
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        ["部分公开"],
        true,
        true,
        None
    ),
    t3!(
        rows::REFUSED_1,
        "1.属于国家秘密",
        ["国家秘密"],
        true,
        true,
        Some(Refused)
    ),
    t3!(
        rows::REFUSED_2,
        "2.其他法律行政法规禁止公开",
        ["法律行政法规禁止", "其他法律行政", "行政法规禁止"],
        true,
        true,
        Some(Refused)
    ),
    t3!(
        rows::REFUSED_3,
        "3.危及“三安全一稳定”",
        ["三安全一稳定", "危及"],
        true,
        true,
        Some(Refused)
    ),
    t3!(
        rows::REFUSED_4,
        "4.保护第三方合法权益",
        ["第三方合法权益", "保护第三方"],
        true,
        true,
        Some(Refused)
    ),
    t3!(
        rows::REFUSED_5,
        "5.属于三类内部事务信息",
        ["三类内部事务", "内部事务信"],
        true,
        true,
        Some(Refused)
    ),
    t3!(
        rows::REFUSED_6,
        "6.属于四类过程性信息",
        ["四类过程性", "过程性信息"],
        true,
        true,
        Some(Refused)
    ),
    t3!(
        rows::REFUSED_7,
        "7.属于行政执法案卷",
        ["行政执法案卷", "执法案卷"],
        true,
        true,
        Some(Refused)
    ),
    t3!(
        rows::REFUSED_8,
        "8.属于行政查询事项",
        ["行政查询事项", "查询事项"],
        true,
        true,
        Some(Refused)
    ),
    t3!(
        rows::UNABLE_1,
        "1.本机关不掌握相关政府信息",
        ["不掌握"],
        true,
        true,
        Some(Unable)
    ),
    t3!(
        rows::UNABLE_2,
        "2.没有现成信息需要另行制作",
        ["没有现成信息", "另行制作"],
        true,
        true,
        Some(Unable)
    ),
    t3!(
        rows::UNABLE_3,
        "3.补正后申请内容仍不明确",
        ["仍不明确", "补正后申请"],
        true,
        true,
        Some(Unable)
    ),
    t3!(
        rows::NOT_PROCESSED_1,
        "1.信访举报投诉类申请",
        ["信访举报", "举报投诉"],
        true,
        true,
        Some(NotProcessed)
    ),
    t3!(
        rows::NOT_PROCESSED_2,
        "2.重复申请",
        ["重复申请"],
        true,
        true,
        Some(NotProcessed)
    ),
    t3!(
        rows::NOT_PROCESSED_3,
        "3.要求提供公开出版物",
        ["公开出版物"],
        true,
        true,
        Some(NotProcessed)
    ),
    t3!(
        rows::NOT_PROCESSED_4,
        "4.无正当理由大量反复申请",
        ["大量反复"],
        true,
        true,
        Some(NotProcessed)
    ),
    t3!(
        rows::NOT_PROCESSED_5,
        "5.要求行政机关确认或重新出具已获取信息",
        [
            "确认或重新出具",
            "重新出具",
            "要求行政机关确认",
            "已获取信息"
        ],
        true,
        true,
        Some(NotProcessed)
    ),
    t3!(
        rows::OTHER_1,
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        ["逾期不补正", "申请人无正当理由逾", "不补正"],
        true,
        false,
        Some(Other)
    ),
    t3!(
        rows::OTHER_2,
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        ["逾期未按收费", "收费通知", "缴纳费用"],
        true,
        false,
        Some(Other)
    ),
    t3!(rows::OTHER_3, "3.其他", [], true, false, Some(Other)),
    t3!(rows::OTHER, "（六）其他处理", [], false, true, None),
    t3!(
        rows::TOTAL,
        "（七）总计",
        ["(七)总计", "七)总计"],
        true,
        true,
        None
    ),
    t3!(
        rows::CARRY_FORWARD,
        "四、结转下年度继续办理",
        ["结转下年", "继续办理"],
        true,
        true,
        None
    ),
];

/// Table 三's rows that are not outcomes: the two inputs (新收, 结转), the outcomes' total and what
/// is carried forward. Every other row of the layout is an outcome.
pub const T3_BALANCE_ROWS: [RowKey; 4] = [
    rows::NEW,
    rows::CARRIED_OVER,
    rows::TOTAL,
    rows::CARRY_FORWARD,
];

pub fn t3_row(key: RowKey) -> Option<&'static RowSpec> {
    T3_ROWS.iter().find(|r| r.key == key)
}

/// Table 三's column headers (key form), in column order; `小计` is an added subtotal column.
pub const T3_HEADER_WORDS: &[(&str, usize)] = &[
    ("自然人", col3::NATURAL_PERSON),
    ("商业企业", col3::COMMERCIAL),
    ("科研机构", col3::RESEARCH),
    ("社会公益组织", col3::SOCIAL_WELFARE),
    ("法律服务机构", col3::LEGAL_SERVICE),
    ("其他", col3::OTHER),
    ("总计", col3::TOTAL),
];

// Table 二 ------------------------------------------------------------------------------------

macro_rules! t2 {
    ($key:expr, $label:expr, [$($kw:expr),*], [$($col:expr),*], [$($cl:expr),*], $in21:expr, $in19:expr) => {
        RowSpec {
            key: $key,
            label: $label,
            keywords: &[$($kw),*],
            columns: &[$($col),*],
            column_labels: &[$($cl),*],
            in_2021: $in21,
            in_2019: $in19,
            group: None,
        }
    };
}

/// Table 二, 2021 format (format.md §2).
pub static T2_ROWS_2021: &[RowSpec] = &[
    t2!(
        rows::REGULATIONS,
        "规章",
        ["规章"],
        [cols::ISSUED, cols::REPEALED, cols::IN_FORCE],
        ["本年制发件数", "本年废止件数", "现行有效件数"],
        true,
        false
    ),
    t2!(
        rows::NORMATIVE_DOCUMENTS,
        "行政规范性文件",
        ["规范性文件"],
        [cols::ISSUED, cols::REPEALED, cols::IN_FORCE],
        ["本年制发件数", "本年废止件数", "现行有效件数"],
        true,
        false
    ),
    t2!(
        rows::LICENSING,
        "行政许可",
        ["行政许可"],
        [cols::DECISIONS],
        ["本年处理决定数量"],
        true,
        false
    ),
    t2!(
        rows::PUNISHMENT,
        "行政处罚",
        ["行政处罚"],
        [cols::DECISIONS],
        ["本年处理决定数量"],
        true,
        false
    ),
    t2!(
        rows::COERCION,
        "行政强制",
        ["行政强制"],
        [cols::DECISIONS],
        ["本年处理决定数量"],
        true,
        false
    ),
    t2!(
        rows::FEES,
        "行政事业性收费",
        ["事业性收费"],
        [cols::AMOUNT],
        ["本年收费金额（单位：万元）"],
        true,
        false
    ),
];

/// Table 二, 2019 trial format (format.md §7).
pub static T2_ROWS_2019: &[RowSpec] = &[
    t2!(
        rows::REGULATIONS,
        "规章",
        ["规章"],
        [cols::NEW_MADE, cols::NEW_PUBLISHED, cols::TOTAL_PUBLISHED],
        ["本年新制作数量", "本年新公开数量", "对外公开总数量"],
        false,
        true
    ),
    t2!(
        rows::NORMATIVE_DOCUMENTS,
        "规范性文件",
        ["规范性文件"],
        [cols::NEW_MADE, cols::NEW_PUBLISHED, cols::TOTAL_PUBLISHED],
        ["本年新制作数量", "本年新公开数量", "对外公开总数量"],
        false,
        true
    ),
    t2!(
        rows::LICENSING,
        "行政许可",
        ["行政许可"],
        [cols::PREVIOUS_ITEMS, cols::CHANGE, cols::DECISIONS],
        ["上一年项目数量", "本年增/减", "处理决定数量"],
        false,
        true
    ),
    t2!(
        rows::OTHER_SERVICES,
        "其他对外管理服务事项",
        ["对外管理服务"],
        [cols::PREVIOUS_ITEMS, cols::CHANGE, cols::DECISIONS],
        ["上一年项目数量", "本年增/减", "处理决定数量"],
        false,
        true
    ),
    t2!(
        rows::PUNISHMENT,
        "行政处罚",
        ["行政处罚"],
        [cols::PREVIOUS_ITEMS, cols::CHANGE, cols::DECISIONS],
        ["上一年项目数量", "本年增/减", "处理决定数量"],
        false,
        true
    ),
    t2!(
        rows::COERCION,
        "行政强制",
        ["行政强制"],
        [cols::PREVIOUS_ITEMS, cols::CHANGE, cols::DECISIONS],
        ["上一年项目数量", "本年增/减", "处理决定数量"],
        false,
        true
    ),
    t2!(
        rows::FEES,
        "行政事业性收费",
        ["事业性收费"],
        [cols::PREVIOUS_ITEMS, cols::CHANGE],
        ["上一年项目数量", "本年增/减"],
        false,
        true
    ),
    t2!(
        rows::PROCUREMENT,
        "政府集中采购",
        ["集中采购"],
        [cols::ITEMS, cols::AMOUNT],
        ["采购项目数量", "采购总金额"],
        false,
        true
    ),
];

/// Words that occur only in the 2019 table 二 / only in the 2021 one (format.md §7), in key form
/// (a test checks they are).
pub const MARKERS_2019: &[&str] = &[
    "本年新制作数量",
    "本年新公开数量",
    "对外公开总数量",
    "上一年项目数量",
    "本年增/减",
    "其他对外管理服务事项",
    "第二十条第(九)项",
    "政府集中采购",
];
pub const MARKERS_2021: &[&str] = &[
    "本年制发件数",
    "本年废止件数",
    "现行有效件数",
    "本年处理决定数量",
    "本年收费金额",
    "行政规范性文件",
];

// Table 四 ------------------------------------------------------------------------------------

/// Table 四's column keys, indexed by [`col4`].
pub const T4_COLUMNS: [ColKey; 5] = [
    cols::UPHELD,
    cols::CORRECTED,
    cols::OTHER,
    cols::PENDING,
    cols::TOTAL,
];
pub const T4_COLUMN_LABELS: [&str; 5] = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];

pub static T4_ROWS: &[RowSpec] = &[
    RowSpec {
        key: rows::REVIEW,
        label: "行政复议",
        keywords: &[],
        columns: &T4_COLUMNS,
        column_labels: &T4_COLUMN_LABELS,
        in_2021: true,
        in_2019: true,
        group: None,
    },
    RowSpec {
        key: rows::LITIGATION_DIRECT,
        label: "行政诉讼（未经复议直接起诉）",
        keywords: &[],
        columns: &T4_COLUMNS,
        column_labels: &T4_COLUMN_LABELS,
        in_2021: true,
        in_2019: true,
        group: None,
    },
    RowSpec {
        key: rows::LITIGATION_AFTER_REVIEW,
        label: "行政诉讼（复议后起诉）",
        keywords: &[],
        columns: &T4_COLUMNS,
        column_labels: &T4_COLUMN_LABELS,
        in_2021: true,
        in_2019: true,
        group: None,
    },
];

/// The five aspects part 一 must cover (format.md §1), with the words that show each is covered.
pub const ASPECTS: &[(&str, &[&str])] = &[
    ("主动公开", &["主动公开"]),
    ("依申请公开", &["依申请公开", "申请公开"]),
    ("政府信息管理", &["信息管理"]),
    ("政府信息公开平台建设", &["平台建设", "平台"]),
    (
        "监督保障",
        &[
            "监督保障",
            "监督",
            "考核",
            "培训",
            "督查",
            "督导",
            "机制保障",
            "组织保障",
            "工作保障",
        ],
    ),
];

/// What a people's government reports on under 第五十条(四) (format.md §1).
pub const ACCOUNTABILITY: &[(&str, &[&str])] = &[
    ("工作考核", &["考核"]),
    ("社会评议", &["评议"]),
    ("责任追究", &["责任追究", "追责", "问责"]),
];

/// Chinese numerals used as part numbers (一 … 十).
pub fn numeral_value(c: char) -> Option<u8> {
    match c {
        '十' => Some(10),
        '零' | '〇' | '两' => None,
        c => crate::normalize::chinese_digit(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Layout;

    #[test]
    fn title_forms_ignore_allowed_differences() {
        assert_eq!(
            title_form("政府信息公开行政复议和行政诉讼情况"),
            title_form("政府信息公开行政复议、行政诉讼情况")
        );
        assert_eq!(
            title_form("其它需要报告的事项"),
            title_form("其他需要报告事项")
        );
        assert_ne!(
            title_form("存在的问题和下一步工作计划"),
            title_form("存在的主要问题及改进情况")
        );
    }

    #[test]
    fn keys_are_unique_within_a_table_and_columns_have_labels() {
        for table in [T2_ROWS_2021, T2_ROWS_2019, T3_ROWS, T4_ROWS] {
            let mut keys: Vec<&str> = table.iter().map(|r| r.key.as_str()).collect();
            keys.sort_unstable();
            keys.dedup();
            assert_eq!(keys.len(), table.len());
            for r in table {
                assert_eq!(r.columns.len(), r.column_labels.len(), "{}", r.key);
            }
        }
        let mut t3: Vec<RowKey> = T3_ROWS.iter().map(|r| r.key).collect();
        t3.extend(Group::ALL.map(Group::subtotal_key));
        let n = t3.len();
        t3.sort_unstable();
        t3.dedup();
        assert_eq!(
            t3.len(),
            n,
            "a subtotal row has the key of a row of the format"
        );
        for r in &T2_ROWS_2021[..2] {
            assert_eq!(r.columns[col2::ISSUED], cols::ISSUED);
            assert_eq!(r.columns[col2::REPEALED], cols::REPEALED);
            assert_eq!(r.columns[col2::IN_FORCE], cols::IN_FORCE);
        }
        assert_eq!(T3_COLUMNS[col3::TOTAL], cols::TOTAL);
        assert_eq!(T3_COLUMNS[col3::OTHER], cols::OTHER);
        assert_eq!(T4_COLUMNS[col4::TOTAL], cols::TOTAL);
        assert_eq!(T4_COLUMNS[col4::CORRECTED], cols::CORRECTED);
        assert_eq!(T4_COLUMNS[col4::PENDING], cols::PENDING);
    }

    #[test]
    fn markers_are_in_key_form() {
        for m in MARKERS_2019.iter().chain(MARKERS_2021) {
            assert_eq!(crate::normalize::key(m), *m);
        }
    }

    #[test]
    fn table3_has_25_rows_in_2021_and_23_in_2019() {
        assert_eq!(
            T3_ROWS
                .iter()
                .filter(|r| r.in_layout(Layout::V2021))
                .count(),
            25
        );
        assert_eq!(
            T3_ROWS
                .iter()
                .filter(|r| r.in_layout(Layout::V2019))
                .count(),
            23
        );
        assert_eq!(
            T2_ROWS_2021.iter().map(|r| r.columns.len()).sum::<usize>(),
            10
        );
        assert_eq!(
            T2_ROWS_2019.iter().map(|r| r.columns.len()).sum::<usize>(),
            22
        );
    }
}
