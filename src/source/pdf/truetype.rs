//! The character map of an embedded TrueType font (`FontFile2`): which Unicode character each
//! glyph draws. A CID font without a ToUnicode CMap can still be read through it (CID → glyph by
//! CIDToGIDMap → character), as viewers do, instead of being refused.

/// Code points looked at, mapped or not, at most (a CJK font maps about 30 000): a hostile
/// subtable of many segments or groups over the whole range ends there.
const MAX_CODES: usize = 200_000;

fn u16_at(b: &[u8], i: usize) -> Option<u16> {
    Some(u16::from_be_bytes(
        b.get(i..i.checked_add(2)?)?.try_into().ok()?,
    ))
}

fn u32_at(b: &[u8], i: usize) -> Option<u32> {
    Some(u32::from_be_bytes(
        b.get(i..i.checked_add(4)?)?.try_into().ok()?,
    ))
}

/// Glyph → character, sorted by glyph. A glyph mapped from several code points (⼀ and 一) is
/// read as the lowest; radicals and compatibility forms are folded to the unified ideographs
/// later, like all PDF text.
pub fn glyph_chars(font: &[u8]) -> Vec<(u16, char)> {
    let mut out = Vec::new();
    if let Some(cmap) = table(font, b"cmap") {
        if let Some(sub) = best_subtable(cmap) {
            read_subtable(sub, &mut out);
        }
    }
    out.sort_by_key(|&(g, c)| (g, c));
    out.dedup_by_key(|&mut (g, _)| g);
    out
}

/// A table of the font by its tag.
fn table<'a>(font: &'a [u8], tag: &[u8; 4]) -> Option<&'a [u8]> {
    let n = u16_at(font, 4)? as usize;
    (0..n).find_map(|i| {
        let rec = 12 + 16 * i;
        if font.get(rec..rec + 4)? != tag {
            return None;
        }
        let off = u32_at(font, rec + 8)? as usize;
        let len = u32_at(font, rec + 12)? as usize;
        font.get(off..off.checked_add(len)?)
    })
}

/// The Unicode subtable: Windows full repertoire (3,10), Windows BMP (3,1), then Unicode (0,*).
fn best_subtable(cmap: &[u8]) -> Option<&[u8]> {
    let n = u16_at(cmap, 2)? as usize;
    let mut best: Option<(u8, &[u8])> = None;
    for i in 0..n.min(64) {
        let rec = 4 + 8 * i;
        let (Some(platform), Some(encoding), Some(off)) = (
            u16_at(cmap, rec),
            u16_at(cmap, rec + 2),
            u32_at(cmap, rec + 4),
        ) else {
            break;
        };
        let rank = match (platform, encoding) {
            (3, 10) => 3,
            (3, 1) => 2,
            (0, _) => 1,
            _ => continue,
        };
        if let Some(sub) = cmap.get(off as usize..) {
            if best.is_none_or(|(r, _)| rank > r) {
                best = Some((rank, sub));
            }
        }
    }
    best.map(|(_, s)| s)
}

/// Reads a subtable into `out`; returns how many code points it looked at.
fn read_subtable(sub: &[u8], out: &mut Vec<(u16, char)>) -> usize {
    let mut budget = MAX_CODES;
    match u16_at(sub, 0) {
        Some(4) => format4(sub, out, &mut budget),
        Some(12) => format12(sub, out, &mut budget),
        _ => {}
    }
    MAX_CODES - budget
}

/// Takes one code point from the budget; false when it is spent.
fn spend(budget: &mut usize) -> bool {
    *budget = budget.saturating_sub(1);
    *budget > 0
}

/// Segment mapping to delta values (BMP).
fn format4(sub: &[u8], out: &mut Vec<(u16, char)>, budget: &mut usize) {
    let Some(seg_x2) = u16_at(sub, 6).map(usize::from) else {
        return;
    };
    let ends = 14;
    let starts = ends + seg_x2 + 2;
    let deltas = starts + seg_x2;
    let range_offsets = deltas + seg_x2;
    for s in 0..seg_x2 / 2 {
        let (Some(end), Some(start), Some(delta), Some(ro)) = (
            u16_at(sub, ends + 2 * s),
            u16_at(sub, starts + 2 * s),
            u16_at(sub, deltas + 2 * s),
            u16_at(sub, range_offsets + 2 * s),
        ) else {
            return;
        };
        if start > end {
            continue;
        }
        for code in start..=end {
            if code == 0xFFFF {
                break;
            }
            if !spend(budget) {
                return;
            }
            let gid = if ro == 0 {
                code.wrapping_add(delta)
            } else {
                // The glyph index sits ro bytes past this idRangeOffset entry.
                let at = range_offsets + 2 * s + ro as usize + 2 * (code - start) as usize;
                match u16_at(sub, at) {
                    Some(0) | None => continue,
                    Some(g) => g.wrapping_add(delta),
                }
            };
            if let (true, Some(c)) = (gid != 0, char::from_u32(code.into())) {
                out.push((gid, c));
            }
        }
    }
}

/// Segmented coverage (the full Unicode range).
fn format12(sub: &[u8], out: &mut Vec<(u16, char)>, budget: &mut usize) {
    let Some(groups) = u32_at(sub, 12) else {
        return;
    };
    for g in 0..groups as usize {
        let at = 16 + 12 * g;
        let (Some(start), Some(end), Some(gid)) =
            (u32_at(sub, at), u32_at(sub, at + 4), u32_at(sub, at + 8))
        else {
            return;
        };
        for (k, code) in (start..=end.min(0x10FFFF)).enumerate() {
            if !spend(budget) {
                return;
            }
            let glyph = gid.saturating_add(k as u32);
            if let (Ok(glyph @ 1..), Some(c)) = (u16::try_from(glyph), char::from_u32(code)) {
                out.push((glyph, c));
            }
        }
    }
}

#[cfg(test)]
pub mod tests {
    use super::*;

    /// A font holding only a cmap table with one format 4 subtable (3,1): each (char, glyph)
    /// pair as its own segment, idDelta = glyph − char.
    pub fn font_with_cmap(pairs: &[(u16, u16)]) -> Vec<u8> {
        let mut segs: Vec<(u16, u16)> = pairs.to_vec();
        segs.sort();
        segs.push((0xFFFF, 1));
        let n = segs.len() as u16;
        let mut sub = Vec::new();
        let len = 16 + 8 * n;
        for v in [4, len, 0, 2 * n, 0, 0, 0] {
            sub.extend(u16::to_be_bytes(v));
        }
        segs.iter().for_each(|s| sub.extend(s.0.to_be_bytes()));
        sub.extend([0, 0]);
        segs.iter().for_each(|s| sub.extend(s.0.to_be_bytes()));
        segs.iter()
            .for_each(|s| sub.extend(s.1.wrapping_sub(s.0).to_be_bytes()));
        segs.iter().for_each(|_| sub.extend([0, 0]));
        let mut cmap = vec![0, 0, 0, 1, 0, 3, 0, 1, 0, 0, 0, 12];
        cmap.extend(sub);
        let mut font = vec![0, 1, 0, 0, 0, 1, 0, 16, 0, 0, 0, 0];
        font.extend(b"cmap");
        font.extend([0, 0, 0, 0]);
        font.extend(28u32.to_be_bytes());
        font.extend((cmap.len() as u32).to_be_bytes());
        font.extend(cmap);
        font
    }

    #[test]
    fn a_hostile_subtable_is_read_within_the_budget() {
        // Format 12 with 100 000 groups, each over the whole Unicode range, every glyph too
        // large to map: looked at up to the budget, then given up.
        let groups = 100_000u32;
        let mut sub = vec![0, 12, 0, 0];
        sub.extend((16 + 12 * groups).to_be_bytes());
        sub.extend([0, 0, 0, 0]);
        sub.extend(groups.to_be_bytes());
        for _ in 0..groups {
            sub.extend(0u32.to_be_bytes());
            sub.extend(0x10FFFFu32.to_be_bytes());
            sub.extend(0x10000u32.to_be_bytes());
        }
        let mut out = Vec::new();
        assert_eq!(read_subtable(&sub, &mut out), MAX_CODES);
        assert!(out.is_empty());
    }

    #[test]
    fn format_4_glyphs_to_characters() {
        let font = font_with_cmap(&[(0x7B2C, 1), (0x4E00, 2), (0x2F00, 2)]);
        assert_eq!(glyph_chars(&font), [(1, '第'), (2, '⼀')]);
        assert!(glyph_chars(b"junk").is_empty());
        assert!(glyph_chars(&font[..30]).is_empty());
    }
}
