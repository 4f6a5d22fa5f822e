//! T300 (the most likely fix): change cells of the clean fixture and check that T300 names the
//! changed cell and its original value, that the errors it explains share its `fix` number, and
//! that no explained error still advises changing another cell.

use nianbao::diagnostic::{Diagnostic, TableId};
use nianbao::report::labels::{T3_COLUMNS as T3_COLS, T3_ROWS};
use nianbao::report::Layout;
use nianbao::{check_str, Options};

const CLEAN: &str = include_str!("fixtures/clean-2021.txt");

/// Table 三 of clean-2021.txt: lines 33–57 hold the 25 rows of the 2021 layout, in the format's
/// order (fixtures/README.md), with its seven columns.
fn t3_rows() -> Vec<&'static str> {
    T3_ROWS
        .iter()
        .filter(|r| r.in_layout(Layout::V2021))
        .map(|r| r.key.as_str())
        .collect()
}

/// The report with field `field` (0-based, counted from the end of the tab-separated line, so
/// that the label cells do not matter) of 1-based line `line` replaced.
fn edit(text: &str, line: usize, from_end: usize, f: impl Fn(i64) -> i64) -> (String, i64, i64) {
    let mut lines: Vec<String> = text.split('\n').map(str::to_owned).collect();
    let mut cells: Vec<String> = lines[line - 1].split('\t').map(str::to_owned).collect();
    let k = cells.len() - 1 - from_end;
    let old: i64 = cells[k].trim().parse().expect("a number");
    let new = f(old);
    cells[k] = new.to_string();
    lines[line - 1] = cells.join("\t");
    (lines.join("\n"), old, new)
}

fn fixes(ds: &[Diagnostic]) -> Vec<&Diagnostic> {
    ds.iter().filter(|d| d.code == "T300").collect()
}

/// Every arithmetic error is explained by the fix and gives no advice the fix shows wrong.
fn assert_explained(ds: &[Diagnostic], fix: &Diagnostic, context: &str) {
    let id = fix.fix.expect("T300 has a fix number");
    for d in ds
        .iter()
        .filter(|d| d.code.starts_with("T30") && d.code != "T300")
    {
        assert_eq!(d.fix, Some(id), "{context}: {d:#?}");
        let at_fix = d.location.row == fix.location.row && d.location.col == fix.location.col;
        if at_fix {
            assert_eq!(d.expected, fix.expected, "{context}: {d:#?}");
        } else {
            assert_eq!(d.expected, None, "{context}: advice elsewhere: {d:#?}");
            assert!(d.message.contains("T300"), "{context}: {}", d.message);
        }
    }
}

#[test]
fn clean_fixture_has_no_fix() {
    let o = check_str(CLEAN, &Options::default());
    assert!(o.diagnostics.is_empty(), "{:#?}", o.diagnostics);
}

#[test]
fn every_single_cell_of_table_3_is_named() {
    let mut named = 0;
    let rows = t3_rows();
    assert_eq!(rows.len(), 25);
    for (i, row) in rows.iter().enumerate() {
        for (j, col) in T3_COLS.iter().enumerate() {
            // Up by 3, and down to 0 where the cell is not 0 already.
            for up in [true, false] {
                let (text, old, new) = edit(CLEAN, 33 + i, 6 - j, |v| if up { v + 3 } else { 0 });
                if old == new {
                    continue;
                }
                let o = check_str(&text, &Options::default());
                let ctx = format!("{row}/{col} {old}→{new}");
                let f = fixes(&o.diagnostics);
                assert_eq!(f.len(), 1, "{ctx}: {:#?}", o.diagnostics);
                let f = f[0];
                assert_eq!(f.location.table, Some(TableId::T3), "{ctx}");
                assert_eq!(f.location.row, Some(*row), "{ctx}");
                assert_eq!(f.location.col, Some(col.as_str()), "{ctx}");
                assert_eq!(
                    f.expected.as_deref(),
                    Some(old.to_string().as_str()),
                    "{ctx}"
                );
                assert_eq!(f.actual.as_deref(), Some(new.to_string().as_str()), "{ctx}");
                assert_explained(&o.diagnostics, f, &ctx);
                named += 1;
            }
        }
    }
    // 175 cells up; the cells that are not 0 down (the fixture's non-zero cells, README).
    assert!(named > 175, "{named}");
}

/// Table 四 (line 63): 行政复议 2 1 0 1 · 4 | 直接起诉 1 0 0 1 · 2 | 复议后起诉 0 0 1 0 · 1. A row has
/// one relation, so one changed cell can be undone in several cells of its row: ambiguous,
/// except where the text names the cell — "行政复议 4 件" states the 行政复议 总计 (the only
/// table 四 cell the text states alone; 行政诉讼 3 件 may be either group or both).
#[test]
fn table_4_names_a_cell_only_when_the_row_allows_one_answer() {
    let rows = ["review", "litigation_direct", "litigation_after_review"];
    let cols = ["upheld", "corrected", "other", "pending", "total"];
    for (i, row) in rows.iter().enumerate() {
        for (j, col) in cols.iter().enumerate() {
            let (text, old, new) = edit(CLEAN, 63, 14 - (i * 5 + j), |v| v + 1);
            let o = check_str(&text, &Options::default());
            let ctx = format!("{row}/{col} {old}→{new}");
            let f = fixes(&o.diagnostics);
            let t401: Vec<&Diagnostic> =
                o.diagnostics.iter().filter(|d| d.code == "T401").collect();
            assert_eq!(t401.len(), 1, "{ctx}: {:#?}", o.diagnostics);
            if (*row, *col) == ("review", "total") {
                assert_eq!(f.len(), 1, "{ctx}: {:#?}", o.diagnostics);
                assert_eq!(f[0].location.row, Some("review"));
                assert_eq!(f[0].location.col, Some("total"));
                assert_eq!(f[0].expected.as_deref(), Some("4"));
                assert_eq!(t401[0].fix, f[0].fix);
            } else {
                assert!(f.is_empty(), "{ctx}: {f:#?}");
                assert!(
                    t401[0].message.contains("无法判断"),
                    "{ctx}: {}",
                    t401[0].message
                );
                assert_eq!(t401[0].fix, None);
                // In 行政复议 the text confirms the 总计 (4): T401 does not ask to change it. In
                // the litigation rows nothing rules the 总计 out.
                assert_eq!(t401[0].expected.is_none(), *row == "review", "{ctx}");
            }
        }
    }
}

#[test]
fn two_cells_in_one_column_are_found_together() {
    // 予以公开 自然人 12 → 13 and 本年新收 自然人 30 → 31: the 予以公开 and 本年新收 rows, the
    // 自然人 outcome total and the 自然人 balance break. Only (予以公开, 自然人) lies on the
    // outcome total and only (本年新收, 自然人) on the balance among the cells of those rows.
    let (text, _, _) = edit(CLEAN, 35, 6, |v| v + 1);
    let (text, _, _) = edit(&text, 33, 6, |v| v + 1);
    let o = check_str(&text, &Options::default());
    let f = fixes(&o.diagnostics);
    let got: Vec<(Option<&str>, Option<&str>, Option<&str>)> = f
        .iter()
        .map(|d| (d.location.row, d.location.col, d.expected.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            (Some("new"), Some("natural_person"), Some("30")),
            (Some("granted"), Some("natural_person"), Some("12")),
        ],
        "{:#?}",
        o.diagnostics
    );
    assert_eq!(f[0].fix, f[1].fix);
    assert!(f[0].message.contains("并把"), "{}", f[0].message);
    let errors: Vec<&Diagnostic> = o
        .diagnostics
        .iter()
        .filter(|d| d.code.starts_with("T30") && d.code != "T300")
        .collect();
    assert_eq!(errors.len(), 4, "{errors:#?}");
    assert!(errors.iter().all(|d| d.fix == f[0].fix));
}

#[test]
fn a_rectangle_of_changes_is_ambiguous() {
    // 予以公开 自然人 +1 and 部分公开 商业企业 +1: undoing them, or taking 1 from 予以公开 商业企业
    // and 部分公开 自然人 instead, balance the table equally well.
    let (text, _, _) = edit(CLEAN, 35, 6, |v| v + 1);
    let (text, _, _) = edit(&text, 36, 5, |v| v + 1);
    let o = check_str(&text, &Options::default());
    assert!(fixes(&o.diagnostics).is_empty(), "{:#?}", o.diagnostics);
    let errors: Vec<&Diagnostic> = o
        .diagnostics
        .iter()
        .filter(|d| d.code.starts_with("T30"))
        .collect();
    assert_eq!(errors.len(), 4, "{errors:#?}");
    for d in errors {
        assert!(d.message.contains("有 2 种同样少的改法"), "{}", d.message);
        assert_eq!(d.fix, None);
    }
}

#[test]
fn an_ignored_fix_leaves_no_dangling_number() {
    let (text, _, _) = edit(CLEAN, 36, 0, |v| v + 1);
    let o = check_str(
        &text,
        &Options {
            ignore: vec!["T300".into()],
            ..Options::default()
        },
    );
    assert!(!o.diagnostics.is_empty());
    assert!(o.diagnostics.iter().all(|d| d.fix.is_none()));
}
