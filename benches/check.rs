//! `cargo bench --bench check`: median (and minimum) time to check the seed and each real report
//! natively (read + recognise + rules, as the command line does), and throughput in MB/s, against
//! the budgets of design.md (seed ≤ 120 µs; ≥ 100 MB/s of text, ≥ 300 MB/s of saved HTML pages).
//! Inputs come from ../shared/corpus and are skipped when absent; a synthetic ~5 MB input (whole
//! copies of the seed, so no character is cut) measures throughput on large input. On a shared
//! machine the minimum shows what the code costs, the median what a busy machine gives.

use std::path::Path;
use std::time::{Duration, Instant};

/// Minimum and median time of single runs: at least 11, then until `budget` is spent.
fn times(bytes: &[u8], budget: Duration) -> (Duration, Duration) {
    let options = nianbao::Options::default();
    // Warm up, then time single runs until the budget is spent (at least 11 runs).
    for _ in 0..3 {
        std::hint::black_box(nianbao::check(bytes, &options));
    }
    let mut times = Vec::new();
    let start = Instant::now();
    while times.len() < 11 || (start.elapsed() < budget && times.len() < 2000) {
        let t = Instant::now();
        std::hint::black_box(nianbao::check(std::hint::black_box(bytes), &options));
        times.push(t.elapsed());
    }
    times.sort();
    (times[0], times[times.len() / 2])
}

/// What a case is held to (design.md): a median time, a median throughput, or nothing.
enum Budget {
    MaxMicros(f64),
    MinMbps(f64),
    None,
}

fn report(name: &str, bytes: &[u8], budget: Budget) {
    let (min, median) = times(bytes, Duration::from_secs(2));
    let mbps = |d: Duration| bytes.len() as f64 / d.as_secs_f64() / 1e6;
    let verdict = |ok: bool| if ok { "ok" } else { "OVER" };
    let budget = match budget {
        Budget::MaxMicros(us) => format!(
            "budget ≤ {us} µs: {}",
            verdict(median.as_secs_f64() * 1e6 <= us)
        ),
        Budget::MinMbps(m) => format!("budget ≥ {m} MB/s: {}", verdict(mbps(median) >= m)),
        Budget::None => String::new(),
    };
    println!(
        "{name:<40} {:>9} B  median {:>10.1} µs {:>7.1} MB/s  min {:>10.1} µs {:>7.1} MB/s  {budget}",
        bytes.len(),
        median.as_secs_f64() * 1e6,
        mbps(median),
        min.as_secs_f64() * 1e6,
        mbps(min),
    );
}

fn main() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let seed = corpus.join("seed/000_ffcb108f41c038dc.txt");
    let Ok(seed_bytes) = std::fs::read(&seed) else {
        println!("../shared/corpus is absent: nothing to measure");
        return;
    };
    println!(
        "budgets (design.md): seed ≤ 120 µs median; ≥ 100 MB/s on text (whole copies of the seed), \
         ≥ 300 MB/s on saved HTML pages; the other texts are shown for comparison"
    );
    report(
        "seed/000_ffcb108f41c038dc.txt",
        &seed_bytes,
        Budget::MaxMicros(120.0),
    );
    for dir in ["real/text", "real/html"] {
        let mut real: Vec<_> = std::fs::read_dir(corpus.join(dir))
            .map(|d| d.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        real.sort();
        for path in real {
            if let Ok(bytes) = std::fs::read(&path) {
                let name = path.file_name().unwrap_or_default().to_string_lossy();
                let budget = if dir == "real/html" {
                    Budget::MinMbps(300.0)
                } else {
                    Budget::None
                };
                report(&format!("{dir}/{name}"), &bytes, budget);
            }
        }
    }
    // Whole copies only: cutting the last UTF-8 character would make the input unreadable and
    // time only its rejection.
    let copies = (5 * 1024 * 1024) / seed_bytes.len() + 1;
    let big: Vec<u8> = seed_bytes.repeat(copies);
    let outcome = nianbao::check(&big, &nianbao::Options::default());
    assert!(
        outcome.diagnostics.iter().all(|d| d.code != "P001"),
        "the synthetic input must read as a report"
    );
    report(
        &format!("synthetic: {copies} copies of the seed"),
        &big,
        Budget::MinMbps(100.0),
    );
}
