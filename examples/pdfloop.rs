// Reads a file many times (profiling aid): cargo run --release --example pdfloop -- FILE N
fn main() {
    let mut a = std::env::args().skip(1);
    let path = a.next().unwrap();
    let n: usize = a.next().map_or(50, |s| s.parse().unwrap());
    let bytes = std::fs::read(path).unwrap();
    for _ in 0..n {
        std::hint::black_box(nianbao::source::read(&bytes).is_ok());
    }
}
