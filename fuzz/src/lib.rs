//! What every fuzz target checks besides "no panic" (a panic, an allocation over
//! `-rss_limit_mb` or a run over `-timeout` is a finding): the reader's document is consistent
//! and bounded, and a whole check's output is bounded. A target is one line calling [`reader`]
//! or [`whole`] (fuzz/README.md).

use nianbao::source::{blocks::MAX_TEXT, Document, ReadError};
use nianbao::{check, check_str, Options};

/// A reader of bytes: any `fn(&[u8]) -> Result<Document, ReadError>` (docx, decode-and-read,
/// and the PDF and .doc readers when they land).
pub fn reader(data: &[u8], read: fn(&[u8]) -> Result<Document, ReadError>) {
    if let Ok(doc) = read(data) {
        document(&doc);
    }
}

/// A reader of text (the text and HTML readers), given the input as UTF-8 (lossy).
pub fn text_reader(data: &[u8], read: fn(&str) -> Document) {
    let text = String::from_utf8_lossy(data);
    document(&read(&text));
}

/// A document's lines and cells point into its text, and the text is within the layout budget.
pub fn document(doc: &Document) {
    assert!(
        doc.text.len() <= MAX_TEXT + (1 << 20),
        "text {} bytes",
        doc.text.len()
    );
    let lines = doc.text.split('\n').count() as u32;
    let mut last = 0;
    for l in &doc.lines {
        assert!(
            l.number >= 1 && l.number <= lines,
            "line {} of {lines}",
            l.number
        );
        assert!(l.number >= last, "lines out of order");
        last = l.number;
        // A cell lies on its row's line, or on a later line of the same row when a quoted
        // cell spans lines (text copied from Excel or WPS); in order, within the text.
        let mut at = l.number;
        for c in &l.cells {
            assert!(c.column >= 1);
            assert!(c.line >= at && c.line <= lines, "cell on line {} in row {}", c.line, l.number);
            at = c.line;
        }
    }
}

/// The whole pipeline on bytes and on the same bytes as pasted text; the output stays bounded
/// (diagnostics capped per rule and kind of location).
pub fn whole(data: &[u8]) {
    let options = Options::default();
    for outcome in [
        check(data, &options),
        check_str(&String::from_utf8_lossy(data), &options),
    ] {
        let cap = nianbao::rules::RULES.len() * 3 * (nianbao::rules::MAX_PER_KIND + 1) + 16;
        assert!(
            outcome.diagnostics.len() <= cap,
            "{} diagnostics",
            outcome.diagnostics.len()
        );
        if let Some(doc) = &outcome.document {
            document(doc);
        }
        let named = nianbao::render::Named {
            file: "fuzz",
            outcome: &outcome,
        };
        let _ = nianbao::render::json::single(&named).to_string();
    }
}

/// `xml` as the main part (word/document.xml) of a minimal .docx: the fuzzer mutates XML, not
/// deflate streams. Entries are stored (not compressed), with their CRC-32.
pub fn docx_with_document(xml: &[u8]) -> Vec<u8> {
    const RELS: &[u8] = br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;
    zip(&[("_rels/.rels", RELS), ("word/document.xml", xml)])
}

fn zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data) in entries {
        let offset = out.len() as u32;
        let (crc, size) = (crc32(data), data.len() as u32);
        let header = |sig: u32, central: bool| {
            let mut h = Vec::new();
            h.extend(sig.to_le_bytes());
            if central {
                h.extend(20u16.to_le_bytes()); // made by
            }
            h.extend(20u16.to_le_bytes()); // needed
            h.extend(0u16.to_le_bytes()); // flags
            h.extend(0u16.to_le_bytes()); // stored
            h.extend(0u32.to_le_bytes()); // time, date
            h.extend(crc.to_le_bytes());
            h.extend(size.to_le_bytes());
            h.extend(size.to_le_bytes());
            h.extend((name.len() as u16).to_le_bytes());
            h.extend(0u16.to_le_bytes()); // extra
            if central {
                h.extend([0u8; 6]); // comment length, disk, internal attributes
                h.extend(0u32.to_le_bytes()); // external attributes
                h.extend(offset.to_le_bytes());
            }
            h.extend(name.as_bytes());
            h
        };
        out.extend(header(0x0403_4b50, false));
        out.extend_from_slice(data);
        central.extend(header(0x0201_4b50, true));
    }
    let (at, len) = (out.len() as u32, central.len() as u32);
    out.extend(central);
    out.extend(0x0605_4b50u32.to_le_bytes());
    out.extend([0u8; 4]); // disks
    out.extend((entries.len() as u16).to_le_bytes());
    out.extend((entries.len() as u16).to_le_bytes());
    out.extend(len.to_le_bytes());
    out.extend(at.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = (crc >> 1) ^ (0xEDB8_8320 & (crc & 1).wrapping_neg());
        }
    }
    !crc
}

#[cfg(test)]
mod tests {
    /// The packed document reads (on stable: `cargo test` in fuzz/).
    #[test]
    fn packed_xml_is_a_docx() {
        let xml = r#"<w:document xmlns:w="x"><w:body><w:p><w:r><w:t>规章</w:t></w:r></w:p></w:body></w:document>"#.as_bytes();
        let doc = nianbao::source::docx::read(&super::docx_with_document(xml)).unwrap();
        assert_eq!(doc.text, "规章\n");
    }
}

/// The bytes of the readers module's hand-off (`source::external`): decoding anything ends in
/// a document or an error, and a read result crosses encode → decode unchanged.
pub fn handoff(data: &[u8]) {
    use nianbao::source::external::{decode, encode};
    if let Ok(doc) = decode(data) {
        document(&doc);
    }
    let read = nianbao::source::read_str(&String::from_utf8_lossy(data));
    match (&read, decode(&encode(&read))) {
        (Ok(a), Ok(b)) => {
            assert_eq!((&a.text, a.format, &a.lines), (&b.text, b.format, &b.lines));
            assert_eq!((&a.pages, &a.notes), (&b.pages, &b.notes));
        }
        (Err(a), Err(b)) => assert_eq!(*a, b),
        _ => panic!("the hand-off changed a read result"),
    }
}
