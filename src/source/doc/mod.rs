//! The reader of Word 97–2003 documents (.doc), and of WPS 文字 files (.wps) saved in the same
//! binary format: a compound file whose WordDocument stream starts with the FIB, which locates
//! the table stream's piece table (where the text of the main document is, compressed 8-bit or
//! UTF-16), the paragraph and character formatting, the styles and the list tables. The result
//! is the same `Document` the .docx reader makes: paragraphs, tables with merged cells expanded,
//! automatic numbers rebuilt; headers, footers, footnotes, comments and text boxes left out.
//! Encrypted, damaged and foreign compound files are refused with the reason.

mod body;
mod cfb;
mod lists;
mod props;
mod sprm;

#[cfg(test)]
mod tests;

use super::{blocks, Document, InputFormat, ReadError};
use cfb::{Cfb, CfbError};

pub use cfb::is_cfb;

fn u16_at(b: &[u8], i: usize) -> Option<u16> {
    Some(u16::from_le_bytes(
        b.get(i..i.checked_add(2)?)?.try_into().ok()?,
    ))
}

fn u32_at(b: &[u8], i: usize) -> Option<u32> {
    Some(u32::from_le_bytes(
        b.get(i..i.checked_add(4)?)?.try_into().ok()?,
    ))
}

/// What to do about a document that is not read: save it as .docx.
const SAVE_AS: &str = "请在 Word 或 WPS 中打开，另存为 .docx 后再检查，或复制全文粘贴";

fn damaged(what: &str) -> ReadError {
    ReadError::Unsupported(format!(
        "Word 97–2003 文件（.doc/.wps）已损坏或不完整（{what}）；{SAVE_AS}"
    ))
}

/// FIB fields this reader uses: indexes into FibRgFcLcb97.
const STSHF: usize = 1;
const PLCF_BTE_CHPX: usize = 12;
const PLCF_BTE_PAPX: usize = 13;
const CLX: usize = 33;
const PLF_LST: usize = 73;
const PLF_LFO: usize = 74;

/// The parts of the FIB this reader needs.
struct Fib {
    /// fWhichTblStm: the table stream is 1Table.
    table_1: bool,
    /// Characters of the main document.
    ccp_text: u32,
    /// (fc, lcb) pairs into the table stream.
    fc_lcb: Vec<(u32, u32)>,
}

impl Fib {
    fn parse(w: &[u8]) -> Result<Fib, ReadError> {
        if u16_at(w, 0) != Some(0xA5EC) {
            return Err(damaged("WordDocument 流的文件头无效"));
        }
        let nfib = u16_at(w, 2).unwrap_or(0);
        let flags = u16_at(w, 0x0A).unwrap_or(0);
        if flags & 0x0100 != 0 {
            let how = if flags & 0x8000 != 0 {
                "XOR 混淆"
            } else {
                "RC4"
            };
            return Err(ReadError::Unsupported(format!(
                "这是设置了打开密码的 Word 97–2003 文件（{how} 加密），无法读取；请在 Word 或 WPS 中输入密码打开，取消密码后另存为 .docx 再检查"
            )));
        }
        if nfib < 0xC0 {
            return Err(ReadError::Unsupported(format!(
                "这是 Word 6.0/95 或更早版本的文件，不能直接读取；{SAVE_AS}"
            )));
        }
        // FibBase (32 bytes), csw + FibRgW, cslw + FibRgLw, cbRgFcLcb + FibRgFcLcb.
        let csw = u16_at(w, 32).unwrap_or(0) as usize;
        let lw = 34 + 2 * csw;
        let cslw = u16_at(w, lw).unwrap_or(0) as usize;
        let ccp_text = u32_at(w, lw + 2 + 4 * 3).ok_or_else(|| damaged("文件头不完整"))?;
        let fc = lw + 2 + 4 * cslw;
        let n = u16_at(w, fc).unwrap_or(0) as usize;
        let fc_lcb = (0..n)
            .map_while(|i| Some((u32_at(w, fc + 2 + 8 * i)?, u32_at(w, fc + 6 + 8 * i)?)))
            .collect();
        Ok(Fib {
            table_1: flags & 0x0200 != 0,
            ccp_text,
            fc_lcb,
        })
    }

    /// A structure of the table stream, if present and inside it.
    fn part<'t>(&self, table: &'t [u8], i: usize) -> Option<&'t [u8]> {
        let &(fc, lcb) = self.fc_lcb.get(i)?;
        if lcb == 0 {
            return None;
        }
        table.get(fc as usize..(fc as usize).checked_add(lcb as usize)?)
    }
}

/// Reads a compound file: a Word document, or the reason it is not read.
pub fn read(bytes: &[u8]) -> Result<Document, ReadError> {
    let cfb = Cfb::open(bytes).map_err(|e| match e {
        CfbError::NotCfb | CfbError::Damaged => damaged("复合文档结构无效"),
    })?;
    let Some(word) = cfb.stream("WordDocument") else {
        return Err(not_word(&cfb));
    };
    let word = word.map_err(|_| damaged("WordDocument 流不完整"))?;
    let fib = Fib::parse(&word)?;
    let table_name = if fib.table_1 { "1Table" } else { "0Table" };
    let table = match cfb.stream(table_name) {
        Some(Ok(t)) => t,
        _ => return Err(damaged("缺少表流")),
    };
    let data = match cfb.stream("Data") {
        Some(Ok(d)) => d,
        _ => Vec::new(),
    };
    let clx = fib
        .part(&table, CLX)
        .ok_or_else(|| damaged("缺少文本片段表"))?;
    let pieces = body::pieces(clx).ok_or_else(|| damaged("文本片段表无效"))?;
    let lst_end = fib
        .fc_lcb
        .get(PLF_LST)
        .map_or(0, |&(fc, lcb)| fc as usize + lcb as usize);
    let mut numbering = lists::read(
        &table,
        fib.part(&table, PLF_LST),
        lst_end,
        fib.part(&table, PLF_LFO),
    );
    let styles = fib
        .part(&table, STSHF)
        .map(props::styles)
        .unwrap_or_default();
    let src = body::Source {
        word: &word,
        data: &data,
        ccp_text: fib.ccp_text,
        pieces,
        clx,
        chars: props::char_runs(&word, fib.part(&table, PLCF_BTE_CHPX).unwrap_or(&[])),
        paras: props::para_runs(&word, fib.part(&table, PLCF_BTE_PAPX).unwrap_or(&[])),
        styles: body::Styles::new(styles),
    };
    let blocks = body::blocks(src, &mut numbering);
    let doc = blocks::layout(&blocks, InputFormat::Doc);
    if doc.lines.is_empty() {
        return Err(ReadError::Empty);
    }
    Ok(doc)
}

/// Why a compound file without a WordDocument stream is not read.
fn not_word(cfb: &Cfb) -> ReadError {
    let what = if cfb.has("EncryptedPackage") {
        "这是设置了打开密码的 Office 文件（加密的 .docx 等），无法读取；请在 Word 或 WPS 中输入密码打开，取消密码后另存为 .docx 再检查"
            .to_owned()
    } else if cfb.has("Workbook") || cfb.has("Book") {
        "这是 Excel 97–2003 表格（.xls/.et），不是 Word 文件；请提供报告的 Word、网页或文本版本"
            .to_owned()
    } else if cfb.has("PowerPoint Document") {
        "这是 PowerPoint 97–2003 演示文稿（.ppt/.dps），不是 Word 文件；请提供报告的 Word、网页或文本版本"
            .to_owned()
    } else if cfb.has("CONTENTS") || cfb.has("MatOST") {
        format!("这是 Microsoft Works 文字处理文件（.wps），不能直接读取；{SAVE_AS}")
    } else {
        format!("这是 Office 复合文档，但其中没有 Word 正文（WordDocument 流），不能直接读取；如果它是 WPS 文字或 Word 文件，{SAVE_AS}")
    };
    ReadError::Unsupported(what)
}
