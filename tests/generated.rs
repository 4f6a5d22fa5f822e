//! A rendering generator: the canonical tables of two clean reports (the renderings report of
//! tests/fixtures/renderings/make.py, and tests/fixtures/clean-2021.txt) written out in every
//! combination of independent choices real text arrives in — the separator, separators at the
//! ends of rows, blank lines, the empty cells merged cells leave, a spacer column, header cells
//! and labels broken over lines, cells holding a line break (the row broken there, `<br>`, Excel's
//! quoted cells), full-width digits, spaces inside numbers, page numbers and a
//! running header inside a table, a table split by a page break (its header repeated), and HTML
//! with rowspan/colspan/spacer columns. Every rendering must read to the tables of the report as
//! written with tabs, and be as clean as that report.
//!
//! The choices are enumerated exhaustively (not sampled), so a failure names its combination.
//! Combinations that are ambiguous for any reader are left out where they arise, with the reason.

use nianbao::render::json;
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::path::Path;

// ---------------------------------------------------------------------------------------------
// The canonical tables.

/// A block of table 二: its header, its column headers, its rows of (label, values).
type Block = (
    &'static str,
    Vec<&'static str>,
    Vec<(&'static str, Vec<String>)>,
);

struct Canon {
    t2: Vec<Block>,
    /// Table 三: (label, group label opening a group, 7 values).
    t3: Vec<(&'static str, Option<&'static str>, Vec<String>)>,
    t4: Vec<String>,
}

const T3_NOTE: &str = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";
// The column headers as the format writes them.
use nianbao::report::labels::{T3_COLUMN_LABELS as T3_HEAD, T4_COLUMN_LABELS as T4_HEAD};
const T3_LABELS: [(&str, Option<&str>); 25] = [
    ("一、本年新收政府信息公开申请数量", None),
    ("二、上年结转政府信息公开申请数量", None),
    ("（一）予以公开", Some("三、本年度办理结果")),
    (
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        None,
    ),
    ("1.属于国家秘密", Some("（三）不予公开")),
    ("2.其他法律行政法规禁止公开", None),
    ("3.危及“三安全一稳定”", None),
    ("4.保护第三方合法权益", None),
    ("5.属于三类内部事务信息", None),
    ("6.属于四类过程性信息", None),
    ("7.属于行政执法案卷", None),
    ("8.属于行政查询事项", None),
    ("1.本机关不掌握相关政府信息", Some("（四）无法提供")),
    ("2.没有现成信息需要另行制作", None),
    ("3.补正后申请内容仍不明确", None),
    ("1.信访举报投诉类申请", Some("（五）不予处理")),
    ("2.重复申请", None),
    ("3.要求提供公开出版物", None),
    ("4.无正当理由大量反复申请", None),
    ("5.要求行政机关确认或重新出具已获取信息", None),
    (
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        Some("（六）其他处理"),
    ),
    (
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        None,
    ),
    ("3.其他", None),
    ("（七）总计", None),
    ("四、结转下年度继续办理", None),
];
const T2_BLOCKS: [(&str, &[&str], &[&str]); 4] = [
    (
        "第二十条第（一）项",
        &["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
        &["规章", "行政规范性文件"],
    ),
    (
        "第二十条第（五）项",
        &["信息内容", "本年处理决定数量"],
        &["行政许可"],
    ),
    (
        "第二十条第（六）项",
        &["信息内容", "本年处理决定数量"],
        &["行政处罚", "行政强制"],
    ),
    (
        "第二十条第（八）项",
        &["信息内容", "本年收费金额（单位：万元）"],
        &["行政事业性收费"],
    ),
];

/// The canonical tables of a tab-separated fixture, read by this test itself (not by nianbao):
/// every value after a row's label.
fn canon_of(text: &str) -> Canon {
    let lines: Vec<Vec<&str>> = text.lines().map(|l| l.split('\t').collect()).collect();
    let values_after = |label: &str| -> Vec<String> {
        let row = lines
            .iter()
            .find(|cells| cells.iter().any(|c| c.trim().ends_with(label)))
            .unwrap_or_else(|| panic!("{label}"));
        let at = row.iter().position(|c| c.trim().ends_with(label)).unwrap();
        row[at + 1..]
            .iter()
            .map(|c| c.trim())
            .filter(|c| !c.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let t2 = T2_BLOCKS
        .iter()
        .map(|(block, head, rows)| {
            (
                *block,
                head.to_vec(),
                rows.iter().map(|r| (*r, values_after(r))).collect(),
            )
        })
        .collect();
    let t3 = T3_LABELS
        .iter()
        .map(|(label, group)| (*label, *group, values_after(label)))
        .collect::<Vec<_>>();
    assert!(t3.iter().all(|r| r.2.len() == 7));
    let t4 = lines
        .iter()
        .find(|cells| cells.len() == 15 && cells.iter().all(|c| c.parse::<u32>().is_ok()))
        .expect("table 四's row")
        .iter()
        .map(|c| c.to_string())
        .collect();
    Canon { t2, t3, t4 }
}

// ---------------------------------------------------------------------------------------------
// The choices.

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Sep {
    Tab,
    /// "a | b | c"
    Pipe,
    /// "| a | b | c |" with a Markdown separator row.
    Markdown,
    /// Cells aligned with runs of spaces (PDF layout text).
    Spaces,
    /// One cell per line.
    Lines,
    /// One cell per line, a "|" line between cells.
    BarLines,
    /// One cell per line ending in " |", "|" lines for the empty cells merged cells leave.
    PipeLines,
}

impl Sep {
    fn per_line(self) -> bool {
        matches!(self, Sep::Lines | Sep::BarLines | Sep::PipeLines)
    }
}

/// How a row rendering writes a cell holding a line break (long labels, header cells).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Break {
    /// No cell holds a line break.
    None,
    /// The row broken there: the line ends inside the cell, the next line goes on with the rest
    /// of the cell and the cells after it (plain text copied from Word, WPS or a browser).
    Lines,
    /// `<br>`, `<br/>` or `<br />` inside the cell (Markdown and pipe tables from converters).
    Br,
    /// The cell quoted, its line break inside the quotes (Excel and WPS copying cells).
    Quoted,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Choice {
    sep: Sep,
    /// Separators at the start / end of every row (row renderings).
    lead: bool,
    trail: bool,
    /// Blank lines between rows (row renderings) or cells (one cell per line).
    blank: bool,
    /// The empty cells a grid's merged cells leave (label columns, header rows).
    artifacts: bool,
    /// Empty spacer cells: after every 商业企业 value of table 三 (under a header 商业企业
    /// spanning two columns), before the value of table 二's one-column blocks (spanning three
    /// grid columns), after every cell of its three-column block (spanning two), between table
    /// 四's 行政复议 and 行政诉讼 columns.
    spacer: bool,
    /// Header cells broken over two lines (one cell per line).
    broken_headers: bool,
    /// Long labels broken over two lines (one cell per line).
    broken_labels: bool,
    /// Header cells and long labels holding a line break (row renderings).
    cell_break: Break,
    fullwidth: bool,
    /// "1 6" for 16 (delimited cells only).
    inner_spaces: bool,
    /// A page number and the report's running header between two rows of table 三 (one cell per
    /// line: inside a row, between its second and third values).
    page_number: bool,
    /// Table 三 split by a page break, its header rows repeated on the new page.
    split: bool,
}

fn choices() -> Vec<Choice> {
    let mut out = Vec::new();
    let b = [false, true];
    for sep in [
        Sep::Tab,
        Sep::Pipe,
        Sep::Markdown,
        Sep::Spaces,
        Sep::Lines,
        Sep::BarLines,
        Sep::PipeLines,
    ] {
        for lead in b {
            for trail in b {
                for blank in b {
                    for artifacts in b {
                        for spacer in b {
                            for broken_headers in b {
                                for broken_labels in b {
                                    for fullwidth in b {
                                        for inner_spaces in b {
                                            for page_number in b {
                                                for split in b {
                                                    for cell_break in [
                                                        Break::None,
                                                        Break::Lines,
                                                        Break::Br,
                                                        Break::Quoted,
                                                    ] {
                                                        let c = Choice {
                                                            sep,
                                                            lead,
                                                            trail,
                                                            blank,
                                                            artifacts,
                                                            spacer,
                                                            broken_headers,
                                                            broken_labels,
                                                            fullwidth,
                                                            inner_spaces,
                                                            page_number,
                                                            split,
                                                            cell_break,
                                                        };
                                                        if applies(c) {
                                                            out.push(c);
                                                        }
                                                    }
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    out
}

/// Which combinations are renderings at all, and which are left out as ambiguous.
fn applies(c: Choice) -> bool {
    let rows = !c.sep.per_line();
    // Choices that only exist for one kind of rendering (else the same text twice).
    if rows && (c.broken_headers || c.broken_labels) {
        return false;
    }
    // Line breaks inside cells: a row broken over lines in tab and " | " text, `<br>` in pipe
    // and Markdown rows, quoted cells in tab text (Excel's clipboard). Markdown rows are never
    // broken over lines; one cell per line has its own broken_* choices.
    let breaks = match c.sep {
        Sep::Tab => [Break::None, Break::Lines, Break::Quoted].contains(&c.cell_break),
        Sep::Pipe => [Break::None, Break::Lines, Break::Br].contains(&c.cell_break),
        Sep::Markdown => [Break::None, Break::Br].contains(&c.cell_break),
        _ => c.cell_break == Break::None,
    };
    if !breaks {
        return false;
    }
    if c.sep.per_line() && (c.lead || c.trail || c.spacer) {
        return false; // no row ends; an empty spacer cell is no line at all
    }
    if c.sep.per_line() && c.artifacts && c.sep != Sep::PipeLines {
        return false; // empty cells leave nothing behind, except PipeLines' "|" lines
    }
    if c.sep == Sep::Markdown && !(c.lead && c.trail) {
        return false; // Markdown rows always have both
    }
    // Spaces separate the cells: an empty cell (merged-cell gap, spacer) is invisible, leading
    // and trailing spaces are not separators, and a space inside a number is a cell boundary.
    // Ambiguous: "1 6" is 1 and 6 as much as 16.
    if c.sep == Sep::Spaces && (c.spacer || c.lead || c.trail || c.inner_spaces) {
        return false;
    }
    // One cell per line: "1 6" alone on a line is as much two values as a number with a space.
    if c.sep.per_line() && c.inner_spaces {
        return false;
    }
    true
}

// ---------------------------------------------------------------------------------------------
// Writing the tables.

fn fullwidth(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap(),
            '.' => '．',
            c => c,
        })
        .collect()
}

/// A value as this rendering writes it.
fn value(c: Choice, v: &str) -> String {
    let mut v = v.to_owned();
    if c.inner_spaces && v.len() > 1 && v.bytes().all(|b| b.is_ascii_digit()) {
        v = format!("{} {}", &v[..1], &v[1..]);
    }
    if c.fullwidth {
        v = fullwidth(&v);
    }
    v
}

/// A logical row of cells (empty strings are empty cells) and whether it is a header row.
type Grid = Vec<(Vec<String>, bool)>;

fn strs(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

fn grid_t2(canon: &Canon, c: Choice) -> Grid {
    let mut g = Vec::new();
    for (block, head, rows) in &canon.t2 {
        // A one-column block's cells span three grid columns: the spacer is the empty grid cell
        // before them, and with the merged cells' gaps the row is five cells wide. The
        // three-column block's cells span two grid columns each: an empty cell after each one.
        let pad = |mut r: Vec<String>| {
            if c.spacer && head.len() == 2 {
                r.insert(1, String::new());
            } else if c.spacer && r.len() > 1 {
                r = r.into_iter().flat_map(|x| [x, String::new()]).collect();
                r.pop();
            }
            if c.artifacts && r.len() < 4 + usize::from(c.spacer) {
                r.resize(4 + usize::from(c.spacer), String::new());
            }
            r
        };
        g.push((pad(vec![block.to_string()]), true));
        g.push((pad(strs(head)), true));
        for (label, vals) in rows {
            let mut r = vec![label.to_string()];
            r.extend(vals.iter().map(|v| value(c, v)));
            g.push((pad(r), false));
        }
    }
    g
}

/// Table 三's header rows.
fn t3_header(c: Choice) -> Grid {
    let mut company = vec!["商业企业".to_string()];
    if c.spacer {
        company.push(String::new());
    }
    let mut rest = strs(&T3_HEAD[2..6]);
    if c.artifacts {
        let lead = vec![String::new(), String::new()];
        let mut r1 = vec![T3_NOTE.to_string(), String::new(), "申请人情况".to_string()];
        r1.resize(9 + usize::from(c.spacer), String::new());
        let mut r2 = lead.clone();
        r2.extend(strs(&["自然人", "法人或其他组织"]));
        r2.resize(8 + usize::from(c.spacer), String::new());
        r2.push("总计".into());
        let mut r3 = lead;
        r3.push(String::new());
        r3.append(&mut company);
        r3.append(&mut rest);
        r3.push(String::new());
        vec![(r1, true), (r2, true), (r3, true)]
    } else {
        let mut r3 = company;
        r3.append(&mut rest);
        vec![
            (vec![T3_NOTE.to_string()], true),
            (vec!["申请人情况".to_string()], true),
            (strs(&["自然人", "法人或其他组织", "总计"]), true),
            (r3, true),
        ]
    }
}

fn grid_t3(canon: &Canon, c: Choice) -> Grid {
    let mut g = t3_header(c);
    let noise = || -> Grid {
        vec![
            (vec!["- 3 -".into()], true),
            (
                vec!["某某县市场监督管理局2024年政府信息公开工作年度报告".into()],
                true,
            ),
        ]
    };
    for (i, (label, group, vals)) in canon.t3.iter().enumerate() {
        // Rows break between pages; one cell per line, a page can also end inside a row.
        if c.page_number && i == 12 && !c.sep.per_line() {
            g.extend(noise());
        }
        if c.split && i == 16 {
            g.push((vec!["— 4 —".into()], true));
            g.extend(t3_header(c));
        }
        let mut vs: Vec<String> = vals.iter().map(|v| value(c, v)).collect();
        if c.spacer {
            vs.insert(2, String::new());
        }
        let mut r = Vec::new();
        let whole = label.starts_with("一、")
            || label.starts_with("二、")
            || label.starts_with("四、")
            || label.starts_with("（七）");
        match (c.artifacts, group) {
            (true, _) if whole => r.extend([label.to_string(), String::new()]),
            (true, Some(g)) if label.starts_with('（') => {
                r.extend([g.to_string(), label.to_string()])
            }
            (true, Some(g)) => r.extend([String::new(), format!("{g} {label}")]),
            (true, None) => r.extend([String::new(), label.to_string()]),
            (false, Some(g)) => r.extend([g.to_string(), label.to_string()]),
            (false, None) => r.push(label.to_string()),
        }
        r.extend(vs);
        if c.page_number && i == 12 && c.sep.per_line() {
            let rest = r.split_off(r.len() - 5);
            g.push((r, false));
            g.extend(noise());
            g.push((rest, false));
        } else {
            g.push((r, false));
        }
    }
    g
}

fn grid_t4(canon: &Canon, c: Choice) -> Grid {
    let mut g = grid_t4_cells(canon, c);
    if c.spacer {
        // An empty grid column between the 行政复议 and 行政诉讼 blocks, in every row that spans it.
        for (row, header) in &mut g {
            if !*header || row.len() > 2 {
                row.insert(5, String::new());
            }
        }
    }
    g
}

fn grid_t4_cells(canon: &Canon, c: Choice) -> Grid {
    let vals: Vec<String> = canon.t4.iter().map(|v| value(c, v)).collect();
    if c.artifacts {
        let mut r1 = vec!["行政复议".to_string()];
        r1.resize(5, String::new());
        r1.push("行政诉讼".into());
        r1.resize(15, String::new());
        let mut r2 = strs(&T4_HEAD);
        r2.push("未经复议直接起诉".into());
        r2.resize(10, String::new());
        r2.push("复议后起诉".into());
        r2.resize(15, String::new());
        let mut r3 = vec![String::new(); 5];
        r3.extend(strs(&T4_HEAD));
        r3.extend(strs(&T4_HEAD));
        vec![(r1, true), (r2, true), (r3, true), (vals, false)]
    } else {
        vec![
            (strs(&["行政复议", "行政诉讼"]), true),
            (
                [strs(&T4_HEAD), strs(&["未经复议直接起诉", "复议后起诉"])].concat(),
                true,
            ),
            ([strs(&T4_HEAD), strs(&T4_HEAD)].concat(), true),
            (vals, false),
        ]
    }
}

/// A grid as lines of text in the chosen rendering.
fn write(grid: &Grid, c: Choice) -> Vec<String> {
    let mut out = Vec::new();
    for (k, (row, header)) in grid.iter().enumerate() {
        // Page numbers and running headers are lines of their own in every rendering.
        if row.len() == 1 && *header && (row[0].starts_with(['-', '—']) || row[0].ends_with("报告"))
        {
            out.push(row[0].clone());
            continue;
        }
        match c.sep {
            Sep::Tab | Sep::Pipe | Sep::Markdown | Sep::Spaces => {
                let (sep, lead, trail) = match c.sep {
                    Sep::Tab => ("\t", "\t", "\t"),
                    Sep::Pipe => (" | ", "| ", " |"),
                    Sep::Markdown => (" | ", "| ", " |"),
                    _ => ("    ", "", ""),
                };
                let cells: Vec<&str> = if c.sep == Sep::Spaces {
                    row.iter()
                        .filter(|s| !s.is_empty())
                        .map(String::as_str)
                        .collect()
                } else {
                    row.iter().map(String::as_str).collect()
                };
                let mut line = String::new();
                if c.lead {
                    line.push_str(lead);
                }
                for (i, cell) in cells.iter().enumerate() {
                    if i > 0 {
                        line.push_str(sep);
                    }
                    let pieces = cell_lines(cell, *header, c);
                    match c.cell_break {
                        Break::None => line.push_str(cell),
                        Break::Lines => {
                            line.push_str(&pieces[0]);
                            for piece in &pieces[1..] {
                                out.push(std::mem::replace(&mut line, piece.clone()));
                            }
                        }
                        // The three spellings converters write, in turn.
                        Break::Br => {
                            line.push_str(&pieces.join(["<br>", "<br/>", "<br />"][k % 3]))
                        }
                        Break::Quoted if pieces.len() > 1 => {
                            line.push_str(&format!("\"{}\"", pieces.join("\n")))
                        }
                        Break::Quoted => line.push_str(cell),
                    }
                }
                if c.trail {
                    line.push_str(trail);
                }
                out.push(line);
                if c.sep == Sep::Markdown && k == 0 {
                    out.push(format!("|{}", "---|".repeat(cells.len())));
                }
                if c.blank {
                    out.push(String::new());
                }
            }
            Sep::Lines | Sep::BarLines | Sep::PipeLines => {
                let mut gap = 0;
                for (i, cell) in row.iter().enumerate() {
                    if cell.is_empty() {
                        gap += 1;
                        continue;
                    }
                    if c.sep == Sep::PipeLines && gap > 0 {
                        out.push("|".repeat(gap));
                    }
                    gap = 0;
                    let broken = if *header && c.broken_headers {
                        split_header(cell)
                    } else if !*header && c.broken_labels && !is_value(cell) {
                        split_label(cell)
                    } else {
                        vec![cell.clone()]
                    };
                    let last = broken.len() - 1;
                    for (j, piece) in broken.into_iter().enumerate() {
                        if c.sep == Sep::PipeLines && j == last {
                            out.push(format!("{piece} |"));
                        } else {
                            out.push(piece);
                        }
                    }
                    if c.sep == Sep::BarLines && i + 1 < row.len() {
                        out.push("|".into());
                    }
                    if c.blank {
                        out.push(String::new());
                    }
                }
                if c.sep == Sep::PipeLines && gap > 0 {
                    out.push("|".repeat(gap));
                }
            }
        }
    }
    out
}

/// A cell of a row rendering as the lines it holds.
fn cell_lines(cell: &str, header: bool, c: Choice) -> Vec<String> {
    if c.cell_break == Break::None {
        vec![cell.to_owned()]
    } else if header {
        split_header(cell)
    } else if !is_value(cell) {
        split_label(cell)
    } else {
        vec![cell.to_owned()]
    }
}

fn is_value(s: &str) -> bool {
    s.chars()
        .all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c) || " .．".contains(c))
}

/// "商业企业" → "商业", "企业" (as a narrow header cell copies).
fn split_header(s: &str) -> Vec<String> {
    let chars: Vec<char> = s.chars().collect();
    if chars.len() < 4 || s.starts_with('（') {
        return vec![s.to_owned()];
    }
    let mid = chars.len() / 2;
    vec![chars[..mid].iter().collect(), chars[mid..].iter().collect()]
}

/// Long labels broken after nine characters, as narrow Word cells copy.
fn split_label(s: &str) -> Vec<String> {
    let chars: Vec<char> = s.chars().collect();
    if chars.len() <= 12 {
        return vec![s.to_owned()];
    }
    vec![chars[..9].iter().collect(), chars[9..].iter().collect()]
}

// ---------------------------------------------------------------------------------------------
// HTML.

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct HtmlChoice {
    /// Group labels as cells spanning their rows (the official layout), else repeated text.
    rowspan: bool,
    /// None, or the spacer cell after / before the 商业企业 value.
    spacer: Option<bool>,
    fullwidth: bool,
    /// Header rows in <thead>, data in <tbody>.
    thead: bool,
    /// "&nbsp;" in empty cells.
    nbsp: bool,
}

fn html_choices() -> Vec<HtmlChoice> {
    let mut out = Vec::new();
    for rowspan in [false, true] {
        for spacer in [None, Some(true), Some(false)] {
            for fullwidth in [false, true] {
                for thead in [false, true] {
                    for nbsp in [false, true] {
                        out.push(HtmlChoice {
                            rowspan,
                            spacer,
                            fullwidth,
                            thead,
                            nbsp,
                        });
                    }
                }
            }
        }
    }
    out
}

fn td(h: HtmlChoice, text: &str, colspan: usize, rowspan: usize) -> String {
    let mut a = String::new();
    if colspan > 1 {
        a.push_str(&format!(" colspan=\"{colspan}\""));
    }
    if rowspan > 1 {
        a.push_str(&format!(" rowspan=\"{rowspan}\""));
    }
    let t = if text.is_empty() && h.nbsp {
        "&nbsp;".to_owned()
    } else {
        text.to_owned()
    };
    format!("<td{a}>{t}</td>")
}

fn html_tables(canon: &Canon, h: HtmlChoice) -> [String; 3] {
    let v = |s: &str| {
        if h.fullwidth {
            fullwidth(s)
        } else {
            s.to_owned()
        }
    };
    let table = |head: &[String], body: &[String]| {
        let tr = |r: &String| format!("<tr>{r}</tr>");
        if h.thead {
            format!(
                "<table border=\"1\"><thead>{}</thead><tbody>{}</tbody></table>",
                head.iter().map(tr).collect::<String>(),
                body.iter().map(tr).collect::<String>()
            )
        } else {
            format!(
                "<table border=\"1\">{}{}</table>",
                head.iter().map(tr).collect::<String>(),
                body.iter().map(tr).collect::<String>()
            )
        }
    };
    // Table 二.
    let mut t2 = Vec::new();
    for (block, head, rows) in &canon.t2 {
        t2.push(td(h, block, 4, 1));
        let wide = if head.len() == 2 { 3 } else { 1 };
        t2.push(
            td(h, head[0], 1, 1)
                + &head[1..]
                    .iter()
                    .map(|x| td(h, x, wide, 1))
                    .collect::<String>(),
        );
        for (label, vals) in rows {
            t2.push(
                td(h, label, 1, 1)
                    + &vals
                        .iter()
                        .map(|x| td(h, &v(x), wide, 1))
                        .collect::<String>(),
            );
        }
    }
    // Table 三.
    let sp = usize::from(h.spacer.is_some());
    let head3 = vec![
        td(h, T3_NOTE, 3, 3) + &td(h, "申请人情况", 7 + sp, 1),
        td(h, "自然人", 1, 2) + &td(h, "法人或其他组织", 5 + sp, 1) + &td(h, "总计", 1, 2),
        td(h, "商业企业", 1 + sp, 1)
            + &T3_HEAD[2..6]
                .iter()
                .map(|x| td(h, x, 1, 1))
                .collect::<String>(),
    ];
    let mut body3 = Vec::new();
    let group_len = |g: &str| match g {
        "三、本年度办理结果" => 22,
        "（三）不予公开" => 8,
        "（四）无法提供" => 3,
        "（五）不予处理" => 5,
        _ => 3,
    };
    let mut in_result = false;
    let mut group: Option<&str> = None;
    for (label, g, vals) in &canon.t3 {
        let mut cells: Vec<String> = vals.iter().map(|x| v(x)).collect();
        match h.spacer {
            Some(true) => cells.insert(2, String::new()),
            Some(false) => cells.insert(1, String::new()),
            None => {}
        }
        let values: String = cells.iter().map(|x| td(h, x, 1, 1)).collect();
        let whole =
            label.starts_with("一、") || label.starts_with("二、") || label.starts_with("四、");
        if let Some(g) = g {
            if g.starts_with("三、") {
                in_result = true;
            } else {
                group = Some(g);
            }
        }
        let head = if whole {
            in_result = false;
            td(h, label, 3, 1)
        } else if h.rowspan {
            let mut s = String::new();
            if *g == Some("三、本年度办理结果") {
                s.push_str(&td(
                    h,
                    "三、本年度办理结果",
                    1,
                    group_len("三、本年度办理结果"),
                ));
            }
            if label.starts_with('（') {
                s.push_str(&td(h, label, 2, 1));
            } else {
                if let Some(g) = g.filter(|g| !g.starts_with("三、")) {
                    s.push_str(&td(h, g, 1, group_len(g)));
                }
                s.push_str(&td(h, label, 1, 1));
            }
            s
        } else {
            // No merged label cells: every row writes its three label cells.
            let first = if in_result {
                "三、本年度办理结果"
            } else {
                ""
            };
            if label.starts_with('（') {
                td(h, first, 1, 1) + &td(h, label, 2, 1)
            } else {
                td(h, first, 1, 1) + &td(h, group.unwrap_or(""), 1, 1) + &td(h, label, 1, 1)
            }
        };
        body3.push(head + &values);
    }
    // Table 四.
    let head4 = vec![
        td(h, "行政复议", 5, 1) + &td(h, "行政诉讼", 10, 1),
        T4_HEAD.iter().map(|x| td(h, x, 1, 2)).collect::<String>()
            + &td(h, "未经复议直接起诉", 5, 1)
            + &td(h, "复议后起诉", 5, 1),
        T4_HEAD
            .iter()
            .chain(T4_HEAD.iter())
            .map(|x| td(h, x, 1, 1))
            .collect(),
    ];
    let body4 = vec![canon.t4.iter().map(|x| td(h, &v(x), 1, 1)).collect()];
    [
        table(&[], &t2),
        table(&head3, &body3),
        table(&head4, &body4),
    ]
}

// ---------------------------------------------------------------------------------------------
// Documents and the check.

struct Frame {
    lines: Vec<String>,
    /// Indices of the headings of parts 二, 三, 四, 五.
    heads: [usize; 4],
}

fn frame(text: &str) -> Frame {
    let lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let find = |p: &str| lines.iter().position(|l| l.starts_with(p)).expect(p);
    Frame {
        heads: [
            find("二、主动公开政府信息情况"),
            find("三、收到和处理政府信息公开申请情况"),
            find("四、政府信息公开行政复议"),
            find("五、存在的主要问题"),
        ],
        lines,
    }
}

fn document(f: &Frame, tables: [Vec<String>; 3]) -> String {
    let mut out: Vec<String> = f.lines[..=f.heads[0]].to_vec();
    for (k, t) in tables.into_iter().enumerate() {
        out.push(String::new());
        out.extend(t);
        out.push(String::new());
        out.push(f.lines[f.heads[k + 1]].clone());
    }
    out.extend(f.lines[f.heads[3] + 1..].iter().cloned());
    out.join("\n") + "\n"
}

fn html_document(f: &Frame, tables: [String; 3]) -> String {
    let p = |l: &String| {
        if l.trim().is_empty() {
            String::new()
        } else {
            format!("<p>{}</p>", l.replace('&', "&amp;").replace('<', "&lt;"))
        }
    };
    let mut out =
        vec!["<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>".to_owned()];
    out.extend(f.lines[..=f.heads[0]].iter().map(p));
    for (k, t) in tables.into_iter().enumerate() {
        out.push(t);
        out.push(p(&f.lines[f.heads[k + 1]]));
    }
    out.extend(f.lines[f.heads[3] + 1..].iter().map(p));
    out.push("</body></html>".into());
    out.join("\n")
}

fn read(bytes: &[u8]) -> (Value, Vec<String>) {
    let outcome = nianbao::check(bytes, &nianbao::Options::default());
    let report = json::report(outcome.report.as_ref().expect("report read"));
    let t =
        json!({"table2": report["table2"], "table3": report["table3"], "table4": report["table4"]});
    let problems = outcome
        .diagnostics
        .iter()
        .map(|d| format!("{} {}", d.code, d.message))
        .collect();
    (t, problems)
}

fn fixture(rel: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(rel),
    )
    .unwrap()
}

/// Table 三 of the canonical tables as the JSON report writes it.
fn t3_json(canon: &Canon) -> Vec<Vec<f64>> {
    canon
        .t3
        .iter()
        .map(|r| r.2.iter().map(|v| v.parse().unwrap()).collect())
        .collect()
}

/// The two clean reports: their text, canonical tables and frame, and what they read to.
struct Source {
    name: &'static str,
    canon: Canon,
    frame: Frame,
    want: (Value, Vec<String>),
}

const SOURCES: [&str; 2] = ["renderings/tabs.txt", "clean-2021.txt"];

fn sources() -> Vec<Source> {
    // The 25 rows of the 2021 layout, in the format's order.
    let keys: Vec<&str> = nianbao::report::labels::T3_ROWS
        .iter()
        .filter(|r| r.in_layout(nianbao::report::Layout::V2021))
        .map(|r| r.key.as_str())
        .collect();
    SOURCES
        .iter()
        .map(|&name| {
            let text = fixture(name);
            let canon = canon_of(&text);
            let want = read(text.as_bytes());
            // The baseline holds the canonical tables (read here independently of nianbao).
            let baseline: Vec<Vec<f64>> = keys
                .iter()
                .map(|k| {
                    want.0["table3"]["rows"][k]
                        .as_array()
                        .unwrap_or_else(|| panic!("{name}: {k}"))
                        .iter()
                        .map(|v| v.as_f64().unwrap())
                        .collect()
                })
                .collect();
            assert_eq!(baseline, t3_json(&canon), "{name}: baseline");
            assert!(want.1.is_empty(), "{name} is clean: {:?}", want.1);
            Source {
                name,
                frame: frame(&text),
                canon,
                want,
            }
        })
        .collect()
}

/// Checks every text rendering with separator `sep`: the number checked and the failures.
fn check_text(sep: Sep) -> usize {
    let mut n = 0;
    let mut failures = Vec::new();
    for src in sources() {
        for c in choices().into_iter().filter(|c| c.sep == sep) {
            let tables = [
                write(&grid_t2(&src.canon, c), c),
                write(&grid_t3(&src.canon, c), c),
                write(&grid_t4(&src.canon, c), c),
            ];
            let got = read(document(&src.frame, tables).as_bytes());
            n += 1;
            if got != src.want {
                failures.push(format!("{} {c:?}: {:?}", src.name, got.1));
            }
        }
    }
    report(n, failures)
}

fn report(n: usize, failures: Vec<String>) -> usize {
    if let Ok(path) = std::env::var("GENERATED_FAILURES") {
        // Development aid: every failing combination, one per line.
        let mut old = std::fs::read_to_string(&path).unwrap_or_default();
        old.push_str(&failures.join("\n"));
        std::fs::write(path, old).unwrap();
    }
    assert!(
        failures.is_empty(),
        "{} of {n} renderings differ:\n{}",
        failures.len(),
        failures[..failures.len().min(20)].join("\n")
    );
    n
}

#[test]
fn tab_renderings() {
    check_text(Sep::Tab);
}

#[test]
fn pipe_renderings() {
    check_text(Sep::Pipe);
}

#[test]
fn markdown_renderings() {
    check_text(Sep::Markdown);
}

#[test]
fn space_aligned_renderings() {
    check_text(Sep::Spaces);
}

#[test]
fn one_cell_per_line_renderings() {
    check_text(Sep::Lines);
}

#[test]
fn separator_line_renderings() {
    check_text(Sep::BarLines);
}

#[test]
fn pipe_line_renderings() {
    check_text(Sep::PipeLines);
}

#[test]
fn html_renderings() {
    let mut n = 0;
    let mut failures = Vec::new();
    for src in sources() {
        for h in html_choices() {
            let got = read(html_document(&src.frame, html_tables(&src.canon, h)).as_bytes());
            n += 1;
            if got != src.want {
                failures.push(format!("{} {h:?}: {:?}", src.name, got.1));
            }
        }
    }
    report(n, failures);
}

/// How many renderings the tests above check, and how many distinct combinations of choices:
/// `cargo test --test generated -- --nocapture` prints them.
#[test]
fn the_generator_makes_hundreds_of_renderings() {
    let text: BTreeSet<String> = choices().iter().map(|c| format!("{c:?}")).collect();
    let html: BTreeSet<String> = html_choices().iter().map(|h| format!("{h:?}")).collect();
    let combinations = text.len() + html.len();
    let renderings = combinations * SOURCES.len();
    println!("{renderings} renderings of {combinations} distinct combinations of choices");
    for sep in [
        Sep::Tab,
        Sep::Pipe,
        Sep::Markdown,
        Sep::Spaces,
        Sep::Lines,
        Sep::BarLines,
        Sep::PipeLines,
    ] {
        let n = choices().iter().filter(|c| c.sep == sep).count();
        println!("  {sep:?}: {n} combinations");
    }
    println!("  HTML: {} combinations", html.len());
    assert!(renderings >= 300, "{renderings}");
    // Every value of every choice occurs.
    for sep in [
        Sep::Tab,
        Sep::Pipe,
        Sep::Markdown,
        Sep::Spaces,
        Sep::Lines,
        Sep::BarLines,
        Sep::PipeLines,
    ] {
        assert!(choices().iter().any(|c| c.sep == sep), "{sep:?}");
    }
    let all = choices();
    let some = |f: &dyn Fn(&Choice) -> bool| all.iter().any(f) && !all.iter().all(f);
    assert!(some(&|c| c.lead) && some(&|c| c.trail) && some(&|c| c.blank));
    assert!(some(&|c| c.artifacts) && some(&|c| c.spacer) && some(&|c| c.fullwidth));
    assert!(some(&|c| c.broken_headers) && some(&|c| c.broken_labels));
    assert!(some(&|c| c.inner_spaces) && some(&|c| c.page_number) && some(&|c| c.split));
    for b in [Break::None, Break::Lines, Break::Br, Break::Quoted] {
        assert!(some(&|c| c.cell_break == b), "{b:?}");
    }
}
