//! The stages import forward only (docs/ARCHITECTURE.md): a module may use its own stage and the
//! stages before it, never a later one. Read from the sources, so a backward `use` fails here.

use std::path::{Path, PathBuf};

/// The stages in pipeline order; modules of equal rank may use each other.
const STAGES: &[(&str, u8)] = &[
    ("normalize", 0),
    ("diagnostic", 0),
    ("clock", 0),
    ("assets", 0),
    ("decimal", 0),
    ("jsonvalue", 0),
    ("base64", 0),
    ("pool", 0),
    ("source", 1),
    ("report", 2),
    ("rules", 3),
    ("check", 4),
    ("render", 5),
    ("session", 6),
    ("web", 7),
    ("bin", 7),
    // The readers module's export (wasm32): a face over source, like web.
    ("readers", 7),
];

fn rank(module: &str) -> Option<u8> {
    STAGES.iter().find(|(m, _)| *m == module).map(|(_, r)| *r)
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("readable src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level modules a source file names through `crate::`, including `use crate::{a, b}`.
fn crate_references(src: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = src;
    while let Some(i) = rest.find("crate::") {
        rest = &rest[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // Top-level items of the group: the first identifier after `{` or a `,` at depth 0.
            let mut depth = 0;
            let mut start = true;
            for (j, ch) in group.char_indices() {
                match ch {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => start = true,
                    c if start && (c.is_alphanumeric() || c == '_') => {
                        found.push(ident_at(&group[j..]));
                        start = false;
                    }
                    _ => {}
                }
            }
        } else {
            found.push(ident_at(rest));
        }
    }
    found
}

fn ident_at(s: &str) -> String {
    s.chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect()
}

#[test]
fn stages_import_forward_only() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut violations = Vec::new();
    for file in &files {
        let rel = file.strip_prefix(&src).expect("under src");
        let top = rel
            .components()
            .next()
            .and_then(|c| c.as_os_str().to_str())
            .map(|s| s.trim_end_matches(".rs").to_string())
            .expect("file name");
        if top == "lib" {
            continue; // declares the modules
        }
        let Some(own) = rank(&top) else {
            violations.push(format!(
                "{}: module `{top}` has no stage in STAGES",
                rel.display()
            ));
            continue;
        };
        let text = std::fs::read_to_string(file).expect("utf-8 source");
        for used in crate_references(&text) {
            match rank(&used) {
                Some(r) if r > own => violations.push(format!(
                    "{}: stage `{top}` uses the later stage `{used}`",
                    rel.display()
                )),
                _ => {}
            }
        }
    }
    assert!(violations.is_empty(), "{}", violations.join("\n"));
}

#[test]
fn the_reference_scanner_sees_groups_and_paths() {
    let refs = crate_references(
        "use crate::report::{self, Report};\nuse crate::{check_str, render::json, rules::{a, b}};\nlet v = crate::VERSION;",
    );
    assert_eq!(refs, ["report", "check_str", "render", "rules", "VERSION"]);
}
