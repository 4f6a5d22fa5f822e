//! Stage 1 — source: bytes to a [`Document`]. Readers know nothing about annual reports: they turn
//! an input into the text the user sees (locations refer to its lines) and a sequence of lines,
//! each split into cells when the input marks cells (tabs, pipes, wide gaps, HTML or Word tables).

pub mod blocks;
pub mod decode;
#[cfg(feature = "doc")]
pub mod doc;
#[cfg(feature = "docx")]
pub mod docx;
pub mod external;
pub mod html;
pub mod markup;
pub mod mhtml;
pub mod numfmt;
#[cfg(feature = "pdf")]
pub mod pdf;
#[cfg(feature = "doc")]
pub mod rtf;
pub mod text;

use serde::Serialize;
use std::borrow::Cow;
use std::sync::OnceLock;

/// Inputs larger than this are refused (design.md).
pub const MAX_INPUT_BYTES: usize = 50 * 1024 * 1024;

/// What kind of input the text was read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum InputFormat {
    Text,
    Html,
    Docx,
    /// Word 97–2003 (.doc) or WPS 文字 (.wps) in the same binary format.
    Doc,
    Pdf,
    /// Rich Text Format (.rtf, or RTF under a .doc name).
    Rtf,
    /// Word 2003 XML (WordprocessingML `<w:wordDocument>`, .xml, or under a .doc name).
    WordXml,
}

impl InputFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            InputFormat::Text => "text",
            InputFormat::Html => "html",
            InputFormat::Docx => "docx",
            InputFormat::Doc => "doc",
            InputFormat::Pdf => "pdf",
            InputFormat::Rtf => "rtf",
            InputFormat::WordXml => "wordxml",
        }
    }
}

/// How a line was marked up in its source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineKind {
    /// A heading with its level (markdown `#`, HTML `<h1>`, Word heading style).
    Heading(u8),
    /// Ordinary text or a row of cells without explicit table markup (tabs, pipes, gaps).
    Text,
    /// A row of an explicit table (HTML `<tr>`, Word `w:tr`); the number identifies the table.
    TableRow(u32),
}

/// One cell of a line: its text with markup removed, and where it starts in the document text.
#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    pub text: String,
    /// 1-based line of the document text.
    pub line: u32,
    /// 1-based column (in characters) of the cell's first character in that line.
    pub column: u32,
}

/// A non-blank line of the document, split into cells. A line with one cell is a paragraph line
/// or a single table cell written on its own line; the reader cannot tell which.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    pub kind: LineKind,
    /// 1-based line number in the document text.
    pub number: u32,
    pub cells: Vec<Cell>,
}

impl Line {
    /// The line's text: its cells joined by a space.
    pub fn joined(&self) -> String {
        let mut s = String::new();
        for (i, c) in self.cells.iter().enumerate() {
            if i > 0 {
                s.push(' ');
            }
            s.push_str(&c.text);
        }
        s
    }

    /// True when the line has more than one cell (a row marked up as cells).
    pub fn is_row(&self) -> bool {
        self.cells.len() > 1 || matches!(self.kind, LineKind::TableRow(_))
    }
}

/// The result of reading an input. (The readers module hands it to the start module as bytes,
/// [`external`], see [`set_external_reader`].)
#[derive(Clone, Debug)]
pub struct Document {
    /// The text shown to the user; every location refers to its lines.
    pub text: String,
    pub format: InputFormat,
    pub lines: Vec<Line>,
    /// Where pages start, as (first line number, page number), in order; empty when the input
    /// has no pages (everything but PDF).
    pub pages: Vec<(u32, u32)>,
    /// What the reader could read only in part (each becomes a P001 warning-level note in the
    /// findings); empty for a complete reading.
    pub notes: Vec<String>,
}

impl Document {
    /// The page a line of the text came from, when the input has pages.
    pub fn page_of(&self, line: u32) -> Option<u32> {
        let i = self.pages.partition_point(|&(first, _)| first <= line);
        i.checked_sub(1).map(|i| self.pages[i].1)
    }
}

/// Why an input could not be read at all.
#[derive(Clone, Debug, PartialEq)]
pub enum ReadError {
    /// Over [`MAX_INPUT_BYTES`].
    TooLarge(usize),
    /// Nothing but whitespace.
    Empty,
    /// Bytes that are not text in any supported encoding (what was tried).
    Undecodable(String),
    /// A container that is damaged or not supported (what and why).
    Unsupported(String),
    /// An image or a PDF without a text layer.
    NoTextLayer(String),
    /// A PDF or Word 97–2003 file, whose reader this build leaves out (the page's start module)
    /// and no external reader is registered yet.
    NeedsReader(InputFormat),
}

/// A reader supplied by the host for the kinds this build leaves out: the page registers one
/// that calls the readers module once it is loaded. None means "not available (yet)".
pub type ExternalReader = fn(&[u8]) -> Option<Result<Document, ReadError>>;

static EXTERNAL: OnceLock<ExternalReader> = OnceLock::new();

/// Registers the external reader (once; later calls are ignored).
pub fn set_external_reader(f: ExternalReader) {
    let _ = EXTERNAL.set(f);
}

/// The kind of `bytes` when this build has no reader of its own for it (PDF, or Word 97–2003 and
/// RTF, without the `pdf` / `doc` features; .docx and Word 2003 XML without `docx`), whether or
/// not an external reader is registered.
pub fn missing_reader(bytes: &[u8]) -> Option<InputFormat> {
    if !cfg!(feature = "docx") {
        if is_zip(bytes) {
            return Some(InputFormat::Docx);
        }
        if is_word_xml(bytes) {
            return Some(InputFormat::WordXml);
        }
    }
    match kind_of(bytes) {
        Some(InputFormat::Doc) if !cfg!(feature = "doc") => Some(InputFormat::Doc),
        Some(InputFormat::Pdf) if !cfg!(feature = "pdf") => Some(InputFormat::Pdf),
        Some(InputFormat::Rtf) if !cfg!(feature = "doc") => Some(InputFormat::Rtf),
        _ => None,
    }
}

/// A zip archive (a .docx) by its first bytes.
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

/// A Word 2003 XML document (WordprocessingML, `<w:wordDocument>` near the start of an XML
/// file): what Word saves as "XML 文档" and what many office systems generate from templates and
/// publish with a .doc name.
pub fn is_word_xml(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let has = |n: &[u8]| find(head, n).is_some();
    has(b"<?xml") && (has(b":wordDocument") || has(b"<wordDocument"))
}

/// PDF, compound file (Word 97–2003) or RTF by their first bytes; None for anything else.
pub fn kind_of(bytes: &[u8]) -> Option<InputFormat> {
    if is_zip(bytes) {
        return None;
    }
    if bytes.starts_with(CFB_MAGIC) {
        return Some(InputFormat::Doc);
    }
    if is_rtf(bytes) {
        return Some(InputFormat::Rtf);
    }
    // A PDF's header may follow a little junk (1024 bytes are allowed by viewers).
    find(&bytes[..bytes.len().min(1024)], b"%PDF-").map(|_| InputFormat::Pdf)
}

const CFB_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// `{\rtf` at the start, after a byte order mark or blank space.
fn is_rtf(bytes: &[u8]) -> bool {
    let b = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = b
        .iter()
        .take(1024)
        .take_while(|c| c.is_ascii_whitespace())
        .count();
    b[start..].starts_with(b"{\\rtf")
}

/// Reads through the external reader, or says which reader is missing.
fn external(bytes: &[u8], kind: InputFormat) -> Result<Document, ReadError> {
    EXTERNAL
        .get()
        .and_then(|f| f(bytes))
        .unwrap_or(Err(ReadError::NeedsReader(kind)))
}

/// Reads any supported input. The kind is detected from content, not from the file name
/// (output.md): zip magic → DOCX, compound file → Word 97–2003 (.doc, .wps), `%PDF` → PDF,
/// `{\rtf` → RTF,
/// a MIME header → a page saved as one file (.mht), HTML markup → HTML, else text.
pub fn read(bytes: &[u8]) -> Result<Document, ReadError> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(ReadError::TooLarge(bytes.len()));
    }
    if is_zip(bytes) {
        #[cfg(feature = "docx")]
        return docx::read(bytes);
        #[cfg(not(feature = "docx"))]
        return external(bytes, InputFormat::Docx);
    }
    match kind_of(bytes) {
        #[cfg(feature = "doc")]
        Some(InputFormat::Doc) => return doc::read(bytes),
        #[cfg(feature = "pdf")]
        Some(InputFormat::Pdf) => return pdf::read(bytes),
        #[cfg(feature = "doc")]
        Some(InputFormat::Rtf) => return rtf::read(bytes),
        Some(kind) => return external(bytes, kind),
        None => {}
    }
    if let Some(kind) = sniff_binary(bytes) {
        return Err(kind);
    }
    if mhtml::looks_like_mhtml(bytes) {
        return mhtml::read(bytes);
    }
    if is_word_xml(bytes) {
        return read_word_xml(bytes);
    }
    let mut notes = Vec::new();
    let text = decode_html_or_text(bytes, &mut notes)?;
    let mut doc = match text {
        Cow::Borrowed(t) => read_str(t)?,
        Cow::Owned(t) => read_string(t)?,
    };
    doc.notes.append(&mut notes);
    Ok(doc)
}

/// Decodes bytes: a byte order mark first, then an HTML page's declared charset, then detection.
fn decode_html_or_text<'b>(
    bytes: &'b [u8],
    notes: &mut Vec<String>,
) -> Result<Cow<'b, str>, ReadError> {
    let has_bom = bytes.starts_with(b"\xEF\xBB\xBF")
        || bytes.starts_with(b"\xFF\xFE")
        || bytes.starts_with(b"\xFE\xFF");
    // Every sign of HTML (a tag, or the clipboard's "Version:…StartHTML:" header) holds '<' or ':'.
    let raw_head = &bytes[..bytes.len().min(4096)];
    let may_be_html = memchr::memchr2(b'<', b':', raw_head).is_some();
    if !has_bom && may_be_html {
        // The markup is ASCII, so the undecoded head tells whether this is HTML.
        let head = String::from_utf8_lossy(raw_head);
        if html::looks_like_html(&head) {
            if let Some(text) = html::charset::declared(bytes)
                .and_then(|label| decode::decode_declared(bytes, &label))
            {
                return Ok(text);
            }
        }
    }
    decode::decode_noting(bytes, notes).map(Cow::Owned)
}

/// Reads a Word 2003 XML file (its encoding from its declaration).
#[cfg(feature = "docx")]
pub fn read_word_xml(bytes: &[u8]) -> Result<Document, ReadError> {
    let mut notes = Vec::new();
    let text = decode_xml(bytes, &mut notes)?;
    let mut doc = docx::read_word_xml(&text)?;
    doc.notes.append(&mut notes);
    Ok(doc)
}

#[cfg(not(feature = "docx"))]
fn read_word_xml(bytes: &[u8]) -> Result<Document, ReadError> {
    external(bytes, InputFormat::WordXml)
}

/// Decodes an XML file: a byte order mark, then the declaration's encoding, then detection.
#[cfg(feature = "docx")]
fn decode_xml<'b>(
    bytes: &'b [u8],
    notes: &mut Vec<String>,
) -> Result<std::borrow::Cow<'b, str>, ReadError> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(200)]);
    let declared = head
        .split_once("encoding=")
        .and_then(|(_, r)| r.get(1..))
        .and_then(|r| r.split(['"', '\'']).next())
        .map(str::to_owned);
    if !bytes.starts_with(b"\xEF\xBB\xBF") {
        if let Some(text) = declared.and_then(|l| decode::decode_declared(bytes, &l)) {
            return Ok(text);
        }
    }
    decode::decode_noting(bytes, notes).map(std::borrow::Cow::Owned)
}

/// `<html` or `<table` near the start, or a clipboard HTML fragment (output.md: input type is
/// detected from content).
pub fn looks_like_html(text: &str) -> bool {
    html::looks_like_html(text)
}

/// Reads text that is already decoded (pasted text, or HTML given as a string).
pub fn read_str(text: &str) -> Result<Document, ReadError> {
    match read_markup(text)? {
        Some(doc) => Ok(doc),
        None => Ok(text::read(text)),
    }
}

/// [`read_str`] for text the reader may keep (plain text is not copied).
fn read_string(text: String) -> Result<Document, ReadError> {
    match read_markup(&text)? {
        Some(doc) => Ok(doc),
        None => Ok(text::read_owned(text)),
    }
}

/// What [`read_str`] refuses, and HTML read; None for plain text.
fn read_markup(text: &str) -> Result<Option<Document>, ReadError> {
    if text.len() > MAX_INPUT_BYTES {
        return Err(ReadError::TooLarge(text.len()));
    }
    if text.trim().is_empty() {
        return Err(ReadError::Empty);
    }
    if html::looks_like_html(text) {
        let doc = html::read(text);
        if doc.lines.is_empty() {
            return Err(ReadError::Empty);
        }
        return Ok(Some(doc));
    }
    Ok(None)
}

/// Recognises containers this build cannot read as text, by their magic bytes.
fn sniff_binary(bytes: &[u8]) -> Option<ReadError> {
    let starts = |m: &[u8]| bytes.starts_with(m);
    if starts(b"\x89PNG")
        || starts(b"\xFF\xD8\xFF")
        || starts(b"GIF8")
        || starts(b"II*\0")
        || starts(b"MM\0*")
    {
        return Some(ReadError::NoTextLayer("这是图片文件".into()));
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod external_tests {
    use super::*;

    const PDF: &[u8] = include_bytes!("../../tests/fixtures/pdf/clean-2021.lo.pdf");
    const DOC: &[u8] = include_bytes!("../../tests/fixtures/doc/clean-2021.doc");

    /// What the readers module sends the start module: every field survives the trip.
    #[test]
    fn a_read_document_crosses_to_the_start_module_unchanged() {
        for bytes in [PDF, DOC] {
            let read = read(bytes);
            let back = external::decode(&external::encode(&read));
            let (a, b) = (read.unwrap(), back.unwrap());
            assert_eq!(a.text, b.text);
            assert_eq!(a.format, b.format);
            assert_eq!(a.lines, b.lines);
            assert_eq!(a.pages, b.pages);
            assert_eq!(a.notes, b.notes);
            assert!(a
                .lines
                .iter()
                .any(|l| matches!(l.kind, LineKind::TableRow(_))));
            assert!(!a.pages.is_empty() || a.format == InputFormat::Doc);
        }
        let heading = Document {
            text: "一、总体情况\n".into(),
            format: InputFormat::WordXml,
            lines: vec![Line {
                kind: LineKind::Heading(2),
                number: 1,
                cells: vec![Cell {
                    text: "一、总体情况".into(),
                    line: 1,
                    column: 1,
                }],
            }],
            pages: vec![],
            notes: vec!["部分内容未读出".into()],
        };
        let back = external::decode(&external::encode(&Ok(heading.clone()))).unwrap();
        assert_eq!(
            (back.text, back.format, back.lines, back.notes),
            (heading.text, heading.format, heading.lines, heading.notes)
        );
        for err in [
            ReadError::NeedsReader(InputFormat::Docx),
            ReadError::Empty,
            ReadError::TooLarge(7),
            ReadError::Undecodable("a".into()),
            ReadError::Unsupported("b".into()),
            ReadError::NoTextLayer("c".into()),
        ] {
            let bytes = external::encode(&Err(err.clone()));
            assert_eq!(external::decode(&bytes).unwrap_err(), err);
        }
        // Anything else is said to be unreadable, never taken as a document: junk, every cut of
        // a real result, and a count larger than the bytes left.
        let whole = external::encode(&read(DOC));
        let mut huge = whole[..5].to_vec();
        huge.extend_from_slice(&[0, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0x7F]);
        for junk in [
            &b""[..],
            b"NBD1",
            b"NBD1\x09",
            b"{\"Ok\": {}}",
            &huge,
            &whole[..whole.len() - 1],
        ]
        .into_iter()
        .chain((0..whole.len()).step_by(97).map(|n| &whole[..n]))
        {
            assert!(matches!(
                external::decode(junk),
                Err(ReadError::Unsupported(_))
            ));
        }
        let mut longer = whole.clone();
        longer.push(0);
        assert!(external::decode(&longer).is_err());
    }

    #[test]
    fn kinds_by_magic() {
        assert_eq!(kind_of(PDF), Some(InputFormat::Pdf));
        assert_eq!(kind_of(DOC), Some(InputFormat::Doc));
        assert_eq!(kind_of(b"junk\n%PDF-1.7"), Some(InputFormat::Pdf));
        assert_eq!(kind_of(b"PK\x03\x04 %PDF-"), None);
        assert_eq!(kind_of("青溪县2024年报告".as_bytes()), None);
        // This build reads both itself.
        assert_eq!(missing_reader(PDF), None);
        assert_eq!(missing_reader(DOC), None);
    }

    /// The path the page's start module takes: without a reader of its own, the external one,
    /// and while it has none (or it declines), NeedsReader for the kind.
    #[test]
    fn the_external_reader_is_used_when_registered() {
        fn fake(bytes: &[u8]) -> Option<Result<Document, ReadError>> {
            bytes
                .starts_with(b"%PDF-")
                .then(|| Ok(text::read("外部读取的文字")))
        }
        set_external_reader(fake);
        let doc = external(b"%PDF-1.7", InputFormat::Pdf).unwrap();
        assert_eq!(doc.text, "外部读取的文字");
        assert_eq!(
            external(DOC, InputFormat::Doc).unwrap_err(),
            ReadError::NeedsReader(InputFormat::Doc)
        );
    }
}
