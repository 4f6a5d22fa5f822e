// Writes the pathological inputs of issue 7 at a scale, for measuring with `/usr/bin/time -v`
// (scripts/bounded.sh): `cargo run --release --example families -- OUTDIR K [FAMILY]`.
#[path = "../tests/families/mod.rs"]
mod families;

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().expect("OUTDIR");
    let k: usize = args.next().and_then(|s| s.parse().ok()).expect("K");
    let only = args.next();
    std::fs::create_dir_all(&dir).unwrap();
    for (name, make) in families::all() {
        if only.as_deref().is_some_and(|o| o != name) {
            continue;
        }
        let bytes = make(k);
        let path = format!("{dir}/{name}.{k}x");
        std::fs::write(&path, &bytes).unwrap();
        println!("{path}\t{}", bytes.len());
    }
}
