//! The readers module's one export (wasm32, feature `readers`): the page's start module is built
//! without the PDF, Word (.docx, .doc, Word 2003 XML) and RTF readers and instantiates this second
//! module, built from the same crate with only those readers, when the first such file arrives. `extract` reads bytes
//! and hands the start module the result as JSON (`source::set_external_reader` on the other
//! side), which then recognises and checks the document itself.

use wasm_bindgen::prelude::*;

/// Reads a file: the JSON of `Result<source::Document, source::ReadError>` (serde's form,
/// `{"Ok": …}` or `{"Err": …}`).
#[wasm_bindgen]
pub fn extract(bytes: &[u8]) -> String {
    use crate::source::{self, InputFormat, ReadError};
    // Only the readers the start module leaves out: it reads everything else itself, and leaving
    // the others out keeps this module small.
    let read = if bytes.len() > source::MAX_INPUT_BYTES {
        Err(ReadError::TooLarge(bytes.len()))
    } else if source::is_zip(bytes) {
        source::docx::read(bytes)
    } else if source::is_word_xml(bytes) {
        source::read_word_xml(bytes)
    } else {
        match source::kind_of(bytes) {
            Some(InputFormat::Pdf) => source::pdf::read(bytes),
            Some(InputFormat::Doc) => source::doc::read(bytes),
            Some(InputFormat::Rtf) => source::rtf::read(bytes),
            _ => Err(ReadError::Unsupported(
                "读取模块只读 PDF、Word（.docx、.doc、Word 2003 XML）和 RTF 文件".into(),
            )),
        }
    };
    serde_json::to_string(&read).unwrap_or_else(|e| {
        // Serialising plain strings and numbers cannot fail; say so if it ever does.
        let err: Result<(), _> = Err(crate::source::ReadError::Unsupported(format!(
            "读取模块无法传回结果（{e}）"
        )));
        serde_json::to_string(&err).unwrap_or_default()
    })
}
