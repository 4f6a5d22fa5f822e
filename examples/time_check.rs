// Native figures beside the page's (tests/browser/timing.mjs runs this): for each text file,
// the time of one check of a string as the JavaScript `check(text)` does it — the engine
// (`check_str`) and the engine plus the result object serialised (`json::single`, JSON text) —
// the first call in a fresh process and then warm (median and minimum of many calls). The
// result is output.md's report object (as `nianbao check --format json` writes it); the page's
// `check()` adds `text`, which for a string is the caller's own string (src/web/api.rs).
// Prints one JSON object per file. `cargo run --release --example time_check -- FILE...`
use nianbao::render::{json, Named};
use std::time::Instant;

fn micros(f: &mut dyn FnMut()) -> f64 {
    let t = Instant::now();
    f();
    t.elapsed().as_secs_f64() * 1e6
}

fn main() {
    let options = nianbao::Options::default();
    for path in std::env::args().skip(1) {
        let Ok(text) = std::fs::read_to_string(&path) else {
            eprintln!("{path}: not readable as UTF-8 text, skipped");
            continue;
        };
        let mut engine = || {
            std::hint::black_box(nianbao::check_str(std::hint::black_box(&text), &options));
        };
        let mut full = || {
            let outcome = nianbao::check_str(std::hint::black_box(&text), &options);
            let json = json::single(&Named {
                file: "input",
                outcome: &outcome,
            });
            std::hint::black_box(serde_json::to_string(&json).unwrap_or_default());
        };
        let first = micros(&mut full);
        let stats = |f: &mut dyn FnMut()| {
            let mut xs: Vec<f64> = (0..300).map(|_| micros(f)).collect();
            xs.sort_by(f64::total_cmp);
            (xs[xs.len() / 2], xs[0])
        };
        let (engine_median, engine_min) = stats(&mut engine);
        let (full_median, full_min) = stats(&mut full);
        println!(
            "{{\"file\":{:?},\"bytes\":{},\"first_us\":{first:.1},\"engine_median_us\":{engine_median:.1},\
             \"engine_min_us\":{engine_min:.1},\"median_us\":{full_median:.1},\"min_us\":{full_min:.1}}}",
            path,
            text.len()
        );
    }
}
