//! What recognition found in a document. Every value keeps where it came from; what was not found
//! is absent (None, or listed in `missing`), never filled in.

use super::labels::{Group, RowKey, RowSpec};
pub use crate::diagnostic::TableId;

/// A 1-based place in the document text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Loc {
    pub line: u32,
    pub column: u32,
}

/// What a numeric cell holds.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// A number was read (possibly with a unit written in the cell, see [`CellValue::unit`]).
    Number(f64),
    /// The cell is empty.
    Blank,
    /// "/", "-", "—", "无", "不适用"…
    Placeholder,
    /// Text that is not a number.
    Text,
}

/// One numeric cell as read.
#[derive(Clone, Debug, PartialEq)]
pub struct CellValue {
    /// The cell as written (trimmed).
    pub raw: String,
    pub value: Value,
    /// A unit written inside the cell ("件", "万元", "元").
    pub unit: Option<String>,
    pub loc: Loc,
}

impl CellValue {
    /// The number read, if any.
    pub fn number(&self) -> Option<f64> {
        match self.value {
            Value::Number(n) => Some(n),
            _ => None,
        }
    }
}

/// One row of a table: the spec it was matched to, the label as written, and its cells in the
/// spec's column order.
#[derive(Clone, Debug)]
pub struct Row {
    pub spec: &'static RowSpec,
    /// The row label as written, when the row had one (rows placed by position have none).
    pub label: Option<String>,
    pub cells: Vec<CellValue>,
    pub loc: Loc,
    /// The row's values had run together and were split by the table's relations (fused.rs); a
    /// reading note (P005) asks for a check.
    pub recovered: bool,
}

/// A subtotal the report added (a row for one of table 三's outcome groups, or a column).
#[derive(Clone, Debug)]
pub struct SubtotalRow {
    pub group: Group,
    pub cells: Vec<CellValue>,
    pub loc: Loc,
}

/// Which layout a table follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    V2021,
    V2019,
}

/// A table as read: rows found (in canonical order) and rows expected but not found.
#[derive(Clone, Debug)]
pub struct Table {
    pub layout: Layout,
    pub rows: Vec<Row>,
    pub missing: Vec<&'static RowSpec>,
    /// Where the table starts (its part heading or first row).
    pub loc: Loc,
    /// Table 三 only: subtotal rows the report added.
    pub subtotal_rows: Vec<SubtotalRow>,
    /// Table 三 only: a 法人或其他组织小计 column, one cell per row (same order as `rows`).
    pub subtotal_column: Vec<(RowKey, CellValue)>,
}

impl Table {
    pub fn row(&self, key: RowKey) -> Option<&Row> {
        self.rows.iter().find(|r| r.spec.key == key)
    }

    pub fn cell(&self, key: RowKey, col: usize) -> Option<&CellValue> {
        self.row(key).and_then(|r| r.cells.get(col))
    }
}

/// The format a report follows as a whole.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormatVersion {
    V2021,
    V2019,
    Hybrid,
    Unknown,
}

impl FormatVersion {
    pub fn as_str(self) -> &'static str {
        match self {
            FormatVersion::V2021 => "2021",
            FormatVersion::V2019 => "2019",
            FormatVersion::Hybrid => "hybrid",
            FormatVersion::Unknown => "unknown",
        }
    }

    /// How the version is named to people.
    pub fn label(self) -> &'static str {
        match self {
            FormatVersion::V2021 => "2021 年格式",
            FormatVersion::V2019 => "2019 年试行格式",
            FormatVersion::Hybrid => "新旧格式混用",
            FormatVersion::Unknown => "格式未能判断",
        }
    }
}

/// A marker of one format version found in the tables (format.md §7).
#[derive(Clone, Debug)]
pub struct Marker {
    pub text: String,
    pub v2019: bool,
    pub loc: Loc,
}

/// How a part's heading relates to the canonical title.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TitleMatch {
    /// The canonical title (allowing the differences format.md §1 ignores).
    Canonical,
    /// An accepted variant wording.
    Variant,
    /// Recognised as the part, but the title means something else (e.g. no 改进情况).
    Different,
}

/// A part heading found in the document.
#[derive(Clone, Debug)]
pub struct Part {
    /// Which of the six parts it is (1..=6).
    pub number: u8,
    /// The numeral written before the title ("一、" → 1, "1." → 1), if any.
    pub written_number: Option<u8>,
    /// That numeral is an Arabic digit ("1. 总体情况"), not the format's "一、".
    pub arabic_number: bool,
    /// The heading as written, numbering included.
    pub heading: String,
    /// The title without its numbering.
    pub title: String,
    pub title_match: TitleMatch,
    pub loc: Loc,
    /// Index of the heading line in `Document::lines`.
    pub line_index: usize,
    /// Index one past the last line of the part's body.
    pub end_index: usize,
}

/// Kind of reporting agency, from its name (format.md §1, §2 and the deadlines).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AgencyKind {
    /// 国务院部门: may make 规章.
    StateCouncilDepartment,
    /// Province or 设区的市/自治州 people's government (or its general office): may make 规章.
    RegulationMakingGovernment,
    /// A county-level people's government (县, 区, 旗, county-level 市 cannot be told from a
    /// prefecture-level one by name, so 市 counts as regulation-making).
    CountyGovernment,
    /// 乡, 镇: people's governments.
    Township,
    /// 街道办事处: an office of a county-level government, not a people's government.
    StreetOffice,
    /// The general office (办公厅/办公室) of a people's government, reporting for it; true when that
    /// government may make 规章.
    GeneralOffice(bool),
    /// A department of a local government.
    LocalDepartment,
    Unknown,
}

impl AgencyKind {
    pub fn is_peoples_government(self) -> bool {
        matches!(
            self,
            AgencyKind::RegulationMakingGovernment
                | AgencyKind::CountyGovernment
                | AgencyKind::Township
        )
    }
}

/// A calendar date found in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

/// The statistical period as stated.
#[derive(Clone, Debug)]
pub struct Period {
    pub start: Date,
    pub end: Date,
    pub loc: Loc,
}

/// A count stated in the text (format.md §6).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CountKind {
    Received,
    CarriedOver,
    Concluded,
    CarriedForward,
    Granted,
    GrantedOrPartial,
    Partial,
    Refused,
    Unable,
    NotProcessed,
    OtherProcessed,
    Review,
    Litigation,
    RegulationsIssued,
    NormativeIssued,
    Licensing,
    Punishment,
}

#[derive(Clone, Debug)]
pub struct Statement {
    pub kind: CountKind,
    pub value: i64,
    /// The sentence it was read from.
    pub quote: String,
    pub loc: Loc,
}

/// A qualitative claim that a table can contradict.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClaimKind {
    NoApplications,
    NoReview,
    NoLitigation,
    NoReviewOrLitigation,
    AllConcluded,
    AllUpheld,
    NoCorrection,
}

#[derive(Clone, Debug)]
pub struct Claim {
    pub kind: ClaimKind,
    pub quote: String,
    pub loc: Loc,
}

/// A year written where the report year is meant ("2023年，我镇…" at the start of a paragraph).
#[derive(Clone, Debug)]
pub struct YearMention {
    pub year: i32,
    pub quote: String,
    pub loc: Loc,
}

/// A citation of interest: the superseded format, or a misspelt law name.
#[derive(Clone, Debug)]
pub struct Citation {
    pub text: String,
    pub loc: Loc,
}

/// The introduction's announcement of the report's parts.
#[derive(Clone, Debug)]
pub struct IntroParts {
    pub count: usize,
    pub quote: String,
    pub loc: Loc,
}

/// What a text part says, as far as the K rules need to know.
#[derive(Clone, Debug, Default)]
pub struct PartContent {
    /// The text of the part (folded, whitespace removed), excluding tables.
    pub text: String,
    pub loc: Loc,
    /// Only "无" or nothing.
    pub empty: bool,
}

/// Facts read from the prose, judged by the N, S, K and D rules.
#[derive(Clone, Debug, Default)]
pub struct Facts {
    pub statements: Vec<Statement>,
    pub claims: Vec<Claim>,
    pub year_mentions: Vec<YearMention>,
    pub old_format_citations: Vec<Citation>,
    pub misspelt_law: Vec<Citation>,
    pub intro_parts: Option<IntroParts>,
    /// Overview aspects (format.md §1) found in part 一, by index into `rules::content::ASPECTS`.
    pub aspects_found: Vec<&'static str>,
    /// Accountability topics mentioned anywhere (考核, 社会评议, 责任追究).
    pub accountability_found: Vec<&'static str>,
    /// Where 信息处理费 is mentioned.
    pub fee_mentions: Vec<Loc>,
    /// Part 五 mentions improvement measures.
    pub improvement_found: bool,
    /// Part 五 mentions problems.
    pub problems_found: bool,
    /// Text parts 一, 五, 六 (index = part number).
    pub parts: [Option<PartContent>; 7],
}

/// Something recognition could not read (turned into P002/P003 by the rules).
#[derive(Clone, Debug)]
pub enum ReadIssue {
    /// The part exists (or the table was expected) but the table was not found.
    TableNotFound { table: TableId, loc: Option<Loc> },
    /// A row was found but its values could not be read.
    RowUnreadable {
        table: TableId,
        row: RowKey,
        label: String,
        found: usize,
        expected: usize,
        loc: Loc,
    },
    /// Values that could not be placed in any row.
    UnplacedValues {
        table: TableId,
        count: usize,
        loc: Loc,
    },
    /// A row's values ran together ("35 0000237") and no single split of the digits satisfies the
    /// table's relations: none does, several do, or too many to tell (`split`).
    FusedRow {
        table: TableId,
        /// None for table 四's one data row.
        row: Option<RowKey>,
        label: String,
        seen: String,
        cells: usize,
        split: super::fused::Split,
        loc: Loc,
    },
    /// A row's values ran together and exactly one split satisfies the table: read so, noted.
    RecoveredRow {
        table: TableId,
        row: Option<RowKey>,
        label: String,
        seen: String,
        values: Vec<u64>,
        loc: Loc,
    },
    /// Table 四 held a different number of values than its 15 cells.
    WrongCellCount {
        table: TableId,
        found: usize,
        expected: usize,
        loc: Loc,
    },
}

/// Everything recognised in one document.
#[derive(Clone, Debug)]
pub struct Report {
    pub title: Option<(String, Loc)>,
    pub agency: Option<String>,
    pub agency_kind: AgencyKind,
    pub year: Option<(i32, Loc)>,
    pub period: Option<Period>,
    /// A publication or signature date.
    pub published: Option<(Date, Loc)>,
    pub parts: Vec<Part>,
    /// Headings of a part that was already found earlier.
    pub duplicate_parts: Vec<Part>,
    pub format_version: FormatVersion,
    pub markers: Vec<Marker>,
    pub table2: Option<Table>,
    pub table3: Option<Table>,
    pub table4: Option<Table>,
    pub facts: Facts,
    pub issues: Vec<ReadIssue>,
}

impl Report {
    pub fn part(&self, n: u8) -> Option<&Part> {
        self.parts.iter().find(|p| p.number == n)
    }
}
