// PDF mutation stress (development aid): mutates the PDF fixtures (and the corpus's PDFs when
// present) for N seconds; reports any panic (input saved under /tmp/pdf-stress/) and the
// slowest input. `cargo run --release --example pdf_stress -- 600`
use std::panic;
use std::time::{Duration, Instant};

fn main() {
    let secs: u64 = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(30);
    let mut files: Vec<Vec<u8>> = Vec::new();
    for dir in ["tests/fixtures/pdf", "../shared/corpus/real/pdf"] {
        if let Ok(d) = std::fs::read_dir(dir) {
            for e in d.flatten() {
                if let Ok(b) = std::fs::read(e.path()) {
                    if b.starts_with(b"%PDF") {
                        files.push(b);
                    }
                }
            }
        }
    }
    // Uncompressed pages with text and a ruled table: mutations reach the content parser.
    files.push(plain_pdf());
    let tokens: Vec<&[u8]> = vec![
        b" 0 R",
        b"<<",
        b">>",
        b"[",
        b"]",
        b"(",
        b")",
        b"<",
        b">",
        b"obj",
        b"endobj",
        b"stream\n",
        b"endstream",
        b"xref",
        b"trailer",
        b"startxref",
        b"/Length 99999999",
        b"/Filter /FlateDecode",
        b"/Kids [2 0 R 2 0 R]",
        b"-1",
        b"1e308",
        b"/Type /ObjStm",
        b" Tj",
        b" TJ",
        b" Tm",
        b" cm",
        b" re f",
        b" Do",
        b"BT",
        b"ET",
        b"q",
        b"Q",
        b"/Encrypt 1 0 R",
        b"\\",
    ];
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut rnd = || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let _ = std::fs::create_dir_all("/tmp/pdf-stress");
    let start = Instant::now();
    let (mut n, mut slowest) = (0u64, Duration::ZERO);
    while start.elapsed().as_secs() < secs {
        let f = &files[(rnd() % files.len() as u64) as usize];
        let mut b = f.clone();
        for _ in 0..(1 + rnd() % 12) {
            if b.is_empty() {
                break;
            }
            let at = (rnd() % b.len() as u64) as usize;
            match rnd() % 5 {
                0 => {
                    b.remove(at);
                }
                1 | 2 => {
                    let t = tokens[(rnd() % tokens.len() as u64) as usize];
                    b.splice(at..at, t.iter().copied());
                }
                3 => b[at] = rnd() as u8,
                _ => {
                    let end = (at + (rnd() % 400) as usize).min(b.len());
                    b.drain(at..end);
                }
            }
        }
        let t = Instant::now();
        let r = panic::catch_unwind(|| nianbao::check(&b, &nianbao::Options::default()));
        let took = t.elapsed();
        if took > slowest {
            slowest = took;
            let _ = std::fs::write("/tmp/pdf-stress/slowest.pdf", &b);
        }
        if r.is_err() {
            let path = format!("/tmp/pdf-stress/crash-{n}.pdf");
            let _ = std::fs::write(&path, &b);
            eprintln!("panic: saved {path}");
        }
        n += 1;
    }
    println!(
        "{n} PDFs checked in {secs} s; slowest {:.1} ms (/tmp/pdf-stress/slowest.pdf)",
        slowest.as_secs_f64() * 1e3
    );
}

fn plain_pdf() -> Vec<u8> {
    let content = "BT /F1 12 Tf 72 760 Td (Report 2024) Tj 0 -20 Td [(A) -50 (B)] TJ ET \
                   100 700 200 0.5 re f 100 680 200 0.5 re f 100 660 200 0.5 re f \
                   100 660 0.5 40 re f 200 660 0.5 40 re f 300 660 0.5 40 re f \
                   BT /F1 10 Tf 110 685 Td (Label) Tj 100 0 Td (9) Tj ET /X Do";
    let bodies = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> /XObject << /X 6 0 R >> >> >>".to_owned(),
        format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Differences [65 /uni4E00 /two] >> >>".to_owned(),
        "<< /Type /XObject /Subtype /Form /Length 17 >>\nstream\nBT (x) Tj ET /X Do\nendstream".to_owned(),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offs = Vec::new();
    for (i, b) in bodies.iter().enumerate() {
        offs.push(out.len());
        out.extend(format!("{} 0 obj\n{b}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", bodies.len() + 1).as_bytes());
    for o in offs {
        out.extend(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend(
        format!("trailer\n<< /Size 7 /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n").as_bytes(),
    );
    out
}
