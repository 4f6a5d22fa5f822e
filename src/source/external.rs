//! The other side of the readers module's `extract` (src/readers.rs): the JSON of a read
//! `Result<Document, ReadError>` (as serde writes it) turned back into one by hand. The start
//! module reads it without serde's deserializer, which would bring it and core's float
//! formatting back into the module (~20 KB gzipped).

use super::{Cell, Document, InputFormat, Line, LineKind, ReadError};
use serde_json::Value as Json;

/// The read document, or why it could not be read; a result that is not what the readers module
/// writes is a read error that says so.
pub fn decode(json: &str) -> Result<Document, ReadError> {
    let unreadable = || ReadError::Unsupported("读取模块的结果无法识别，请刷新页面后重试".into());
    let v = crate::jsonvalue::parse(json).ok_or_else(unreadable)?;
    if let Some(doc) = v.get("Ok") {
        return document(doc).ok_or_else(unreadable);
    }
    match v.get("Err").and_then(read_error) {
        Some(e) => Err(e),
        None => Err(unreadable()),
    }
}

fn u32_of(v: &Json) -> Option<u32> {
    v.as_u64().and_then(|n| u32::try_from(n).ok())
}

fn strings(v: &Json) -> Option<Vec<String>> {
    v.as_array()?
        .iter()
        .map(|s| s.as_str().map(str::to_owned))
        .collect()
}

fn document(v: &Json) -> Option<Document> {
    let pages = v.get("pages")?.as_array()?;
    Some(Document {
        text: v.get("text")?.as_str()?.to_owned(),
        format: format(v.get("format")?)?,
        lines: v
            .get("lines")?
            .as_array()?
            .iter()
            .map(line)
            .collect::<Option<_>>()?,
        pages: pages
            .iter()
            .map(|p| Some((u32_of(p.get(0)?)?, u32_of(p.get(1)?)?)))
            .collect::<Option<_>>()?,
        notes: strings(v.get("notes")?)?,
    })
}

fn format(v: &Json) -> Option<InputFormat> {
    Some(match v.as_str()? {
        "text" => InputFormat::Text,
        "html" => InputFormat::Html,
        "docx" => InputFormat::Docx,
        "doc" => InputFormat::Doc,
        "rtf" => InputFormat::Rtf,
        "wordxml" => InputFormat::WordXml,
        "pdf" => InputFormat::Pdf,
        _ => return None,
    })
}

fn line(v: &Json) -> Option<Line> {
    let kind = v.get("kind")?;
    let kind = if kind.as_str() == Some("Text") {
        LineKind::Text
    } else if let Some(h) = kind.get("Heading") {
        LineKind::Heading(u8::try_from(h.as_u64()?).ok()?)
    } else {
        LineKind::TableRow(u32_of(kind.get("TableRow")?)?)
    };
    let cells = v.get("cells")?.as_array()?;
    Some(Line {
        kind,
        number: u32_of(v.get("number")?)?,
        cells: cells
            .iter()
            .map(|c| {
                Some(Cell {
                    text: c.get("text")?.as_str()?.to_owned(),
                    line: u32_of(c.get("line")?)?,
                    column: u32_of(c.get("column")?)?,
                })
            })
            .collect::<Option<_>>()?,
    })
}

fn read_error(v: &Json) -> Option<ReadError> {
    if v.as_str() == Some("Empty") {
        return Some(ReadError::Empty);
    }
    let text = |k: &str| v.get(k).and_then(Json::as_str).map(str::to_owned);
    if let Some(n) = v.get("TooLarge") {
        return Some(ReadError::TooLarge(usize::try_from(n.as_u64()?).ok()?));
    }
    if let Some(f) = v.get("NeedsReader") {
        return Some(ReadError::NeedsReader(format(f)?));
    }
    text("Undecodable")
        .map(ReadError::Undecodable)
        .or_else(|| text("Unsupported").map(ReadError::Unsupported))
        .or_else(|| text("NoTextLayer").map(ReadError::NoTextLayer))
}
