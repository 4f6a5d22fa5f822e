// Prints the lines a reader produced from a file: kind, line number, cells (development aid).
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    match nianbao::source::read(&bytes) {
        Ok(doc) => {
            for l in &doc.lines {
                let cells: Vec<&str> = l.cells.iter().map(|c| c.text.as_str()).collect();
                println!("{:>4} {:?} {}", l.number, l.kind, cells.join(" ⇥ "));
            }
        }
        Err(e) => println!("ERR {e:?}"),
    }
}
