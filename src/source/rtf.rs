//! Rich Text Format (.rtf, and RTF saved under a .doc name, as Word, WPS and many office systems
//! write it): paragraphs, list numbers as written (`\listtext`), tables from `\cellx` boundaries
//! with merged cells, text in `\uN` or in the code page's bytes (GBK under `\ansicpg936` or a
//! font with `\fcharset134`). Headers, footers, footnotes, field instructions, pictures and the
//! other destinations are skipped. One pass, no recursion: the group stack is bounded.

use super::blocks::{self, grid, Block, RowDef};
use super::{decode, Document, InputFormat, ReadError};

pub fn read(bytes: &[u8]) -> Result<Document, ReadError> {
    let mut r = Reader::new(bytes);
    r.run();
    let blocks = r.finish();
    let doc = blocks::layout(&blocks, InputFormat::Rtf);
    if doc.lines.is_empty() {
        return Err(ReadError::Empty);
    }
    Ok(doc)
}

/// Groups deeper than this are read as text of the enclosing group (nothing is skipped wrongly,
/// and the stack stays small).
const MAX_DEPTH: usize = 1000;

#[derive(Clone, Copy)]
struct Group {
    /// Inside a destination whose text is not part of the document.
    skip: bool,
    /// Characters that stand in for a `\uN` (`\ucN`).
    uc: usize,
    /// Bytes `\'hh` of the current font are GBK.
    gbk: bool,
    /// The table this group is in (font table, style sheet), if any.
    table: Table,
    /// A list number as written (`\listtext`, `\pntext`): its tab only separates it from the text.
    number: bool,
}

#[derive(Clone, Copy, PartialEq)]
enum Table {
    None,
    Fonts,
    Styles,
}

struct Reader<'a> {
    src: &'a [u8],
    at: usize,
    stack: Vec<Group>,
    /// Groups opened past MAX_DEPTH, not on the stack.
    overflow: usize,
    group: Group,
    /// The document's code page is GBK (`\ansicpg936`).
    doc_gbk: bool,
    /// Fonts whose charset is GB2312/GBK (`\fcharset134`).
    gbk_fonts: Vec<i32>,
    /// The font being defined in the font table.
    defining_font: Option<i32>,
    /// Style number → outline level, from the style sheet.
    style_levels: Vec<(i32, u8)>,
    defining_style: Option<i32>,
    /// `\'hh` bytes not yet decoded.
    bytes: Vec<u8>,
    /// Characters still to skip after a `\uN`.
    skip_chars: usize,
    para: String,
    para_level: Option<u8>,
    in_table: bool,
    out: Vec<Block>,
    /// The table being read: its rows, the row's finished cells, the cell's paragraphs.
    rows: Vec<(Vec<Vec<Block>>, Option<RowDef>)>,
    cells: Vec<Vec<Block>>,
    cell: Vec<Block>,
    /// The row definition being written (`\trowd` … `\cellx`), and the merge flags of the next
    /// `\cellx`.
    row: RowDef,
    merged: bool,
}

impl<'a> Reader<'a> {
    fn new(src: &'a [u8]) -> Self {
        Reader {
            src,
            at: 0,
            stack: Vec::new(),
            overflow: 0,
            group: Group {
                skip: false,
                uc: 1,
                gbk: false,
                table: Table::None,
                number: false,
            },
            doc_gbk: false,
            gbk_fonts: Vec::new(),
            defining_font: None,
            style_levels: Vec::new(),
            defining_style: None,
            bytes: Vec::new(),
            skip_chars: 0,
            para: String::new(),
            para_level: None,
            in_table: false,
            out: Vec::new(),
            rows: Vec::new(),
            cells: Vec::new(),
            cell: Vec::new(),
            row: RowDef::default(),
            merged: false,
        }
    }

    fn run(&mut self) {
        while self.at < self.src.len() {
            let c = self.src[self.at];
            self.at += 1;
            match c {
                b'{' => self.open(),
                b'}' => self.close(),
                b'\\' => self.control(),
                b'\r' | b'\n' => {}
                _ => self.text_byte(c),
            }
        }
    }

    fn open(&mut self) {
        self.flush_bytes();
        if self.stack.len() >= MAX_DEPTH {
            self.overflow += 1;
            return;
        }
        self.stack.push(self.group);
        // In the font table and the style sheet each definition is a group of its own.
        self.defining_font = None;
        self.defining_style = None;
        // A group's first word decides whether it is a skipped destination.
        if let Some(word) = self.peek_word() {
            if word == b"*" || skipped_destination(word) {
                self.group.skip = true;
            }
            self.group.number = matches!(word, b"listtext" | b"pntext");
        }
    }

    fn close(&mut self) {
        self.flush_bytes();
        if self.overflow > 0 {
            self.overflow -= 1;
            return;
        }
        if let Some(g) = self.stack.pop() {
            self.group = g;
        }
        self.skip_chars = 0;
    }

    /// The control word (or `*`) after a `{`, without consuming it.
    fn peek_word(&self) -> Option<&'a [u8]> {
        let rest = &self.src[self.at..];
        let rest = rest.strip_prefix(b"\\")?;
        if rest.first() == Some(&b'*') {
            return Some(b"*");
        }
        let n = rest.iter().take_while(|c| c.is_ascii_alphabetic()).count();
        (n > 0).then(|| &rest[..n])
    }

    fn control(&mut self) {
        let Some(&c) = self.src.get(self.at) else {
            return;
        };
        if !c.is_ascii_alphabetic() {
            self.at += 1;
            match c {
                b'\'' => {
                    let hex = self.src.get(self.at..self.at + 2).and_then(|h| {
                        std::str::from_utf8(h)
                            .ok()
                            .and_then(|h| u8::from_str_radix(h, 16).ok())
                    });
                    if let Some(b) = hex {
                        self.at += 2;
                        if self.skip_chars > 0 {
                            self.skip_chars -= 1;
                        } else if !self.group.skip && self.group.table == Table::None {
                            self.bytes.push(b);
                        }
                    }
                }
                b'\\' | b'{' | b'}' => self.text_byte(c),
                b'~' => self.text_char(' '),
                b'_' => self.text_char('-'),
                b'\r' | b'\n' => self.end_para(),
                _ => {} // \- \| \: and the ignorable-destination mark \*
            }
            return;
        }
        let start = self.at;
        while self.src.get(self.at).is_some_and(u8::is_ascii_alphabetic) {
            self.at += 1;
        }
        let word = &self.src[start..self.at];
        let num_start = self.at;
        if self.src.get(self.at) == Some(&b'-') {
            self.at += 1;
        }
        while self.at < self.src.len()
            && self.src[self.at].is_ascii_digit()
            && self.at - num_start < 10
        {
            self.at += 1;
        }
        let param = std::str::from_utf8(&self.src[num_start..self.at])
            .ok()
            .and_then(|n| n.parse::<i32>().ok());
        if self.src.get(self.at) == Some(&b' ') {
            self.at += 1;
        }
        self.word(word, param);
    }

    fn word(&mut self, word: &[u8], param: Option<i32>) {
        match word {
            b"bin" => {
                // Binary data: skipped whole, whatever it holds.
                let n = param.unwrap_or(0).max(0) as usize;
                self.at = self.at.saturating_add(n).min(self.src.len());
                return;
            }
            b"fonttbl" => self.group.table = Table::Fonts,
            b"stylesheet" => self.group.table = Table::Styles,
            b"ansicpg" => self.doc_gbk = param == Some(936),
            b"uc" => self.group.uc = param.unwrap_or(1).clamp(0, 10) as usize,
            b"u" => {
                if let Some(n) = param {
                    let n = if n < 0 { n + 65536 } else { n } as u32;
                    self.flush_bytes();
                    if !self.group.skip {
                        if let Some(ch) = char::from_u32(n) {
                            self.push_char(ch);
                        }
                    }
                    self.skip_chars = self.group.uc;
                }
                return;
            }
            _ => {}
        }
        match self.group.table {
            Table::Fonts => return self.font_word(word, param),
            Table::Styles => return self.style_word(word, param),
            Table::None => {}
        }
        // A control word stands for one character when skipping after \uN.
        if self.skip_chars > 0 {
            self.skip_chars -= 1;
            return;
        }
        match word {
            b"f" => {
                let f = param.unwrap_or(0);
                self.group.gbk = self.gbk_fonts.contains(&f);
            }
            b"par" | b"sect" | b"page" => self.end_para(),
            b"line" => self.text_char('\n'),
            b"tab" if self.group.number => {}
            b"tab" => self.text_char('\t'),
            b"emdash" => self.text_char('—'),
            b"endash" => self.text_char('–'),
            b"lquote" => self.text_char('‘'),
            b"rquote" => self.text_char('’'),
            b"ldblquote" => self.text_char('“'),
            b"rdblquote" => self.text_char('”'),
            b"bullet" => self.text_char('•'),
            b"pard" => {
                self.in_table = false;
                self.para_level = None;
            }
            b"intbl" => self.in_table = true,
            b"outlinelevel" => self.para_level = param.map(|l| (l.clamp(0, 8) + 1) as u8),
            b"s" if !self.group.skip => {
                let s = param.unwrap_or(0);
                if let Some(&(_, l)) = self.style_levels.iter().find(|(n, _)| *n == s) {
                    self.para_level = Some(l);
                }
            }
            b"cell" => self.end_cell(),
            b"nestcell" => self.text_char('\t'),
            b"nestrow" => self.text_char('\n'),
            b"row" => self.end_row(),
            b"trowd" => {
                self.row = RowDef::default();
                self.merged = false;
            }
            b"clmrg" | b"clvmrg" => self.merged = true,
            b"cellx" => {
                let x = param.unwrap_or(0).clamp(i16::MIN as i32, i16::MAX as i32) as i16;
                if self.row.bounds.is_empty() {
                    // The row's left edge: \trleft, taken as 0 when not given.
                    self.row.bounds.push(0);
                }
                self.row.bounds.push(x);
                self.row.covered.push(self.merged);
                self.merged = false;
            }
            _ => {}
        }
    }

    fn font_word(&mut self, word: &[u8], param: Option<i32>) {
        match word {
            b"f" => self.defining_font = param,
            b"fcharset" if param == Some(134) => {
                if let Some(f) = self.defining_font {
                    self.gbk_fonts.push(f);
                }
            }
            b"cpg" if param == Some(936) => {
                if let Some(f) = self.defining_font {
                    self.gbk_fonts.push(f);
                }
            }
            _ => {}
        }
    }

    fn style_word(&mut self, word: &[u8], param: Option<i32>) {
        match word {
            b"s" => self.defining_style = param,
            b"outlinelevel" => {
                if let (Some(s), Some(l)) = (self.defining_style, param) {
                    self.style_levels.push((s, (l.clamp(0, 8) + 1) as u8));
                }
            }
            _ => {}
        }
    }

    fn text_byte(&mut self, b: u8) {
        if self.group.table != Table::None || self.group.skip {
            return;
        }
        if self.skip_chars > 0 {
            self.skip_chars -= 1;
            return;
        }
        if b >= 0x80 {
            // Raw 8-bit text: bytes of the code page, like \'hh.
            self.bytes.push(b);
            return;
        }
        self.flush_bytes();
        self.push_char(b as char);
    }

    fn text_char(&mut self, c: char) {
        self.flush_bytes();
        if !self.group.skip && self.group.table == Table::None {
            self.push_char(c);
        }
    }

    fn push_char(&mut self, c: char) {
        if self.para.len() < blocks::MAX_TEXT {
            self.para.push(c);
        }
    }

    /// Decodes the pending `\'hh` bytes: GBK when the document or a font says so, else
    /// Windows-1252 (quotes and dashes; the rest as Latin-1).
    fn flush_bytes(&mut self) {
        if self.bytes.is_empty() {
            return;
        }
        let bytes = std::mem::take(&mut self.bytes);
        // The font in force may be set by \af/\dbch rather than \f: with GBK fonts in the
        // table, bytes that are valid GBK are taken as GBK.
        if self.doc_gbk || self.group.gbk || !self.gbk_fonts.is_empty() {
            if let Some(t) = decode::gb18030(&bytes) {
                t.chars().for_each(|c| self.push_char(c));
                return;
            }
        }
        for b in bytes {
            let c = match b {
                0x91 => '‘',
                0x92 => '’',
                0x93 => '“',
                0x94 => '”',
                0x96 => '–',
                0x97 => '—',
                0x80..=0x9F => '\u{FFFD}',
                _ => b as char,
            };
            self.push_char(c);
        }
    }

    fn take_para(&mut self) -> Option<Block> {
        self.flush_bytes();
        let text = std::mem::take(&mut self.para);
        let level = self.para_level;
        (!text.trim().is_empty()).then_some(Block::Para {
            text,
            heading: level,
        })
    }

    fn end_para(&mut self) {
        let para = self.take_para();
        if self.in_table {
            self.cell.extend(para);
        } else {
            self.close_table();
            self.out.extend(para);
        }
    }

    fn end_cell(&mut self) {
        let para = self.take_para();
        self.cell.extend(para);
        let cell = std::mem::take(&mut self.cell);
        self.cells.push(cell);
    }

    fn end_row(&mut self) {
        // Text after the last \cell (rare) belongs to that row's last cell.
        if let Some(p) = self.take_para() {
            self.cell.push(p);
        }
        if !self.cell.is_empty() {
            let cell = std::mem::take(&mut self.cell);
            self.cells.push(cell);
        }
        let cells = std::mem::take(&mut self.cells);
        let def = (!self.row.bounds.is_empty()).then(|| self.row.clone());
        self.rows.push((cells, def));
        self.in_table = false;
    }

    fn close_table(&mut self) {
        if !self.cells.is_empty() || !self.cell.is_empty() {
            self.end_row();
        }
        if !self.rows.is_empty() {
            let rows = std::mem::take(&mut self.rows);
            self.out.push(Block::Table(grid(rows)));
        }
    }

    fn finish(mut self) -> Vec<Block> {
        let para = self.take_para();
        if self.in_table {
            self.cell.extend(para);
            self.close_table();
        } else {
            self.close_table();
            self.out.extend(para);
        }
        self.out
    }
}

/// Destinations whose text is not the document's: tables of fonts, colours and styles are read
/// for what they define, and these are skipped whole.
fn skipped_destination(word: &[u8]) -> bool {
    matches!(
        word,
        b"colortbl"
            | b"info"
            | b"pict"
            | b"objdata"
            | b"objclass"
            | b"objname"
            | b"header"
            | b"headerl"
            | b"headerr"
            | b"headerf"
            | b"footer"
            | b"footerl"
            | b"footerr"
            | b"footerf"
            | b"footnote"
            | b"annotation"
            | b"fldinst"
            | b"xe"
            | b"tc"
            | b"txe"
            | b"rxe"
            | b"nonshppict"
            | b"filetbl"
            | b"revtbl"
            | b"listtable"
            | b"listoverridetable"
            | b"pn"
            | b"template"
            | b"private"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(rtf: &str) -> Vec<String> {
        read(rtf.as_bytes())
            .unwrap()
            .lines
            .iter()
            .map(|l| l.joined())
            .collect()
    }

    #[test]
    fn unicode_escapes_gbk_bytes_and_skipped_destinations() {
        let rtf = r"{\rtf1\ansi\ansicpg936{\fonttbl{\f0\fcharset134 \'cb\'ce\'cc\'e5;}}{\colortbl;\red0;}{\*\generator x;}
{\header page head\par}\pard\f0 \'b9\'e6\'d5\'c2 \u24180?\uc2\u20214\'bc\'fe\par
{\field{\*\fldinst PAGE}{\fldrslt 7}}\par}";
        assert_eq!(lines(rtf), ["规章 年件", "7"]);
    }

    #[test]
    fn a_table_with_merged_cells_and_list_numbers() {
        let rtf = r"{\rtf1\ansi{\fonttbl{\f0 Arial;}}
{\listtext \u19968?\u12289?\tab}\u24635?\u20307?\par
\trowd\cellx1000\clmgf\cellx2000\clmrg\cellx3000\pard\intbl a\cell b\cell\cell\row
\trowd\cellx1000\cellx2000\cellx3000\pard\intbl c\cell 1\cell 2\cell\row
\pard after\par}";
        let doc = read(rtf.as_bytes()).unwrap();
        let got: Vec<String> = doc.lines.iter().map(|l| l.joined()).collect();
        assert_eq!(got[0], "一、总体");
        let row0: Vec<&str> = doc.lines[1].cells.iter().map(|c| c.text.as_str()).collect();
        let row1: Vec<&str> = doc.lines[2].cells.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(row0, ["a", "b", ""]);
        assert_eq!(row1, ["c", "1", "2"]);
        assert_eq!(got[3], "after");
    }

    #[test]
    fn hostile_input_ends_without_panic() {
        let deep = format!("{{\\rtf1 {}x{}", "{".repeat(100_000), "}".repeat(100_000));
        assert_eq!(lines(&deep), ["x"]);
        for s in [
            r"{\rtf1 \u",
            r"{\rtf1 \'",
            r"{\rtf1 \'z1 a}",
            r"{\rtf1 \bin999999999 a}",
            r"{\rtf1 \u-99999999999 a}",
            r"{\rtf1 \cellx99999999 a\cell\row}}}}",
        ] {
            let _ = read(s.as_bytes());
        }
    }
}
