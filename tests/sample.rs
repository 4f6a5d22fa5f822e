//! The 示例 report the web page loads (www/sample/): its clean original checks clean, and every
//! planted problem is found, with the values worked out by hand (www/sample/README.md).

use nianbao::diagnostic::Severity::{self, *};
use nianbao::{check_str, Options};

const CLEAN: &str = include_str!("../www/sample/clean.txt");
const SAMPLE: &str = include_str!("../www/sample/sample.txt");

#[test]
fn clean_original_has_no_problems() {
    let o = check_str(CLEAN, &Options::default());
    assert!(o.diagnostics.is_empty(), "{:#?}", o.diagnostics);
}

#[test]
fn sample_differs_from_clean_only_in_the_listed_lines() {
    let a: Vec<&str> = CLEAN.split('\n').collect();
    let b: Vec<&str> = SAMPLE.split('\n').collect();
    assert_eq!(a.len(), b.len());
    let changed: Vec<usize> = (0..a.len())
        .filter(|&i| a[i] != b[i])
        .map(|i| i + 1)
        .collect();
    assert_eq!(changed, [3, 8, 23, 36, 39, 63, 65, 70]);
}

/// (code, severity, line, table, row, col, expected, actual)
type Expect = (
    &'static str,
    Severity,
    u32,
    Option<&'static str>,
    Option<&'static str>,
    Option<&'static str>,
    Option<&'static str>,
    Option<&'static str>,
);

#[test]
fn sample_has_exactly_the_planted_problems() {
    let expected: &[Expect] = &[
        (
            "S008",
            Warning,
            3,
            None,
            None,
            None,
            Some("《中华人民共和国政府信息公开条例》"),
            Some("《中华人民共和国信息公开条例》"),
        ),
        (
            "S006",
            Error,
            3,
            None,
            None,
            None,
            Some("2024年1月1日至2024年12月31日"),
            Some("2024年1月1日至2024年11月30日"),
        ),
        (
            "N001",
            Warning,
            8,
            Some("table3"),
            Some("new"),
            Some("total"),
            Some("6"),
            Some("8"),
        ),
        (
            "C006",
            Warning,
            23,
            Some("table2"),
            Some("punishment"),
            Some("decisions"),
            Some("12"),
            Some("12件"),
        ),
        (
            "T300",
            Info,
            36,
            Some("table3"),
            Some("partial"),
            Some("total"),
            Some("1"),
            Some("2"),
        ),
        (
            "T303",
            Error,
            36,
            Some("table3"),
            Some("partial"),
            Some("total"),
            Some("1"),
            Some("2"),
        ),
        (
            "C001",
            Warning,
            39,
            Some("table3"),
            Some("refused_3"),
            Some("research"),
            Some("0"),
            Some(""),
        ),
        (
            "T302",
            Error,
            56,
            Some("table3"),
            Some("total"),
            Some("total"),
            None,
            Some("6"),
        ),
        (
            "T401",
            Error,
            63,
            Some("table4"),
            Some("review"),
            Some("total"),
            Some("1"),
            Some("0"),
        ),
        (
            "S003",
            Warning,
            65,
            None,
            None,
            None,
            Some("五、存在的主要问题及改进情况"),
            Some("五、存在的问题和下一步工作计划"),
        ),
        ("K004", Warning, 69, None, None, None, None, None),
    ];
    let o = check_str(SAMPLE, &Options::default());
    let got: Vec<Expect> = o
        .diagnostics
        .iter()
        .map(|d| {
            (
                d.code,
                d.severity,
                d.location.line.unwrap_or(0),
                d.location.table.map(|t| t.key()),
                d.location.row,
                d.location.col,
                d.expected.as_deref().map(|s| &*s.to_owned().leak()),
                d.actual.as_deref().map(|s| &*s.to_owned().leak()),
            )
        })
        .collect();
    assert_eq!(got, expected);
}

/// One changed cell (（二）部分公开 总计 1 → 2) breaks its row (T303) and the 总计 column's outcome
/// total (T302). T300 names that cell; T302 no longer advises setting （七）总计 to 7, which would
/// break the balance of the column and the 总计 row. Table 四's 行政复议 row can be balanced by
/// changing 结果维持 or 总计: T401 says the cause is ambiguous and names both.
#[test]
fn the_fix_explains_both_table_3_errors() {
    let o = check_str(SAMPLE, &Options::default());
    let by = |code: &str| o.diagnostics.iter().find(|d| d.code == code).unwrap();
    let (fix, t303, t302, t401) = (by("T300"), by("T303"), by("T302"), by("T401"));
    assert_eq!(
        fix.message,
        "把表三「（二）部分公开」行「总计」由 2 改为 1，可同时消除 T303、T302 两处错误"
    );
    assert_eq!(fix.fix, Some(1));
    assert_eq!(t303.fix, Some(1));
    assert_eq!(t302.fix, Some(1));
    assert!(!t302.message.contains("应为 7"), "{}", t302.message);
    assert!(t302.message.contains("T300"), "{}", t302.message);
    assert_eq!(t401.fix, None);
    assert!(
        t401.message
            .contains("「结果维持」由 1 改为 0；或把表四「行政复议」「总计」由 0 改为 1"),
        "{}",
        t401.message
    );
    assert!(t401.message.contains("无法判断是哪一格填错"));
}
