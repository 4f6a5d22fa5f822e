//! `nianbao check --format html` writes the standalone report with the same renderer as the page.

use std::process::Command;

#[test]
fn format_html_writes_the_standalone_report() {
    let out = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(["check", "--format", "html", "www/sample/sample.txt"])
        .output()
        .unwrap();
    // The sample has errors: exit status 1 (output.md).
    assert_eq!(out.status.code(), Some(1));
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<b>4</b> 个错误"));
    assert!(html.contains("id=\"c-table3-partial-total\""));
    assert!(!html.to_lowercase().contains("<script"));
    // When and by which version: in the header and in the result's summary.
    let version = env!("CARGO_PKG_VERSION");
    assert!(html.contains(&format!("由 nianbao {version}（年报校验）生成，检查时间 ")));
    assert!(html.contains(&format!("（北京时间） · nianbao {version}</p>")));
}

#[test]
fn format_html_with_several_files_has_an_overview() {
    let dir = std::env::temp_dir().join(format!("nianbao-html-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let target = dir.join("out.html");
    let status = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(["check", "--format", "html", "--output"])
        .arg(&target)
        .args(["www/sample/clean.txt", "www/sample/sample.txt"])
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(1));
    let html = std::fs::read_to_string(&target).unwrap();
    assert!(html.contains("年报校验结果（2 份报告）"));
    assert!(html.contains("href=\"#r0-result\"") && html.contains("href=\"#r1-result\""));
    std::fs::remove_dir_all(&dir).ok();
}
