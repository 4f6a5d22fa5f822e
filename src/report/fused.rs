//! Cells that ran together: a row whose separators were lost in copying or extraction
//! ("一、本年新收政府信息公开申请数量35 0000237" for 35, 0, 0, 0, 0, 2, 37). The digits are split into
//! the row's cells only when exactly one split satisfies every relation the table must satisfy;
//! otherwise the row stays unread and the caller says why. Nothing is guessed.
//!
//! A pure function of its inputs: the runs of digits as seen (a space, tab or cell boundary between
//! runs is certain, so no cell spans two runs), the number of cells, and the relations.

/// What must hold of the row's cells.
#[derive(Clone, Debug, Default)]
pub struct Relations {
    /// Sums within the row: the cells at `parts` add up to the cell at `total` (table 三's row
    /// total; table 四's three group totals).
    pub sums: Vec<(Vec<usize>, usize)>,
    /// Per cell: the value another relation of the table requires (table 三's column relations
    /// with the other rows), when the other rows were read.
    pub fixed: Vec<Option<u64>>,
    /// Per cell: the most digits a value of its column has in the rest of the table.
    pub max_digits: Vec<Option<usize>>,
}

/// The outcome of splitting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Split {
    /// Exactly one split satisfies every relation.
    Unique(Vec<u64>),
    /// At least two do (the first two found).
    Ambiguous(Vec<u64>, Vec<u64>),
    /// None does.
    Impossible,
    /// The search gave up: more candidate splits than [`NODE_BUDGET`] (a hostile row).
    Undecided,
}

/// Cells tried at most per row: a real row is decided in a few thousand; a row of hundreds of
/// digits is not worth a second of the user's time.
pub const NODE_BUDGET: usize = 20_000;

/// Longest cell considered: no count in a report has more digits (the budget bounds the search).
pub const MAX_CELL_DIGITS: usize = 12;

/// Splits `runs` (strings of ASCII digits) into `cells` values. A value is written without leading
/// zeros ("0" alone is zero).
pub fn split(runs: &[&str], cells: usize, rel: &Relations) -> Split {
    let digits: usize = runs.iter().map(|r| r.len()).sum();
    if cells == 0
        || runs.is_empty()
        || runs.len() > cells
        || digits < cells
        || runs
            .iter()
            .any(|r| r.is_empty() || !r.bytes().all(|b| b.is_ascii_digit()))
        || rel
            .sums
            .iter()
            .any(|(parts, total)| *total >= cells || parts.iter().any(|&p| p >= cells))
    {
        return Split::Impossible;
    }
    // The cells' digits in one string, with the positions where a run ends (a cut is forced there).
    let all: Vec<u8> = runs
        .iter()
        .flat_map(|r| r.bytes())
        .map(|b| b - b'0')
        .collect();
    let n = all.len();
    let mut run_end = vec![false; n + 1];
    let mut at = 0;
    for r in runs {
        at += r.len();
        run_end[at] = true;
    }
    let width = |c: usize| {
        rel.max_digits
            .get(c)
            .copied()
            .flatten()
            .unwrap_or(MAX_CELL_DIGITS)
            .clamp(1, MAX_CELL_DIGITS)
    };
    let last = cells - 1;
    let last_run_start = n - runs[runs.len() - 1].len();
    let mut found: Vec<Vec<u64>> = Vec::new();
    let mut nodes = 0usize;
    // The last cell is taken first (it is table 三's total, table 四's last group total): once
    // its value is known, no part of a sum can be longer than it, and the parts placed so far
    // can never exceed it.
    for len in 1..=width(last).min(n - last_run_start) {
        let from = n - len;
        if len > 1 && all[from] == 0 {
            continue;
        }
        if n - len < last {
            break;
        }
        let value = all[from..].iter().fold(0u64, |a, &d| a * 10 + u64::from(d));
        if rel
            .fixed
            .get(last)
            .copied()
            .flatten()
            .is_some_and(|f| f != value)
        {
            continue;
        }
        let max_len: Vec<usize> = (0..last)
            .map(|c| {
                let capped = rel
                    .sums
                    .iter()
                    .any(|(parts, total)| *total == last && parts.contains(&c));
                if capped {
                    width(c).min(len)
                } else {
                    width(c)
                }
            })
            .collect();
        let mut room = vec![0usize; last + 1];
        for c in (0..last).rev() {
            room[c] = room[c + 1] + max_len[c];
        }
        let mut search = Search {
            all: &all[..from],
            run_end: &run_end[..=from],
            max_len: &max_len,
            room: &room,
            rel,
            last: value,
            values: Vec::with_capacity(cells),
            found: std::mem::take(&mut found),
            nodes,
        };
        if last == 0 {
            search.values.push(value);
            if from == 0 && search.sums_hold(0) {
                search.found.push(search.values.clone());
            }
        } else {
            search.cell(0, 0);
        }
        found = search.found;
        nodes = search.nodes;
        if nodes > NODE_BUDGET {
            return Split::Undecided;
        }
        if found.len() >= 2 {
            break;
        }
    }
    let mut found = found.into_iter();
    match (found.next(), found.next()) {
        (Some(a), None) => Split::Unique(a),
        (Some(a), Some(b)) => Split::Ambiguous(a, b),
        _ => Split::Impossible,
    }
}

/// Whether the parts placed so far can still meet their sums.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Fit {
    Yes,
    /// Already more than the total: a longer cell cannot help.
    Over,
    /// Too little digits left to make up the total with this cell.
    Short,
}

struct Search<'a> {
    /// The digits before the last cell.
    all: &'a [u8],
    run_end: &'a [bool],
    /// Most digits of each cell before the last.
    max_len: &'a [usize],
    room: &'a [usize],
    rel: &'a Relations,
    /// The last cell's value.
    last: u64,
    values: Vec<u64>,
    found: Vec<Vec<u64>>,
    /// Cells tried so far (all lengths of the last cell together).
    nodes: usize,
}

impl Search<'_> {
    /// Places cell `c` starting at digit `pos`.
    fn cell(&mut self, c: usize, pos: usize) {
        self.nodes += 1;
        if self.found.len() >= 2 || self.nodes > NODE_BUDGET {
            return;
        }
        let cells = self.max_len.len();
        let n = self.all.len();
        if c == cells {
            if pos == n {
                self.values.push(self.last);
                if self.sums_hold(cells) {
                    self.found.push(self.values.clone());
                }
                self.values.pop();
            }
            return;
        }
        let left = cells - c - 1;
        for len in 1..=self.max_len[c] {
            let end = pos + len;
            if end > n {
                break;
            }
            // The digits after this cell must fit the cells after it, one digit at least each.
            if n - end < left {
                break;
            }
            if n - end > self.room[c + 1] {
                continue;
            }
            // No leading zero: "05" is not how a count is written.
            if len > 1 && self.all[pos] == 0 {
                break;
            }
            // A cell never crosses the end of a run; a run's end is always a cell's end.
            if (pos + 1..end).any(|i| self.run_end[i]) {
                break;
            }
            let v = self.all[pos..end]
                .iter()
                .fold(0u64, |a, &d| a * 10 + u64::from(d));
            if self
                .rel
                .fixed
                .get(c)
                .copied()
                .flatten()
                .is_some_and(|f| f != v)
            {
                continue;
            }
            self.values.push(v);
            let fit = self.partial_sums_fit(c, end);
            if fit == Fit::Yes && self.sums_hold(c) {
                self.cell(c + 1, end);
            }
            self.values.pop();
            if fit == Fit::Over {
                break; // a longer cell only makes the partial sum larger
            }
            if self.found.len() >= 2 {
                return;
            }
        }
    }

    /// Every sum whose total is still to come can still be met: the parts placed so far do not
    /// exceed the total (the last cell's value) or the largest total the remaining digits could
    /// write.
    fn partial_sums_fit(&self, c: usize, end: usize) -> Fit {
        let cells = self.max_len.len();
        let n = self.all.len();
        let rest = n - end;
        let most = |digits: usize| 10u64.checked_pow(digits as u32).map_or(u64::MAX, |p| p - 1);
        for (parts, total) in &self.rel.sums {
            if *total <= c {
                continue;
            }
            let partial = parts
                .iter()
                .filter(|&&p| p <= c)
                .fold(0u64, |a, &p| a.saturating_add(self.values[p]));
            if *total != cells {
                // The other cells still to come take one digit each at least.
                let others = cells - c - 2;
                if partial > most(rest.saturating_sub(others).min(self.max_len[*total])) {
                    return Fit::Over;
                }
                continue;
            }
            if partial > self.last {
                return Fit::Over;
            }
            // The parts still to come must make up the difference with the digits left: k parts
            // from `rest` digits are each at most as long as the rest allows.
            let k = parts.iter().filter(|&&p| p > c).count() as u64;
            let later = cells - c - 1; // cells still to place before the last
            let longest = parts
                .iter()
                .filter(|&&p| p > c)
                .map(|&p| self.max_len[p])
                .max()
                .unwrap_or(0)
                .min((rest + 1).saturating_sub(later));
            let capacity = k.saturating_mul(most(longest));
            if self.last - partial > capacity {
                return Fit::Short;
            }
        }
        Fit::Yes
    }

    /// Every sum whose cells are all placed (the last of them being `c`) holds.
    fn sums_hold(&self, c: usize) -> bool {
        self.rel.sums.iter().all(|(parts, total)| {
            let last = parts.iter().copied().chain([*total]).max().unwrap_or(0);
            if last != c {
                return true;
            }
            let sum = parts
                .iter()
                .fold(0u64, |a, &p| a.saturating_add(self.values[p]));
            sum == self.values[*total]
        })
    }
}

/// Table 三's row total: the six applicant columns add up to 总计.
pub fn table3_row_sum() -> Vec<(Vec<usize>, usize)> {
    vec![((0..6).collect(), 6)]
}

/// Table 四's three groups: 维持 + 纠正 + 其他 + 尚未审结 = 总计.
pub fn table4_group_sums() -> Vec<(Vec<usize>, usize)> {
    (0..3)
        .map(|g| ((g * 5..g * 5 + 4).collect(), g * 5 + 4))
        .collect()
}

/// The runs of digits at the end of `text` (ASCII or full-width digits separated by spaces),
/// and the text before them: "…数量35 0000237" → ("…数量", ["35", "0000237"]).
pub fn trailing_runs(text: &str) -> Option<(&str, Vec<String>)> {
    let t = text.trim_end();
    let is_digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    let start = t
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_digit(c) || c == ' ' || c == '\u{3000}' || c == '\t')
        .last()
        .map(|(i, _)| i)?;
    let (label, tail) = t.split_at(start);
    let runs: Vec<String> = tail
        .split(|c: char| !is_digit(c))
        .filter(|r| !r.is_empty())
        .map(|r| r.chars().map(crate::normalize::fold_char).collect())
        .collect();
    (!runs.is_empty()).then_some((label, runs))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t3(fixed: &[Option<u64>], widths: &[Option<usize>]) -> Relations {
        Relations {
            sums: table3_row_sum(),
            fixed: fixed.to_vec(),
            max_digits: widths.to_vec(),
        }
    }

    #[test]
    fn a_unique_split_is_found() {
        // 35 | 0 0 0 0 2 37: the row total (35+0+0+0+0+2 = 37) admits one split only: the other
        // ways to cut "0000237" into six cells (0,0,0,0,2,3,7 needs seven; 0,0,0,0,23,7 gives
        // 35+23 ≠ 7) fail.
        let got = split(&["35", "0000237"], 7, &t3(&[], &[]));
        assert_eq!(got, Split::Unique(vec![35, 0, 0, 0, 0, 2, 37]));
        // Digits as many as cells: one digit each, nothing to decide.
        assert_eq!(
            split(&["000"], 3, &Relations::default()),
            Split::Unique(vec![0, 0, 0])
        );
        // Table 四: 1 0 1 0 2 | 0 1 0 1 2 | 1 0 0 0 1 with the group totals.
        let rel = Relations {
            sums: table4_group_sums(),
            ..Relations::default()
        };
        assert_eq!(
            split(&["101020101210001"], 15, &rel),
            Split::Unique(vec![1, 0, 1, 0, 2, 0, 1, 0, 1, 2, 1, 0, 0, 0, 1])
        );
    }

    #[test]
    fn two_possible_splits_are_not_recovered() {
        // "11 0 0 0 0 1 12" with its spaces lost but one: "1100001" + "12". Both 11,0,0,0,0,1,12
        // and 1,10,0,0,0,1,12 add up (11+1 = 1+10+1 = 12); splitting "12" instead leaves a
        // total of 2 below the first cells. Two readings: not recovered.
        let got = split(&["1100001", "12"], 7, &t3(&[], &[]));
        match got {
            Split::Ambiguous(a, b) => {
                assert_ne!(a, b);
                for v in [a, b] {
                    assert_eq!(v[..6].iter().sum::<u64>(), v[6]);
                }
            }
            other => panic!("{other:?}"),
        }
        // A column relation of the table fixes the first cell: the ambiguity is gone.
        let fixed = [Some(11), None, None, None, None, None, None];
        assert_eq!(
            split(&["1100001", "12"], 7, &t3(&fixed, &[])),
            Split::Unique(vec![11, 0, 0, 0, 0, 1, 12])
        );
    }

    #[test]
    fn a_split_contradicting_a_column_is_not_recovered() {
        // The only split satisfying the row total is 35,0,0,0,0,2,37; if the table's column
        // relation says the 自然人 cell must be 34, no split holds.
        let fixed = [Some(34), None, None, None, None, None, None];
        assert_eq!(
            split(&["35", "0000237"], 7, &t3(&fixed, &[])),
            Split::Impossible
        );
        // The same with the column's width: 总计 values elsewhere have one digit, so 37 cannot
        // be a 总计 cell.
        let widths = [None, None, None, None, None, None, Some(1)];
        assert_eq!(
            split(&["35", "0000237"], 7, &t3(&[], &widths)),
            Split::Impossible
        );
    }

    #[test]
    fn runs_are_never_crossed_and_counts_have_no_leading_zero() {
        // "1 2" cannot be 12; "05" is not a count.
        assert_eq!(
            split(&["1", "2"], 1, &Relations::default()),
            Split::Impossible
        );
        assert_eq!(split(&["05"], 1, &Relations::default()), Split::Impossible);
        assert_eq!(
            split(&["05"], 2, &Relations::default()),
            Split::Unique(vec![0, 5])
        );
        // More runs than cells, fewer digits than cells, not digits: nothing to split.
        assert_eq!(
            split(&["1", "2", "3"], 2, &Relations::default()),
            Split::Impossible
        );
        assert_eq!(split(&["12"], 3, &Relations::default()), Split::Impossible);
        assert_eq!(split(&["1a"], 2, &Relations::default()), Split::Impossible);
        assert_eq!(split(&[], 2, &Relations::default()), Split::Impossible);
    }

    #[test]
    fn large_rows_are_searched_with_pruning() {
        // Six five-digit cells and their six-digit total in one run of 36 digits, no widths
        // known: the row total prunes the search (timing: `cargo run --release --example
        // fused`).
        let vals = [12345u64, 23456, 34567, 45678, 56789, 10000];
        let total: u64 = vals.iter().sum();
        let digits: String = vals.iter().chain([&total]).map(|v| v.to_string()).collect();
        let got = split(&[digits.as_str()], 7, &t3(&[], &[]));
        let mut want = vals.to_vec();
        want.push(total);
        assert_eq!(got, Split::Unique(want));
    }

    #[test]
    fn hostile_rows_never_panic() {
        // Fifteen cells of twelve nines.
        let nines = "9".repeat(15 * 12);
        let rel = Relations {
            sums: vec![((0..14).collect(), 14)],
            ..Relations::default()
        };
        assert_eq!(split(&[nines.as_str()], 15, &rel), Split::Impossible);
        // Relations naming cells the row does not have.
        let bad = Relations {
            sums: vec![(vec![0, 9], 1)],
            ..Relations::default()
        };
        assert_eq!(split(&["123"], 3, &bad), Split::Impossible);
        assert_eq!(split(&["123"], 0, &Relations::default()), Split::Impossible);
        // A hundred nines for table 四: no split adds up; the search ends (exhausted or at its
        // budget) without an answer.
        let many = "9".repeat(100);
        let rel = Relations {
            sums: table4_group_sums(),
            ..Relations::default()
        };
        let got = split(&[many.as_str()], 15, &rel);
        assert!(
            matches!(got, Split::Impossible | Split::Undecided),
            "{got:?}"
        );
    }

    #[test]
    fn trailing_runs_of_a_label() {
        assert_eq!(
            trailing_runs("一、本年新收政府信息公开申请数量35 0000237"),
            Some((
                "一、本年新收政府信息公开申请数量",
                vec!["35".to_owned(), "0000237".to_owned()]
            ))
        );
        assert_eq!(
            trailing_runs("1.属于国家秘密０００"),
            Some(("1.属于国家秘密", vec!["000".to_owned()]))
        );
        assert_eq!(trailing_runs("（二）部分公开"), None);
    }
}
