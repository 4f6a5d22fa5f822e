//! The main document's text as blocks. The piece table maps character positions (CPs) to where
//! the characters are in the WordDocument stream (FCs), 8-bit or UTF-16; formatting is looked up
//! by FC. A paragraph ends at a paragraph mark (13); in a table a cell ends at a cell mark (7)
//! and a row at a row mark (7 with sprmPFTtp), whose paragraph holds the row's cell boundaries
//! and merge flags. Fields (19 code 20 result 21) show their result; deleted and hidden text,
//! and object placeholders, are left out.

use super::props::{self, Para, RowDef, Runs, Style, DELETED, HIDDEN, SPECIAL};
use super::{u16_at, u32_at};
use crate::source::blocks::{grid, Block};
use crate::source::docx::numbering::Numbering;
use crate::source::docx::styles::{heading_name, Styles as DocxStyles};

/// Tables nested deeper than this are read as the deepest one.
const MAX_NESTING: usize = 32;
/// Style inheritance chains longer than this are cycles.
const MAX_CHAIN: usize = 16;
/// Fields nested deeper than this are damage; further field starts are ignored.
const MAX_FIELDS: usize = 64;

/// A piece of text: CPs [cp, cp_end) at byte `fc` of the WordDocument stream.
#[derive(Clone, Debug, PartialEq)]
pub struct Piece {
    pub cp: u32,
    pub cp_end: u32,
    pub fc: u32,
    pub compressed: bool,
    /// The piece's own property modifiers (a fast save puts formatting changes here).
    pub prm: Prm,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Prm {
    None,
    /// Prm1: an index into the CLX's grpprls.
    Complex(u16),
    /// Prm0: one sprm with a one-byte operand, as a grpprl.
    Simple([u8; 3]),
}

/// Prm0's sprms by their 7-bit index ([MS-DOC] 2.2.6, the table LibreOffice and Word use),
/// those this reader acts on: list level, in table, row end, deleted, hidden, special, outline.
const PRM0: [(u8, u16); 7] = [
    (0x0C, 0x260A),
    (0x18, 0x2416),
    (0x19, 0x2417),
    (0x41, 0x0800),
    (0x5C, 0x083C),
    (0x75, 0x0855),
    (0x78, 0x2640),
];

fn prm(v: u16) -> Prm {
    if v & 1 == 1 {
        return Prm::Complex(v >> 1);
    }
    let isprm = ((v >> 1) & 0x7F) as u8;
    match PRM0.iter().find(|(i, _)| *i == isprm) {
        Some(&(_, sprm)) => {
            let [lo, hi] = sprm.to_le_bytes();
            Prm::Simple([lo, hi, (v >> 8) as u8])
        }
        None => Prm::None,
    }
}

/// The pieces of a document, and where in the CLX their grpprls are (offset, length).
pub type Pieces = (Vec<Piece>, Vec<(usize, usize)>);

/// The pieces of a CLX (RgPrc grpprls, then the PlcPcd), and the grpprls.
pub fn pieces(clx: &[u8]) -> Option<Pieces> {
    let mut at = 0;
    let mut prcs = Vec::new();
    while clx.get(at) == Some(&1) {
        let cb = u16_at(clx, at + 1)? as i16;
        let len = usize::try_from(cb).ok()?;
        prcs.push((at + 3, len));
        at += 3 + len;
    }
    if clx.get(at) != Some(&2) {
        return None;
    }
    let lcb = u32_at(clx, at + 1)? as usize;
    let plc = clx.get(at + 5..at + 5 + lcb.min(clx.len()))?;
    let n = plc.len().saturating_sub(4) / 12;
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let (cp, cp_end) = (u32_at(plc, 4 * i)?, u32_at(plc, 4 * (i + 1))?);
        let pcd = 4 * (n + 1) + 8 * i;
        let fc = u32_at(plc, pcd + 2)?;
        let prm_value = u16_at(plc, pcd + 6)?;
        let compressed = fc & 0x4000_0000 != 0;
        let fc = fc & 0x3FFF_FFFF;
        out.push(Piece {
            cp,
            cp_end,
            fc: if compressed { fc / 2 } else { fc },
            compressed,
            prm: prm(prm_value),
        });
    }
    Some((out, prcs))
}

/// The paragraph styles with what each implies, worked out through the base styles once.
pub struct Styles {
    /// Per istd: heading level, list instance and level.
    list: Vec<(Option<u8>, Option<u16>, Option<u8>)>,
}

impl Styles {
    pub fn new(styles: Vec<Option<Style>>) -> Styles {
        let styles = &styles;
        let chain = |istd: usize| {
            let mut next = Some(istd);
            std::iter::from_fn(move || {
                let s = styles.get(next?)?.as_ref()?;
                next = (s.base != 0x0FFF).then_some(s.base as usize);
                Some(s)
            })
            .take(MAX_CHAIN)
        };
        let list = (0..styles.len())
            .map(|i| {
                let heading = chain(i).find_map(|s| {
                    if let Some(o) = s.para.outline {
                        return Some((o < 9).then_some(o + 1));
                    }
                    if (1..=9).contains(&s.sti) {
                        return Some(Some(s.sti as u8));
                    }
                    heading_name(&s.name).map(Some)
                });
                let ilfo = chain(i).find_map(|s| s.para.ilfo);
                let ilvl = chain(i).find_map(|s| s.para.ilvl);
                (heading.flatten(), ilfo, ilvl)
            })
            .collect();
        Styles { list }
    }

    fn get(&self, istd: u16) -> (Option<u8>, Option<u16>, Option<u8>) {
        self.list.get(istd as usize).copied().unwrap_or_default()
    }
}

/// Everything the text walk needs.
pub struct Source<'a> {
    pub word: &'a [u8],
    pub data: &'a [u8],
    pub ccp_text: u32,
    pub pieces: Pieces,
    pub clx: &'a [u8],
    pub chars: Runs,
    pub paras: Runs,
    pub styles: Styles,
}

/// Bytes 0x80–0x9F of a compressed piece: Windows-1252, as the format says.
const CP1252: [u16; 32] = [
    0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
    0x0152, 0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
];

/// How a paragraph mark ends its paragraph.
#[derive(Clone, Copy, PartialEq)]
enum End {
    Para,
    Cell,
    Row,
}

pub fn blocks(src: Source, numbering: &mut Numbering) -> Vec<Block> {
    let mut w = Walk {
        src: &src,
        numbering,
        out: Vec::new(),
        tables: Vec::new(),
        text: String::new(),
        fields: Vec::new(),
        high: None,
        no_styles: DocxStyles::default(),
    };
    let (pieces, prcs) = &src.pieces;
    let mut last = 0;
    // Pieces may point at the same bytes again and again: a document has no more characters
    // than its stream has bytes, and no piece goes back over characters already read.
    let mut budget = src.word.len() as u64;
    let mut next_cp = 0;
    for p in pieces {
        let end = p.cp_end.min(src.ccp_text);
        if p.cp < next_cp || p.cp >= end || budget == 0 {
            continue;
        }
        next_cp = end;
        let end = end.min(p.cp.saturating_add(budget.min(u64::from(u32::MAX)) as u32));
        budget -= u64::from(end - p.cp);
        let prm = match &p.prm {
            Prm::None => None,
            Prm::Complex(i) => prcs
                .get(*i as usize)
                .and_then(|&(at, len)| src.clx.get(at..at + len)),
            Prm::Simple(g) => Some(&g[..]),
        };
        for k in 0..end - p.cp {
            let (unit, fc) = if p.compressed {
                let Some(fc) = p.fc.checked_add(k) else { break };
                let Some(&b) = src.word.get(fc as usize) else {
                    break;
                };
                let u = match b {
                    0x80..=0x9F => CP1252[b as usize - 0x80],
                    _ => u16::from(b),
                };
                (u, fc)
            } else {
                let Some(fc) = k.checked_mul(2).and_then(|o| p.fc.checked_add(o)) else {
                    break;
                };
                let Some(u) = u16_at(src.word, fc as usize) else {
                    break;
                };
                (u, fc)
            };
            let mut flags = src.chars.at(fc, &mut last).unwrap_or(0) as u8;
            if let Some(g) = prm {
                flags = props::char_flags(g, flags);
            }
            w.char(unit, fc, flags, prm);
        }
    }
    w.finish()
}

/// A table being read: finished rows, the cells of the current row, the blocks of the current
/// cell.
#[derive(Default)]
struct OpenTable {
    rows: Vec<(Vec<Vec<Block>>, Option<RowDef>)>,
    cells: Vec<Vec<Block>>,
    cell: Vec<Block>,
}

struct Walk<'s, 'n> {
    src: &'s Source<'s>,
    numbering: &'n mut Numbering,
    out: Vec<Block>,
    tables: Vec<OpenTable>,
    /// The current paragraph's text.
    text: String,
    /// Open fields: true while in the field's code.
    fields: Vec<bool>,
    /// A high surrogate waiting for its pair.
    high: Option<u16>,
    no_styles: DocxStyles,
}

impl Walk<'_, '_> {
    fn char(&mut self, unit: u16, fc: u32, flags: u8, prm: Option<&[u8]>) {
        match unit {
            0x13 => {
                if self.fields.len() < MAX_FIELDS {
                    self.fields.push(true);
                }
                return;
            }
            0x14 => {
                if let Some(f) = self.fields.last_mut() {
                    *f = false;
                }
                return;
            }
            0x15 => {
                self.fields.pop();
                return;
            }
            0x0D | 0x07 => {
                self.para_end(unit, fc, prm);
                return;
            }
            _ => {}
        }
        if flags & (DELETED | HIDDEN | SPECIAL) != 0 || self.fields.contains(&true) {
            return;
        }
        let c = match unit {
            0x09 => '\t',
            0x0B | 0x0C | 0x0E => '\n',
            0x1E => '-',
            0xD800..=0xDBFF => {
                self.high = Some(unit);
                return;
            }
            0xDC00..=0xDFFF => {
                let Some(h) = self.high.take() else { return };
                let v = 0x10000 + ((u32::from(h) - 0xD800) << 10) + (u32::from(unit) - 0xDC00);
                char::from_u32(v).unwrap_or('\u{FFFD}')
            }
            u if u < 0x20 => return,
            u => char::from_u32(u.into()).unwrap_or('\u{FFFD}'),
        };
        self.high = None;
        self.text.push(c);
    }

    /// The formatting of the paragraph whose mark is at `fc`.
    fn para_props(&self, fc: u32, prm: Option<&[u8]>) -> Para {
        let mut p = Para::default();
        let src = self.src;
        if let Some(v) = src.paras.at(fc, &mut 0) {
            let (at, len) = ((v >> 16) as usize, (v & 0xFFFF) as usize);
            if let Some(b) = src.word.get(at..at + len) {
                p.istd = u16_at(b, 0).unwrap_or(0);
                p.apply(&b[2..], src.data, false);
            }
        }
        if let Some(g) = prm {
            p.apply(g, src.data, false);
        }
        p
    }

    fn para_end(&mut self, mark: u16, fc: u32, prm: Option<&[u8]>) {
        self.high = None;
        // A paragraph mark ends any field code still open (a damaged or unmatched field must
        // not hide the rest of the document).
        if let Some(i) = self.fields.iter().position(|&code| code) {
            self.fields.truncate(i);
        }
        let p = self.para_props(fc, prm);
        let depth = p.depth().min(MAX_NESTING);
        let end = match (depth, mark) {
            (0, _) => End::Para,
            (1, 0x07) if p.ttp => End::Row,
            (1, 0x07) => End::Cell,
            (1, _) => End::Para,
            (_, _) if p.inner_ttp || p.ttp && mark == 0x07 && p.inner_cell => End::Row,
            (_, 0x07) => End::Cell,
            (_, _) if p.inner_cell => End::Cell,
            _ => End::Para,
        };
        // A cell mark outside any table is a stray character.
        self.depth(depth);
        let text = std::mem::take(&mut self.text);
        if end == End::Row {
            if let Some(t) = self.tables.last_mut() {
                let mut cells = std::mem::take(&mut t.cells);
                if !t.cell.is_empty() {
                    cells.push(std::mem::take(&mut t.cell));
                }
                t.rows.push((cells, p.row));
            }
            return;
        }
        let (style_heading, style_ilfo, style_ilvl) = self.src.styles.get(p.istd);
        let heading = match p.outline {
            Some(o) => (o < 9).then_some(o + 1),
            None => style_heading,
        };
        let label = match p.ilfo.or(style_ilfo) {
            Some(ilfo @ 1..=0x7FE) => {
                let ilvl = p.ilvl.or(style_ilvl).unwrap_or(0);
                self.numbering.label(u32::from(ilfo), ilvl, &self.no_styles)
            }
            _ => None,
        };
        let block = Block::Para {
            text: label.unwrap_or_default() + &text,
            heading,
        };
        match self.tables.last_mut() {
            Some(t) => {
                t.cell.push(block);
                if end == End::Cell {
                    let cell = std::mem::take(&mut t.cell);
                    t.cells.push(cell);
                }
            }
            None => self.out.push(block),
        }
    }

    /// Opens or closes tables to reach nesting `depth`.
    fn depth(&mut self, depth: usize) {
        while self.tables.len() > depth {
            self.close_table();
        }
        while self.tables.len() < depth {
            self.tables.push(OpenTable::default());
        }
    }

    fn close_table(&mut self) {
        let Some(mut t) = self.tables.pop() else {
            return;
        };
        // Cells after the last row mark (a table cut short) form a last row.
        if !t.cell.is_empty() {
            t.cells.push(std::mem::take(&mut t.cell));
        }
        if !t.cells.is_empty() {
            t.rows.push((std::mem::take(&mut t.cells), None));
        }
        let table = Block::Table(grid(t.rows));
        match self.tables.last_mut() {
            Some(parent) => parent.cell.push(table),
            None => self.out.push(table),
        }
    }

    fn finish(mut self) -> Vec<Block> {
        if !self.text.is_empty() {
            let text = std::mem::take(&mut self.text);
            self.depth(0);
            self.out.push(Block::Para {
                text,
                heading: None,
            });
        }
        self.depth(0);
        self.out
    }
}
