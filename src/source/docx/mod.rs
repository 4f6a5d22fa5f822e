//! The DOCX reader: a .docx is a zip of XML parts. The main document part is found through the
//! package relationships; its styles and list numbering are read so that headings are known and
//! Word's automatic numbers ("一、", "（二）", "3.") appear in the text as Word shows them.
//! Damaged archives, zip bombs and zips that are not Word documents are refused with the reason.

mod archive;
mod body;
pub(crate) mod numbering;
pub(crate) mod styles;
mod xml;

use super::blocks;
use super::{Document, InputFormat, ReadError};
use archive::Archive;
use numbering::Numbering;
use styles::Styles;
use xml::{Ev, Reader};

pub use archive::MAX_INFLATED;

/// Reads a Word 2003 XML document: the styles, lists and body are elements of one file, named
/// as in .docx but for the lists (`listDef`, `list`, `ilfo`), which numbering.rs also reads.
pub fn read_word_xml(xml: &str) -> Result<Document, ReadError> {
    let styles = Styles::parse(xml);
    let mut numbering = Numbering::parse(xml);
    let (blocks, cells_merged) =
        body::parse(xml, &styles, &mut numbering).map_err(|_| incomplete())?;
    let mut doc = blocks::layout(&blocks, InputFormat::WordXml);
    if cells_merged {
        doc.notes
            .push("表格单元格过多（超过 2000000 个），其后的单元格内容并入前一个单元格".into());
    }
    if doc.lines.is_empty() {
        return Err(ReadError::Empty);
    }
    Ok(doc)
}

/// Reads a .docx.
pub fn read(bytes: &[u8]) -> Result<Document, ReadError> {
    let mut ar = Archive::open(bytes)?;
    let main = match ar.read_text("_rels/.rels")? {
        Some(rels) => target(&rels, "", "/officeDocument"),
        None => None,
    }
    .filter(|p| ar.has(p))
    .unwrap_or_else(|| "word/document.xml".to_owned());
    let Some(xml) = ar.read_text(&main)? else {
        return Err(not_word(&ar));
    };
    let dir = main.rsplit_once('/').map_or("", |(d, _)| d).to_owned();
    let rels_name = format!(
        "{}_rels/{}.rels",
        prefix(&dir),
        main.rsplit('/').next().unwrap_or("")
    );
    let rels = ar.read_text(&rels_name)?.unwrap_or_default();
    let part = |kind: &str, default: &str| {
        target(&rels, &dir, kind).unwrap_or_else(|| format!("{}{default}", prefix(&dir)))
    };
    let (styles_name, numbering_name) = (
        part("/styles", "styles.xml"),
        part("/numbering", "numbering.xml"),
    );
    let styles = match ar.read_text(&styles_name)? {
        Some(s) => Styles::parse(&s),
        None => Styles::default(),
    };
    let mut numbering = match ar.read_text(&numbering_name)? {
        Some(s) => Numbering::parse(&s),
        None => Numbering::default(),
    };
    let (blocks, cells_merged) =
        body::parse(&xml, &styles, &mut numbering).map_err(|_| incomplete())?;
    let mut doc = blocks::layout(&blocks, InputFormat::Docx);
    if cells_merged {
        doc.notes
            .push("表格单元格过多（超过 2000000 个），其后的单元格内容并入前一个单元格".into());
    }
    if numbering.exhausted {
        doc.notes
            .push("自动编号过多或过长，超出部分的编号未显示".into());
    }
    if doc.lines.is_empty() {
        return Err(ReadError::Empty);
    }
    Ok(doc)
}

fn prefix(dir: &str) -> String {
    if dir.is_empty() {
        String::new()
    } else {
        format!("{dir}/")
    }
}

fn incomplete() -> ReadError {
    ReadError::Unsupported(
        "Word 文件（.docx）已损坏：正文（word/document.xml）不完整，不是有效的 XML".into(),
    )
}

/// Why a zip without a Word document part is not read.
fn not_word(ar: &Archive) -> ReadError {
    let what = if ar.has("xl/workbook.xml") {
        "这是 Excel 表格（.xlsx），不是 Word 文件；请提供报告的 Word、网页或文本版本"
    } else if ar.has("ppt/presentation.xml") {
        "这是 PowerPoint 演示文稿（.pptx），不是 Word 文件；请提供报告的 Word、网页或文本版本"
    } else if ar.has("content.xml") && ar.has("mimetype") {
        "这是 OpenDocument 文件（.odt 等），请在 WPS 或 Word 中另存为 .docx 后再检查"
    } else {
        "这是 zip 压缩包，不是 Word（.docx）文件；请解压后检查其中的报告"
    };
    ReadError::Unsupported(what.into())
}

/// The target of the first relationship whose type ends with `kind`, resolved against `dir`.
fn target(rels: &str, dir: &str, kind: &str) -> Option<String> {
    Reader::new(rels).find_map(|ev| match ev {
        Ev::Start(t)
            if t.name() == "Relationship"
                && t.attr("Type").is_some_and(|ty| ty.ends_with(kind))
                && t.attr("TargetMode").as_deref() != Some("External") =>
        {
            t.attr("Target").map(|target| resolve(dir, &target))
        }
        _ => None,
    })
}

/// A relationship target relative to the source part's folder ("/" starts at the package root).
fn resolve(dir: &str, target: &str) -> String {
    let mut parts: Vec<&str> = if target.starts_with('/') {
        Vec::new()
    } else {
        dir.split('/').filter(|s| !s.is_empty()).collect()
    };
    for seg in target.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

#[cfg(test)]
mod tests;
