//! Word's automatic list numbering in the binary format: list definitions (PlfLst: an LSTF per
//! list, followed by its LVLs) and list instances (PlfLfo: an LFO per instance, with start and
//! level overrides), read into the same [`Numbering`] the .docx reader builds from numbering.xml,
//! so that "一、" and "（一）" come out the same. A paragraph names its instance by `ilfo`
//! (1-based) and its level by `ilvl`.

use super::{u16_at, u32_at};
use crate::source::docx::numbering::{Abstract, Level, Num, Numbering, Suffix};
use crate::source::numfmt::NumFmt;

/// Lists (or instances) beyond this are damage: a report has a handful.
const MAX_LISTS: usize = 4096;

/// An LVL at `at`: the level and where the next one starts.
fn level(t: &[u8], at: usize) -> Option<(Level, usize)> {
    let f = t.get(at..at + 28)?;
    let start = i64::from(u32_at(f, 0)? as i32);
    let flags = f[5];
    let (follow, restart_lim) = (f[15], f[26]);
    let (cb_chpx, cb_papx) = (f[24] as usize, f[25] as usize);
    let xst = at + 28 + cb_chpx + cb_papx;
    let cch = u16_at(t, xst)? as usize;
    let mut text = String::new();
    for k in 0..cch {
        let c = u16_at(t, xst + 2 + 2 * k)?;
        // A character below 9 stands for that level's number.
        if c < 9 {
            text.push('%');
            text.push(char::from(b'1' + c as u8));
        } else {
            text.push(char::from_u32(c.into()).unwrap_or('\u{FFFD}'));
        }
    }
    let lvl = Level {
        start,
        fmt: NumFmt::from_nfc(f[4]),
        text: Some(text),
        // fNoRestart: restart only after levels above ilvlRestartLim; else after any level above.
        restart: (flags & 8 != 0).then_some(u32::from(restart_lim)),
        legal: flags & 4 != 0,
        suffix: match follow {
            1 => Suffix::Space,
            2 => Suffix::Nothing,
            _ => Suffix::Tab,
        },
        style: None,
    };
    Some((lvl, xst + 2 + 2 * cch))
}

/// The numbering of a document from its table stream's PlfLst and PlfLfo.
pub fn read(table: &[u8], lst: Option<&[u8]>, lst_end: usize, lfo: Option<&[u8]>) -> Numbering {
    let mut abstracts = Vec::new();
    if let Some(l) = lst {
        let n = (u16_at(l, 0).unwrap_or(0) as i16).max(0) as usize;
        let n = n.min(MAX_LISTS).min(l.len().saturating_sub(2) / 28);
        // The LVLs follow PlfLst in the table stream.
        let mut at = lst_end;
        for i in 0..n {
            let lstf = &l[2 + 28 * i..2 + 28 * (i + 1)];
            let lsid = u32_at(lstf, 0).unwrap_or(0);
            let count = if lstf[26] & 1 != 0 { 1 } else { 9 };
            let mut levels = Vec::with_capacity(count);
            for _ in 0..count {
                match level(table, at) {
                    Some((lvl, next)) => {
                        levels.push(Some(lvl));
                        at = next;
                    }
                    None => break,
                }
            }
            abstracts.push((
                lsid,
                Abstract {
                    levels,
                    style_link: None,
                },
            ));
        }
    }
    let mut nums = Vec::new();
    if let Some(l) = lfo {
        let n = (u32_at(l, 0).unwrap_or(0) as usize)
            .min(MAX_LISTS)
            .min(l.len().saturating_sub(4) / 16);
        // The LFOData follow the LFOs, one per LFO: a cp, then its overrides.
        let mut at = 4 + 16 * n;
        for i in 0..n {
            let lfo = &l[4 + 16 * i..4 + 16 * (i + 1)];
            let lsid = u32_at(lfo, 0).unwrap_or(0);
            let mut overrides = Vec::new();
            at += 4;
            for _ in 0..lfo[12].min(9) {
                let (Some(start), Some(flags)) = (u32_at(l, at), u32_at(l, at + 4)) else {
                    break;
                };
                at += 8;
                let ilvl = (flags & 0xF) as usize;
                let start = (flags & 0x10 != 0).then_some(i64::from(start as i32));
                let replaced = if flags & 0x20 != 0 {
                    let Some((lvl, next)) = level(l, at) else {
                        break;
                    };
                    at = next;
                    Some(lvl)
                } else {
                    None
                };
                if ilvl < 9 {
                    overrides.push((ilvl, start, replaced));
                }
            }
            nums.push((
                i as u32 + 1,
                Num {
                    abstract_id: lsid,
                    overrides,
                },
            ));
        }
    }
    Numbering::from_parts(abstracts, nums)
}
