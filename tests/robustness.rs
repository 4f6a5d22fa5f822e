//! Never panic on input, and take time linear in its size: arbitrary bytes and text, fixtures cut
//! anywhere, lines shuffled, cells damaged, pathological repetitions.
#![cfg(not(target_arch = "wasm32"))] // proptest is a native-only dev-dependency

use nianbao::{check, check_str, Options};
use proptest::prelude::*;
use std::path::Path;
use std::time::Instant;

fn fixtures() -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths: Vec<_> = std::fs::read_dir(dir.join("tests/fixtures/renderings"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "md"))
        .collect();
    // The corpus adds real damage when it is present.
    for sub in ["../shared/corpus/seed", "../shared/corpus/real/text"] {
        if let Ok(d) = std::fs::read_dir(dir.join(sub)) {
            paths.extend(d.flatten().map(|e| e.path()));
        }
    }
    paths.sort();
    paths.iter().filter_map(|p| std::fs::read(p).ok()).collect()
}

fn opts() -> Options {
    Options::default()
}

/// Every input yields a result: a report, or a P001/P004 diagnostic saying why not.
fn assert_answers(bytes: &[u8]) {
    let o = check(bytes, &opts());
    assert!(
        o.report.is_some()
            || o.diagnostics
                .iter()
                .any(|d| d.code == "P001" || d.code == "P004")
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..4096)) {
        assert_answers(&bytes);
    }

    #[test]
    fn arbitrary_text(text in "(\\PC|\\t|\\n|[一二三四五六七（）、|0-9件年月日])*") {
        let _ = check_str(&text, &opts());
    }

    #[test]
    fn truncated_fixtures(which in any::<prop::sample::Index>(), cut in any::<prop::sample::Index>()) {
        let all = fixtures();
        let f = &all[which.index(all.len())];
        let at = cut.index(f.len() + 1);
        assert_answers(&f[..at]);
    }

    #[test]
    fn shuffled_lines(which in any::<prop::sample::Index>(), seed in any::<u64>()) {
        let all = fixtures();
        let text = String::from_utf8_lossy(&all[which.index(all.len())]).into_owned();
        let mut lines: Vec<&str> = text.lines().collect();
        // A deterministic shuffle from the seed (Fisher–Yates with a xorshift generator).
        let mut x = seed | 1;
        for i in (1..lines.len()).rev() {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            lines.swap(i, (x % (i as u64 + 1)) as usize);
        }
        let _ = check_str(&lines.join("\n"), &opts());
    }

    #[test]
    fn damaged_cells(which in any::<prop::sample::Index>(), edits in prop::collection::vec((any::<prop::sample::Index>(), 0usize..12), 1..40)) {
        const DAMAGE: [&str; 12] = ["/", "—", "件", "万元", "-", "\t", " | ", "\n", "（七）总计", "1.", "", "三、"];
        let all = fixtures();
        let mut chars: Vec<String> = String::from_utf8_lossy(&all[which.index(all.len())]).chars().map(String::from).collect();
        for (at, d) in edits {
            if !chars.is_empty() {
                let i = at.index(chars.len());
                chars[i] = DAMAGE[d].to_owned();
            }
        }
        let _ = check_str(&chars.concat(), &opts());
    }
}

#[test]
fn pathological_repetitions_do_not_panic() {
    let cases = [
        "《".repeat(20_000),
        "\t".repeat(20_000),
        "|".repeat(20_000),
        "1.属于国家秘密\n".repeat(5_000),
        "0\n".repeat(20_000),
        "三、收到和处理政府信息公开申请情况\n".repeat(2_000),
        "收到申请1件，".repeat(5_000),
        format!("一、本年新收政府信息公开申请数量{}", "\t".repeat(10_000)),
    ];
    for c in &cases {
        let _ = check_str(c, &opts());
    }
}

#[test]
fn over_50_mb_is_refused_with_p001() {
    let big = vec![b'a'; 50 * 1024 * 1024 + 1];
    let o = check(&big, &opts());
    assert!(o.report.is_none());
    assert_eq!(o.diagnostics.len(), 1);
    assert_eq!(o.diagnostics[0].code, "P001");
    assert!(
        o.diagnostics[0].message.contains("50 MB"),
        "{}",
        o.diagnostics[0].message
    );
}

/// A coarse complexity guard, not a speed budget: checking 32 copies of a report must cost about
/// 32 times one copy. A quadratic step would cost ~1000 times; the bound allows 8× noise.
#[test]
fn time_grows_linearly_with_input() {
    let one = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/renderings/pdf.txt"),
    )
    .unwrap();
    let many: Vec<u8> = one.iter().copied().cycle().take(one.len() * 32).collect();
    let best = |b: &[u8], runs: usize| {
        (0..runs)
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(check(b, &opts()));
                t.elapsed()
            })
            .min()
            .unwrap()
    };
    let t1 = best(&one, 15);
    let t32 = best(&many, 3);
    assert!(t32 < t1 * 32 * 8, "1×: {t1:?}, 32×: {t32:?}");
}
