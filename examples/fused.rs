//! Times the recovery of rows whose cells ran together (src/report/fused.rs) on large rows:
//! `cargo run --release --example fused`. Prints the median of 200 runs per case.

use nianbao::report::fused::{split, table3_row_sum, Relations, Split};
use std::time::Instant;

fn time(name: &str, runs: &[&str], cells: usize, rel: &Relations) {
    let mut times = Vec::new();
    let mut out = Split::Impossible;
    for _ in 0..200 {
        let t = Instant::now();
        out = split(runs, cells, rel);
        times.push(t.elapsed());
    }
    times.sort();
    let verdict = match &out {
        Split::Unique(v) => format!("unique {v:?}"),
        Split::Ambiguous(..) => "ambiguous".to_owned(),
        Split::Impossible => "impossible".to_owned(),
        Split::Undecided => "undecided (budget)".to_owned(),
    };
    println!(
        "{name}: median {:?}, max {:?} — {verdict}",
        times[100], times[199]
    );
}

fn main() {
    let row_total = Relations {
        sums: table3_row_sum(),
        ..Relations::default()
    };
    let five = Relations {
        sums: table3_row_sum(),
        max_digits: vec![Some(5); 7],
        ..Relations::default()
    };
    // Six cells and their total, digits run together, no widths known.
    let vals = [12345u64, 23456, 34567, 45678, 56789, 10000];
    let total: u64 = vals.iter().sum();
    let run: String = vals.iter().chain([&total]).map(u64::to_string).collect();
    time("7 cells, 36 digits, row total only", &[&run], 7, &row_total);
    // Seven cells of up to five digits, widths known (the total fits in five digits).
    let vals = [1234u64, 2345, 3456, 4567, 5678, 6789];
    let total: u64 = vals.iter().sum();
    let run: String = vals.iter().chain([&total]).map(u64::to_string).collect();
    time("7 cells of up to 5 digits, widths 5", &[&run], 7, &five);
    // No split adds up: the whole space is searched.
    time(
        "35 digits of 1, widths 5 (no split)",
        &["1".repeat(35).as_str()],
        7,
        &five,
    );
    time(
        "35 digits of 9, row total only",
        &["9".repeat(35).as_str()],
        7,
        &row_total,
    );
    // Hostile rows: the budget bounds the search.
    time(
        "84 digits of 1, 7 cells, row total only",
        &["1".repeat(84).as_str()],
        7,
        &row_total,
    );
    let t4 = Relations {
        sums: nianbao::report::fused::table4_group_sums(),
        ..Relations::default()
    };
    time(
        "100 digits of 9, 15 cells, table 四's group totals",
        &["9".repeat(100).as_str()],
        15,
        &t4,
    );
    time(
        "30 zeros and 5 digits",
        &["000000000000000000000000000012345"],
        7,
        &row_total,
    );
}
