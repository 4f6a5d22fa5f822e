//! Stage 1 — source: bytes to a [`Document`]. Readers know nothing about annual reports: they turn
//! an input into the text the user sees (locations refer to its lines) and a sequence of lines,
//! each split into cells when the input marks cells (tabs, pipes, wide gaps, HTML or Word tables).

pub mod blocks;
pub mod decode;
pub mod docx;
pub mod html;
pub mod markup;
pub mod numfmt;
pub mod text;

use serde::Serialize;

/// Inputs larger than this are refused (design.md).
pub const MAX_INPUT_BYTES: usize = 50 * 1024 * 1024;

/// What kind of input the text was read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum InputFormat {
    Text,
    Html,
    Docx,
    Pdf,
}

impl InputFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            InputFormat::Text => "text",
            InputFormat::Html => "html",
            InputFormat::Docx => "docx",
            InputFormat::Pdf => "pdf",
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

/// The result of reading an input.
#[derive(Clone, Debug)]
pub struct Document {
    /// The text shown to the user; every location refers to its lines.
    pub text: String,
    pub format: InputFormat,
    pub lines: Vec<Line>,
    /// What the reader could not read in full (a byte left over, a layout budget spent), as
    /// sentences for the user; reported as P001 warnings. Empty for almost every input.
    pub notes: Vec<String>,
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
}

/// Reads any supported input. The kind is detected from content, not from the file name
/// (output.md): zip magic → DOCX, `%PDF` → PDF, HTML markup → HTML, else text.
pub fn read(bytes: &[u8]) -> Result<Document, ReadError> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(ReadError::TooLarge(bytes.len()));
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return docx::read(bytes);
    }
    if let Some(kind) = sniff_binary(bytes) {
        return Err(kind);
    }
    let mut notes = Vec::new();
    let text = decode_html_or_text(bytes, &mut notes)?;
    let mut doc = read_str(&text)?;
    doc.notes.append(&mut notes);
    Ok(doc)
}

/// Decodes bytes: a byte order mark first, then an HTML page's declared charset, then detection.
fn decode_html_or_text(bytes: &[u8], notes: &mut Vec<String>) -> Result<String, ReadError> {
    let has_bom = bytes.starts_with(b"\xEF\xBB\xBF")
        || bytes.starts_with(b"\xFF\xFE")
        || bytes.starts_with(b"\xFE\xFF");
    if !has_bom {
        // The markup is ASCII, so the undecoded head tells whether this is HTML.
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]);
        if html::looks_like_html(&head) {
            if let Some(text) = html::charset::declared(bytes)
                .and_then(|label| decode::decode_declared(bytes, &label))
            {
                return Ok(text);
            }
        }
    }
    decode::decode_noting(bytes, notes)
}

/// `<html` or `<table` near the start, or a clipboard HTML fragment (output.md: input type is
/// detected from content).
pub fn looks_like_html(text: &str) -> bool {
    html::looks_like_html(text)
}

/// Reads text that is already decoded (pasted text, or HTML given as a string).
pub fn read_str(text: &str) -> Result<Document, ReadError> {
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
        return Ok(doc);
    }
    Ok(text::read(text))
}

/// Recognises containers this build cannot read as text, by their magic bytes.
fn sniff_binary(bytes: &[u8]) -> Option<ReadError> {
    let starts = |m: &[u8]| bytes.starts_with(m);
    if starts(b"%PDF") {
        // A PDF without any font resource has no text layer: a scan.
        let has_font = find(bytes, b"/Font").is_some();
        return Some(if has_font {
            ReadError::Unsupported(
                "这是 PDF 文件。请在 PDF 阅读器中全选复制文字后粘贴，或提供 Word（.docx）或网页（.html）版本。"
                    .into(),
            )
        } else {
            ReadError::NoTextLayer("这是没有文字层的 PDF（扫描件）".into())
        });
    }
    if starts(b"\x89PNG")
        || starts(b"\xFF\xD8\xFF")
        || starts(b"GIF8")
        || starts(b"II*\0")
        || starts(b"MM\0*")
    {
        return Some(ReadError::NoTextLayer("这是图片文件".into()));
    }
    if starts(b"\xD0\xCF\x11\xE0") {
        return Some(ReadError::Unsupported(
            "这是旧版 Word（.doc）文件，不能直接读取；请另存为 .docx 或复制文字后粘贴。".into(),
        ));
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}
