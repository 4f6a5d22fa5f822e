//! Marks the tests that read the shared corpus (`../shared/corpus`, beside the repository) as
//! ignored when it is absent, so that a run without it reports them as skipped, not passed.

use std::path::Path;

fn main() {
    println!("cargo:rustc-check-cfg=cfg(corpus_absent)");
    let dir = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".into());
    let corpus = Path::new(&dir).join("../shared/corpus");
    if corpus.is_dir() {
        println!("cargo:rerun-if-changed={}", corpus.display());
    } else {
        println!("cargo:rustc-cfg=corpus_absent");
        // Rerun when it appears (cargo watches the parent for a missing path).
        println!(
            "cargo:rerun-if-changed={}",
            Path::new(&dir).join("..").display()
        );
    }
    println!("cargo:rerun-if-changed=build.rs");
}
