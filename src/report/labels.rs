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

/// One data row of a table: its JSON key, canonical label, the keywords that identify its label
/// (in `key` form), and the keys of its columns.
#[derive(Debug)]
pub struct RowSpec {
    pub key: &'static str,
    pub label: &'static str,
    pub keywords: &'static [&'static str],
    pub columns: &'static [&'static str],
    pub column_labels: &'static [&'static str],
    /// Which format versions have this row.
    pub in_2021: bool,
    pub in_2019: bool,
    /// For table 三: the outcome group the row belongs to.
    pub group: Option<Group>,
}

impl RowSpec {
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
    pub fn subtotal_key(self) -> &'static str {
        match self {
            Group::Refused => "subtotal_refused",
            Group::Unable => "subtotal_unable",
            Group::NotProcessed => "subtotal_not_processed",
            Group::Other => "subtotal_other",
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

pub const T3_COLUMNS: &[&str] = &[
    "natural_person",
    "commercial",
    "research",
    "social_welfare",
    "legal_service",
    "other",
    "total",
];
pub const T3_COLUMN_LABELS: &[&str] = &[
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
            columns: T3_COLUMNS,
            column_labels: T3_COLUMN_LABELS,
            in_2021: $in21,
            in_2019: $in19,
            group: $group,
        }
    };
}

use Group::*;

/// Table 三's data rows in canonical order (2021 and 2019 together; `in_2021`/`in_2019` say which).
pub static T3_ROWS: &[RowSpec] = &[
    t3!(
        "new",
        "一、本年新收政府信息公开申请数量",
        ["本年新收", "新收政府信息公开申请"],
        true,
        true,
        None
    ),
    t3!(
        "carried_over",
        "二、上年结转政府信息公开申请数量",
        ["上年结转"],
        true,
        true,
        None
    ),
    t3!("granted", "（一）予以公开", ["予以公开"], true, true, None),
    t3!(
        "partial",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        ["部分公开"],
        true,
        true,
        None
    ),
    t3!(
        "refused_1",
        "1.属于国家秘密",
        ["国家秘密"],
        true,
        true,
        Some(Refused)
    ),
    t3!(
        "refused_2",
        "2.其他法律行政法规禁止公开",
        ["法律行政法规禁止", "其他法律行政", "行政法规禁止"],
        true,
        true,
        Some(Refused)
    ),
    t3!(
        "refused_3",
        "3.危及“三安全一稳定”",
        ["三安全一稳定", "危及"],
        true,
        true,
        Some(Refused)
    ),
    t3!(
        "refused_4",
        "4.保护第三方合法权益",
        ["第三方合法权益", "保护第三方"],
        true,
        true,
        Some(Refused)
    ),
    t3!(
        "refused_5",
        "5.属于三类内部事务信息",
        ["三类内部事务", "内部事务信"],
        true,
        true,
        Some(Refused)
    ),
    t3!(
        "refused_6",
        "6.属于四类过程性信息",
        ["四类过程性", "过程性信息"],
        true,
        true,
        Some(Refused)
    ),
    t3!(
        "refused_7",
        "7.属于行政执法案卷",
        ["行政执法案卷", "执法案卷"],
        true,
        true,
        Some(Refused)
    ),
    t3!(
        "refused_8",
        "8.属于行政查询事项",
        ["行政查询事项", "查询事项"],
        true,
        true,
        Some(Refused)
    ),
    t3!(
        "unable_1",
        "1.本机关不掌握相关政府信息",
        ["不掌握"],
        true,
        true,
        Some(Unable)
    ),
    t3!(
        "unable_2",
        "2.没有现成信息需要另行制作",
        ["没有现成信息", "另行制作"],
        true,
        true,
        Some(Unable)
    ),
    t3!(
        "unable_3",
        "3.补正后申请内容仍不明确",
        ["仍不明确", "补正后申请"],
        true,
        true,
        Some(Unable)
    ),
    t3!(
        "not_processed_1",
        "1.信访举报投诉类申请",
        ["信访举报", "举报投诉"],
        true,
        true,
        Some(NotProcessed)
    ),
    t3!(
        "not_processed_2",
        "2.重复申请",
        ["重复申请"],
        true,
        true,
        Some(NotProcessed)
    ),
    t3!(
        "not_processed_3",
        "3.要求提供公开出版物",
        ["公开出版物"],
        true,
        true,
        Some(NotProcessed)
    ),
    t3!(
        "not_processed_4",
        "4.无正当理由大量反复申请",
        ["大量反复"],
        true,
        true,
        Some(NotProcessed)
    ),
    t3!(
        "not_processed_5",
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
        "other_1",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        ["逾期不补正", "申请人无正当理由逾", "不补正"],
        true,
        false,
        Some(Other)
    ),
    t3!(
        "other_2",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        ["逾期未按收费", "收费通知", "缴纳费用"],
        true,
        false,
        Some(Other)
    ),
    t3!("other_3", "3.其他", [], true, false, Some(Other)),
    t3!("other", "（六）其他处理", [], false, true, None),
    t3!(
        "total",
        "（七）总计",
        ["(七)总计", "七)总计"],
        true,
        true,
        None
    ),
    t3!(
        "carry_forward",
        "四、结转下年度继续办理",
        ["结转下年", "继续办理"],
        true,
        true,
        None
    ),
];

pub fn t3_row(key: &str) -> Option<&'static RowSpec> {
    T3_ROWS.iter().find(|r| r.key == key)
}

/// Table 三's column headers (key form), in column order; `小计` is an added subtotal column.
pub const T3_HEADER_WORDS: &[(&str, usize)] = &[
    ("自然人", 0),
    ("商业企业", 1),
    ("科研机构", 2),
    ("社会公益组织", 3),
    ("法律服务机构", 4),
    ("其他", 5),
    ("总计", 6),
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
        "regulations",
        "规章",
        ["规章"],
        ["issued", "repealed", "in_force"],
        ["本年制发件数", "本年废止件数", "现行有效件数"],
        true,
        false
    ),
    t2!(
        "normative_documents",
        "行政规范性文件",
        ["规范性文件"],
        ["issued", "repealed", "in_force"],
        ["本年制发件数", "本年废止件数", "现行有效件数"],
        true,
        false
    ),
    t2!(
        "licensing",
        "行政许可",
        ["行政许可"],
        ["decisions"],
        ["本年处理决定数量"],
        true,
        false
    ),
    t2!(
        "punishment",
        "行政处罚",
        ["行政处罚"],
        ["decisions"],
        ["本年处理决定数量"],
        true,
        false
    ),
    t2!(
        "coercion",
        "行政强制",
        ["行政强制"],
        ["decisions"],
        ["本年处理决定数量"],
        true,
        false
    ),
    t2!(
        "fees",
        "行政事业性收费",
        ["事业性收费"],
        ["amount"],
        ["本年收费金额（单位：万元）"],
        true,
        false
    ),
];

/// Table 二, 2019 trial format (format.md §7).
pub static T2_ROWS_2019: &[RowSpec] = &[
    t2!(
        "regulations",
        "规章",
        ["规章"],
        ["new_made", "new_published", "total_published"],
        ["本年新制作数量", "本年新公开数量", "对外公开总数量"],
        false,
        true
    ),
    t2!(
        "normative_documents",
        "规范性文件",
        ["规范性文件"],
        ["new_made", "new_published", "total_published"],
        ["本年新制作数量", "本年新公开数量", "对外公开总数量"],
        false,
        true
    ),
    t2!(
        "licensing",
        "行政许可",
        ["行政许可"],
        ["previous_items", "change", "decisions"],
        ["上一年项目数量", "本年增/减", "处理决定数量"],
        false,
        true
    ),
    t2!(
        "other_services",
        "其他对外管理服务事项",
        ["对外管理服务"],
        ["previous_items", "change", "decisions"],
        ["上一年项目数量", "本年增/减", "处理决定数量"],
        false,
        true
    ),
    t2!(
        "punishment",
        "行政处罚",
        ["行政处罚"],
        ["previous_items", "change", "decisions"],
        ["上一年项目数量", "本年增/减", "处理决定数量"],
        false,
        true
    ),
    t2!(
        "coercion",
        "行政强制",
        ["行政强制"],
        ["previous_items", "change", "decisions"],
        ["上一年项目数量", "本年增/减", "处理决定数量"],
        false,
        true
    ),
    t2!(
        "fees",
        "行政事业性收费",
        ["事业性收费"],
        ["previous_items", "change"],
        ["上一年项目数量", "本年增/减"],
        false,
        true
    ),
    t2!(
        "procurement",
        "政府集中采购",
        ["集中采购"],
        ["items", "amount"],
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

pub const T4_COLUMNS: &[&str] = &["upheld", "corrected", "other", "pending", "total"];
pub const T4_COLUMN_LABELS: &[&str] = &["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];

pub static T4_ROWS: &[RowSpec] = &[
    RowSpec {
        key: "review",
        label: "行政复议",
        keywords: &[],
        columns: T4_COLUMNS,
        column_labels: T4_COLUMN_LABELS,
        in_2021: true,
        in_2019: true,
        group: None,
    },
    RowSpec {
        key: "litigation_direct",
        label: "行政诉讼（未经复议直接起诉）",
        keywords: &[],
        columns: T4_COLUMNS,
        column_labels: T4_COLUMN_LABELS,
        in_2021: true,
        in_2019: true,
        group: None,
    },
    RowSpec {
        key: "litigation_after_review",
        label: "行政诉讼（复议后起诉）",
        keywords: &[],
        columns: T4_COLUMNS,
        column_labels: T4_COLUMN_LABELS,
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
    fn markers_are_in_key_form() {
        for m in MARKERS_2019.iter().chain(MARKERS_2021) {
            assert_eq!(crate::normalize::key(m), *m);
        }
    }

    #[test]
    fn table3_has_25_rows_in_2021_and_23_in_2019() {
        assert_eq!(T3_ROWS.iter().filter(|r| r.in_2021).count(), 25);
        assert_eq!(T3_ROWS.iter().filter(|r| r.in_2019).count(), 23);
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
