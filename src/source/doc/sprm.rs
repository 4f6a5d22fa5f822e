//! Property modifiers (sprms, [MS-DOC] 2.2.5): a grpprl is a run of (opcode, operand) pairs whose
//! operand size follows from the opcode, except for a few variable-length ones.

pub const P_ILVL: u16 = 0x260A;
pub const P_ILFO: u16 = 0x460B;
pub const P_IN_TABLE: u16 = 0x2416;
pub const P_TTP: u16 = 0x2417;
pub const P_OUT_LVL: u16 = 0x2640;
pub const P_ITAP: u16 = 0x6649;
pub const P_INNER_CELL: u16 = 0x244B;
pub const P_INNER_TTP: u16 = 0x244C;
pub const P_HUGE_PAPX: u16 = 0x6646;
pub const P_ISTD: u16 = 0x4600;
pub const P_CHG_TABS: u16 = 0xC615;
pub const T_DEF_TABLE: u16 = 0xD608;
pub const T_VERT_MERGE: u16 = 0xD62B;
pub const T_MERGE: u16 = 0x5624;
pub const C_RMARK_DEL: u16 = 0x0800;
pub const C_VANISH: u16 = 0x083C;
pub const C_SPEC: u16 = 0x0855;

/// The (opcode, operand) pairs of a grpprl; a truncated last one ends the run.
pub fn iter(mut g: &[u8]) -> impl Iterator<Item = (u16, &[u8])> {
    std::iter::from_fn(move || {
        if g.len() < 2 {
            return None;
        }
        let op = u16::from_le_bytes([g[0], g[1]]);
        let rest = &g[2..];
        let (skip, len) = match op >> 13 {
            0 | 1 => (0, 1),
            2 | 4 | 5 => (0, 2),
            3 => (0, 4),
            7 => (0, 3),
            _ => match op {
                // A two-byte size that counts itself minus one.
                T_DEF_TABLE | 0xD606 => {
                    let cb = u16::from_le_bytes([*rest.first()?, *rest.get(1)?]) as usize;
                    (2, cb.saturating_sub(1))
                }
                P_CHG_TABS if rest.first() == Some(&255) => (1, chg_tabs_len(rest.get(1..)?)?),
                _ => (1, *rest.first()? as usize),
            },
        };
        let operand = rest.get(skip..skip + len)?;
        g = &rest[skip + len..];
        Some((op, operand))
    })
}

/// sprmPChgTabs with cb = 255: its length follows from its two tab counts.
fn chg_tabs_len(b: &[u8]) -> Option<usize> {
    let del = *b.first()? as usize;
    let add_at = 1 + del * 4;
    let add = *b.get(add_at)? as usize;
    Some(add_at + 1 + add * 3)
}

/// A toggle operand: 1 on; 0x81 the opposite of the style (off in the styles read here).
pub fn toggle(operand: &[u8]) -> bool {
    matches!(operand.first(), Some(1 | 0x81))
}

pub fn u16_of(operand: &[u8]) -> Option<u16> {
    Some(u16::from_le_bytes([*operand.first()?, *operand.get(1)?]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operand_sizes_follow_the_opcode() {
        let g = [
            0x16, 0x24, 1, // sprmPFInTable, 1 byte
            0x0B, 0x46, 2, 0, // sprmPIlfo, 2 bytes
            0x49, 0x66, 1, 0, 0, 0, // sprmPItap, 4 bytes
            0x08, 0xD6, 4, 0, 1, 2, 3, // sprmTDefTable: cb 4 → 3 bytes
            0x2B, 0xD6, 2, 0, 1, // sprmTVertMerge: variable, 2 bytes
            0x00, 0x08, // truncated
        ];
        let got: Vec<(u16, Vec<u8>)> = iter(&g).map(|(o, d)| (o, d.to_vec())).collect();
        assert_eq!(
            got,
            [
                (P_IN_TABLE, vec![1]),
                (P_ILFO, vec![2, 0]),
                (P_ITAP, vec![1, 0, 0, 0]),
                (T_DEF_TABLE, vec![1, 2, 3]),
                (T_VERT_MERGE, vec![0, 1]),
            ]
        );
    }
}
