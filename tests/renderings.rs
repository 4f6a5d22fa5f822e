//! One report written in every rendering of format.md §8 (tests/fixtures/renderings, made by
//! make.py there: plain text, and HTML with merged and spacer columns) must read to the same
//! tables, and the report is clean in every one.

use nianbao::render::json;
use nianbao::report::labels::rows;
use serde_json::{json, Value};
use std::path::Path;

const RENDERINGS: [&str; 21] = [
    "tabs.txt",
    "pipes.txt",
    "markdown.md",
    "lines.txt",
    "lines-blank.txt",
    "broken.txt",
    "pdf.txt",
    "spaced.txt",
    "fullwidth.txt",
    "traditional.txt",
    "tabs.gb18030.txt",
    "tabs.utf16.txt",
    "tabs.utf8bom.txt",
    // HTML whose header 商业企业 spans two grid columns: an empty spacer cell after or before the
    // 商业企业 value in every data row.
    "spacer.html",
    "spacer-before.html",
    // One cell per line ending in " |", separator-only lines, rows opening with a lone "|", a "|"
    // line between cells, whole rows on one line, header cells broken over two lines.
    "pipe-lines.txt",
    // Cells holding a line break at the places authors break them (labels of 二 and 三, header
    // cells of 二, 三, 四): tab rows broken there, Excel's quoted cells, Markdown's <br> (all three
    // spellings).
    "cell-breaks.txt",
    "cell-breaks-quoted.txt",
    "cell-breaks.md",
    // Spacer grid columns in tab text: before table 二's one-column values, between table 四's
    // 行政复议 and 行政诉讼.
    "spacer-t2-t4.txt",
    // Pandoc's grid tables: `+---+` rules, cells wrapped over several lines of the row.
    "grid.md",
];

fn tables(name: &str) -> (Value, Vec<String>) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/renderings")
        .join(name);
    let bytes = std::fs::read(&path).unwrap();
    let outcome = nianbao::check(&bytes, &nianbao::Options::default());
    let report = json::report(outcome.report.as_ref().expect("report read"));
    let t =
        json!({"table2": report["table2"], "table3": report["table3"], "table4": report["table4"]});
    let problems = outcome
        .diagnostics
        .iter()
        .map(|d| format!("{} {} {:?}", d.code, d.message, d.location.line))
        .collect();
    (t, problems)
}

/// The tables of make.py, written out by hand.
fn expected() -> Value {
    let z = [0; 7];
    json!({
        "table2": {
            "regulations": {"issued": 0, "repealed": 0, "in_force": 0},
            "normative_documents": {"issued": 2, "repealed": 1, "in_force": 9},
            "licensing": 356, "punishment": 112, "coercion": 7, "fees": 0
        },
        "table3": {
            "columns": ["natural_person", "commercial", "research", "social_welfare", "legal_service", "other", "total"],
            "rows": {
                "new": [10, 3, 0, 1, 2, 0, 16],
                "carried_over": [1, 1, 0, 0, 0, 0, 2],
                "granted": [4, 2, 0, 0, 1, 0, 7],
                "partial": [1, 0, 0, 0, 0, 0, 1],
                "refused_1": z, "refused_2": z, "refused_3": z,
                "refused_4": [1, 0, 0, 0, 0, 0, 1],
                "refused_5": z,
                "refused_6": [0, 1, 0, 0, 0, 0, 1],
                "refused_7": z, "refused_8": z,
                "unable_1": [2, 0, 0, 1, 0, 0, 3],
                "unable_2": z,
                "unable_3": [1, 0, 0, 0, 0, 0, 1],
                "not_processed_1": [1, 0, 0, 0, 0, 0, 1],
                "not_processed_2": z, "not_processed_3": z, "not_processed_4": z, "not_processed_5": z,
                "other_1": z, "other_2": z,
                "other_3": [0, 0, 0, 0, 1, 0, 1],
                "total": [10, 3, 0, 1, 2, 0, 16],
                "carry_forward": [1, 1, 0, 0, 0, 0, 2]
            }
        },
        "table4": {
            "columns": ["upheld", "corrected", "other", "pending", "total"],
            "review": [1, 0, 1, 0, 2],
            "litigation_direct": [0, 1, 0, 1, 2],
            "litigation_after_review": [1, 0, 0, 0, 1]
        }
    })
}

#[test]
fn the_tab_rendering_reads_the_tables_exactly() {
    let (t, _) = tables("tabs.txt");
    assert_eq!(t, expected());
}

#[test]
fn every_rendering_reads_the_same_tables() {
    let want = expected();
    for name in RENDERINGS {
        let (t, _) = tables(name);
        for table in ["table2", "table3", "table4"] {
            assert_eq!(t[table], want[table], "{name}: {table} differs");
        }
    }
}

#[test]
fn the_report_is_clean_in_every_rendering() {
    for name in RENDERINGS {
        let (_, problems) = tables(name);
        assert!(problems.is_empty(), "{name}: {problems:#?}");
    }
}

/// Reports without a title or behind a government site's chrome (make.py's FRONT): what was
/// recognised of the front matter, the tables (identical to every other rendering) and exactly
/// the diagnostics the edits call for, worked out from the fixtures by hand.
#[test]
fn reports_without_a_title_and_behind_website_chrome() {
    // (file, title, agency, year, codes)
    type Case<'a> = (
        &'a str,
        Option<&'a str>,
        Option<&'a str>,
        Option<i32>,
        &'a [&'a str],
    );
    let cases: [Case; 5] = [
        // Year from the period, agency from "2024 年，某某县市场监督管理局认真贯彻…".
        (
            "front-no-title.txt",
            None,
            Some("某某县市场监督管理局"),
            Some(2024),
            &["S004"],
        ),
        // Year from "现将本单位2024年度…报告如下"; 我局 names nobody; no period (S006); part 六
        // opens with 2023年 in a 2024 report (S005 still applies).
        (
            "front-intro-year.txt",
            None,
            None,
            Some(2024),
            &["S004", "S005", "S006"],
        ),
        // Year from table 三's caption, agency from the signature, dated 2025-02-20: after a
        // department's deadline of 2025-01-31 (D001 still applies).
        (
            "front-caption-year.txt",
            None,
            Some("某某县市场监督管理局"),
            Some(2024),
            &["D001", "S004", "S006"],
        ),
        // Navigation, breadcrumbs, 发布时间/来源/字号/打印本页 around the title: the title is found.
        (
            "front-chrome.txt",
            Some("某某县市场监督管理局2024年政府信息公开工作年度报告"),
            Some("某某县市场监督管理局"),
            Some(2024),
            &[],
        ),
        // The same chrome without a title: neither title nor agency is taken from it.
        (
            "front-chrome-no-title.txt",
            None,
            None,
            Some(2024),
            &["S004"],
        ),
    ];
    let want = expected();
    for (name, title, agency, year, codes) in cases {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/renderings")
            .join(name);
        let outcome = nianbao::check(&std::fs::read(&path).unwrap(), &nianbao::Options::default());
        let r = outcome.report.as_ref().expect("report read");
        assert_eq!(
            r.title.as_ref().map(|t| t.0.as_str()),
            title,
            "{name}: title"
        );
        assert_eq!(r.agency.as_deref(), agency, "{name}: agency");
        assert_eq!(r.year.map(|y| y.0), year, "{name}: year");
        let mut got: Vec<&str> = outcome.diagnostics.iter().map(|d| d.code).collect();
        got.sort();
        assert_eq!(got, codes, "{name}: diagnostics");
        let (t, _) = tables(name);
        assert_eq!(t, want, "{name}: tables");
    }
}

/// The official template not filled in (make.py's BLANKS: tabs, one cell per line, HTML): every
/// table is there with every cell blank — C001 for each table, never P002 or P003. The text still
/// states 16 applications received, 2 carried over, 16 concluded, 2 carried forward, 2
/// reconsiderations and 3 lawsuits, so each disagrees with its blank (0) cell: six N001.
#[test]
fn a_blank_template_is_tables_of_blank_cells() {
    use nianbao::report::Value as V;
    for name in [
        "blank-template.txt",
        "blank-template-lines.txt",
        "blank-template.html",
    ] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/renderings")
            .join(name);
        let outcome = nianbao::check(&std::fs::read(&path).unwrap(), &nianbao::Options::default());
        let r = outcome.report.as_ref().expect("report read");
        for (table, t, rows, width) in [
            ("table2", &r.table2, 6, None),
            ("table3", &r.table3, 25, Some(7)),
            ("table4", &r.table4, 3, Some(5)),
        ] {
            let t = t
                .as_ref()
                .unwrap_or_else(|| panic!("{name}: {table} found"));
            assert!(t.missing.is_empty(), "{name}: {table} rows missing");
            assert_eq!(t.rows.len(), rows, "{name}: {table} rows");
            for row in &t.rows {
                let w = width.unwrap_or(row.spec.columns.len());
                assert_eq!(row.cells.len(), w, "{name}: {}", row.spec.key);
                assert!(
                    row.cells.iter().all(|c| c.value == V::Blank),
                    "{name}: {} not blank",
                    row.spec.key
                );
            }
        }
        let mut codes: Vec<&str> = outcome.diagnostics.iter().map(|d| d.code).collect();
        codes.sort();
        assert_eq!(
            codes,
            ["C001", "C001", "C001", "N001", "N001", "N001", "N001", "N001", "N001"],
            "{name}"
        );
        let c001: Vec<&str> = outcome
            .diagnostics
            .iter()
            .filter(|d| d.code == "C001")
            .map(|d| d.message.as_str())
            .collect();
        assert!(
            c001[0].starts_with("表二有 10 个单元格为空"),
            "{name}: {}",
            c001[0]
        );
        assert!(
            c001[1].starts_with("表三有 175 个单元格为空"),
            "{name}: {}",
            c001[1]
        );
        assert!(
            c001[2].starts_with("表四有 15 个单元格为空"),
            "{name}: {}",
            c001[2]
        );
    }
}

/// Cells that ran together (make.py's FUSED). In fused.txt table 三's 一、本年新收 row reads
/// "…数量10 3012016": with the other rows read, the column relations (new = total + carry_forward
/// − carried_over: 10+1−1, 3+1−1, 0, 1, 2, 0, 16+2−2) admit one split, 10 3 0 1 2 0 16; table 四's
/// row "10102 01012 10001" has 15 digits for 15 cells. Both are read as the other renderings, and
/// each carries a P005 note. In fused-ambiguous.txt （七）总计 ran together the same way, so
/// 一、本年新收 has no column relation left: 10,3,0,1,2,0,16 and 1,0,3,0,12,0,16 both add up
/// (1+0+3+0+12+0 = 16), the row is not read (P003 says so, with both readings), while （七）总计
/// is still pinned by the sum of the outcome rows.
#[test]
fn cells_that_ran_together() {
    let (t, _) = tables("fused.txt");
    assert_eq!(t, expected());
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/renderings");
    let run = |name: &str| {
        nianbao::check(
            &std::fs::read(path.join(name)).unwrap(),
            &nianbao::Options::default(),
        )
    };
    let o = run("fused.txt");
    let r = o.report.as_ref().unwrap();
    let t3 = r.table3.as_ref().unwrap();
    assert!(t3.row(rows::NEW).unwrap().recovered);
    assert!(!t3.row(rows::CARRIED_OVER).unwrap().recovered);
    assert!(r.table4.as_ref().unwrap().rows.iter().all(|r| r.recovered));
    let found: Vec<(&str, u32, Option<&str>, Option<&str>)> = o
        .diagnostics
        .iter()
        .map(|d| {
            (
                d.code,
                d.location.line.unwrap_or(0),
                d.location.table.map(|t| t.key()),
                d.location.row,
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("P005", 43, Some("table3"), Some("new")),
            ("P005", 74, Some("table4"), None)
        ]
    );
    assert_eq!(
        o.diagnostics[0].expected.as_deref(),
        Some("10、3、0、1、2、0、16")
    );
    assert_eq!(o.diagnostics[0].actual.as_deref(), Some("10 3012016"));

    let o = run("fused-ambiguous.txt");
    let r = o.report.as_ref().unwrap();
    let t3 = r.table3.as_ref().unwrap();
    assert!(t3.row(rows::NEW).is_none(), "never guessed");
    let total: Vec<f64> = t3
        .row(rows::TOTAL)
        .unwrap()
        .cells
        .iter()
        .map(|c| c.number().unwrap())
        .collect();
    assert_eq!(total, [10.0, 3.0, 0.0, 1.0, 2.0, 0.0, 16.0]);
    let codes: Vec<&str> = o.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["P003", "P005", "P005"]);
    let p003 = &o.diagnostics[0].message;
    for part in [
        "「一、本年新收政府信息…」行",
        "「10 3012016」",
        "1、0、3、0、12、0、16",
        "10、3、0、1、2、0、16",
        "加上分隔",
    ] {
        assert!(p003.contains(part), "{part}: {p003}");
    }
}
