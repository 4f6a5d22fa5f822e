// Mutation stress for the .doc reader (development aid): for N seconds, damages the .doc
// fixtures in place (bytes, 16- and 32-bit fields set to boundary values, blocks copied over
// other blocks: offsets stay where they were, so the damage reaches the FAT, the directory, the
// FIB, the piece table and the FKP pages rather than only breaking the container), or cuts them
// short, and checks that nothing panics and no input takes more than a second.
// `nice -n 19 cargo run --release --example stress_doc -- 1800`; inputs that fail are saved in
// /tmp/stress-doc/.
use std::panic;
use std::time::{Duration, Instant};

fn main() {
    let secs: u64 = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(30);
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/doc");
    let mut files: Vec<Vec<u8>> = std::fs::read_dir(dir)
        .expect("tests/fixtures/doc")
        .flatten()
        .filter_map(|e| std::fs::read(e.path()).ok())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no .doc fixtures");
    std::fs::create_dir_all("/tmp/stress-doc").unwrap();
    let mut x: u64 = std::env::args()
        .nth(2)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x9E37_79B9_7F4A_7C15);
    let mut rnd = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    const VALUES: [u32; 10] = [
        0,
        1,
        2,
        0x7F,
        0xFF,
        0x7FFF,
        0xFFFF,
        0x7FFF_FFFF,
        0xFFFF_FFFE,
        0xFFFF_FFFF,
    ];
    let start = Instant::now();
    let (mut n, mut ok, mut slowest) = (0u64, 0u64, Duration::ZERO);
    let opts = nianbao::Options::default();
    while start.elapsed().as_secs() < secs {
        let mut b = files[(rnd() % files.len() as u64) as usize].clone();
        for _ in 0..1 + rnd() % 8 {
            let at = (rnd() % b.len() as u64) as usize;
            match rnd() % 6 {
                0 | 1 => b[at] = rnd() as u8,
                2 => {
                    let v = VALUES[(rnd() % VALUES.len() as u64) as usize].to_le_bytes();
                    let end = (at + 2).min(b.len());
                    b[at..end].copy_from_slice(&v[..end - at]);
                }
                3 => {
                    let v = VALUES[(rnd() % VALUES.len() as u64) as usize].to_le_bytes();
                    let end = (at + 4).min(b.len());
                    b[at..end].copy_from_slice(&v[..end - at]);
                }
                4 => {
                    let len = (rnd() % 600) as usize;
                    let from = (rnd() % b.len() as u64) as usize;
                    let len = len.min(b.len() - from).min(b.len() - at);
                    b.copy_within(from..from + len, at);
                }
                _ => {
                    if rnd() % 4 == 0 {
                        b.truncate(at);
                    }
                }
            }
            if b.is_empty() {
                break;
            }
        }
        let t = Instant::now();
        let r = panic::catch_unwind(|| nianbao::check(&b, &opts));
        let took = t.elapsed();
        slowest = slowest.max(took);
        match r {
            Err(_) => {
                let path = format!("/tmp/stress-doc/panic-{n}.doc");
                std::fs::write(&path, &b).unwrap();
                eprintln!("panic: saved {path}");
            }
            Ok(out) => {
                if out.input_format.is_some() {
                    ok += 1;
                }
                // Timed again before it counts: on a busy machine a niced run is descheduled.
                if took > Duration::from_secs(1) && {
                    let t = Instant::now();
                    let _ = nianbao::check(&b, &opts);
                    t.elapsed() > Duration::from_secs(1)
                } {
                    let path = format!("/tmp/stress-doc/slow-{n}.doc");
                    std::fs::write(&path, &b).unwrap();
                    eprintln!("slow ({took:?}): saved {path}");
                }
            }
        }
        n += 1;
    }
    println!(
        "{n} damaged .doc inputs checked in {secs} s: {ok} still read, the rest refused; slowest {:.1} ms",
        slowest.as_secs_f64() * 1e3
    );
}
