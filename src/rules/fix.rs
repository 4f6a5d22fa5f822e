//! T300 — the most likely fix: when table 三 or 四 does not balance, the smallest set of cells
//! (one or two) whose change makes every relation the T rules check hold at once.
//!
//! The relations are those of T301–T304 and T401, rebuilt here as linear equations over the
//! cells (Σ coefficient × value = 0). A single cell fixes everything only when it lies in every
//! violated relation and in no satisfied one, and all those relations ask for the same change;
//! a pair is searched only around the first violated relation. Each cell lies in at most four
//! relations, so the work is bounded by the table's size (a few hundred cells), not the input's.

use super::arithmetic::{outcome_rows, val};
use super::{num, short, Context, Rule};
use crate::diagnostic::{Diagnostic, Location, Severity::*};
use crate::report::labels::{
    Group, RowSpec, T3_COLUMNS, T3_COLUMN_LABELS, T4_COLUMNS, T4_COLUMN_LABELS,
};
use crate::report::{CellValue, CountKind, Loc, Report, Table};

pub const T300: Rule = Rule {
    code: "T300",
    name: "likely-fix",
    severity: Info,
    summary: "表三或表四不平衡时，能同时消除所有勾稽错误的唯一最小改法（一格或两格）",
    doc: "表三、表四的勾稽关系（T301 各列平衡、T302 办理结果合计、T303 行合计、T304 小计、T401 表四合计）互相牵连：\
填错一格，往往同时引起一行一列两处错误，而按其中某一处错误的“应为”去改，反而会引出新的错误。\
T300 找出改动最少（一格，不行再找两格）、能让该表所有勾稽关系同时成立的改法；只有这样的改法唯一时才提示，\
每个要改的单元格一条，“应为”是使全表平衡的数值，“实际”是现在的数值。它能解释的错误与它归为一组（JSON 中 fix 编号相同）。\
若有两种以上同样少的改法（例如表四一行只有一个合计关系，改其中任何一格都能平衡），则不提示，并在相应错误中说明无法判断是哪一格填错；\
正文中逐格对应的数字（如“行政复议 4 件”）可用来排除其中的改法。\n\
例：表三「（二）部分公开」行各列之和为 1，总计却填 2，同时使「总计」列的办理结果之和（7）与「（七）总计」（6）不符。\
把「（二）部分公开」行「总计」由 2 改为 1，可同时消除 T303、T302 两处错误；而把「（七）总计」改为 7 会再引出两处错误。",
    // Computed after the other rules, from their results ([`link`]).
    check: None,
};

/// How a cell is named in messages (built only when a message needs it).
#[derive(Clone, Copy)]
enum Label {
    /// 表三「row」行「col」.
    T3(&'static RowSpec, &'static str),
    /// 表三「group 小计」行「col」.
    Subtotal(Group, &'static str),
    /// 表四「group」「col」.
    T4(&'static str, &'static str),
}

impl Label {
    fn text(self) -> String {
        match self {
            Label::T3(spec, col) => format!(
                "表三「{}」行「{col}」",
                t3_row_name(spec.key, spec.label, spec.group)
            ),
            Label::Subtotal(g, col) => format!("表三「{} 小计」行「{col}」", g.label()),
            Label::T4(row, col) => format!("表四「{row}」「{col}」"),
        }
    }
}

/// One cell that takes part in a relation.
struct Cell<'a> {
    row: &'static str,
    col: &'static str,
    label: Label,
    value: f64,
    /// The cell as written (for `actual`).
    raw: &'a str,
    loc: Loc,
}

/// A relation Σ coef × cell = 0, and the diagnostic that reports it broken (code and cell).
struct Relation {
    code: &'static str,
    row: &'static str,
    col: &'static str,
    terms: Vec<(usize, f64)>,
    residual: f64,
}

struct Model<'a> {
    table: &'static str,
    cells: Vec<Cell<'a>>,
    relations: Vec<Relation>,
    /// For each cell, the relations it is in.
    of_cell: Vec<Vec<usize>>,
}

const EPS: f64 = 1e-9;

impl<'a> Model<'a> {
    fn new(table: &'static str) -> Model<'a> {
        Model {
            table,
            cells: Vec::new(),
            relations: Vec::new(),
            of_cell: Vec::new(),
        }
    }

    /// Adds a cell (each is added once); None when it holds text.
    fn cell(
        &mut self,
        row: &'static str,
        col: &'static str,
        label: Label,
        c: &'a CellValue,
    ) -> Option<usize> {
        let value = val(c)?;
        self.cells.push(Cell {
            row,
            col,
            label,
            value,
            raw: &c.raw,
            loc: c.loc,
        });
        self.of_cell.push(Vec::new());
        Some(self.cells.len() - 1)
    }

    /// Adds `total = Σ parts` unless a cell of it is unknown (the rule skips it too).
    fn relation(
        &mut self,
        code: &'static str,
        at: (&'static str, &'static str),
        total: Option<usize>,
        parts: &[Option<usize>],
    ) {
        let Some(total) = total else { return };
        let Some(parts): Option<Vec<usize>> = parts.iter().copied().collect() else {
            return;
        };
        let mut terms: Vec<(usize, f64)> = parts.iter().map(|&p| (p, 1.0)).collect();
        terms.push((total, -1.0));
        self.push(code, at, terms);
    }

    fn push(
        &mut self,
        code: &'static str,
        at: (&'static str, &'static str),
        terms: Vec<(usize, f64)>,
    ) {
        let residual = terms.iter().map(|&(c, k)| k * self.cells[c].value).sum();
        let i = self.relations.len();
        for &(c, _) in &terms {
            if !self.of_cell[c].contains(&i) {
                self.of_cell[c].push(i);
            }
        }
        self.relations.push(Relation {
            code,
            row: at.0,
            col: at.1,
            terms,
            residual,
        });
    }

    fn violated(&self, r: usize) -> bool {
        self.relations[r].residual.abs() > EPS
    }

    fn coef(&self, r: usize, c: usize) -> f64 {
        self.relations[r]
            .terms
            .iter()
            .filter(|t| t.0 == c)
            .map(|t| t.1)
            .sum()
    }
}

/// Row names as the clerk reads them: the group for numbered sub-rows, no long parentheses.
fn t3_row_name(key: &str, label: &str, group: Option<Group>) -> String {
    match key {
        "new" => return "一、本年新收".to_owned(),
        "carried_over" => return "二、上年结转".to_owned(),
        _ => {}
    }
    let base = match label.char_indices().skip(1).find(|&(_, c)| c == '（') {
        Some((i, _)) if !label.starts_with('（') || i > 3 => &label[..i],
        _ => label,
    };
    match group {
        Some(g) => format!("{} {}", g.label(), short(base)),
        None => short(base),
    }
}

fn table3(t: &Table) -> Model<'_> {
    let mut m = Model::new("table3");
    let mut ix: Vec<(&'static str, [Option<usize>; 7])> = Vec::new();
    for row in &t.rows {
        if row.cells.len() != 7 {
            continue;
        }
        let mut cells = [None; 7];
        for (j, c) in row.cells.iter().enumerate() {
            cells[j] = m.cell(
                row.spec.key,
                T3_COLUMNS[j],
                Label::T3(row.spec, T3_COLUMN_LABELS[j]),
                c,
            );
        }
        ix.push((row.spec.key, cells));
    }
    let get = |k: &str, j: usize| ix.iter().find(|x| x.0 == k).and_then(|x| x.1[j]);
    let has = |k: &str| ix.iter().any(|x| x.0 == k);
    // T303: each row's total.
    for (key, cells) in &ix {
        m.relation("T303", (key, "total"), cells[6], &cells[..6]);
    }
    let outcomes = outcome_rows(t);
    for (j, &col) in T3_COLUMNS.iter().enumerate() {
        // T301: new + carried_over = total + carry_forward.
        if ["new", "carried_over", "total", "carry_forward"]
            .iter()
            .all(|k| has(k))
        {
            if let (Some(a), Some(b), Some(c), Some(d)) = (
                get("new", j),
                get("carried_over", j),
                get("total", j),
                get("carry_forward", j),
            ) {
                m.push(
                    "T301",
                    ("total", col),
                    vec![(a, 1.0), (b, 1.0), (c, -1.0), (d, -1.0)],
                );
            }
        }
        // T302: （七）总计 = Σ outcome rows (every outcome row must be there, as in the rule).
        if has("total") && outcomes.iter().all(|k| has(k)) {
            let parts: Vec<Option<usize>> = outcomes.iter().map(|k| get(k, j)).collect();
            m.relation("T302", ("total", col), get("total", j), &parts);
        }
    }
    // T304: subtotal rows the report added, and a 法人或其他组织小计 column.
    for s in &t.subtotal_rows {
        let items: Vec<&'static str> = crate::report::labels::T3_ROWS
            .iter()
            .filter(|r| r.group == Some(s.group) && has(r.key))
            .map(|r| r.key)
            .collect();
        if items.is_empty() {
            continue;
        }
        let key = s.group.subtotal_key();
        for (j, &col) in T3_COLUMNS.iter().enumerate() {
            let Some(c) = s.cells.get(j) else { continue };
            let sub = m.cell(key, col, Label::Subtotal(s.group, T3_COLUMN_LABELS[j]), c);
            let parts: Vec<Option<usize>> = items.iter().map(|k| get(k, j)).collect();
            m.relation("T304", (key, col), sub, &parts);
        }
    }
    for (key, c) in &t.subtotal_column {
        let Some(row) = t.row(key) else { continue };
        let sub = m.cell(
            row.spec.key,
            "subtotal",
            Label::T3(row.spec, "法人或其他组织小计"),
            c,
        );
        let parts: Vec<Option<usize>> = (1..6).map(|j| get(row.spec.key, j)).collect();
        m.relation("T304", (row.spec.key, "subtotal"), sub, &parts);
    }
    m
}

fn table4(t: &Table) -> Model<'_> {
    let mut m = Model::new("table4");
    for row in &t.rows {
        if row.cells.len() != 5 {
            continue;
        }
        let mut cells = [None; 5];
        for (j, c) in row.cells.iter().enumerate() {
            cells[j] = m.cell(
                row.spec.key,
                T4_COLUMNS[j],
                Label::T4(row.spec.label, T4_COLUMN_LABELS[j]),
                c,
            );
        }
        m.relation("T401", (row.spec.key, "total"), cells[4], &cells[..4]);
    }
    m
}

/// A set of changes: (cell, new value).
type Change = Vec<(usize, f64)>;

/// Every smallest change (one cell, else two) that makes all relations hold.
fn smallest(m: &Model) -> Vec<Change> {
    let violated: Vec<usize> = (0..m.relations.len()).filter(|&r| m.violated(r)).collect();
    if violated.is_empty() {
        return Vec::new();
    }
    let ok = |v: f64| v >= -EPS;
    // One cell: in every violated relation, in no satisfied one, the same change asked by all.
    let mut singles: Vec<Change> = Vec::new();
    for (c, rels) in m.of_cell.iter().enumerate() {
        if rels.len() != violated.len() || !rels.iter().all(|&r| m.violated(r)) {
            continue;
        }
        let deltas: Vec<f64> = rels
            .iter()
            .map(|&r| -m.relations[r].residual / m.coef(r, c))
            .collect();
        let d = deltas[0];
        let new = m.cells[c].value + d;
        if deltas.iter().all(|x| (x - d).abs() < EPS) && ok(new) {
            singles.push(vec![(c, new)]);
        }
    }
    if !singles.is_empty() {
        return singles;
    }
    // Two cells: one of them is in the first violated relation; the other is in the first
    // violated relation the first does not cover, or shares a relation with the first.
    let mut pairs: Vec<Change> = Vec::new();
    let first = &m.relations[violated[0]];
    for &(c1, _) in &first.terms {
        let rest = violated.iter().find(|r| !m.of_cell[c1].contains(r));
        let partners: Vec<usize> = match rest {
            Some(&r) => m.relations[r].terms.iter().map(|t| t.0).collect(),
            None => m.of_cell[c1]
                .iter()
                .flat_map(|&r| m.relations[r].terms.iter().map(|t| t.0))
                .collect(),
        };
        for c2 in partners {
            if c2 == c1
                || pairs
                    .iter()
                    .any(|p| p.iter().any(|x| x.0 == c1) && p.iter().any(|x| x.0 == c2))
            {
                continue;
            }
            if let Some((d1, d2)) = solve_pair(m, &violated, c1, c2) {
                let (n1, n2) = (m.cells[c1].value + d1, m.cells[c2].value + d2);
                if ok(n1) && ok(n2) {
                    let mut p = vec![(c1, n1), (c2, n2)];
                    p.sort_by_key(|x| x.0);
                    pairs.push(p);
                }
            }
        }
    }
    pairs
}

/// The changes (δ1, δ2), both non-zero, to cells c1 and c2 that make every relation hold, when
/// exactly one such pair exists.
fn solve_pair(m: &Model, violated: &[usize], c1: usize, c2: usize) -> Option<(f64, f64)> {
    let mut touched: Vec<usize> = m.of_cell[c1].clone();
    for &r in &m.of_cell[c2] {
        if !touched.contains(&r) {
            touched.push(r);
        }
    }
    if violated.iter().any(|r| !touched.contains(r)) {
        return None;
    }
    // Equations a·δ1 + b·δ2 = −residual.
    let eqs: Vec<(f64, f64, f64)> = touched
        .iter()
        .map(|&r| (m.coef(r, c1), m.coef(r, c2), -m.relations[r].residual))
        .collect();
    let mut solution = None;
    'outer: for (i, e) in eqs.iter().enumerate() {
        for f in &eqs[i + 1..] {
            let det = e.0 * f.1 - e.1 * f.0;
            if det.abs() > EPS {
                solution = Some(((e.2 * f.1 - e.1 * f.2) / det, (e.0 * f.2 - e.2 * f.0) / det));
                break 'outer;
            }
        }
    }
    let (d1, d2) = solution?;
    let holds = eqs
        .iter()
        .all(|&(a, b, r)| (a * d1 + b * d2 - r).abs() < 1e-6);
    (holds && d1.abs() > EPS && d2.abs() > EPS).then_some((d1, d2))
}

/// Counts the text states for a single cell (CountKinds that name exactly one cell).
fn stated(r: &Report, table: &str) -> Vec<(&'static str, &'static str, f64)> {
    r.facts
        .statements
        .iter()
        .filter_map(|s| {
            let (t, row) = match s.kind {
                CountKind::CarriedOver => ("table3", "carried_over"),
                CountKind::Concluded => ("table3", "total"),
                CountKind::CarriedForward => ("table3", "carry_forward"),
                CountKind::Granted => ("table3", "granted"),
                CountKind::Partial => ("table3", "partial"),
                CountKind::Review => ("table4", "review"),
                _ => return None,
            };
            (t == table).then_some((row, "total", s.value as f64))
        })
        .collect()
}

/// Narrows equally small fixes with the text: a fix that changes a cell the text states to
/// another value is dropped; then the one fix that sets a stated cell to its stated value, or
/// else the only fix left, is kept.
fn tie_break(m: &Model, r: &Report, fixes: Vec<Change>) -> Vec<Change> {
    let said = stated(r, m.table);
    if said.is_empty() {
        return fixes;
    }
    let says = |c: usize| {
        let cell = &m.cells[c];
        said.iter()
            .filter(|s| s.0 == cell.row && s.1 == cell.col)
            .map(|s| s.2)
            .collect::<Vec<f64>>()
    };
    let left: Vec<Change> = fixes
        .iter()
        .filter(|f| {
            f.iter()
                .all(|&(c, v)| says(c).iter().all(|s| (s - v).abs() < EPS))
        })
        .cloned()
        .collect();
    let pointed: Vec<&Change> = left
        .iter()
        .filter(|f| f.iter().any(|&(c, _)| !says(c).is_empty()))
        .collect();
    match (pointed.as_slice(), left.len()) {
        ([one], _) => vec![(*one).clone()],
        (_, 1) => left,
        _ => fixes,
    }
}

/// What was found for one table.
pub struct Found<'a> {
    model: Model<'a>,
    /// The fix, when exactly one smallest fix exists.
    fix: Option<Change>,
    /// The equally small fixes, when there is more than one.
    ambiguous: Vec<Change>,
}

impl Found<'_> {
    /// The cells to change and their new values: (table, row, col, value); empty when there is
    /// no single most likely fix.
    pub fn cells(&self) -> Vec<(&'static str, &'static str, &'static str, f64)> {
        self.fix
            .iter()
            .flatten()
            .map(|&(c, v)| {
                let cell = &self.model.cells[c];
                (self.model.table, cell.row, cell.col, v)
            })
            .collect()
    }

    /// How many equally small fixes there are when there is more than one (0 otherwise).
    pub fn ambiguous(&self) -> usize {
        self.ambiguous.len()
    }

    /// The broken relations: (code, row, col) of the diagnostics reporting them.
    fn broken(&self) -> impl Iterator<Item = &Relation> {
        self.model
            .relations
            .iter()
            .filter(|r| r.residual.abs() > EPS)
    }

    fn describe(&self, fix: &Change) -> String {
        fix.iter()
            .map(|&(c, v)| {
                let cell = &self.model.cells[c];
                let now = if cell.raw.is_empty() {
                    "空白".to_owned()
                } else {
                    num(cell.value)
                };
                format!("把{}由 {now} 改为 {}", cell.label.text(), num(v))
            })
            .collect::<Vec<_>>()
            .join("，并")
    }
}

/// Looks for the most likely fix of tables 三 and 四.
pub fn analyse(r: &Report) -> Vec<Found<'_>> {
    let mut out = Vec::new();
    let models = [r.table3.as_ref().map(table3), r.table4.as_ref().map(table4)];
    for m in models.into_iter().flatten() {
        let fixes = smallest(&m);
        let fixes = if fixes.len() > 1 {
            tie_break(&m, r, fixes)
        } else {
            fixes
        };
        let (fix, ambiguous) = match fixes.len() {
            1 => (fixes.into_iter().next(), Vec::new()),
            _ => (None, fixes),
        };
        out.push(Found {
            model: m,
            fix,
            ambiguous,
        });
    }
    out
}

fn counted(n: usize) -> String {
    match n {
        1 => "一".to_owned(),
        2 => "两".to_owned(),
        3..=10 => crate::normalize::chinese_numeral(n as u32).to_owned(),
        _ => n.to_string(),
    }
}

/// The T300 diagnostics of one fix, one per cell.
fn emit(found: &Found, fix: &Change, id: u32) -> Vec<Diagnostic> {
    let codes: Vec<&str> = found.broken().map(|r| r.code).collect();
    let mut listed: Vec<&str> = Vec::new();
    for c in &codes {
        if !listed.contains(c) {
            listed.push(c);
        }
    }
    let message = format!(
        "{}，可同时消除 {} {}处错误",
        found.describe(fix),
        listed.join("、"),
        counted(codes.len())
    );
    fix.iter()
        .map(|&(c, v)| {
            let cell = &found.model.cells[c];
            let mut location = Location {
                part: Some(if found.model.table == "table3" { 3 } else { 4 }),
                table: Some(found.model.table),
                row: Some(cell.row),
                col: Some(cell.col),
                ..Location::default()
            };
            if cell.loc.line > 0 {
                location.line = Some(cell.loc.line);
                location.column = Some(cell.loc.column.max(1));
            }
            Diagnostic {
                code: T300.code,
                name: T300.name,
                severity: T300.severity,
                message: message.clone(),
                location,
                expected: Some(num(v)),
                actual: Some(cell.raw.to_owned()),
                fix: Some(id),
                missing: None,
            }
        })
        .collect()
}

/// Runs after the other rules, from their results: adds the T300 diagnostics of each fix,
/// numbered 1, 2 … per report, gives the errors it explains the same number, takes back advice
/// the fix shows wrong, and says in the errors of a table with several equally likely fixes that
/// the cause is ambiguous. Free when no arithmetic error was found.
pub fn link(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let arithmetic = |d: &Diagnostic| matches!(d.code, "T301" | "T302" | "T303" | "T304" | "T401");
    if !out.iter().any(arithmetic) {
        return;
    }
    let mut next = 0u32;
    let mut added = Vec::new();
    for found in analyse(ctx.report) {
        let table = found.model.table;
        let same = |d: &Diagnostic, code: &str, row: &str, col: &str| {
            d.code == code
                && d.location.table == Some(table)
                && d.location.row == Some(row)
                && d.location.col == Some(col)
        };
        if let Some(fix) = &found.fix {
            next += 1;
            let id = next;
            let at_fix = |row: &str, col: &str| {
                fix.iter().find(|&&(c, _)| {
                    let cell = &found.model.cells[c];
                    cell.row == row && cell.col == col
                })
            };
            let why = found.describe(fix);
            added.extend(emit(&found, fix, id));
            for d in out.iter_mut() {
                let explained = found.broken().any(|r| same(d, r.code, r.row, r.col));
                if explained {
                    d.fix = Some(id);
                    let (Some(row), Some(col)) = (d.location.row, d.location.col) else {
                        continue;
                    };
                    match at_fix(row, col) {
                        Some(&(_, v)) => d.expected = Some(num(v)),
                        None => {
                            d.expected = None;
                            d.message.push_str(&format!(
                                "。这很可能不是此格的错：{why}（见 T300）后此处即相符，此格无需修改"
                            ));
                        }
                    }
                } else if d.code == "N001" && d.location.table == Some(table) {
                    // The text agrees with the fixed value: the fix explains the mismatch too.
                    if let (Some(row), Some(col)) = (d.location.row, d.location.col) {
                        if let Some(&(_, v)) = at_fix(row, col) {
                            if d.actual.as_deref() == Some(num(v).as_str()) {
                                d.fix = Some(id);
                                d.expected = None;
                                d.message.push_str("；按 T300 改正表格后即与正文一致");
                            }
                        }
                    }
                }
            }
        } else if found.ambiguous.len() > 1 {
            let name = if table == "table3" {
                "表三"
            } else {
                "表四"
            };
            let n = found.ambiguous.len();
            let ways = if n <= 3 {
                let each: Vec<String> = found.ambiguous.iter().map(|f| found.describe(f)).collect();
                format!("（{}）", each.join("；或"))
            } else {
                String::new()
            };
            for d in out.iter_mut() {
                if found.broken().any(|r| same(d, r.code, r.row, r.col)) {
                    d.message.push_str(&format!(
                        "。有 {n} 种同样少的改法都能使{name}平衡{ways}，无法判断是哪一格填错，请对照原始台账逐格核对"
                    ));
                }
            }
        }
    }
    out.append(&mut added);
}
