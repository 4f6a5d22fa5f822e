//! The hand-off between the readers module's `extract` (src/readers.rs) and the start module: a
//! read `Result<Document, ReadError>` as bytes. Both sides are this crate, built together, so the
//! format is private and plain: little-endian u32s and length-prefixed UTF-8, no names, no
//! escaping. (JSON took longer than reading the file: a 200 KB .docx became 0.8 MB of text that
//! the start module parsed into a tree first.) Anything that is not what `encode` writes decodes
//! to a read error that says so; counts are checked against the bytes left before anything is
//! allocated.

use super::{Cell, Document, InputFormat, Line, LineKind, ReadError};

const MAGIC: &[u8; 4] = b"NBD1";

/// The bytes of a read result.
pub fn encode(read: &Result<Document, ReadError>) -> Vec<u8> {
    let mut w = Writer(Vec::new());
    w.0.extend_from_slice(MAGIC);
    match read {
        Ok(doc) => {
            w.byte(0);
            w.str(&doc.text);
            w.byte(format_code(doc.format));
            w.u32(doc.lines.len() as u32);
            for line in &doc.lines {
                match line.kind {
                    LineKind::Text => w.byte(0),
                    LineKind::Heading(level) => {
                        w.byte(1);
                        w.byte(level);
                    }
                    LineKind::TableRow(table) => {
                        w.byte(2);
                        w.u32(table);
                    }
                }
                w.u32(line.number);
                w.u32(line.cells.len() as u32);
                for cell in &line.cells {
                    w.str(&cell.text);
                    w.u32(cell.line);
                    w.u32(cell.column);
                }
            }
            w.u32(doc.pages.len() as u32);
            for &(line, page) in &doc.pages {
                w.u32(line);
                w.u32(page);
            }
            w.u32(doc.notes.len() as u32);
            for note in &doc.notes {
                w.str(note);
            }
        }
        Err(ReadError::TooLarge(n)) => {
            w.byte(1);
            w.0.extend_from_slice(&(*n as u64).to_le_bytes());
        }
        Err(ReadError::Empty) => w.byte(2),
        Err(ReadError::Undecodable(why)) => {
            w.byte(3);
            w.str(why);
        }
        Err(ReadError::Unsupported(why)) => {
            w.byte(4);
            w.str(why);
        }
        Err(ReadError::NoTextLayer(what)) => {
            w.byte(5);
            w.str(what);
        }
        Err(ReadError::NeedsReader(kind)) => {
            w.byte(6);
            w.byte(format_code(*kind));
        }
    }
    w.0
}

/// The read result `encode` wrote, or an error saying the bytes are not one.
pub fn decode(bytes: &[u8]) -> Result<Document, ReadError> {
    let mut r = Reader { b: bytes, at: 0 };
    match read_result(&mut r) {
        Some(result) if r.at == bytes.len() => result,
        _ => Err(ReadError::Unsupported(
            "读取模块的结果无法识别，请刷新页面后重试".into(),
        )),
    }
}

fn read_result(r: &mut Reader) -> Option<Result<Document, ReadError>> {
    if r.take(4)? != MAGIC {
        return None;
    }
    Some(match r.byte()? {
        0 => Ok(document(r)?),
        1 => Err(ReadError::TooLarge(
            usize::try_from(u64::from_le_bytes(r.take(8)?.try_into().ok()?)).ok()?,
        )),
        2 => Err(ReadError::Empty),
        3 => Err(ReadError::Undecodable(r.string()?)),
        4 => Err(ReadError::Unsupported(r.string()?)),
        5 => Err(ReadError::NoTextLayer(r.string()?)),
        6 => Err(ReadError::NeedsReader(format_of(r.byte()?)?)),
        _ => return None,
    })
}

fn document(r: &mut Reader) -> Option<Document> {
    let text = r.string()?;
    let format = format_of(r.byte()?)?;
    // A line takes at least 9 bytes, a cell 12, a page 8, a note 4: no count can ask for more
    // than the bytes left.
    let mut lines = Vec::with_capacity(r.count(9)?);
    for _ in 0..lines.capacity() {
        let kind = match r.byte()? {
            0 => LineKind::Text,
            1 => LineKind::Heading(r.byte()?),
            2 => LineKind::TableRow(r.u32()?),
            _ => return None,
        };
        let number = r.u32()?;
        let mut cells = Vec::with_capacity(r.count(12)?);
        for _ in 0..cells.capacity() {
            cells.push(Cell {
                text: r.string()?,
                line: r.u32()?,
                column: r.u32()?,
            });
        }
        lines.push(Line {
            kind,
            number,
            cells,
        });
    }
    let mut pages = Vec::with_capacity(r.count(8)?);
    for _ in 0..pages.capacity() {
        pages.push((r.u32()?, r.u32()?));
    }
    let mut notes = Vec::with_capacity(r.count(4)?);
    for _ in 0..notes.capacity() {
        notes.push(r.string()?);
    }
    Some(Document {
        text,
        format,
        lines,
        pages,
        notes,
    })
}

const FORMATS: [InputFormat; 7] = [
    InputFormat::Text,
    InputFormat::Html,
    InputFormat::Docx,
    InputFormat::Doc,
    InputFormat::Pdf,
    InputFormat::Rtf,
    InputFormat::WordXml,
];

fn format_code(f: InputFormat) -> u8 {
    FORMATS.iter().position(|&g| g == f).unwrap_or(0) as u8
}

fn format_of(code: u8) -> Option<InputFormat> {
    FORMATS.get(usize::from(code)).copied()
}

struct Writer(Vec<u8>);

impl Writer {
    fn byte(&mut self, b: u8) {
        self.0.push(b);
    }

    fn u32(&mut self, n: u32) {
        self.0.extend_from_slice(&n.to_le_bytes());
    }

    fn str(&mut self, s: &str) {
        self.u32(s.len() as u32);
        self.0.extend_from_slice(s.as_bytes());
    }
}

struct Reader<'b> {
    b: &'b [u8],
    at: usize,
}

impl<'b> Reader<'b> {
    fn take(&mut self, n: usize) -> Option<&'b [u8]> {
        let out = self.b.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(out)
    }

    fn byte(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    /// A count of items of at least `min` bytes each, if the bytes left can hold them.
    fn count(&mut self, min: usize) -> Option<usize> {
        let n = usize::try_from(self.u32()?).ok()?;
        (n <= (self.b.len() - self.at) / min).then_some(n)
    }

    fn string(&mut self) -> Option<String> {
        let n = usize::try_from(self.u32()?).ok()?;
        std::str::from_utf8(self.take(n)?).ok().map(str::to_owned)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Whatever arrives, decoding ends in a document or a read error, never a panic.
        #[test]
        fn any_bytes_decode_without_panic(tail in proptest::collection::vec(0u8..=255, 0..300)) {
            let _ = decode(&tail);
            let mut b = MAGIC.to_vec();
            b.push(0);
            b.extend_from_slice(&tail);
            let _ = decode(&b);
        }
    }
}
