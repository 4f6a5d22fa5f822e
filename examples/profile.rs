// Checks each file N times (development aid for profilers: `perf record`, `valgrind --tool=callgrind`).
// `cargo build --release --example profile && target/release/examples/profile 20 FILE...`
fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(1);
    let files: Vec<Vec<u8>> = args.map(|p| std::fs::read(p).unwrap_or_default()).collect();
    let options = nianbao::Options::default();
    let mut count = 0;
    for _ in 0..n {
        for bytes in &files {
            count += nianbao::check(std::hint::black_box(bytes), &options)
                .diagnostics
                .len();
        }
    }
    println!("{count} diagnostics");
}
