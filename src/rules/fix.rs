//! T300 — the most likely fix: when table 三 or 四 does not balance, the smallest set of cells
//! (one or two) whose change makes every relation the T rules check hold at once.
//!
//! The relations are those of T301–T304 and T401, rebuilt here as linear equations over the
//! cells (Σ coefficient × value = 0). A single cell fixes everything only when it lies in every
//! violated relation and in no satisfied one, and all those relations ask for the same change;
//! a pair is searched only around the first violated relation. Each cell lies in at most four
//! relations, so the work is bounded by the table's size (a few hundred cells), not the input's.
//! Written with plain loops: this code ships in the WebAssembly module, where every generic
//! iterator chain costs bytes.

use super::arithmetic::{outcome_rows, val};
use super::{num, short, text, Context, Rule};
use crate::diagnostic::TableId;
use crate::diagnostic::{Diagnostic, Location, Severity::*};
use crate::report::labels::{
    col3, col4, cols, rows, ColKey, Group, RowKey, RowSpec, T3_COLUMNS, T3_COLUMN_LABELS,
    T4_COLUMNS, T4_COLUMN_LABELS,
};
use crate::report::{CellValue, CountKind, Loc, Report, Table};

pub const T300: Rule = Rule {
    code: "T300",
    name: "likely-fix",
    severity: Info,
    summary: text!("表三或表四不平衡时，能同时消除所有勾稽错误的唯一最小改法（一格或两格）"),
    doc: text!("填错一格，往往同时引起一行一列两处勾稽错误（T301–T304、T401），而按其中一处的“应为”去改，反而会引出新的错误。\
T300 找出改动最少（一格，不行再找两格）、能让该表所有勾稽关系同时成立的改法，只有这种改法唯一时才提示：\
每个要改的单元格一条，“应为”是使全表平衡的数值；它能消除的错误与它归为一组（JSON 中 fix 编号相同）。\
有两种以上同样少的改法时（如表四一行只有一个合计关系）不提示，并在相应错误中说明无法判断是哪一格填错；\
正文中对应单个单元格的数字（如“行政复议 4 件”）可用来排除其中的改法。\n\
例：「（二）部分公开」行各列之和为 1，总计却填 2，「总计」列办理结果之和因此为 7，与「（七）总计」6 不符。\
把该行「总计」由 2 改为 1，可同时消除 T303、T302 两处错误；把「（七）总计」改为 7 则会再引出两处错误。"),
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
    row: RowKey,
    col: ColKey,
    label: Label,
    value: f64,
    /// The cell as written (for `actual`).
    raw: &'a str,
    loc: Loc,
    /// The relations it is in (at most four: its row, its column's balance and outcome total,
    /// a subtotal).
    rels: Vec<usize>,
}

/// A relation Σ coef × cell = 0, and the diagnostic that reports it broken (code and cell).
struct Relation {
    code: &'static str,
    row: RowKey,
    col: ColKey,
    terms: Vec<(usize, f64)>,
    residual: f64,
}

impl Relation {
    fn broken(&self) -> bool {
        self.residual.abs() > EPS
    }

    fn coef(&self, c: usize) -> f64 {
        let mut k = 0.0;
        for t in &self.terms {
            if t.0 == c {
                k += t.1;
            }
        }
        k
    }
}

struct Model<'a> {
    table: TableId,
    cells: Vec<Cell<'a>>,
    relations: Vec<Relation>,
}

const EPS: f64 = 1e-9;

impl<'a> Model<'a> {
    /// Adds a cell (each is added once); None when it holds text.
    fn cell(&mut self, row: RowKey, col: ColKey, label: Label, c: &'a CellValue) -> Option<usize> {
        let value = val(c)?;
        self.cells.push(Cell {
            row,
            col,
            label,
            value,
            raw: &c.raw,
            loc: c.loc,
            rels: Vec::new(),
        });
        Some(self.cells.len() - 1)
    }

    /// Adds Σ plus − Σ minus = 0 unless a cell of it is unknown (the rule skips it too).
    fn relation(
        &mut self,
        code: &'static str,
        row: RowKey,
        col: ColKey,
        plus: &[Option<usize>],
        minus: &[Option<usize>],
    ) {
        let mut terms = Vec::with_capacity(plus.len() + minus.len());
        let mut residual = 0.0;
        for (cells, k) in [(plus, 1.0), (minus, -1.0)] {
            for c in cells {
                let Some(c) = *c else { return };
                terms.push((c, k));
                residual += k * self.cells[c].value;
            }
        }
        let i = self.relations.len();
        for t in &terms {
            let rels = &mut self.cells[t.0].rels;
            if !rels.contains(&i) {
                rels.push(i);
            }
        }
        self.relations.push(Relation {
            code,
            row,
            col,
            terms,
            residual,
        });
    }
}

/// Row names as the clerk reads them: the group for numbered sub-rows, no long parentheses.
fn t3_row_name(key: RowKey, label: &str, group: Option<Group>) -> String {
    match key {
        rows::NEW => return "一、本年新收".to_owned(),
        rows::CARRIED_OVER => return "二、上年结转".to_owned(),
        _ => {}
    }
    // Cut 「（二）部分公开（区分处理的……）」 before its second parenthesis.
    let mut base = label;
    if let Some(i) = label.get(3..).and_then(|rest| rest.find('（')) {
        base = &label[..i + 3];
    }
    match group {
        Some(g) => format!("{} {}", g.label(), short(base)),
        None => short(base),
    }
}

fn table3(t: &Table) -> Model<'_> {
    let mut m = Model {
        table: TableId::T3,
        cells: Vec::new(),
        relations: Vec::new(),
    };
    // Row key → its seven cells.
    let mut ix: Vec<(RowKey, [Option<usize>; 7])> = Vec::new();
    for row in &t.rows {
        if row.cells.len() != 7 {
            continue;
        }
        let mut cells = [None; 7];
        for j in 0..7 {
            let label = Label::T3(row.spec, T3_COLUMN_LABELS[j]);
            cells[j] = m.cell(row.spec.key, T3_COLUMNS[j], label, &row.cells[j]);
        }
        ix.push((row.spec.key, cells));
    }
    let find = |k: RowKey| -> Option<[Option<usize>; 7]> {
        for x in &ix {
            if x.0 == k {
                return Some(x.1);
            }
        }
        None
    };
    // T303: each row's total.
    for (key, cells) in &ix {
        m.relation(
            "T303",
            *key,
            cols::TOTAL,
            &cells[..col3::TOTAL],
            &cells[col3::TOTAL..],
        );
    }
    // T301: new + carried_over = total + carry_forward, per column.
    if let (Some(a), Some(b), Some(c), Some(d)) = (
        find(rows::NEW),
        find(rows::CARRIED_OVER),
        find(rows::TOTAL),
        find(rows::CARRY_FORWARD),
    ) {
        for j in 0..7 {
            m.relation(
                "T301",
                rows::TOTAL,
                T3_COLUMNS[j],
                &[a[j], b[j]],
                &[c[j], d[j]],
            );
        }
    }
    // T302: （七）总计 = Σ outcome rows, when every outcome row is there (as the rule).
    let mut outcomes = Vec::new();
    for k in outcome_rows(t) {
        match find(k) {
            Some(cells) => outcomes.push(cells),
            None => outcomes.clear(),
        }
        if outcomes.is_empty() {
            break;
        }
    }
    if let (Some(total), false) = (find(rows::TOTAL), outcomes.is_empty()) {
        for j in 0..7 {
            let mut parts = Vec::with_capacity(outcomes.len());
            for o in &outcomes {
                parts.push(o[j]);
            }
            m.relation("T302", rows::TOTAL, T3_COLUMNS[j], &parts, &[total[j]]);
        }
    }
    // T304: subtotal rows the report added, and a 法人或其他组织小计 column.
    for s in &t.subtotal_rows {
        let mut items = Vec::new();
        for r in crate::report::labels::T3_ROWS {
            if r.group == Some(s.group) {
                if let Some(cells) = find(r.key) {
                    items.push(cells);
                }
            }
        }
        if items.is_empty() {
            continue;
        }
        let key = s.group.subtotal_key();
        for j in 0..7.min(s.cells.len()) {
            let label = Label::Subtotal(s.group, T3_COLUMN_LABELS[j]);
            let sub = m.cell(key, T3_COLUMNS[j], label, &s.cells[j]);
            let mut parts = Vec::with_capacity(items.len());
            for it in &items {
                parts.push(it[j]);
            }
            m.relation("T304", key, T3_COLUMNS[j], &parts, &[sub]);
        }
    }
    for (key, c) in &t.subtotal_column {
        let (Some(row), Some(cells)) = (t.row(*key), find(*key)) else {
            continue;
        };
        let label = Label::T3(row.spec, "法人或其他组织小计");
        let sub = m.cell(row.spec.key, cols::SUBTOTAL, label, c);
        m.relation(
            "T304",
            row.spec.key,
            cols::SUBTOTAL,
            &cells[col3::ORGANISATIONS],
            &[sub],
        );
    }
    m
}

fn table4(t: &Table) -> Model<'_> {
    let mut m = Model {
        table: TableId::T4,
        cells: Vec::new(),
        relations: Vec::new(),
    };
    for row in &t.rows {
        if row.cells.len() != 5 {
            continue;
        }
        let mut cells = [None; 5];
        for j in 0..5 {
            let label = Label::T4(row.spec.label, T4_COLUMN_LABELS[j]);
            cells[j] = m.cell(row.spec.key, T4_COLUMNS[j], label, &row.cells[j]);
        }
        m.relation(
            "T401",
            row.spec.key,
            cols::TOTAL,
            &cells[..col4::TOTAL],
            &cells[col4::TOTAL..],
        );
    }
    m
}

/// One or two cells to change: (cell, new value); `n` says how many of `at` are used.
#[derive(Clone, Copy)]
struct Change {
    n: usize,
    at: [(usize, f64); 2],
}

impl Change {
    fn cells(&self) -> &[(usize, f64)] {
        &self.at[..self.n]
    }
    fn has(&self, c: usize) -> bool {
        self.cells().iter().any(|x| x.0 == c)
    }
}

/// Every smallest change (one cell, else two) that makes all relations hold.
fn smallest(m: &Model) -> Vec<Change> {
    let mut violated = Vec::new();
    for (i, r) in m.relations.iter().enumerate() {
        if r.broken() {
            violated.push(i);
        }
    }
    let mut out = Vec::new();
    let Some(&first) = violated.first() else {
        return out;
    };
    // One cell: in every violated relation, in no satisfied one, the same change asked by all.
    'cells: for (c, cell) in m.cells.iter().enumerate() {
        if cell.rels.len() != violated.len() {
            continue;
        }
        let mut delta: Option<f64> = None;
        for &r in &cell.rels {
            let rel = &m.relations[r];
            if !rel.broken() {
                continue 'cells;
            }
            let d = -rel.residual / rel.coef(c);
            match delta {
                Some(x) if (x - d).abs() > EPS => continue 'cells,
                _ => delta = Some(d),
            }
        }
        let new = cell.value + delta.unwrap_or(0.0);
        if new >= -EPS {
            out.push(Change {
                n: 1,
                at: [(c, new), (c, new)],
            });
        }
    }
    if !out.is_empty() {
        return out;
    }
    // Two cells: one of them is in the first violated relation; the other is in the first
    // violated relation the first does not cover, or shares a relation with the first.
    for &(c1, _) in &m.relations[first].terms {
        let mut partners = Vec::new();
        let mut rest = None;
        for &r in &violated {
            if !m.cells[c1].rels.contains(&r) {
                rest = Some(r);
                break;
            }
        }
        let from: &[usize] = match &rest {
            Some(r) => std::slice::from_ref(r),
            None => &m.cells[c1].rels,
        };
        for &r in from {
            for t in &m.relations[r].terms {
                partners.push(t.0);
            }
        }
        for c2 in partners {
            if c2 == c1 || out.iter().any(|f: &Change| f.has(c1) && f.has(c2)) {
                continue;
            }
            if let Some((d1, d2)) = solve_pair(m, &violated, c1, c2) {
                let (n1, n2) = (m.cells[c1].value + d1, m.cells[c2].value + d2);
                if n1 >= -EPS && n2 >= -EPS {
                    let (a, b) = ((c1, n1), (c2, n2));
                    out.push(Change {
                        n: 2,
                        at: if c1 < c2 { [a, b] } else { [b, a] },
                    });
                }
            }
        }
    }
    out
}

/// The changes (δ1, δ2), both non-zero, to cells c1 and c2 that make every relation hold, when
/// exactly one such pair exists.
fn solve_pair(m: &Model, violated: &[usize], c1: usize, c2: usize) -> Option<(f64, f64)> {
    let mut touched = m.cells[c1].rels.clone();
    for &r in &m.cells[c2].rels {
        if !touched.contains(&r) {
            touched.push(r);
        }
    }
    for r in violated {
        if !touched.contains(r) {
            return None;
        }
    }
    // Equations a·δ1 + b·δ2 = e, one per relation touched; solved from the first independent pair.
    let mut eqs = Vec::with_capacity(touched.len());
    for &r in &touched {
        let rel = &m.relations[r];
        eqs.push((rel.coef(c1), rel.coef(c2), -rel.residual));
    }
    let mut solution = None;
    for i in 0..eqs.len() {
        for j in i + 1..eqs.len() {
            let (e, f) = (eqs[i], eqs[j]);
            let det = e.0 * f.1 - e.1 * f.0;
            if solution.is_none() && det.abs() > EPS {
                solution = Some(((e.2 * f.1 - e.1 * f.2) / det, (e.0 * f.2 - e.2 * f.0) / det));
            }
        }
    }
    let (d1, d2) = solution?;
    for (a, b, e) in eqs {
        if (a * d1 + b * d2 - e).abs() > 1e-6 {
            return None;
        }
    }
    (d1.abs() > EPS && d2.abs() > EPS).then_some((d1, d2))
}

/// The count the text states for a cell, for the counts that name exactly one cell.
fn stated(r: &Report, table: TableId, row: RowKey, col: ColKey) -> Option<f64> {
    if col != cols::TOTAL {
        return None;
    }
    for s in &r.facts.statements {
        let (t, k) = match s.kind {
            CountKind::CarriedOver => (TableId::T3, rows::CARRIED_OVER),
            CountKind::Concluded => (TableId::T3, rows::TOTAL),
            CountKind::CarriedForward => (TableId::T3, rows::CARRY_FORWARD),
            CountKind::Granted => (TableId::T3, rows::GRANTED),
            CountKind::Partial => (TableId::T3, rows::PARTIAL),
            CountKind::Review => (TableId::T4, rows::REVIEW),
            _ => continue,
        };
        if t == table && k == row {
            return Some(s.value as f64);
        }
    }
    None
}

/// Narrows equally small fixes with the text: a fix that changes a cell the text states to
/// another value is dropped (unless that drops them all); of those left, the one fix that sets
/// a stated cell to its stated value wins.
fn tie_break(m: &Model, r: &Report, fixes: Vec<Change>) -> Vec<Change> {
    let mut left = Vec::new();
    let mut pointed = Vec::new();
    'fixes: for f in &fixes {
        let mut points = false;
        for &(c, v) in f.cells() {
            let cell = &m.cells[c];
            if let Some(said) = stated(r, m.table, cell.row, cell.col) {
                if (said - v).abs() > EPS {
                    continue 'fixes;
                }
                points = true;
            }
        }
        left.push(*f);
        if points {
            pointed.push(*f);
        }
    }
    if pointed.len() == 1 {
        pointed
    } else if left.is_empty() {
        fixes
    } else {
        left
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
    pub fn cells(&self) -> Vec<(TableId, RowKey, ColKey, f64)> {
        let mut out = Vec::new();
        if let Some(f) = &self.fix {
            for &(c, v) in f.cells() {
                let cell = &self.model.cells[c];
                out.push((self.model.table, cell.row, cell.col, v));
            }
        }
        out
    }

    /// How many equally small fixes there are when there is more than one (0 otherwise).
    pub fn ambiguous(&self) -> usize {
        self.ambiguous.len()
    }

    /// Whether `d` reports one of the relations this table breaks.
    fn reports_broken(&self, d: &Diagnostic) -> bool {
        if d.location.table != Some(self.model.table) {
            return false;
        }
        for r in &self.model.relations {
            if r.broken()
                && d.code == r.code
                && d.location.row == Some(r.row.as_str())
                && d.location.col == Some(r.col.as_str())
            {
                return true;
            }
        }
        false
    }

    /// The new value the fix gives the cell (row, col), if the fix changes it.
    fn fixed_value(&self, fix: &Change, row: Option<&str>, col: Option<&str>) -> Option<f64> {
        for &(c, v) in fix.cells() {
            let cell = &self.model.cells[c];
            if row == Some(cell.row.as_str()) && col == Some(cell.col.as_str()) {
                return Some(v);
            }
        }
        None
    }

    fn describe(&self, fix: &Change) -> String {
        let mut s = String::new();
        for &(c, v) in fix.cells() {
            let cell = &self.model.cells[c];
            if !s.is_empty() {
                s.push_str("，并");
            }
            s.push('把');
            s.push_str(&cell.label.text());
            if cell.raw.is_empty() {
                s.push_str("由空白");
            } else {
                s.push_str("由 ");
                s.push_str(&num(cell.value));
            }
            s.push_str(" 改为 ");
            s.push_str(&num(v));
        }
        s
    }
}

/// Looks for the most likely fix of tables 三 and 四.
pub fn analyse(r: &Report) -> Vec<Found<'_>> {
    let mut out = Vec::new();
    for m in [r.table3.as_ref().map(table3), r.table4.as_ref().map(table4)] {
        let Some(m) = m else { continue };
        let mut fixes = smallest(&m);
        if fixes.len() > 1 {
            fixes = tie_break(&m, r, fixes);
        }
        let (fix, ambiguous) = if fixes.len() == 1 {
            (Some(fixes[0]), Vec::new())
        } else {
            (None, fixes)
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
fn emit(found: &Found, fix: &Change, id: u32, out: &mut Vec<Diagnostic>) {
    let mut codes: Vec<&str> = Vec::new();
    let mut count = 0;
    for r in &found.model.relations {
        if r.broken() {
            count += 1;
            if !codes.contains(&r.code) {
                codes.push(r.code);
            }
        }
    }
    let message = format!(
        "{}，可同时消除 {} {}处错误",
        found.describe(fix),
        codes.join("、"),
        counted(count)
    );
    let table = found.model.table;
    for &(c, v) in fix.cells() {
        let cell = &found.model.cells[c];
        let mut location = Location {
            part: Some(table.part()),
            table: Some(table),
            row: Some(cell.row.as_str()),
            col: Some(cell.col.as_str()),
            ..Location::default()
        };
        if cell.loc.line > 0 {
            location.line = Some(cell.loc.line);
            location.column = Some(cell.loc.column.max(1));
        }
        out.push(Diagnostic {
            code: T300.code,
            name: T300.name,
            severity: T300.severity,
            message: message.clone(),
            location,
            expected: Some(num(v)),
            actual: Some(cell.raw.to_owned()),
            fix: Some(id),
            missing: None,
        });
    }
}

/// Runs after the other rules, from their results: adds the T300 diagnostics of each fix,
/// numbered 1, 2 … per report, gives the errors it explains the same number, takes back advice
/// the fix shows wrong, and says in the errors of a table with several equally likely fixes that
/// the cause is ambiguous. Free when no arithmetic error was found.
pub fn link(ctx: &Context, out: &mut Vec<Diagnostic>) {
    if !out
        .iter()
        .any(|d| matches!(d.code, "T301" | "T302" | "T303" | "T304" | "T401"))
    {
        return;
    }
    let mut next = 0u32;
    let mut added = Vec::new();
    for found in analyse(ctx.report) {
        let table = found.model.table;
        if let Some(fix) = &found.fix {
            next += 1;
            let why = found.describe(fix);
            emit(&found, fix, next, &mut added);
            for d in out.iter_mut() {
                let at = found.fixed_value(fix, d.location.row, d.location.col);
                if found.reports_broken(d) {
                    d.fix = Some(next);
                    if let Some(v) = at {
                        d.expected = Some(num(v));
                    } else {
                        d.expected = None;
                        d.message.push_str("。这很可能不是此格的错：");
                        d.message.push_str(&why);
                        d.message.push_str("（见 T300）后此处即相符，此格无需修改");
                    }
                } else if d.code == "N001" && d.location.table == Some(table) {
                    // The text agrees with the fixed value: the fix explains the mismatch too.
                    if at.is_some_and(|v| d.actual.as_deref() == Some(num(v).as_str())) {
                        d.fix = Some(next);
                        d.expected = None;
                        d.message.push_str("；按 T300 改正表格后即与正文一致");
                    }
                }
            }
        } else if found.ambiguous.len() > 1 {
            let n = found.ambiguous.len();
            let mut note = format!("。有 {n} 种同样少的改法都能使");
            note.push_str(if table == TableId::T3 {
                "表三"
            } else {
                "表四"
            });
            note.push_str("平衡");
            if n <= 4 {
                note.push('（');
                for (i, f) in found.ambiguous.iter().enumerate() {
                    if i > 0 {
                        note.push_str("；或");
                    }
                    note.push_str(&found.describe(f));
                }
                note.push('）');
            }
            note.push_str("，无法判断是哪一格填错，请对照原始台账逐格核对");
            for d in out.iter_mut() {
                if found.reports_broken(d) {
                    d.message.push_str(&note);
                    // None of the possible changes touches this cell: its value is no advice.
                    if !found.ambiguous.iter().any(|f| {
                        found
                            .fixed_value(f, d.location.row, d.location.col)
                            .is_some()
                    }) {
                        d.expected = None;
                    }
                }
            }
        }
    }
    out.append(&mut added);
}
