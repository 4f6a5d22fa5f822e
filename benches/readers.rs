//! `cargo bench --bench readers`: median time to check .docx and HTML inputs natively (read +
//! recognise + rules, as the command line does). The .docx inputs are made from
//! tests/fixtures/docx/clean-2021.docx (written by LibreOffice):
//!
//! * "report + image": the report with a 190 KB incompressible picture stored beside it, the
//!   typical shape of a ~200 KB report .docx (a seal or logo) — the image is not inflated;
//! * "report ×N": the report's body repeated until the .docx is ~200 KB of compressed XML
//!   (about 2.5 MB of WordprocessingML), the worst case for a file of that size.
//!
//! Then the .doc fixtures (the report, and a ~220 KB .doc of its body four times over), the corpus's
//! saved web pages when ../shared/corpus is present, and PDFs (the fixtures of tests/fixtures/pdf
//! and the corpus's real PDF reports).

use std::io::{Cursor, Read, Write};
use std::path::Path;
use std::time::{Duration, Instant};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

fn median_time(bytes: &[u8], budget: Duration) -> Duration {
    let options = nianbao::Options::default();
    for _ in 0..2 {
        std::hint::black_box(nianbao::check(bytes, &options));
    }
    let mut times = Vec::new();
    let start = Instant::now();
    while times.len() < 11 || (start.elapsed() < budget && times.len() < 1000) {
        let t = Instant::now();
        std::hint::black_box(nianbao::check(std::hint::black_box(bytes), &options));
        times.push(t.elapsed());
    }
    times.sort();
    times[times.len() / 2]
}

fn report(name: &str, bytes: &[u8]) {
    let out = nianbao::check(bytes, &nianbao::Options::default());
    let lines = out.document.as_ref().map_or(0, |d| d.lines.len());
    let m = median_time(bytes, Duration::from_secs(3));
    println!(
        "{name:<44} {:>8} B  {lines:>6} lines  median {:>9.2} ms  {:>6.1} MB/s",
        bytes.len(),
        m.as_secs_f64() * 1e3,
        bytes.len() as f64 / m.as_secs_f64() / 1e6,
    );
}

/// The parts of a .docx, inflated.
fn parts(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut z = ZipArchive::new(Cursor::new(bytes)).expect("a zip");
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index(i).expect("an entry");
            let mut data = Vec::new();
            f.read_to_end(&mut data).expect("readable");
            (f.name().to_owned(), data)
        })
        .collect()
}

fn pack(parts: &[(String, Vec<u8>)], extra: Option<(&str, &[u8])>) -> Vec<u8> {
    let mut w = ZipWriter::new(Cursor::new(Vec::new()));
    let deflated = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for (name, data) in parts {
        w.start_file(name.as_str(), deflated).expect("zip");
        w.write_all(data).expect("zip");
    }
    if let Some((name, data)) = extra {
        let stored = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
        w.start_file(name, stored).expect("zip");
        w.write_all(data).expect("zip");
    }
    w.finish().expect("zip").into_inner()
}

/// Pseudo-random bytes (an xorshift generator): an incompressible "picture".
fn noise(n: usize) -> Vec<u8> {
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect()
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let docx = std::fs::read(root.join("tests/fixtures/docx/clean-2021.docx")).expect("fixture");
    let parts = parts(&docx);
    report("docx/clean-2021.docx", &docx);

    let with_image = pack(&parts, Some(("word/media/image1.png", &noise(190 * 1024))));
    report("clean-2021 + 190 KB image (.docx)", &with_image);

    // Repeat the body until the package is about 200 KB.
    let doc = parts
        .iter()
        .find(|(n, _)| n == "word/document.xml")
        .map(|(_, d)| String::from_utf8(d.clone()).expect("UTF-8"))
        .expect("document.xml");
    let open = doc.find("<w:body>").expect("body") + "<w:body>".len();
    let close = doc.rfind("<w:sectPr").expect("sectPr");
    let body = &doc[open..close];
    let mut times = 1;
    let big = loop {
        let xml = format!("{}{}{}", &doc[..open], body.repeat(times), &doc[close..]);
        let replaced: Vec<(String, Vec<u8>)> = parts
            .iter()
            .map(|(n, d)| {
                let d = if n == "word/document.xml" {
                    xml.clone().into_bytes()
                } else {
                    d.clone()
                };
                (n.clone(), d)
            })
            .collect();
        let bytes = pack(&replaced, None);
        if bytes.len() >= 200 * 1024 || times >= 400 {
            println!("(document.xml {} bytes)", xml.len());
            break bytes;
        }
        times += 1;
    };
    report(&format!("clean-2021 body ×{times} (.docx)"), &big);

    // Word 97–2003: the report, and its body four times over (~220 KB, all text), both written
    // by LibreOffice (scripts/make-fixtures.sh).
    for name in ["doc/clean-2021.doc", "doc/long-2021.doc"] {
        let bytes = std::fs::read(root.join("tests/fixtures").join(name)).expect("fixture");
        report(name, &bytes);
    }

    report(
        "html/clean-2021.html",
        &std::fs::read(root.join("tests/fixtures/html/clean-2021.html")).expect("fixture"),
    );
    let corpus = root.join("../shared/corpus/real/html");
    for name in ["pingtan-2022.html", "pingtan-xzspj-2025.html"] {
        match std::fs::read(corpus.join(name)) {
            Ok(bytes) => report(&format!("corpus {name}"), &bytes),
            Err(_) => println!("corpus {name}: absent, skipped"),
        }
    }

    // PDFs: the fixtures exported by LibreOffice and printed by Chromium, and the corpus's real
    // reports (huaian-2024.pdf is the 6-page report of the ≤ 10 ms budget).
    for name in [
        "clean-2021.lo.pdf",
        "clean-2021.owner.pdf",
        "clean-2021.chromium.pdf",
    ] {
        let bytes = std::fs::read(root.join("tests/fixtures/pdf").join(name)).expect("fixture");
        report(&format!("pdf/{name}"), &bytes);
    }
    let corpus = root.join("../shared/corpus/real/pdf");
    for name in ["hongze-2023.pdf", "hongze-2024.pdf", "huaian-2024.pdf"] {
        match std::fs::read(corpus.join(name)) {
            Ok(bytes) => report(&format!("corpus {name}"), &bytes),
            Err(_) => println!("corpus {name}: absent, skipped"),
        }
    }
}
