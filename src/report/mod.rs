//! Stage 2 — report: recognise a [`Report`] in a [`Document`]. Knows the format; judges nothing.

pub mod cells;
pub mod facts;
pub mod front;
pub mod fused;
pub mod labels;
pub mod model;
pub mod parts;
pub mod prose;
pub mod tables;
pub mod words;

use crate::normalize as nb;
use crate::normalize::key;
use crate::source::{Document, Line};
use labels::{rows, Group, MARKERS_2019, MARKERS_2021, T2_ROWS_2019, T2_ROWS_2021, T3_ROWS};
pub use model::*;
use tables::{is_noise, Spec};

/// Recognises everything the rules need.
pub fn recognise(doc: &Document) -> Report {
    let lines = &doc.lines;
    let (parts, duplicate_parts) = parts::find_parts(lines);
    let first_part = parts
        .iter()
        .map(|p| p.line_index)
        .min()
        .unwrap_or(lines.len().min(12));
    let title = front::find_title(&lines[..first_part]);
    let published = front::find_publication(lines);

    let regions = table_regions(lines, &parts);
    let mut issues = Vec::new();
    let mut markers = Vec::new();
    let (table2, table3, table4) = read_tables(lines, &regions, &parts, &mut markers, &mut issues);
    let format_version = format_version(&mut markers, table3.as_ref());

    let signature = front::signature_lines(lines, published);
    let (bodies, heading_locs) = prose_bodies(lines, &parts, &regions, &signature);
    let proses: [prose::Prose; 7] = std::array::from_fn(|n| prose::Prose::new(&bodies[n]));
    let facts = facts::read_facts(&bodies, &proses, &heading_locs);
    // The statistical period is stated in the introduction, or failing that anywhere.
    let period =
        front::find_period(&proses[0]).or_else(|| proses[1..].iter().find_map(front::find_period));
    let year = report_year(lines, title.as_ref(), &proses[0], period.as_ref(), &facts);
    let agency = report_agency(lines, title.as_ref(), &signature, &bodies);
    let agency_kind = agency
        .as_deref()
        .map_or(AgencyKind::Unknown, front::agency_kind);

    Report {
        title,
        agency,
        agency_kind,
        year,
        period,
        published,
        parts,
        duplicate_parts,
        format_version,
        markers,
        table2,
        table3,
        table4,
        facts,
        issues,
    }
}

/// Where tables 二, 三 and 四 are, as ranges of line indices (start, end).
struct Regions {
    t2: Option<(usize, usize)>,
    t3: Option<(usize, usize)>,
    t4: Option<(usize, usize)>,
}

impl Regions {
    fn contains(&self, i: usize) -> bool {
        [self.t2, self.t3, self.t4]
            .into_iter()
            .flatten()
            .any(|(s, e)| i >= s && i < e)
    }
}

/// A line's normalised key (a line of one cell, as most are, is keyed without joining it first).
fn line_key(l: &Line) -> String {
    match l.cells.as_slice() {
        [one] => key(&one.text),
        _ => key(&l.joined()),
    }
}

/// The regions of the three tables: their part's body, or from an anchor line when the part's
/// heading is missing.
fn table_regions(lines: &[Line], parts: &[Part]) -> Regions {
    let part_range = |n: u8| {
        parts
            .iter()
            .find(|p| p.number == n)
            .map(|p| (p.line_index + 1, p.end_index))
    };
    let find_from =
        |from: usize, pred: &dyn Fn(&Line) -> bool| (from..lines.len()).find(|&i| pred(&lines[i]));
    let t3_anchor = || {
        find_from(0, &|l| {
            let k = line_key(l);
            nb::has(&k, "勾稽") || nb::has(&k, "本年新收")
        })
    };
    let t4_anchor = |from: usize| {
        find_from(from, &|l| {
            let k = line_key(l);
            (nb::has(&k, "行政复议") && k.chars().count() <= 30 && !nb::has(&k, "申请"))
                || nb::has(&k, "尚未审结")
        })
    };
    let t3 = part_range(3)
        .or_else(|| t3_anchor().map(|s| (s, part_range(4).map_or(lines.len(), |r| r.0 - 1))));
    let t2 = part_range(2).or_else(|| {
        find_from(0, &|l| line_key(l).starts_with("第二十条"))
            .map(|s| (s, t3.map_or(lines.len(), |r| r.0.saturating_sub(1).max(s))))
    });
    let t4 = part_range(4).or_else(|| {
        let from = t3.map_or(0, |r| r.1);
        t4_anchor(from).map(|s| {
            (
                s,
                part_range(5)
                    .or(part_range(6))
                    .map_or(lines.len(), |r| r.0 - 1),
            )
        })
    });
    Regions { t2, t3, t4 }
}

/// Reads the three tables in their regions; the format markers of table 二 go to `markers`, what
/// could not be read to `issues` (a part whose table is missing: TableNotFound).
fn read_tables(
    lines: &[Line],
    regions: &Regions,
    parts: &[Part],
    markers: &mut Vec<Marker>,
    issues: &mut Vec<ReadIssue>,
) -> (Option<Table>, Option<Table>, Option<Table>) {
    let anchor_loc = |start: usize| {
        let i = start.saturating_sub(1).min(lines.len().saturating_sub(1));
        lines
            .get(i)
            .map(|l| Loc {
                line: l.number,
                column: l.cells.first().map_or(1, |c| c.column),
            })
            .unwrap_or_default()
    };
    let table2 = regions.t2.and_then(|(s, e)| {
        let region = &lines[s..e.max(s)];
        collect_markers(region, markers);
        let v19 = markers.iter().filter(|m| m.v2019).count();
        let v21 = markers.len() - v19;
        let (rows, layout) = if v19 > v21 {
            (T2_ROWS_2019, Layout::V2019)
        } else {
            (T2_ROWS_2021, Layout::V2021)
        };
        let spec = Spec {
            name: TableId::T2,
            rows,
            layout,
            table3: false,
        };
        let (t, mut found) = tables::read_table(&spec, region, anchor_loc(s));
        issues.append(&mut found);
        (!t.rows.is_empty()).then_some(t)
    });
    let table3 = regions.t3.and_then(|(s, e)| {
        let spec = Spec {
            name: TableId::T3,
            rows: T3_ROWS,
            layout: Layout::V2021,
            table3: true,
        };
        let (t, mut found) = tables::read_table(&spec, &lines[s..e.max(s)], anchor_loc(s));
        issues.append(&mut found);
        (!t.rows.is_empty()).then_some(t)
    });
    let table4 = regions.t4.and_then(|(s, e)| {
        let (t, mut found) = tables::read_table4(&lines[s..e.max(s)], anchor_loc(s));
        issues.append(&mut found);
        t
    });
    for (name, found) in [
        (TableId::T2, table2.is_some()),
        (TableId::T3, table3.is_some()),
        (TableId::T4, table4.is_some()),
    ] {
        if !found {
            if let Some(p) = parts.iter().find(|p| p.number == name.part()) {
                issues.push(ReadIssue::TableNotFound {
                    table: name,
                    loc: Some(p.loc),
                });
            }
        }
    }
    (table2, table3, table4)
}

/// The format the report follows, from the markers of table 二 and the shape of table 三's
/// （六）其他处理 (one row in 2019, three in 2021), which is added to the markers.
fn format_version(markers: &mut Vec<Marker>, table3: Option<&Table>) -> FormatVersion {
    if let Some(t3) = table3 {
        let loc = t3.loc;
        if t3.layout == Layout::V2019 {
            markers.push(Marker {
                text: "（六）其他处理（不分细项）".into(),
                v2019: true,
                loc: t3.row(rows::OTHER).map_or(loc, |r| r.loc),
            });
        } else if let Some(r) = t3.rows.iter().find(|r| r.spec.group == Some(Group::Other)) {
            markers.push(Marker {
                text: "（六）其他处理的三个细项".into(),
                v2019: false,
                loc: r.loc,
            });
        }
    }
    let has19 = markers.iter().any(|m| m.v2019);
    let has21 = markers.iter().any(|m| !m.v2019);
    match (has19, has21) {
        (true, true) => FormatVersion::Hybrid,
        (true, false) => FormatVersion::V2019,
        (false, true) => FormatVersion::V2021,
        (false, false) => FormatVersion::Unknown,
    }
}

/// The prose of each part (index 0: before part 一): every line outside the tables (sentences
/// inside table parts are kept), without the signature; and where each part's heading is.
fn prose_bodies<'d>(
    lines: &'d [Line],
    parts: &[Part],
    regions: &Regions,
    signature: &[usize],
) -> ([Vec<&'d Line>; 7], [Option<Loc>; 7]) {
    let is_prose = |i: usize, l: &Line| {
        if l.is_row()
            || l.cells.is_empty()
            || is_noise(&l.cells[0].text)
            || cells::is_value(&l.cells[0].text)
        {
            return false;
        }
        let t = &l.cells[0].text;
        !regions.contains(i) || (t.chars().count() > 15 && (nb::has(t, "，") || nb::has(t, "。")))
    };
    let mut bodies: [Vec<&Line>; 7] = Default::default();
    let mut heading_locs: [Option<Loc>; 7] = [None; 7];
    let mut owner = 0usize;
    for (i, l) in lines.iter().enumerate() {
        if let Some(p) = parts.iter().find(|p| p.line_index == i) {
            owner = p.number as usize;
            heading_locs[owner] = parts.iter().find(|q| q.number == p.number).map(|q| q.loc);
            continue;
        }
        // The signature block (agency and date) closes the report; it is not part 六's text.
        if is_prose(i, l) && !signature.contains(&i) {
            bodies[owner].push(l);
        }
    }
    (bodies, heading_locs)
}

/// The report's year: the title's; without a title, what the report says of itself, then the
/// period, a table caption, a paragraph opening with the year.
fn report_year(
    lines: &[Line],
    title: Option<&(String, Loc)>,
    intro: &prose::Prose,
    period: Option<&Period>,
    facts: &Facts,
) -> Option<(i32, Loc)> {
    title
        .and_then(|(t, loc)| front::find_year(t).map(|(y, _, _)| (y, *loc)))
        .or_else(|| front::year_from_self_reference(intro))
        .or_else(|| period.map(|p| (p.start.year, p.loc)))
        .or_else(|| front::year_from_caption(lines))
        .or_else(|| facts.year_mentions.first().map(|m| (m.year, m.loc)))
}

/// The agency: the title's; without a title, the organ that signs the report or opens a
/// paragraph by name (a pronoun such as 我局 names nobody).
fn report_agency(
    lines: &[Line],
    title: Option<&(String, Loc)>,
    signature: &[usize],
    bodies: &[Vec<&Line>; 7],
) -> Option<String> {
    if let Some((t, _)) = title {
        return front::agency_from_title(t);
    }
    let names: Vec<String> = signature
        .get(1..)
        .unwrap_or_default()
        .iter()
        .map(|&i| front::compact(&lines[i].joined()))
        .collect();
    let openings: Vec<String> = bodies[..2].iter().flatten().map(|l| l.joined()).collect();
    let openings: Vec<&str> = openings.iter().map(String::as_str).collect();
    front::agency_from_body(&names, &openings)
}

fn collect_markers(region: &[Line], out: &mut Vec<Marker>) {
    for line in region {
        for cell in &line.cells {
            if cells::is_value(&cell.text) {
                continue;
            }
            let k = key(&cell.text);
            let loc = Loc {
                line: cell.line,
                column: cell.column,
            };
            for (list, v2019) in [(MARKERS_2019, true), (MARKERS_2021, false)] {
                for m in list.iter().filter(|m| nb::has(&k, m)) {
                    out.push(Marker {
                        text: m.to_string(),
                        v2019,
                        loc,
                    });
                }
            }
            // 处理决定数量 without 本年 is a 2019 marker; 本年处理决定数量 a 2021 one.
            if nb::has(&k, "处理决定数量") && !nb::has(&k, "本年处理决定数量") {
                out.push(Marker {
                    text: "处理决定数量".into(),
                    v2019: true,
                    loc,
                });
            }
        }
    }
}
