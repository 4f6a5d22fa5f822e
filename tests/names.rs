//! Table and row names written as strings in the sources must exist: a typo such as
//! `row("carry_foward")` would otherwise find nothing and silently skip a check. Every string
//! literal passed as a table name or a row key is checked against the format's data
//! (`report::labels`), read from the sources so that code paths no test reaches are covered too.

use nianbao::report::labels::{Group, T2_ROWS_2019, T2_ROWS_2021, T3_ROWS, T4_ROWS};
use std::path::{Path, PathBuf};

fn row_keys(table: &str) -> Vec<&'static str> {
    let specs: Vec<&'static [nianbao::report::labels::RowSpec]> = match table {
        "table2" => vec![T2_ROWS_2021, T2_ROWS_2019],
        "table3" => vec![T3_ROWS],
        "table4" => vec![T4_ROWS],
        _ => vec![],
    };
    let mut keys: Vec<&'static str> = specs
        .iter()
        .flat_map(|s| s.iter().map(|r| r.key.as_str()))
        .collect();
    if table == "table3" {
        keys.extend(Group::ALL.iter().map(|g| g.subtotal_key().as_str()));
    }
    keys
}

const TABLES: [&str; 3] = ["table2", "table3", "table4"];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("readable dir") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The string literals that follow `pattern` directly: `.row("x"` gives `x`.
fn literals_after<'a>(text: &'a str, pattern: &str) -> Vec<(&'a str, &'a str)> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find(pattern) {
        rest = &rest[i + pattern.len()..];
        let Some(end) = rest.find('"') else { break };
        let first = &rest[..end];
        // A second literal argument, as in `.cell("table3", "partial", …)`.
        let after = rest[end + 1..].trim_start();
        let second = after
            .strip_prefix(',')
            .map(str::trim_start)
            .and_then(|a| a.strip_prefix('"'))
            .and_then(|a| a.find('"').map(|e| &a[..e]))
            .unwrap_or("");
        out.push((first, second));
    }
    out
}

#[test]
fn every_table_name_and_row_key_in_the_sources_exists() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let all_rows: Vec<&str> = TABLES.iter().flat_map(|t| row_keys(t)).collect();
    let mut unknown = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).expect("utf-8 source");
        let rel = file.strip_prefix(&src).expect("under src").display();
        for (key, _) in literals_after(&text, ".row(\"") {
            if !all_rows.contains(&key) {
                unknown.push(format!("{rel}: row key \"{key}\""));
            }
        }
        for (table, key) in literals_after(&text, ".cell(\"") {
            if !TABLES.contains(&table) {
                continue; // `Table::cell("key", col)`: a row key
            }
            if !key.is_empty() && !row_keys(table).contains(&key) {
                unknown.push(format!("{rel}: {table} has no row \"{key}\""));
            }
        }
        // Any literal that names a table.
        for (i, _) in text.match_indices("\"table") {
            let lit: String = text[i + 1..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            let closed = text[i + 1 + lit.len()..].starts_with('"');
            if closed
                && lit.len() > "table".len()
                && !lit.contains('_')
                && !TABLES.contains(&lit.as_str())
            {
                unknown.push(format!("{rel}: table name \"{lit}\""));
            }
        }
        for (key, _) in literals_after(&text, ".cell_value(\"") {
            if !all_rows.contains(&key) {
                unknown.push(format!("{rel}: row key \"{key}\""));
            }
        }
    }
    assert!(
        unknown.is_empty(),
        "names that do not exist:\n{}",
        unknown.join("\n")
    );
}

#[test]
fn the_scanner_finds_literal_arguments() {
    let found = literals_after(
        "t.row(\"carry_foward\"); e.cell(\"table3\", \"partial\", Some(\"total\"))",
        ".row(\"",
    );
    assert_eq!(found, [("carry_foward", "")]);
    let found = literals_after("e.cell(\"table3\", \"partial\", x)", ".cell(\"");
    assert_eq!(found, [("table3", "partial")]);
    assert!(!row_keys("table3").contains(&"carry_foward"));
    assert!(row_keys("table3").contains(&"carry_forward"));
}
