//! One report written in every rendering of format.md §8 (tests/fixtures/renderings, made by
//! make.py there: plain text, and HTML with merged and spacer columns) must read to the same
//! tables, and the report is clean in every one.

use nianbao::render::json;
use serde_json::{json, Value};
use std::path::Path;

const RENDERINGS: [&str; 16] = [
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
