//! Reading tables 二 and 三 from the lines of their region, whatever the rendering:
//!
//! * rows of cells (tabs, pipes, HTML/Word rows): each row's label names it, its values follow;
//! * one cell per line: a label line, then its values one per line;
//! * PDF text, where a run of row labels is followed by the values of those rows column by column;
//! * Markdown from PDF, where some rows lost their label and the label stands elsewhere.
//!
//! Labels are identified by keywords (labels.rs), so a label split over lines or damaged by
//! conversion is still recognised. Rows without a label are placed by position only when exactly
//! as many rows are missing between two identified rows as there are unlabelled rows; otherwise the
//! values are reported as unplaced. Nothing is guessed.

use super::cells::{is_value, read_cell};
use super::labels::{
    col3, rows, Group, RowKey, RowSpec, T3_BALANCE_ROWS, T3_COLUMNS, T3_HEADER_WORDS,
};
use super::model::{CellValue, Layout, Loc, ReadIssue, Row, SubtotalRow, Table, TableId};
use crate::normalize as nb;
use crate::normalize::key;
use crate::source::Line;

/// What a cell is, for the table being read.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Class {
    Item(usize),
    Group(Group),
    Subtotal,
    /// A column header; for table 三 the index of the column (`col3`).
    Column(usize),
    Noise,
    Value,
    Empty,
    Text,
}

/// Which table is being read, and so how cells are classified.
pub struct Spec {
    pub name: TableId,
    pub rows: &'static [RowSpec],
    pub layout: Layout,
    /// Table 三: outcome groups, 总计 header, subtotal column, the 总计/其他 order check.
    pub table3: bool,
}

/// Page numbers and captions that interrupt a table in converted text.
pub fn is_noise(text: &str) -> bool {
    // Page numbers and captions are short.
    text.len() <= 60 && nb::with_key(text, is_noise_key)
}

fn is_noise_key(k: &str) -> bool {
    let dash = |c: char| c == '-' || c == '—' || c == '–';
    if k.starts_with(dash) && k.ends_with(dash) {
        let core = k.trim_matches(dash);
        if !core.is_empty() && core.chars().all(|c| c.is_ascii_digit()) {
            return true; // "- 3 -", "— 4 —"
        }
    }
    if let Some(rest) = k.strip_prefix('第') {
        if let Some(num) = rest.strip_suffix('页') {
            return num.chars().all(|c| c.is_ascii_digit());
        }
    }
    // A running header repeats the report's title at the top of every page.
    k == "正文"
        || (k.ends_with("年度报告") && k.chars().count() <= 60)
        || k.starts_with("表二")
        || k.starts_with("表三")
        || k.starts_with("表四")
        || k.starts_with("续表")
}

fn classify(spec: &Spec, text: &str) -> Class {
    if nb::is_blank(text) {
        return Class::Empty;
    }
    if is_value(text) {
        return Class::Value;
    }
    nb::with_key(text, |k| classify_key(spec, k))
}

/// [`classify`] of a label cell, by its key.
fn classify_key(spec: &Spec, k: &str) -> Class {
    if is_noise_key(k) {
        return Class::Noise;
    }
    if nb::has(k, "勾稽") || k.starts_with("注:") || k.starts_with("第二十条") || k == "信息内容"
    {
        return Class::Text;
    }
    // (Each keyword searched for only when the key has its first and last bytes.)
    let bytes = nb::ByteSet::of(k);
    let holds = |kw: &&str| bytes.may_hold(kw) && nb::has(k, kw);
    for (i, row) in spec.rows.iter().enumerate() {
        if row.keywords.iter().any(holds) {
            return Class::Item(i);
        }
    }
    if spec.table3 {
        // "3.其他" is other_3 only with its number: bare 其他 is a column header.
        let rest = nb::strip_all(nb::strip_all(k, "(六)其他处理"), "(六)其他");
        if matches!(rest, "3.其他" | "3其他" | "3)其他" | "(3)其他") {
            if let Some(i) = spec.rows.iter().position(|r| r.key == rows::OTHER_3) {
                return Class::Item(i);
            }
        }
        for g in Group::ALL {
            if g.keywords().iter().any(holds) {
                return Class::Group(g);
            }
        }
        if nb::has(k, "小计") || nb::has(k, "合计") {
            return Class::Subtotal;
        }
        if let Some(&(_, col)) = T3_HEADER_WORDS.iter().find(|(w, _)| *w == k) {
            return Class::Column(col);
        }
    } else if let Some(col) = t2_header_column(spec, k) {
        return Class::Column(col);
    }
    Class::Text
}

/// Table 二's column header a cell names ("本年制发件数"): its index in its rows' columns.
fn t2_header_column(spec: &Spec, k: &str) -> Option<usize> {
    // The labels' keys, computed once per layout: this runs for every text cell of table 二.
    type Keys = Vec<(String, usize)>;
    static KEYS: std::sync::OnceLock<[Keys; 2]> = std::sync::OnceLock::new();
    let keys = KEYS.get_or_init(|| {
        [super::labels::T2_ROWS_2021, super::labels::T2_ROWS_2019].map(|rows| {
            let mut v: Keys = Vec::new();
            for r in rows {
                for (i, l) in r.column_labels.iter().enumerate() {
                    if !v.iter().any(|(k, _)| *k == key(l)) {
                        v.push((key(l), i));
                    }
                }
            }
            v
        })
    });
    let layout = if std::ptr::eq(spec.rows, super::labels::T2_ROWS_2019) {
        &keys[1]
    } else if std::ptr::eq(spec.rows, super::labels::T2_ROWS_2021) {
        &keys[0]
    } else {
        return None;
    };
    layout.iter().find(|(l, _)| l == k).map(|&(_, i)| i)
}

/// What a row of values was attached to.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Target {
    Item(usize),
    Group(Group),
    Subtotal(Option<Group>),
    Unlabelled,
}

#[derive(Debug)]
struct RawRow {
    target: Target,
    label: Option<String>,
    cells: Vec<CellValue>,
    loc: Loc,
    /// Split from digits that ran together (fused.rs).
    recovered: bool,
}

/// A row whose values ran together ("…数量35 0000237"): its label's row and the runs of digits
/// as seen, split once the rest of the table is read.
#[derive(Debug)]
struct FusedRow {
    row: usize,
    label: String,
    runs: Vec<String>,
    loc: Loc,
}

#[derive(Clone, Debug)]
struct Pending {
    target: Target,
    label: String,
}

struct Reader<'s> {
    spec: &'s Spec,
    serial: bool,
    width3: usize,
    /// Table 三's columns followed by a spacer (see [`spacer_columns`]).
    spacers: Vec<usize>,
    /// Table 二: where the cells of the last column header line ("信息内容", …) stand.
    header_cells: Vec<usize>,
    pending: Vec<Pending>,
    run: Vec<CellValue>,
    group: Option<Group>,
    last_item: Option<usize>,
    rows: Vec<RawRow>,
    fused: Vec<FusedRow>,
    issues: Vec<ReadIssue>,
}

impl Reader<'_> {
    fn width(&self, t: Target) -> usize {
        match t {
            Target::Item(i) if !self.spec.table3 => self.spec.rows[i].columns.len(),
            _ => self.width3,
        }
    }

    fn push_pending(&mut self, target: Target, label: &str) {
        // A table has 25 rows: more labels waiting than that is not a table, and keeping them all
        // would make every run of values cost as much as the labels before it.
        if self.pending.len() >= 32 {
            self.pending.remove(0);
        }
        if let Some(last) = self.pending.last_mut() {
            if last.target == target {
                last.label.push_str(label);
                return;
            }
        }
        self.pending.push(Pending {
            target,
            label: label.to_owned(),
        });
    }

    /// A table has at most 25 rows: beyond 32 rows run together the input is not a table, and
    /// each split costs a search (bounded by fused.rs's budget), so the rest are only reported.
    fn push_fused(&mut self, f: FusedRow) {
        if self.fused.len() < 32 {
            self.fused.push(f);
        } else {
            self.issues.push(ReadIssue::UnplacedValues {
                table: self.spec.name,
                count: f.runs.len(),
                loc: f.loc,
            });
        }
    }

    /// The pending label an unlabelled row of values belongs to: the first one after the last row
    /// identified, in canonical order; else the most recent.
    fn take_pending(&mut self) -> Option<Pending> {
        let after = self.last_item.map_or(0, |i| i + 1);
        let pos = self
            .pending
            .iter()
            .enumerate()
            .filter_map(|(p, e)| match e.target {
                Target::Item(i) if i >= after => Some((i, p)),
                _ => None,
            })
            .min()
            .map(|(_, p)| p)
            .or_else(|| self.pending.len().checked_sub(1))?;
        let chosen = self.pending[pos].clone();
        self.pending.drain(..=pos);
        Some(chosen)
    }

    fn set_item(&mut self, t: Target) {
        if let Target::Item(i) = t {
            self.last_item = Some(i);
            if let Some(g) = self.spec.rows[i].group {
                self.group = Some(g);
            }
        }
    }

    fn push_row(&mut self, target: Target, label: Option<String>, cells: Vec<CellValue>, loc: Loc) {
        self.set_item(target);
        self.rows.push(RawRow {
            target,
            label,
            cells,
            loc,
            recovered: false,
        });
    }

    /// A line with several cells.
    fn row_line(&mut self, line: &Line, classes: &[Class]) {
        // The row's label is the text before its first value; everything after is data, text
        // included ("见附件" in a numeric cell is a cell holding text, C003).
        let data_from = data_start(classes);
        let labels = &classes[..data_from];
        let items = item_rows(labels);
        if !classes.contains(&Class::Value) {
            self.note_column_header(line);
            // A header row names several different rows; otherwise this is a label on its own.
            if !names_several_rows(&items) {
                self.single(line, classes);
            }
            return;
        }
        self.resolve_run();
        let group = group_named(labels);
        if let Some(g) = group {
            self.group = Some(g);
        }
        let mut label_text = joined_text(&line.cells[..data_from]);
        let target = self.target_of(labels, &items, group, &mut label_text);
        let loc = Loc {
            line: line.number,
            column: line.cells[0].column,
        };
        let width = self.width(target);
        let cells = self.read_values(line, classes, data_from, width, &mut label_text);
        let label = (!nb::is_blank(&label_text)).then_some(label_text);
        if cells.len() != width {
            self.misfit_row(line, data_from, target, label, cells.len(), loc);
            return;
        }
        self.push_row(target, label, cells, loc);
    }

    /// Which row a line of values fills: the row its label names, a subtotal, a group, table
    /// 三's 总计 named by its column header, a label on the line before (which then becomes the
    /// label), or none.
    fn target_of(
        &mut self,
        labels: &[Class],
        items: &[usize],
        group: Option<Group>,
        label_text: &mut String,
    ) -> Target {
        if let Some(&i) = items.last() {
            Target::Item(i)
        } else if labels.contains(&Class::Subtotal) {
            Target::Subtotal(group.or(self.group))
        } else if let Some(g) = group {
            Target::Group(g)
        } else if self.spec.table3 && labels.contains(&Class::Column(col3::TOTAL)) {
            self.spec
                .rows
                .iter()
                .position(|r| r.key == rows::TOTAL)
                .map_or(Target::Unlabelled, Target::Item)
        } else if let Some(p) = self.take_pending() {
            if nb::is_blank(label_text) {
                *label_text = p.label;
            }
            p.target
        } else {
            Target::Unlabelled
        }
    }

    /// The line's values as `width` cells when they can be read so: as written (spacer columns
    /// dropped), else without a note after the last value, else with a text cell between the
    /// label and the values (then the label ends before it). Otherwise the cells as read.
    fn read_values(
        &self,
        line: &Line,
        classes: &[Class],
        data_from: usize,
        width: usize,
        label_text: &mut String,
    ) -> Vec<CellValue> {
        let read_from =
            |from: usize| -> Vec<CellValue> { line.cells[from..].iter().map(read_cell).collect() };
        let mut cells = fit(read_from(data_from), width);
        if cells.len() == width + self.spacers.len() && !self.spacers.is_empty() {
            cells = drop_spacers(cells, &self.spacers);
        }
        if cells.len() != width {
            // Text after the last value is a note beside the table ("（其中修订16件）"), not a cell.
            let last_value = classes
                .iter()
                .rposition(|c| *c == Class::Value)
                .unwrap_or(data_from);
            let trimmed: Vec<CellValue> = line.cells[data_from..=last_value]
                .iter()
                .map(read_cell)
                .collect();
            let alt = fit(trimmed, width);
            if alt.len() == width {
                cells = alt;
            }
        }
        if cells.len() != width {
            if let Some(alt) = self.under_header(line, width) {
                return alt;
            }
            // A text cell between the row's label and its values ("若干") is a cell holding text
            // when reading it as data makes the row exactly as wide as the table.
            let row_label = classes[..data_from]
                .iter()
                .rposition(|c| !matches!(c, Class::Value | Class::Empty | Class::Text));
            if let Some(l) = row_label.filter(|&l| l + 1 < data_from) {
                let alt = fit(read_from(l + 1), width);
                if alt.len() == width {
                    cells = alt;
                    *label_text = joined_text(&line.cells[..=l]);
                }
            }
        }
        cells
    }

    /// Table 二's column header line ("信息内容", 本年制发件数, …): where its cells stand.
    fn note_column_header(&mut self, line: &Line) {
        let first = line.cells.iter().find(|c| !nb::is_blank(&c.text));
        if self.spec.table3 || first.is_none_or(|c| key(&c.text) != "信息内容") {
            return;
        }
        self.header_cells = (line.cells.iter().enumerate())
            .filter(|(_, c)| !nb::is_blank(&c.text))
            .map(|(i, _)| i)
            .take(8)
            .collect();
    }

    /// Table 二's row read through its block's column header when spacer cells put its values
    /// out of line (`规章\t\t0\t\t0\t\t0` under `信息内容\t\t本年制发件数\t\t…`): counted from the
    /// label and from 信息内容, a value under each header cell and nothing anywhere else. (Counted
    /// from there because a line's leading tabs are lost when it holds one cell.) Else None.
    fn under_header(&self, line: &Line, width: usize) -> Option<Vec<CellValue>> {
        let h = &self.header_cells;
        let filled = |i: usize| !nb::is_blank(&line.cells[i].text);
        let label = (0..line.cells.len()).find(|&i| filled(i))?;
        let at = |k: usize| label + h[k] - h[0];
        if h.len() != width + 1
            || at(width) >= line.cells.len()
            || (label..line.cells.len())
                .any(|i| filled(i) && !h.iter().any(|&x| label + x - h[0] == i))
        {
            return None;
        }
        Some((1..=width).map(|k| read_cell(&line.cells[at(k)])).collect())
    }

    /// A row whose values do not fit the table's columns: digits that ran together (split later
    /// by the table's relations), a row that cannot be read, or values placed in no row.
    fn misfit_row(
        &mut self,
        line: &Line,
        data_from: usize,
        target: Target,
        label: Option<String>,
        found: usize,
        loc: Loc,
    ) {
        let width = self.width(target);
        if let Target::Item(i) = target {
            // Fewer cells than columns, all of them digits: separators lost inside the row.
            let runs: Option<Vec<String>> = line.cells[data_from..]
                .iter()
                .filter(|c| !nb::is_blank(&c.text))
                .map(|c| digit_runs(&c.text))
                .collect::<Option<Vec<Vec<String>>>>()
                .map(|v| v.concat());
            if let Some(runs) = runs.filter(|r| is_fused(r, width)) {
                self.push_fused(FusedRow {
                    row: i,
                    label: label.unwrap_or_else(|| self.spec.rows[i].label.to_owned()),
                    runs,
                    loc,
                });
                self.set_item(target);
                return;
            }
            self.issues.push(ReadIssue::RowUnreadable {
                table: self.spec.name,
                row: self.spec.rows[i].key,
                label: label.unwrap_or_else(|| self.spec.rows[i].label.to_owned()),
                found,
                expected: width,
                loc,
            });
            self.set_item(target);
        } else if found >= 2 {
            self.issues.push(ReadIssue::UnplacedValues {
                table: self.spec.name,
                count: found,
                loc,
            });
        }
    }

    /// A line with one cell (or a label-only row).
    fn single(&mut self, line: &Line, classes: &[Class]) {
        for (cell, class) in line.cells.iter().zip(classes) {
            match *class {
                Class::Value => {
                    let v = read_cell(cell);
                    if self.serial {
                        self.run.push(v);
                    }
                }
                Class::Item(i) => {
                    self.resolve_run();
                    // "一、本年新收政府信息公开申请数量35 0000237": the label with its values run
                    // together.
                    let fused = super::fused::trailing_runs(&cell.text).filter(|(label, runs)| {
                        is_fused(runs, self.width(Target::Item(i)))
                            && classify(self.spec, label) == Class::Item(i)
                    });
                    if let Some((label, runs)) = fused {
                        self.push_fused(FusedRow {
                            row: i,
                            label: nb::trim(label).to_owned(),
                            runs,
                            loc: Loc {
                                line: cell.line,
                                column: cell.column,
                            },
                        });
                        self.set_item(Target::Item(i));
                        continue;
                    }
                    self.push_pending(Target::Item(i), &cell.text);
                }
                Class::Group(g) => {
                    self.resolve_run();
                    self.group = Some(g);
                    self.push_pending(Target::Group(g), &cell.text);
                }
                Class::Subtotal => {
                    self.resolve_run();
                    self.push_pending(Target::Subtotal(self.group), &cell.text);
                }
                Class::Noise | Class::Empty => {}
                Class::Column(_) | Class::Text => self.resolve_run(),
            }
        }
    }

    /// Places a run of single values (one per line) on the pending labels.
    fn resolve_run(&mut self) {
        let n = self.run.len();
        if n == 0 {
            return;
        }
        let run = std::mem::take(&mut self.run);
        let loc = run[0].loc;
        // Group labels are headings, except （六）其他处理 in the 2019 layout, which is a data row.
        let pick = |f: &dyn Fn(Target) -> bool| {
            (0..self.pending.len())
                .filter(|&p| f(self.pending[p].target))
                .collect::<Vec<_>>()
        };
        let items = pick(&|t| matches!(t, Target::Item(_)));
        let with_six = pick(&|t| matches!(t, Target::Item(_) | Target::Group(Group::Other)));
        let all = pick(&|_| true);
        for chosen in [&items, &with_six, &all] {
            if chosen.is_empty() {
                continue;
            }
            // Rows of a block share one width (table 二's blocks; table 三's 7 columns): take the
            // longest prefix of pending labels whose values fill the run exactly.
            let mut take = chosen.len();
            while take > 0 {
                let w = self.width(self.pending[chosen[0]].target);
                let same_width = chosen[..take]
                    .iter()
                    .all(|&p| self.width(self.pending[p].target) == w);
                if same_width && n == take * w {
                    self.place_columns(&chosen[..take], run, w);
                    return;
                }
                take -= 1;
            }
        }
        let width = self
            .pending
            .last()
            .map_or(self.width3, |p| self.width(p.target));
        if n == width {
            if let Some(p) = self.take_pending() {
                if self.width(p.target) == n {
                    let loc = run[0].loc;
                    self.push_row(p.target, Some(p.label), run, loc);
                    return;
                }
            }
        }
        if self.pending.is_empty() && self.spec.table3 && n % self.width3 == 0 {
            for chunk in run.chunks(self.width3) {
                let loc = chunk[0].loc;
                self.push_row(Target::Unlabelled, None, chunk.to_vec(), loc);
            }
            return;
        }
        self.issues.push(ReadIssue::UnplacedValues {
            table: self.spec.name,
            count: n,
            loc,
        });
    }

    /// `take` pending labels, values serialised column by column (PDF text), or row by row when
    /// there is one label.
    fn place_columns(&mut self, chosen: &[usize], run: Vec<CellValue>, width: usize) {
        let k = chosen.len();
        let mut rows: Vec<Vec<CellValue>> = (0..k)
            .map(|r| (0..width).map(|c| run[c * k + r].clone()).collect())
            .collect();
        if self.spec.table3 && k > 1 && width == T3_COLUMNS.len() {
            order_total_column(&mut rows);
        }
        let labels: Vec<Pending> = chosen.iter().map(|&p| self.pending[p].clone()).collect();
        let last = *chosen.last().unwrap_or(&0);
        self.pending.drain(..=last);
        for (p, cells) in labels.into_iter().zip(rows) {
            let loc = cells[0].loc;
            self.push_row(p.target, Some(p.label), cells, loc);
        }
    }
}

/// PDF text extraction does not keep table 三's column order for its last two columns (其他 and
/// 总计 come out either way round). When the values read column by column only add up with those
/// two swapped, the swapped reading is the table's.
fn order_total_column(rows: &mut [Vec<CellValue>]) {
    let n = |c: &CellValue| c.number().unwrap_or(0.0);
    let adds_up = |rows: &[Vec<CellValue>], total: usize, other: usize| {
        rows.iter().all(|r| {
            let sum: f64 = (0..col3::OTHER).map(|c| n(&r[c])).sum::<f64>() + n(&r[other]);
            (sum - n(&r[total])).abs() < 1e-9
        })
    };
    if !adds_up(rows, col3::TOTAL, col3::OTHER) && adds_up(rows, col3::OTHER, col3::TOTAL) {
        for r in rows.iter_mut() {
            r.swap(col3::OTHER, col3::TOTAL);
        }
    }
}

/// Table 三's columns that a header row shows followed by one empty cell before the next column
/// ("商业企业, (empty), 科研机构": a header cell that spanned two grid columns, copied as text). Each
/// data row then carries an empty cell there that belongs to no column.
fn spacer_columns(classes: &[Vec<Class>]) -> Vec<usize> {
    let mut out = Vec::new();
    for cls in classes {
        for w in cls.windows(3) {
            if let [Class::Column(a), Class::Empty, Class::Column(b)] = *w {
                // Kept in column order.
                let at = out.partition_point(|&x| x < a);
                if b == a + 1 && out.get(at) != Some(&a) {
                    out.insert(at, a);
                }
            }
        }
    }
    out
}

/// Where a line's data begins: after the last label cell before its first value (empty cells
/// between belong to the data); the whole line when it has no value.
fn data_start(classes: &[Class]) -> usize {
    match classes.iter().position(|c| *c == Class::Value) {
        Some(fv) => classes[..fv]
            .iter()
            .rposition(|c| !matches!(c, Class::Empty))
            .map_or(0, |p| p + 1),
        None => classes.len(),
    }
}

/// The rows of the table the label cells name, in order.
fn item_rows(labels: &[Class]) -> Vec<usize> {
    labels
        .iter()
        .filter_map(|c| match c {
            Class::Item(i) => Some(*i),
            _ => None,
        })
        .collect()
}

/// True when the labels name two or more different rows one after another (a header row).
fn names_several_rows(items: &[usize]) -> bool {
    let mut distinct = items.to_vec();
    distinct.dedup();
    distinct.len() >= 2
}

/// The outcome group a label names, if any.
fn group_named(labels: &[Class]) -> Option<Group> {
    labels.iter().find_map(|c| match c {
        Class::Group(g) => Some(*g),
        _ => None,
    })
}

/// The text of cells run together (a label split over cells).
fn joined_text(cells: &[crate::source::Cell]) -> String {
    cells.iter().map(|c| c.text.as_str()).collect()
}

/// Maps a row's data cells through the header: under a column followed by a spacer, the row
/// holds two cells of which one is empty (after or before the value); the empty one is dropped.
/// Unchanged when the row does not have that shape.
fn drop_spacers(mut cells: Vec<CellValue>, spacers: &[usize]) -> Vec<CellValue> {
    // Columns right to left, so that the data index of each column is its column plus the
    // spacers before it.
    for (k, &col) in spacers.iter().enumerate().rev() {
        let at = col + k;
        let blank = |i: usize| cells.get(i).is_some_and(|c: &CellValue| c.raw.is_empty());
        if blank(at + 1) {
            cells.remove(at + 1);
        } else if blank(at) {
            cells.remove(at);
        }
    }
    cells
}

/// Fits a row's data cells to the table's width: trailing and leading empty cells are merged-cell
/// gaps of a grid copied as text, unless the row would then be short.
fn fit(mut data: Vec<CellValue>, width: usize) -> Vec<CellValue> {
    let blank = |c: &CellValue| c.raw.is_empty();
    let trailing = data.iter().rev().take_while(|c| blank(c)).count();
    let keep = data.len() - trailing;
    let pad = width.saturating_sub(keep).min(trailing);
    data.truncate(keep + pad);
    let leading = data.iter().take_while(|c| blank(c)).count();
    let drop = data.len().saturating_sub(width).min(leading);
    data.drain(..drop);
    data
}

/// Reads table 二 or 三 from the lines of its region.
pub fn read_table(spec: &Spec, lines: &[Line], anchor: Loc) -> (Table, Vec<ReadIssue>) {
    let mut classes: Vec<Vec<Class>> = lines
        .iter()
        .map(|l| l.cells.iter().map(|c| classify(spec, &c.text)).collect())
        .collect();
    let joined = join_broken_cells(spec, lines, &mut classes);
    let lines = joined.as_deref().unwrap_or(lines);
    let (mut row_values, mut single_values) = (0usize, 0usize);
    let mut subtotal_column = false;
    for (line, cls) in lines.iter().zip(&classes) {
        let values = cls.iter().filter(|c| **c == Class::Value).count();
        if line.cells.len() > 1 {
            row_values += values;
        } else {
            single_values += values;
        }
        if spec.table3 && values == 0 && line.cells.iter().any(|c| key(&c.text).ends_with("小计"))
        {
            subtotal_column = true;
        }
    }
    let mut reader = Reader {
        spec,
        serial: single_values > row_values,
        width3: if subtotal_column { 8 } else { 7 },
        spacers: if spec.table3 && !subtotal_column {
            spacer_columns(&classes)
        } else {
            Vec::new()
        },
        header_cells: Vec::new(),
        pending: Vec::new(),
        run: Vec::new(),
        group: None,
        last_item: None,
        rows: Vec::new(),
        fused: Vec::new(),
        issues: Vec::new(),
    };
    for (line, cls) in lines.iter().zip(&classes) {
        if line.cells.len() > 1 {
            reader.row_line(line, cls);
        } else {
            reader.single(line, cls);
        }
    }
    reader.resolve_run();
    let fused = std::mem::take(&mut reader.fused);
    for f in fused {
        recover(&mut reader, f);
    }
    let no_values = classes.iter().flatten().all(|c| *c != Class::Value);
    if reader.rows.is_empty() && no_values && reader.issues.is_empty() {
        // A blank template: the rows are there, their cells are not filled in.
        reader.rows = blank_rows(&reader, lines, &classes);
    }
    let Reader {
        rows, mut issues, ..
    } = reader;
    let table = build(spec, rows, anchor, subtotal_column, &mut issues);
    (table, issues)
}

/// The lines with every row broken at a line break inside a cell joined back into one line (text
/// copied from Word or a browser ends the line inside a two-line cell and goes on with the rest
/// of the cell: "\t\t4.无正当理由大量反" then "复申请\t0\t0…"); `classes` follow. A line is
/// joined to the next when it holds no value and ends in a cell the table does not know, the next
/// starts with one, either has cells beside it, and the two parts together name a row, group or
/// column (or 信息内容). None when no line is broken so.
fn join_broken_cells(
    spec: &Spec,
    lines: &[Line],
    classes: &mut Vec<Vec<Class>>,
) -> Option<Vec<Line>> {
    let valued: Vec<bool> = classes.iter().map(|c| c.contains(&Class::Value)).collect();
    let breaks = |a: usize| {
        let (p, n) = (&lines[a], &lines[a + 1]);
        broken_cell(spec, p, &classes[a], valued[a], n, &classes[a + 1])
    };
    let first = (0..lines.len().saturating_sub(1)).find(|&a| breaks(a).is_some())?;
    let mut out: Vec<Line> = lines[..first].to_vec();
    let mut cls: Vec<Vec<Class>> = classes[..first].to_vec();
    let mut out_valued: Vec<bool> = valued[..first].to_vec();
    for ((line, c), v) in lines[first..]
        .iter()
        .zip(&classes[first..])
        .zip(&valued[first..])
    {
        let class = match (out.last(), cls.last(), out_valued.last()) {
            (Some(prev), Some(pc), Some(&pv)) => broken_cell(spec, prev, pc, pv, line, c),
            _ => None,
        };
        let (Some(class), Some(prev), Some(pc), Some(pv)) =
            (class, out.last_mut(), cls.last_mut(), out_valued.last_mut())
        else {
            out.push(line.clone());
            cls.push(c.clone());
            out_valued.push(*v);
            continue;
        };
        // Joined in place: a chain of broken lines costs what its cells do.
        if let (Some(last), Some(last_class)) = (prev.cells.last_mut(), pc.last_mut()) {
            last.text.push_str(&line.cells[0].text);
            *last_class = class;
        }
        prev.cells.extend_from_slice(&line.cells[1..]);
        pc.extend_from_slice(&c[1..]);
        *pv |= *v;
    }
    *classes = cls;
    Some(out)
}

/// The class of the cell `prev`'s last cell and `next`'s first make together, when `next`
/// continues a cell `prev` broke (see [`join_broken_cells`]); `valued`: `prev` holds a value.
fn broken_cell(
    spec: &Spec,
    prev: &Line,
    pc: &[Class],
    valued: bool,
    next: &Line,
    nc: &[Class],
) -> Option<Class> {
    if prev.cells.len() + next.cells.len() < 3
        || valued
        || pc.last() != Some(&Class::Text)
        || nc.first() != Some(&Class::Text)
    {
        return None;
    }
    let (a, b) = (&prev.cells.last()?.text, &next.cells[0].text);
    let joined = format!("{a}{b}");
    let class = classify(spec, &joined);
    // 信息内容 heads table 二's label column (a header word, though classified as text).
    let known = matches!(class, Class::Item(_) | Class::Group(_) | Class::Column(_))
        || key(&joined) == "信息内容";
    known.then_some(class)
}

/// Table 四's blocks of five columns (行政复议, 未经复议直接起诉, 复议后起诉) each end in 总计.
const T4_BLOCK: usize = 5;

/// A header line of table 四 shows an empty grid column after a block: "总计", an empty cell,
/// then the next block's header (a header cell spanning an extra grid column, copied as text).
fn has_block_spacer(lines: &[Line]) -> bool {
    lines.iter().any(|l| {
        l.cells.windows(3).any(|w| {
            key(&w[0].text).ends_with("总计")
                && nb::is_blank(&w[1].text)
                && !nb::is_blank(&w[2].text)
                && !is_value(&w[2].text)
        })
    })
}

/// Table 四 found at `anchor` whose cells could not be placed: every row missing (P003 says why).
fn unread_table4(anchor: Loc) -> Table {
    Table {
        layout: Layout::V2021,
        rows: Vec::new(),
        missing: super::labels::T4_ROWS.iter().collect(),
        loc: anchor,
        subtotal_rows: Vec::new(),
        subtotal_column: Vec::new(),
    }
}

/// Table 四's cells without the empty spacer cells standing between its blocks, when removing
/// them (at most one at each block boundary) leaves exactly 15 cells. Else None.
fn drop_block_spacers(values: &[CellValue]) -> Option<Vec<CellValue>> {
    const CELLS: usize = 3 * T4_BLOCK;
    let extra = values
        .len()
        .checked_sub(CELLS)
        .filter(|&e| (1..=2).contains(&e))?;
    let mut out: Vec<CellValue> = Vec::with_capacity(CELLS);
    let mut dropped_at = Vec::new();
    for v in values {
        let boundary = out.len() == T4_BLOCK || out.len() == 2 * T4_BLOCK;
        if boundary
            && v.raw.is_empty()
            && dropped_at.len() < extra
            && !dropped_at.contains(&out.len())
        {
            dropped_at.push(out.len());
            continue;
        }
        out.push(v.clone());
    }
    (out.len() == CELLS).then_some(out)
}

/// The rows of a table whose labels are all there but that holds no value at all (a clerk started
/// from the official template): each labelled row with its cells blank, located at the empty
/// cells after the label where the rendering has them (else at the label). Blank is what the
/// table says; the rules report it (C001) rather than the table as missing.
fn blank_rows(reader: &Reader, lines: &[Line], classes: &[Vec<Class>]) -> Vec<RawRow> {
    let mut rows: Vec<RawRow> = Vec::new();
    for (line, cls) in lines.iter().zip(classes) {
        for (k, class) in cls.iter().enumerate() {
            let Class::Item(i) = *class else { continue };
            if rows.iter().any(|r| r.target == Target::Item(i)) {
                continue;
            }
            let label = &line.cells[k];
            let at = |c: &crate::source::Cell| Loc {
                line: c.line,
                column: c.column,
            };
            let width = reader.width(Target::Item(i));
            let after = &line.cells[k + 1..];
            let empties = after.iter().take_while(|c| nb::is_blank(&c.text)).count();
            let cells = (0..width)
                .map(|c| {
                    let loc = if empties >= width {
                        at(&after[c])
                    } else {
                        at(label)
                    };
                    super::cells::parse_cell("", loc)
                })
                .collect();
            rows.push(RawRow {
                target: Target::Item(i),
                label: Some(label.text.clone()),
                cells,
                loc: at(label),
                recovered: false,
            });
        }
    }
    rows
}

/// Places the raw rows on the spec's rows: labelled rows by label, unlabelled ones by position.
fn build(
    spec: &Spec,
    raw: Vec<RawRow>,
    anchor: Loc,
    subtotal_column: bool,
    issues: &mut Vec<ReadIssue>,
) -> Table {
    let layout = layout_of(spec, &raw);
    let (mut slots, unlabelled, mut subtotal_rows) = place_labelled(spec, raw, layout, issues);
    fill_gaps(spec, layout, &mut slots, unlabelled, issues);
    let (rows, missing, subtotal_col) = finish_rows(spec, layout, slots, subtotal_column, issues);
    if subtotal_column {
        for s in &mut subtotal_rows {
            if s.cells.len() == T3_COLUMNS.len() + 1 {
                s.cells.remove(col3::TOTAL);
            }
        }
    }
    Table {
        layout,
        rows,
        missing,
        loc: anchor,
        subtotal_rows,
        subtotal_column: subtotal_col,
    }
}

/// Table 三 follows the 2019 layout when （六）其他处理 has values of its own and no items.
fn layout_of(spec: &Spec, raw: &[RawRow]) -> Layout {
    let has_other_items = raw
        .iter()
        .any(|r| matches!(r.target, Target::Item(i) if spec.rows[i].group == Some(Group::Other)));
    let six_has_values = raw.iter().any(|r| r.target == Target::Group(Group::Other));
    if spec.table3 && six_has_values && !has_other_items {
        Layout::V2019
    } else {
        spec.layout
    }
}

/// A row read without a label, with the index of the placed row before it.
type Unlabelled = (Option<usize>, Option<RawRow>);

/// Places each labelled row on its canonical row (a row found twice, or not in the layout, is
/// reported); subtotal rows are kept apart; unlabelled rows wait for [`fill_gaps`].
fn place_labelled(
    spec: &Spec,
    raw: Vec<RawRow>,
    layout: Layout,
    issues: &mut Vec<ReadIssue>,
) -> (Vec<Option<RawRow>>, Vec<Unlabelled>, Vec<SubtotalRow>) {
    let other_idx = spec.rows.iter().position(|r| r.key == rows::OTHER);
    let mut slots: Vec<Option<RawRow>> = (0..spec.rows.len()).map(|_| None).collect();
    let mut subtotal_rows = Vec::new();
    let mut unlabelled = Vec::new();
    let mut prev: Option<usize> = None;
    for mut r in raw {
        if r.target == Target::Group(Group::Other) && layout == Layout::V2019 {
            r.target = other_idx.map_or(r.target, Target::Item);
        }
        match r.target {
            Target::Item(i) if slots[i].is_none() && spec.rows[i].in_layout(layout) => {
                prev = Some(i);
                slots[i] = Some(r);
            }
            Target::Item(_) | Target::Subtotal(None) => issues.push(ReadIssue::UnplacedValues {
                table: spec.name,
                count: r.cells.len(),
                loc: r.loc,
            }),
            Target::Group(g) | Target::Subtotal(Some(g)) => subtotal_rows.push(SubtotalRow {
                group: g,
                cells: r.cells,
                loc: r.loc,
            }),
            Target::Unlabelled => unlabelled.push((prev, Some(r))),
        }
    }
    (slots, unlabelled, subtotal_rows)
}

/// Unlabelled rows between two placed rows fill the gap when they fit it exactly; otherwise they
/// are reported, never guessed.
fn fill_gaps(
    spec: &Spec,
    layout: Layout,
    slots: &mut [Option<RawRow>],
    mut unlabelled: Vec<Unlabelled>,
    issues: &mut Vec<ReadIssue>,
) {
    let mut i = 0;
    while i < unlabelled.len() {
        let after = unlabelled[i].0;
        let mut j = i;
        while j < unlabelled.len() && unlabelled[j].0 == after {
            j += 1;
        }
        let start = after.map_or(0, |a| a + 1);
        let next = (start..spec.rows.len())
            .find(|&k| slots[k].is_some())
            .unwrap_or(spec.rows.len());
        let free: Vec<usize> = (start..next)
            .filter(|&k| slots[k].is_none() && spec.rows[k].in_layout(layout))
            .collect();
        if free.len() == j - i {
            for (k, (_, r)) in free.into_iter().zip(unlabelled[i..j].iter_mut()) {
                slots[k] = r.take();
            }
        } else {
            for r in unlabelled[i..j].iter().filter_map(|(_, r)| r.as_ref()) {
                issues.push(ReadIssue::UnplacedValues {
                    table: spec.name,
                    count: r.cells.len(),
                    loc: r.loc,
                });
            }
        }
        i = j;
    }
}

/// The rows read, in canonical order, each with exactly its columns (a row that has another
/// number of cells is reported and counted missing: the rules rely on it); the rows of the layout
/// not found; a 小计 column taken out of its rows.
#[allow(clippy::type_complexity)]
fn finish_rows(
    spec: &Spec,
    layout: Layout,
    slots: Vec<Option<RawRow>>,
    subtotal_column: bool,
    issues: &mut Vec<ReadIssue>,
) -> (Vec<Row>, Vec<&'static RowSpec>, Vec<(RowKey, CellValue)>) {
    let mut rows = Vec::new();
    let mut missing = Vec::new();
    let mut subtotal_col = Vec::new();
    for (rs, slot) in spec.rows.iter().zip(slots) {
        let Some(mut r) = slot else {
            if rs.in_layout(layout) {
                missing.push(rs);
            }
            continue;
        };
        if subtotal_column && r.cells.len() == T3_COLUMNS.len() + 1 {
            // The subtotal column stands where 总计 would be.
            let sub = r.cells.remove(col3::TOTAL);
            subtotal_col.push((rs.key, sub));
        }
        if r.cells.len() != rs.columns.len() {
            issues.push(ReadIssue::RowUnreadable {
                table: spec.name,
                row: rs.key,
                label: r.label.unwrap_or_else(|| rs.label.to_owned()),
                found: r.cells.len(),
                expected: rs.columns.len(),
                loc: r.loc,
            });
            missing.push(rs);
            continue;
        }
        rows.push(Row {
            spec: rs,
            label: r.label,
            cells: r.cells,
            loc: r.loc,
            recovered: r.recovered,
        });
    }
    (rows, missing, subtotal_col)
}

/// Reads table 四: one data row of 15 values (three groups of five), in whatever rendering; the
/// column headers are text and are skipped.
pub fn read_table4(lines: &[Line], anchor: Loc) -> (Option<Table>, Vec<ReadIssue>) {
    use super::labels::T4_ROWS;
    const CELLS: usize = 15;
    // `text_is_data`: a text cell between two values of a line ("若干") is a cell holding text
    // (C003), not a header. Tried only when the plain reading does not give the 15 cells.
    let collect = |text_is_data: bool| {
        let mut lines_data: Vec<Vec<CellValue>> = Vec::new();
        let values_so_far = |d: &Vec<Vec<CellValue>>| d.iter().map(Vec::len).sum::<usize>();
        for line in lines {
            let texts: Vec<&str> = line.cells.iter().map(|c| c.text.as_str()).collect();
            if texts.iter().all(|t| !is_value(t)) {
                if values_so_far(&lines_data) >= CELLS
                    && texts.iter().any(|t| !nb::is_blank(t) && !is_noise(t))
                {
                    break; // the prose after the table
                }
                continue;
            }
            let first = texts.iter().position(|t| is_value(t));
            let last = texts.iter().rposition(|t| is_value(t));
            let between = |i: usize| {
                text_is_data && matches!((first, last), (Some(f), Some(l)) if f < i && i < l)
            };
            let from = texts
                .iter()
                .enumerate()
                .rposition(|(i, t)| !nb::is_blank(t) && !is_value(t) && !between(i))
                .map_or(0, |p| p + 1);
            let mut data: Vec<CellValue> = line.cells[from..].iter().map(read_cell).collect();
            while data.last().is_some_and(|c| c.raw.is_empty()) {
                data.pop();
            }
            lines_data.push(data);
        }
        // A leading empty cell of a line is a row's opening separator when there are more cells
        // than the table has; else it is a blank cell.
        let mut excess = lines_data
            .iter()
            .map(Vec::len)
            .sum::<usize>()
            .saturating_sub(CELLS);
        for data in &mut lines_data {
            let leading = data
                .iter()
                .take_while(|c| c.raw.is_empty())
                .count()
                .min(excess);
            data.drain(..leading);
            excess -= leading;
        }
        lines_data.concat()
    };
    let mut values = collect(false);
    if values.len() != CELLS {
        let with_text = collect(true);
        if with_text.len() == CELLS {
            values = with_text;
        }
    }
    if values.len() != CELLS && has_block_spacer(lines) {
        if let Some(v) = drop_block_spacers(&values) {
            values = v;
        }
    }
    let mut issues = Vec::new();
    let mut recovered = false;
    if values.len() != CELLS {
        // Fewer cells than 15, all digits: the separators inside the row were lost.
        let runs: Option<Vec<String>> = values
            .iter()
            .filter(|c| !c.raw.is_empty())
            .map(|c| digit_runs(&c.raw))
            .collect::<Option<Vec<Vec<String>>>>()
            .map(|v| v.concat());
        if let Some(runs) = runs.filter(|r| is_fused(r, CELLS)) {
            let loc = values[0].loc;
            let seen = runs.join(" ");
            let refs: Vec<&str> = runs.iter().map(String::as_str).collect();
            let rel = super::fused::Relations {
                sums: super::fused::table4_group_sums(),
                ..Default::default()
            };
            match super::fused::split(&refs, CELLS, &rel) {
                super::fused::Split::Unique(v) => {
                    values = v
                        .iter()
                        .map(|n| super::cells::parse_cell(&n.to_string(), loc))
                        .collect();
                    recovered = true;
                    issues.push(ReadIssue::RecoveredRow {
                        table: TableId::T4,
                        row: None,
                        label: String::new(),
                        seen,
                        values: v,
                        loc,
                    });
                }
                other => {
                    issues.push(ReadIssue::FusedRow {
                        table: TableId::T4,
                        row: None,
                        label: String::new(),
                        seen,
                        cells: CELLS,
                        split: other,
                        loc,
                    });
                    return (Some(unread_table4(anchor)), issues);
                }
            }
        }
    }
    if values.is_empty() {
        return (blank_table4(lines), issues);
    }
    if values.len() != CELLS {
        issues.push(ReadIssue::WrongCellCount {
            table: TableId::T4,
            found: values.len(),
            expected: CELLS,
            loc: values[0].loc,
        });
        return (Some(unread_table4(anchor)), issues);
    }
    let rows = T4_ROWS
        .iter()
        .zip(values.chunks(5))
        .map(|(spec, cells)| Row {
            spec,
            label: None,
            cells: cells.to_vec(),
            loc: cells[0].loc,
            recovered,
        })
        .collect();
    (
        Some(Table {
            layout: Layout::V2021,
            rows,
            missing: Vec::new(),
            loc: anchor,
            subtotal_rows: Vec::new(),
            subtotal_column: Vec::new(),
        }),
        issues,
    )
}

/// The runs of digits of a cell that holds only digits and spaces ("35 0000237"), else None.
fn digit_runs(text: &str) -> Option<Vec<String>> {
    let folded: String = text.chars().map(nb::fold_char).collect();
    if nb::is_blank(&folded)
        || !folded
            .chars()
            .all(|c| c.is_ascii_digit() || c.is_whitespace())
    {
        return None;
    }
    Some(folded.split_whitespace().map(str::to_owned).collect())
}

/// Runs of digits that can only be a row's values run together: at least as many digits as the
/// row has cells, in fewer runs than cells (else the row is simply short of values).
fn is_fused(runs: &[String], cells: usize) -> bool {
    let digits: usize = runs.iter().map(String::len).sum();
    runs.len() < cells && digits >= cells && digits <= cells * super::fused::MAX_CELL_DIGITS
}

/// Splits a row whose values ran together, with every relation the rest of the table gives:
/// table 三's row total and column relations, and each column's width in the other rows. A
/// unique split becomes the row (marked recovered, with a reading note); anything else is
/// reported with what was seen.
fn recover(reader: &mut Reader, f: FusedRow) {
    use super::fused::{split, table3_row_sum, Relations, Split};
    let spec = reader.spec;
    let target = Target::Item(f.row);
    let width = reader.width(target);
    let seen = f.runs.join(" ");
    let row_key = spec.rows[f.row].key;
    let value = |key: RowKey, c: usize| -> Option<u64> {
        let i = spec.rows.iter().position(|r| r.key == key)?;
        let row = reader.rows.iter().find(|r| r.target == Target::Item(i))?;
        let n = row.cells.get(c)?.number()?;
        (n >= 0.0 && n.fract() == 0.0).then_some(n as u64)
    };
    let table3 = spec.table3 && width == T3_COLUMNS.len();
    let fixed: Vec<Option<u64>> = (0..width)
        .map(|c| {
            if table3 {
                column_relation(row_key, c, &value)
            } else {
                None
            }
        })
        .collect();
    // The widest value of each column in the other rows of the same columns, one digit more
    // allowed: 一、本年新收 and （七）总计 are the widest rows of table 三, and one of them may be
    // the row being read.
    let max_digits: Vec<Option<usize>> = (0..width)
        .map(|c| {
            reader
                .rows
                .iter()
                .filter(|r| match r.target {
                    Target::Item(i) => spec.rows[i].columns == spec.rows[f.row].columns,
                    _ => false,
                })
                .filter_map(|r| r.cells.get(c)?.number())
                .filter(|n| *n >= 0.0 && n.fract() == 0.0)
                .map(|n| (n as u64).to_string().len() + 1)
                .max()
        })
        .collect();
    let rel = Relations {
        sums: if table3 { table3_row_sum() } else { Vec::new() },
        fixed,
        max_digits,
    };
    let runs: Vec<&str> = f.runs.iter().map(String::as_str).collect();
    match split(&runs, width, &rel) {
        Split::Unique(v) => {
            let cells = v
                .iter()
                .map(|n| super::cells::parse_cell(&n.to_string(), f.loc))
                .collect();
            reader.issues.push(ReadIssue::RecoveredRow {
                table: spec.name,
                row: Some(row_key),
                label: f.label.clone(),
                seen,
                values: v,
                loc: f.loc,
            });
            reader.rows.push(RawRow {
                target,
                label: Some(f.label),
                cells,
                loc: f.loc,
                recovered: true,
            });
        }
        other => reader.issues.push(ReadIssue::FusedRow {
            table: spec.name,
            row: Some(row_key),
            label: f.label,
            seen,
            cells: width,
            split: other,
            loc: f.loc,
        }),
    }
}

/// The value table 三's column relations require of row `key` in column `c`, from the other
/// rows: new + carried_over = total + carry_forward, and total = the sum of the outcome rows.
/// None when the rows needed were not read, or when the relations disagree among themselves
/// (the table does not balance: that is for the arithmetic rules to say).
fn column_relation(
    key: RowKey,
    c: usize,
    value: &dyn Fn(RowKey, usize) -> Option<u64>,
) -> Option<u64> {
    let v = |k: RowKey| value(k, c).map(|n| n as i128);
    let outcomes: Vec<RowKey> = super::labels::T3_ROWS
        .iter()
        .filter(|r| r.in_layout(Layout::V2021))
        .map(|r| r.key)
        .filter(|k| !T3_BALANCE_ROWS.contains(k))
        .collect();
    let outcome_sum = |skip: RowKey| -> Option<i128> {
        outcomes
            .iter()
            .filter(|k| **k != skip)
            .map(|k| v(*k))
            .sum::<Option<i128>>()
    };
    let mut derived: Vec<Option<i128>> = Vec::new();
    match key {
        rows::NEW => derived.push((|| {
            Some(v(rows::TOTAL)? + v(rows::CARRY_FORWARD)? - v(rows::CARRIED_OVER)?)
        })()),
        rows::CARRIED_OVER => derived.push((|| {
            Some(v(rows::TOTAL)? + v(rows::CARRY_FORWARD)? - v(rows::NEW)?)
        })()),
        rows::CARRY_FORWARD => derived.push((|| {
            Some(v(rows::NEW)? + v(rows::CARRIED_OVER)? - v(rows::TOTAL)?)
        })()),
        rows::TOTAL => {
            derived.push((|| {
                Some(v(rows::NEW)? + v(rows::CARRIED_OVER)? - v(rows::CARRY_FORWARD)?)
            })());
            derived.push(outcome_sum(rows::TOTAL));
        }
        k if outcomes.contains(&k) => derived.push((|| Some(v(rows::TOTAL)? - outcome_sum(k)?))()),
        _ => {}
    }
    let mut known = derived.into_iter().flatten();
    let first = known.next()?;
    if known.any(|d| d != first) || first < 0 {
        return None;
    }
    u64::try_from(first).ok()
}

/// Table 四 drawn but not filled in: its headers are there (结果维持, 尚未审结…) and no value.
fn blank_table4(lines: &[Line]) -> Option<Table> {
    use super::labels::T4_ROWS;
    let header = lines.iter().flat_map(|l| &l.cells).find(|c| {
        let k = key(&c.text);
        nb::has(&k, "结果维持") || nb::has(&k, "尚未审结")
    })?;
    let loc = Loc {
        line: header.line,
        column: header.column,
    };
    let rows = T4_ROWS
        .iter()
        .map(|spec| Row {
            spec,
            label: None,
            cells: (0..5).map(|_| super::cells::parse_cell("", loc)).collect(),
            loc,
            recovered: false,
        })
        .collect();
    Some(Table {
        layout: Layout::V2021,
        rows,
        missing: Vec::new(),
        loc,
        subtotal_rows: Vec::new(),
        subtotal_column: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::cells::parse_cell;

    #[test]
    fn fit_drops_grid_gaps_but_keeps_blank_cells() {
        let c = |s: &str| parse_cell(s, Loc::default());
        let row = |v: &[&str]| v.iter().map(|s| c(s)).collect::<Vec<_>>();
        assert_eq!(
            fit(row(&["", "2", "0", "0", "0", "0", "0", "2", ""]), 7).len(),
            7
        );
        let kept = fit(row(&["1", "0", "0", "0", "0", "0", ""]), 7);
        assert_eq!(kept.len(), 7);
        assert_eq!(kept[6].raw, "");
        assert_eq!(fit(row(&["0", "", ""]), 1).len(), 1);
    }

    fn table3(text: &str) -> (Table, Vec<ReadIssue>) {
        let doc = crate::source::text::read(text);
        let spec = Spec {
            name: TableId::T3,
            rows: super::super::labels::T3_ROWS,
            layout: Layout::V2021,
            table3: true,
        };
        read_table(&spec, &doc.lines, Loc::default())
    }

    #[test]
    fn text_cell_after_the_label_is_data() {
        // The text sits where the 自然人 value belongs: the row keeps 7 cells, the first is text.
        let (t, issues) = table3("\t\t3.要求提供公开出版物\t若干\t0\t0\t0\t0\t0\t0\n");
        assert!(issues.is_empty(), "{issues:?}");
        let row = t.row(rows::NOT_PROCESSED_3).expect("row read");
        assert_eq!(row.cells.len(), 7);
        assert_eq!(row.cells[0].value, crate::report::Value::Text);
        assert_eq!(row.cells[0].raw, "若干");
        // A label continued in a second cell stays label: the row is whole without it.
        let (t, issues) = table3(
            "\t（二）部分公开\t（区分处理的，只计这一情形，不计其他情形）\t4\t1\t0\t0\t0\t0\t5\n",
        );
        assert!(issues.is_empty(), "{issues:?}");
        assert_eq!(t.row(rows::PARTIAL).map(|r| r.cells.len()), Some(7));
    }

    #[test]
    fn text_in_the_last_cell_is_data_and_notes_beside_the_row_are_not() {
        let (t, issues) = table3("\t\t3.要求提供公开出版物\t0\t0\t0\t0\t0\t0\t见附件\n");
        assert!(issues.is_empty(), "{issues:?}");
        let row = t.row(rows::NOT_PROCESSED_3).expect("row read");
        assert_eq!(row.cells[6].value, crate::report::Value::Text);
        let (t, issues) =
            table3("\t\t3.要求提供公开出版物\t0\t0\t0\t0\t0\t0\t0\t（其中2件已撤回）\n");
        assert!(issues.is_empty(), "{issues:?}");
        assert_eq!(
            t.row(rows::NOT_PROCESSED_3)
                .map(|r| r.cells[6].raw.as_str()),
            Some("0")
        );
    }

    #[test]
    fn text_cell_in_table4_is_data() {
        let doc =
            crate::source::text::read("行政复议\n2\t若干\t0\t1\t4\t1\t0\t0\t1\t2\t0\t0\t1\t0\t1\n");
        let (t, issues) = read_table4(&doc.lines, Loc::default());
        assert!(issues.is_empty(), "{issues:?}");
        let t = t.expect("table 四");
        let review = t.row(rows::REVIEW).expect("review row");
        assert_eq!(review.cells[1].value, crate::report::Value::Text);
        assert_eq!(review.cells[1].raw, "若干");
        assert_eq!(
            t.row(rows::LITIGATION_AFTER_REVIEW)
                .map(|r| r.cells[4].number()),
            Some(Some(1.0))
        );
    }

    #[test]
    fn cells_broken_over_lines_are_joined_only_into_something_known() {
        let spec = Spec {
            name: TableId::T3,
            rows: super::super::labels::T3_ROWS,
            layout: Layout::V2021,
            table3: true,
        };
        let joined = |text: &str| {
            let doc = crate::source::text::read(text);
            let mut classes: Vec<Vec<Class>> = (doc.lines.iter())
                .map(|l| l.cells.iter().map(|c| classify(&spec, &c.text)).collect())
                .collect();
            let lines = join_broken_cells(&spec, &doc.lines, &mut classes)?;
            assert_eq!(lines.len(), classes.len());
            // Each line's cells, "|" between them.
            let row = |l: &Line| -> String {
                let texts: Vec<&str> = l.cells.iter().map(|c| c.text.as_str()).collect();
                texts.join("|")
            };
            Some(lines.iter().map(row).collect::<Vec<_>>())
        };
        // A chain: each line closes one header cell and opens the next.
        assert_eq!(
            joined("自然人\t法律服务\n机构\t法律服务\n机构\t其他\n"),
            Some(vec!["自然人|法律服务机构|法律服务机构|其他".to_owned()])
        );
        // (A line of one cell loses its leading tabs in the source.)
        assert_eq!(
            joined("\t\t4.无正当理由大量反\n复申请\t0\t0\n"),
            Some(vec!["4.无正当理由大量反复申请|0|0".to_owned()])
        );
        // Parts that join into nothing known, a known first part (a label waiting for its
        // values), a line of values, and two single cells are left as they are.
        assert_eq!(joined("\t甲乙\n丙丁\t0\n"), None);
        assert_eq!(
            joined("\t（二）部分公开（区分处理的，\n不计其他情形）\t0\n"),
            None
        );
        assert_eq!(joined("\t大量反\t0\n复申请\t0\n"), None);
        assert_eq!(joined("4.无正当理由大量反\n复申请\n"), None);
    }

    #[test]
    fn table2_values_are_read_under_their_header_cells_only() {
        let spec = Spec {
            name: TableId::T2,
            rows: super::super::labels::T2_ROWS_2021,
            layout: Layout::V2021,
            table3: false,
        };
        let read = |rows: &str| {
            let text = format!("信息内容\t\t本年制发件数\t\t本年废止件数\t\t现行有效件数\n{rows}");
            let doc = crate::source::text::read(&text);
            read_table(&spec, &doc.lines, Loc::default())
        };
        let (t, issues) = read("规章\t\t1\t\t\t\t3\n");
        assert!(issues.is_empty(), "{issues:?}");
        let row = t.row(rows::REGULATIONS).expect("规章");
        assert_eq!(row.cells[0].number(), Some(1.0));
        assert_eq!(row.cells[1].raw, "", "a blank cell under 本年废止件数");
        assert_eq!(row.cells[2].number(), Some(3.0));
        // A value beside the header's cells: the row is not read.
        let (_, issues) = read("规章\t1\t\t2\t\t3\t\n");
        assert!(!issues.is_empty());
    }

    #[test]
    fn table4_spacer_column_is_dropped_only_under_a_header_showing_it() {
        let head = "维持\t纠正\t其他\t尚未审结\t总计\t\t维持\t纠正\t其他\t尚未审结\t总计\t维持\t纠正\t其他\t尚未审结\t总计";
        let data = "2\t0\t0\t1\t3\t\t1\t0\t0\t0\t1\t0\t0\t1\t0\t1";
        let doc = crate::source::text::read(&format!("行政复议\n{head}\n{data}\n"));
        let (t, issues) = read_table4(&doc.lines, Loc::default());
        assert!(issues.is_empty(), "{issues:?}");
        let after = t.expect("table 四");
        let after = after.row(rows::LITIGATION_DIRECT).expect("row");
        assert_eq!(after.cells[0].number(), Some(1.0));
        assert_eq!(after.cells[4].number(), Some(1.0));
        // Without the header's spacer, 16 cells are 16 cells: not read as 15.
        let plain = head.replacen("\t\t", "\t", 1);
        let doc = crate::source::text::read(&format!("行政复议\n{plain}\n{data}\n"));
        let (_, issues) = read_table4(&doc.lines, Loc::default());
        assert!(!issues.is_empty());
    }

    #[test]
    fn page_numbers_are_noise() {
        assert!(is_noise("- 3 -"));
        assert!(is_noise("— 4 —"));
        assert!(is_noise("第 2 页"));
        assert!(is_noise_key(&key(
            "某某县市场监督管理局2024年政府信息公开工作年度报告"
        )));
        assert!(!is_noise("3"));
        assert!(!is_noise("-3"));
    }
}
