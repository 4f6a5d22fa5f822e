//! Stage 3 — rules: judge a [`Report`] (and optionally last year's) and emit diagnostics.
//!
//! [`RULES`] is the single source of truth for every code: its name, default severity,
//! documentation and check. The CLI's `nianbao rules`, the web page's rules page and the JSON's
//! `name` field all come from it. A rule family lives in one file.

mod arithmetic;
mod cells;
mod content;
mod dates;
mod fix;
mod narrative;
mod pair;
mod reading;
mod structure;

pub use fix::{analyse as likely_fixes, Found};
pub use pair::{agency_key, previous_in_batch, same_agency};

use crate::diagnostic::{Diagnostic, Location, Severity, TableId};
use crate::report::labels::{ColKey, RowKey};
use crate::report::{Loc, Report};
use serde::Serialize;

/// What a rule judges.
pub struct Context<'a> {
    pub report: &'a Report,
    /// Last year's report of the same agency (enables the X rules).
    pub previous: Option<&'a Report>,
}

type Check = fn(&Context, &mut Sink);

/// A rule's documentation text, written with [`text!`]: compiled in natively; in the
/// WebAssembly module it is left out and comes from JavaScript (src/assets.rs).
#[derive(Clone, Copy)]
pub struct Text(#[cfg(not(target_arch = "wasm32"))] pub &'static str);

/// A rule's documentation text (see [`Text`]).
#[cfg(not(target_arch = "wasm32"))]
macro_rules! text {
    ($s:expr) => {
        $crate::rules::Text($s)
    };
}
#[cfg(target_arch = "wasm32")]
macro_rules! text {
    ($s:expr) => {
        $crate::rules::Text()
    };
}
pub(crate) use text;

/// One rule of the catalogue (rules.md).
pub struct Rule {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    /// One line: what the rule checks (read it with [`Rule::summary`]).
    pub summary: Text,
    /// Why it matters and an example, shown by `nianbao rules CODE` and on the rules page
    /// (read it with [`Rule::doc`]).
    pub doc: Text,
    /// None for the rules the reader applies before there is a report (P001, P004), and for T300,
    /// which is worked out from the other rules' results.
    check: Option<Check>,
}

/// The catalogue, in rules.md order.
pub static RULES: &[Rule] = &[
    reading::P001,
    reading::P002,
    reading::P003,
    reading::P004,
    reading::P005,
    structure::S001,
    structure::S002,
    structure::S003,
    structure::S004,
    structure::S005,
    structure::S006,
    structure::S007,
    structure::S008,
    structure::S009,
    cells::C001,
    cells::C002,
    cells::C003,
    cells::C004,
    cells::C005,
    cells::C006,
    arithmetic::T201,
    arithmetic::T202,
    fix::T300,
    arithmetic::T301,
    arithmetic::T302,
    arithmetic::T303,
    arithmetic::T304,
    arithmetic::T401,
    narrative::N001,
    narrative::N002,
    content::K001,
    content::K002,
    content::K003,
    content::K004,
    content::K005,
    pair::X001,
    pair::X002,
    pair::X003,
    pair::X004,
    dates::D001,
];

impl Rule {
    /// One line: what the rule checks.
    pub fn summary(&self) -> &'static str {
        #[cfg(not(target_arch = "wasm32"))]
        return self.summary.0;
        #[cfg(target_arch = "wasm32")]
        return crate::assets::rule_text(self.code).0;
    }
    /// Why it matters and an example.
    pub fn doc(&self) -> &'static str {
        #[cfg(not(target_arch = "wasm32"))]
        return self.doc.0;
        #[cfg(target_arch = "wasm32")]
        return crate::assets::rule_text(self.code).1;
    }
}

pub fn rule(code: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.code.eq_ignore_ascii_case(code))
}

/// Diagnostics kept per rule and kind of location; the rest are counted and summed up in one
/// more diagnostic ("还有 N 处同类问题"), so that output stays proportional to what a person can
/// read (a heading repeated a million times is not a million diagnostics).
pub const MAX_PER_KIND: usize = 100;

/// Kinds of location a rule's diagnostics are capped by: none, a line of text, a table or cell.
const KINDS: usize = 3;

fn kind_of(l: &Location) -> usize {
    if l.table.is_some() {
        2
    } else if l.line.is_some() {
        1
    } else {
        0
    }
}

/// Collects the diagnostics of one rule run.
pub struct Sink {
    rule: &'static Rule,
    out: Vec<Diagnostic>,
    /// Per kind of location: diagnostics kept, and the first one left out with the count.
    kept: [usize; KINDS],
    over: [Option<(Diagnostic, usize)>; KINDS],
}

impl Sink {
    fn new(rule: &'static Rule) -> Sink {
        Sink {
            rule,
            out: Vec::new(),
            kept: [0; KINDS],
            over: [None, None, None],
        }
    }

    fn push(&mut self, d: Diagnostic) {
        let k = kind_of(&d.location);
        if self.kept[k] < MAX_PER_KIND {
            self.kept[k] += 1;
            self.out.push(d);
            return;
        }
        match &mut self.over[k] {
            Some((_, n)) => *n += 1,
            slot => *slot = Some((d, 1)),
        }
    }

    /// The kept diagnostics, then one for each kind of location that had more: at the first
    /// one left out, saying how many were.
    fn finish(mut self) -> Vec<Diagnostic> {
        for over in std::mem::take(&mut self.over) {
            let Some((mut d, n)) = over else { continue };
            d.message = format!(
                "还有 {n} 处同类问题（{}）未逐一列出，此处为其中第一处：{}",
                d.code, d.message
            );
            d.expected = None;
            d.actual = None;
            self.out.push(d);
        }
        self.out
    }
}

/// A diagnostic being built.
pub struct Emit<'s> {
    sink: &'s mut Sink,
    d: Diagnostic,
}

impl Sink {
    /// Starts a diagnostic of the current rule at its default severity.
    pub fn emit(&mut self, message: impl Into<String>) -> Emit<'_> {
        let d = Diagnostic {
            code: self.rule.code,
            name: self.rule.name,
            severity: self.rule.severity,
            message: message.into(),
            location: Location::default(),
            expected: None,
            actual: None,
            fix: None,
            missing: None,
        };
        Emit { sink: self, d }
    }
}

impl Emit<'_> {
    pub fn at(mut self, loc: Loc) -> Self {
        if loc.line > 0 {
            self.d.location.line = Some(loc.line);
            self.d.location.column = Some(loc.column.max(1));
        }
        self
    }
    pub fn part(mut self, n: u8) -> Self {
        self.d.location.part = Some(n);
        self
    }
    pub fn table(mut self, t: TableId) -> Self {
        self.d.location.table = Some(t);
        self.d.location.part.get_or_insert(t.part());
        self
    }
    pub fn cell(mut self, table: TableId, row: RowKey, col: Option<ColKey>) -> Self {
        self = self.table(table);
        self.d.location.row = Some(row.as_str());
        self.d.location.col = col.map(ColKey::as_str);
        self
    }
    pub fn severity(mut self, s: Severity) -> Self {
        self.d.severity = s;
        self
    }
    pub fn expected(mut self, v: impl Into<String>) -> Self {
        self.d.expected = Some(v.into());
        self
    }
    pub fn actual(mut self, v: impl Into<String>) -> Self {
        self.d.actual = Some(v.into());
        self
    }
    pub fn missing(mut self, v: &[&str]) -> Self {
        self.d.missing = Some(v.iter().map(|s| s.to_string()).collect());
        self
    }
}

impl Drop for Emit<'_> {
    fn drop(&mut self) {
        let d = std::mem::replace(
            &mut self.d,
            Diagnostic {
                code: "",
                name: "",
                severity: Severity::Info,
                message: String::new(),
                location: Location::default(),
                expected: None,
                actual: None,
                fix: None,
                missing: None,
            },
        );
        self.sink.push(d);
    }
}

/// Runs every rule with a check on the report. Diagnostics come back unsorted.
pub fn run(ctx: &Context) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (i, rule) in RULES.iter().enumerate() {
        // P001 comes first: when the text is not a report at all, nothing else is worth saying.
        if i == 1 && out.iter().any(|d: &Diagnostic| d.code == "P001") {
            return out;
        }
        if let Some(check) = rule.check {
            let mut sink = Sink::new(rule);
            check(ctx, &mut sink);
            out.append(&mut sink.finish());
        }
    }
    fix::link(ctx, &mut out);
    out
}

/// A diagnostic for an input that could not be read at all (P001 or P004).
pub fn unreadable(code: &str, message: String) -> Diagnostic {
    let rule = rule(code).unwrap_or(&RULES[0]);
    Diagnostic {
        code: rule.code,
        name: rule.name,
        severity: rule.severity,
        message,
        location: Location::default(),
        expected: None,
        actual: None,
        fix: None,
        missing: None,
    }
}

/// The catalogue as data (for JSON and JavaScript).
#[derive(Serialize)]
pub struct RuleInfo {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    pub summary: &'static str,
    pub doc: &'static str,
}

pub fn catalogue() -> Vec<RuleInfo> {
    RULES
        .iter()
        .map(|r| RuleInfo {
            code: r.code,
            name: r.name,
            severity: r.severity,
            summary: r.summary(),
            doc: r.doc(),
        })
        .collect()
}

/// Formats a number as people write it: integers without decimals.
pub fn num(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        let s = crate::decimal::fixed(n, 6);
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    }
}

/// A label shortened for messages ("一、本年新收…").
pub fn short(label: &str) -> String {
    let chars: Vec<char> = label.chars().collect();
    if chars.len() <= 12 {
        label.to_owned()
    } else {
        chars[..10].iter().collect::<String>() + "…"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_is_complete_and_unique() {
        let codes: Vec<&str> = RULES.iter().map(|r| r.code).collect();
        let mut sorted = codes.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), codes.len(), "duplicate code");
        assert_eq!(codes.len(), 40);
        for r in RULES {
            assert!(
                !r.summary().is_empty() && !r.doc().is_empty(),
                "{} undocumented",
                r.code
            );
            assert!(
                r.name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '-' || c.is_ascii_digit()),
                "{}",
                r.name
            );
        }
    }

    #[test]
    fn numbers_print_as_written() {
        assert_eq!(num(3.0), "3");
        assert_eq!(num(190.457379), "190.457379");
        assert_eq!(num(-2.5), "-2.5");
    }
}
