// Mutation stress (development aid): mutates fixtures at random for N seconds and checks that
// nothing panics. `cargo run --release --example stress -- 60`
use std::panic;
fn main() {
    let secs: u64 = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(30);
    let mut files = Vec::new();
    for dir in [
        "tests/fixtures",
        "tests/fixtures/renderings",
        "../shared/corpus/real/text",
        "../shared/corpus/seed",
    ] {
        if let Ok(d) = std::fs::read_dir(dir) {
            for e in d.flatten() {
                if let Ok(b) = std::fs::read(e.path()) {
                    if b.len() < 2_000_000 {
                        files.push(b);
                    }
                }
            }
        }
    }
    let tokens: Vec<&[u8]> = vec![
        b"\t",
        b"|",
        b"\n",
        "（七）总计".as_bytes(),
        "一、".as_bytes(),
        b"0",
        b"-",
        "件".as_bytes(),
        "《".as_bytes(),
        "2024年".as_bytes(),
        b"  ",
        "万元".as_bytes(),
        "结转下年度".as_bytes(),
        b"#",
    ];
    let mut x: u64 = 0x9E3779B97F4A7C15;
    let mut rnd = || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let start = std::time::Instant::now();
    let mut n = 0u64;
    while start.elapsed().as_secs() < secs {
        let f = &files[(rnd() % files.len() as u64) as usize];
        let mut b = f.clone();
        for _ in 0..(1 + rnd() % 20) {
            if b.is_empty() {
                break;
            }
            let at = (rnd() % b.len() as u64) as usize;
            match rnd() % 4 {
                0 => {
                    b.remove(at);
                }
                1 => {
                    let t = tokens[(rnd() % tokens.len() as u64) as usize];
                    b.splice(at..at, t.iter().copied());
                }
                2 => {
                    b[at] = rnd() as u8;
                }
                _ => {
                    let end = (at + (rnd() % 200) as usize).min(b.len());
                    b.drain(at..end);
                }
            }
        }
        let prev = if rnd() % 5 == 0 {
            Some(files[(rnd() % files.len() as u64) as usize].clone())
        } else {
            None
        };
        let opts = nianbao::Options {
            previous: prev,
            ignore: vec![],
        };
        let r = panic::catch_unwind(|| nianbao::check(&b, &opts));
        if r.is_err() {
            let path = format!("/tmp/fuzz/crash-{n}.bin");
            std::fs::write(&path, &b).unwrap();
            eprintln!("panic: saved {path}");
        }
        n += 1;
    }
    println!("{n} inputs checked");
}
