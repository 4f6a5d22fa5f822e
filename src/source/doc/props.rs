//! Formatting the text reader needs: character runs (deleted, hidden, special) and paragraph
//! runs (style, table, list) from the FKP pages of the WordDocument stream, indexed by file
//! position; and the paragraph styles (STSH) with what they imply (heading level, list).

use super::sprm;
use super::{u16_at, u32_at};

const PAGE: usize = 512;

/// Character formatting of a run, as flags.
pub const DELETED: u8 = 1;
pub const HIDDEN: u8 = 2;
pub const SPECIAL: u8 = 4;

/// The character flags a grpprl sets or clears, applied to `flags`.
pub fn char_flags(grpprl: &[u8], mut flags: u8) -> u8 {
    for (op, d) in sprm::iter(grpprl) {
        let bit = match op {
            sprm::C_RMARK_DEL => DELETED,
            sprm::C_VANISH => HIDDEN,
            sprm::C_SPEC => SPECIAL,
            _ => continue,
        };
        if sprm::toggle(d) {
            flags |= bit;
        } else {
            flags &= !bit;
        }
    }
    flags
}

/// Runs of a property, sorted by file position: [start, end) and a payload (one concrete type
/// for characters and paragraphs: one copy of the sort in the WebAssembly module).
pub struct Runs {
    runs: Vec<(u32, u32, u64)>,
}

impl Runs {
    fn new(mut runs: Vec<(u32, u32, u64)>) -> Self {
        runs.sort_unstable_by_key(|r| r.0);
        Runs { runs }
    }

    /// The run holding `fc`; `last` is the run found last (text is read in order, so the next
    /// lookup usually hits it or the one after).
    pub fn at(&self, fc: u32, last: &mut usize) -> Option<u64> {
        for i in [*last, *last + 1] {
            if let Some(&(s, e, v)) = self.runs.get(i) {
                if s <= fc && fc < e {
                    *last = i;
                    return Some(v);
                }
            }
        }
        let i = self.runs.partition_point(|r| r.0 <= fc).checked_sub(1)?;
        let (_, e, v) = self.runs[i];
        *last = i;
        (fc < e).then_some(v)
    }
}

/// The FKP pages a bin table (PlcBteChpx or PlcBtePapx) lists, with their offsets.
fn pages<'w>(word: &'w [u8], plc: &[u8]) -> impl Iterator<Item = (usize, &'w [u8])> + 'w {
    let n = plc.len().saturating_sub(4) / 8;
    let pns: Vec<usize> = (0..n)
        .filter_map(|i| u32_at(plc, 4 * (n + 1) + 4 * i))
        .map(|pn| (pn & 0x3F_FFFF) as usize * PAGE)
        .collect();
    pns.into_iter()
        .filter_map(move |at| Some((at, word.get(at..at + PAGE)?)))
}

/// Character runs with their flags (CHPX FKPs).
pub fn char_runs(word: &[u8], plc: &[u8]) -> Runs {
    let mut runs = Vec::new();
    for (_, page) in pages(word, plc) {
        let n = (page[PAGE - 1] as usize).min((PAGE - 4) / 5);
        for i in 0..n {
            let (Some(s), Some(e)) = (u32_at(page, 4 * i), u32_at(page, 4 * (i + 1))) else {
                continue;
            };
            let off = page.get(4 * (n + 1) + i).copied().unwrap_or(0) as usize * 2;
            let flags = if off == 0 {
                0
            } else {
                let cb = page.get(off).copied().unwrap_or(0) as usize;
                page.get(off + 1..off + 1 + cb)
                    .map_or(0, |g| char_flags(g, 0))
            };
            if s < e {
                runs.push((s, e, u64::from(flags)));
            }
        }
    }
    Runs::new(runs)
}

/// Paragraph runs (PAPX FKPs): for each, where its istd and grpprl are in the WordDocument
/// stream, as offset << 16 | length.
pub fn para_runs(word: &[u8], plc: &[u8]) -> Runs {
    let mut runs = Vec::new();
    for (base, page) in pages(word, plc) {
        let n = (page[PAGE - 1] as usize).min((PAGE - 4) / 17);
        for i in 0..n {
            let (Some(s), Some(e)) = (u32_at(page, 4 * i), u32_at(page, 4 * (i + 1))) else {
                continue;
            };
            let off = page.get(4 * (n + 1) + 13 * i).copied().unwrap_or(0) as usize * 2;
            if off == 0 || s >= e {
                continue;
            }
            let cb = page.get(off).copied().unwrap_or(0) as usize;
            let (start, len) = if cb == 0 {
                (
                    off + 2,
                    2 * page.get(off + 1).copied().unwrap_or(0) as usize,
                )
            } else {
                (off + 1, (2 * cb).saturating_sub(1))
            };
            if start + len <= PAGE && len >= 2 {
                runs.push((s, e, ((base + start) as u64) << 16 | len as u64));
            }
        }
    }
    Runs::new(runs)
}

/// What a paragraph's formatting says, as far as this reader cares.
#[derive(Clone, Debug, Default)]
pub struct Para {
    pub istd: u16,
    pub in_table: bool,
    pub ttp: bool,
    pub inner_cell: bool,
    pub inner_ttp: bool,
    pub itap: Option<u32>,
    pub ilfo: Option<u16>,
    pub ilvl: Option<u8>,
    pub outline: Option<u8>,
    /// The row's table definition (on the row-end paragraph): cell boundaries and cell flags.
    pub row: Option<RowDef>,
}

pub use crate::source::blocks::RowDef;

impl Para {
    /// Applies a grpprl; `data` is the Data stream (huge PAPX).
    pub fn apply(&mut self, grpprl: &[u8], data: &[u8], nested: bool) {
        for (op, d) in sprm::iter(grpprl) {
            let byte = d.first().copied().unwrap_or(0);
            match op {
                sprm::P_IN_TABLE => self.in_table = byte != 0,
                sprm::P_TTP => self.ttp = byte != 0,
                sprm::P_INNER_CELL => self.inner_cell = byte != 0,
                sprm::P_INNER_TTP => self.inner_ttp = byte != 0,
                sprm::P_ITAP => self.itap = u32_at(d, 0),
                sprm::P_ILFO => self.ilfo = sprm::u16_of(d),
                sprm::P_ILVL => self.ilvl = Some(byte.min(8)),
                sprm::P_OUT_LVL => self.outline = Some(byte.min(9)),
                sprm::P_ISTD => self.istd = sprm::u16_of(d).unwrap_or(self.istd),
                sprm::T_DEF_TABLE => self.row = Some(row_def(d)),
                sprm::T_VERT_MERGE => {
                    if let (Some(row), [itc, flag, ..]) = (&mut self.row, d) {
                        if let Some(c) = row.covered.get_mut(*itc as usize) {
                            *c = *flag == 1;
                        }
                    }
                }
                sprm::T_MERGE => {
                    if let (Some(row), [first, lim, ..]) = (&mut self.row, d) {
                        let lim = (*lim as usize).min(row.covered.len());
                        for c in row.covered.iter_mut().take(lim).skip(*first as usize + 1) {
                            *c = true;
                        }
                    }
                }
                sprm::P_HUGE_PAPX if !nested => {
                    // The properties are in the Data stream: a two-byte size, then the grpprl.
                    if let Some(at) = u32_at(d, 0) {
                        let at = at as usize;
                        let len = u16_at(data, at).unwrap_or(0) as usize;
                        if let Some(g) = data.get(at + 2..at + 2 + len) {
                            self.apply(g, data, true);
                        }
                    }
                }
                _ => {}
            }
        }
    }

    /// The nesting depth of the table the paragraph is in (0 outside tables).
    pub fn depth(&self) -> usize {
        if !self.in_table && self.itap.is_none_or(|d| d == 0) {
            return 0;
        }
        self.itap.unwrap_or(1).clamp(1, 32) as usize
    }
}

/// sprmTDefTable's operand: the number of cells, their boundaries, then a TC80 (20 bytes) per
/// cell as far as the operand goes.
fn row_def(d: &[u8]) -> RowDef {
    let n = d.first().copied().unwrap_or(0) as usize;
    let bounds: Vec<i16> = (0..=n)
        .map_while(|i| u16_at(d, 1 + 2 * i).map(|v| v as i16))
        .collect();
    let tc = 1 + 2 * (n + 1);
    let covered = (0..n)
        .map(|i| {
            let f = u16_at(d, tc + 20 * i).unwrap_or(0);
            // fMerged without fFirstMerged; fVertMerge without fVertRestart.
            f & 3 == 2 || f & 0x60 == 0x20
        })
        .collect();
    RowDef { bounds, covered }
}

/// A paragraph style: what the list numbering and headings need.
#[derive(Clone, Debug, Default)]
pub struct Style {
    pub sti: u16,
    pub base: u16,
    pub name: String,
    pub para: Para,
}

/// The paragraph styles (STSH), by istd; None for empty slots.
pub fn styles(stsh: &[u8]) -> Vec<Option<Style>> {
    let Some(cb_stshi) = u16_at(stsh, 0) else {
        return Vec::new();
    };
    let cstd = u16_at(stsh, 2).unwrap_or(0) as usize;
    let base_len = u16_at(stsh, 4).unwrap_or(10) as usize;
    let mut at = 2 + cb_stshi as usize;
    let mut out = Vec::with_capacity(cstd.min(stsh.len() / 2));
    for _ in 0..cstd {
        let Some(cb) = u16_at(stsh, at) else { break };
        let std = stsh.get(at + 2..at + 2 + cb as usize);
        at += 2 + cb as usize;
        out.push(std.and_then(|s| style(s, base_len)));
    }
    out
}

fn style(s: &[u8], base_len: usize) -> Option<Style> {
    let sti = u16_at(s, 0)? & 0x0FFF;
    let w = u16_at(s, 2)?;
    let (stk, base) = (w & 0xF, w >> 4);
    let cupx = u16_at(s, 4)? & 0xF;
    let cch = u16_at(s, base_len)? as usize;
    let name: Vec<u16> = (0..cch)
        .filter_map(|k| u16_at(s, base_len + 2 + 2 * k))
        .collect();
    let mut st = Style {
        sti,
        base,
        name: String::from_utf16_lossy(&name),
        para: Para::default(),
    };
    // The UPXs follow the name and its terminator, each aligned to an even offset.
    let mut at = base_len + 2 + 2 * cch + 2;
    if stk == 1 && cupx >= 1 {
        at += at % 2;
        let cb = u16_at(s, at)? as usize;
        if let Some(upx) = s.get(at + 2..at + 2 + cb) {
            if upx.len() >= 2 {
                st.para.apply(&upx[2..], &[], true);
            }
        }
    }
    Some(st)
}
