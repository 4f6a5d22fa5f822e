//! The readers module's one export (wasm32, feature `readers`): the page's start module is built
//! without the PDF, Word (.docx, .doc, Word 2003 XML) and RTF readers and instantiates this second
//! module, built from the same crate with only those readers, when the first such file arrives.
//! `extract` reads bytes and hands the start module the result as bytes (`source::external`;
//! `source::set_external_reader` on the other side), which then recognises and checks the
//! document itself.

use wasm_bindgen::prelude::*;

/// Reads a file: `Result<source::Document, source::ReadError>` as the bytes of
/// `source::external::encode`, which the start module decodes.
#[wasm_bindgen]
pub fn extract(bytes: &[u8]) -> Vec<u8> {
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
    source::external::encode(&read)
}
