//! The .doc reader on documents written here byte by byte (a compound file with a WordDocument
//! and a 1Table stream: FIB, piece table, PAPX and CHPX pages), for what LibreOffice does not
//! write: several pieces in an order unlike the text's (a fast save), compressed 8-bit pieces,
//! fields, deleted text, nested tables, vertical merges, encryption, damage. The fixtures of
//! tests/readers.rs cover what LibreOffice writes.

use super::*;
use crate::source;

/// A compound file (version 3, 512-byte sectors) holding `streams` at the top level. Streams
/// shorter than the mini-stream cutoff are padded to it, so no mini stream is needed.
pub fn write_cfb(streams: &[(&str, Vec<u8>)]) -> Vec<u8> {
    const END: u32 = 0xFFFF_FFFE;
    let mut streams: Vec<(&str, Vec<u8>)> = streams.to_vec();
    for (_, s) in &mut streams {
        if s.len() < 4096 {
            s.resize(4096, 0);
        }
    }
    // Sorted as the format orders siblings (length, then upper case), chained to the right.
    streams.sort_by_key(|(n, _)| (n.len(), n.to_uppercase()));
    let mut fat: Vec<u32> = Vec::new();
    let mut body: Vec<u8> = Vec::new();
    let mut starts = Vec::new();
    for (_, s) in &streams {
        let first = fat.len() as u32;
        let n = s.len().div_ceil(512);
        for k in 0..n {
            fat.push(if k + 1 == n {
                END
            } else {
                first + k as u32 + 1
            });
        }
        starts.push(first);
        let mut s = s.clone();
        s.resize(n * 512, 0);
        body.extend(s);
    }
    // The directory: the root, then the streams, four entries a sector.
    let dir_start = fat.len() as u32;
    let mut dir = Vec::new();
    let entry = |name: &str, kind: u8, right: u32, child: u32, start: u32, size: u64| {
        let mut e = vec![0u8; 128];
        let units: Vec<u16> = name.encode_utf16().collect();
        for (i, u) in units.iter().enumerate() {
            e[2 * i..2 * i + 2].copy_from_slice(&u.to_le_bytes());
        }
        e[64..66].copy_from_slice(&((units.len() as u16 + 1) * 2).to_le_bytes());
        e[66] = kind;
        e[67] = 1;
        e[68..72].copy_from_slice(&u32::MAX.to_le_bytes());
        e[72..76].copy_from_slice(&right.to_le_bytes());
        e[76..80].copy_from_slice(&child.to_le_bytes());
        e[116..120].copy_from_slice(&start.to_le_bytes());
        e[120..128].copy_from_slice(&size.to_le_bytes());
        e
    };
    dir.extend(entry("Root Entry", 5, u32::MAX, 1, END, 0));
    for (i, (name, s)) in streams.iter().enumerate() {
        let right = if i + 1 < streams.len() {
            i as u32 + 2
        } else {
            u32::MAX
        };
        dir.extend(entry(name, 2, right, u32::MAX, starts[i], s.len() as u64));
    }
    dir.resize(dir.len().div_ceil(512) * 512, 0);
    let dir_sectors = dir.len() / 512;
    for k in 0..dir_sectors {
        fat.push(if k + 1 == dir_sectors {
            END
        } else {
            dir_start + k as u32 + 1
        });
    }
    body.extend(dir);
    // The FAT's own sectors.
    let mut fat_sectors = 1;
    while (fat.len() + fat_sectors).div_ceil(128) > fat_sectors {
        fat_sectors += 1;
    }
    let fat_start = fat.len() as u32;
    fat.extend(std::iter::repeat_n(0xFFFF_FFFD, fat_sectors));
    fat.resize(fat_sectors * 128, u32::MAX);
    let mut h = vec![0u8; 512];
    h[..8].copy_from_slice(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1");
    h[0x18..0x1A].copy_from_slice(&0x3Eu16.to_le_bytes());
    h[0x1A..0x1C].copy_from_slice(&3u16.to_le_bytes());
    h[0x1C..0x1E].copy_from_slice(&0xFFFEu16.to_le_bytes());
    h[0x1E..0x20].copy_from_slice(&9u16.to_le_bytes());
    h[0x20..0x22].copy_from_slice(&6u16.to_le_bytes());
    h[0x2C..0x30].copy_from_slice(&(fat_sectors as u32).to_le_bytes());
    h[0x30..0x34].copy_from_slice(&dir_start.to_le_bytes());
    h[0x38..0x3C].copy_from_slice(&4096u32.to_le_bytes());
    h[0x3C..0x40].copy_from_slice(&END.to_le_bytes());
    h[0x44..0x48].copy_from_slice(&END.to_le_bytes());
    for k in 0..109 {
        let v = if k < fat_sectors {
            fat_start + k as u32
        } else {
            u32::MAX
        };
        h[0x4C + 4 * k..0x50 + 4 * k].copy_from_slice(&v.to_le_bytes());
    }
    let mut out = h;
    out.extend(body);
    out.extend(fat.iter().flat_map(|v| v.to_le_bytes()));
    out
}

/// A paragraph of a synthetic document: its text with its mark (`\r` or `\x07`), its paragraph
/// sprms, and character sprms for a range of its characters.
struct P<'a> {
    text: &'a str,
    papx: Vec<u8>,
    chpx: Option<(usize, usize, Vec<u8>)>,
}

fn p(text: &str) -> P<'_> {
    P {
        text,
        papx: Vec::new(),
        chpx: None,
    }
}

fn in_table<'a>(text: &'a str, more: &[u8]) -> P<'a> {
    let mut papx = vec![0x16, 0x24, 1];
    papx.extend_from_slice(more);
    P {
        text,
        papx,
        chpx: None,
    }
}

/// A row-end paragraph with sprmTDefTable: cell boundaries and TC80 flags.
fn row_end(bounds: &[i16], flags: &[u16]) -> P<'static> {
    let mut op = vec![(bounds.len() - 1) as u8];
    for b in bounds {
        op.extend(b.to_le_bytes());
    }
    for f in flags {
        let mut tc = vec![0u8; 20];
        tc[..2].copy_from_slice(&f.to_le_bytes());
        op.extend(tc);
    }
    let mut papx = vec![0x16, 0x24, 1, 0x17, 0x24, 1, 0x08, 0xD6];
    papx.extend(((op.len() + 1) as u16).to_le_bytes());
    papx.extend(op);
    P {
        text: "\x07",
        papx,
        chpx: None,
    }
}

/// How the text is cut into pieces.
#[derive(Clone, Copy)]
enum Pieces {
    /// One UTF-16 piece.
    One,
    /// Pieces of `n` characters, stored in reverse order in the stream; runs without
    /// paragraph marks that fit in 8 bits are stored compressed (as Word's fast save leaves a
    /// document: the text where it was typed, in pieces out of order).
    Scattered(usize),
}

/// A .doc with these paragraphs, cut into pieces as asked, with FIB flags `flags`.
fn synth(paras: &[P], pieces: Pieces, flags: u16) -> Vec<u8> {
    let units: Vec<u16> = paras.iter().flat_map(|p| p.text.encode_utf16()).collect();
    let ccp = units.len() as u32;
    // WordDocument: the FIB in the first 1024 bytes, then the text (UTF-16 where it was first
    // written), then FKP pages.
    let mut w = vec![0u8; 1024];
    let text_fc = w.len() as u32;
    for u in &units {
        w.extend(u.to_le_bytes());
    }
    // Pieces: (cp, cp_end, fc-with-flag).
    let mut pcds: Vec<(u32, u32, u32)> = Vec::new();
    match pieces {
        Pieces::One => pcds.push((0, ccp, text_fc)),
        Pieces::Scattered(n) => {
            let mut cp = 0u32;
            let mut chunks = Vec::new();
            while cp < ccp {
                let end = (cp + n as u32).min(ccp);
                chunks.push((cp, end));
                cp = end;
            }
            for &(s, e) in chunks.iter().rev() {
                let run = &units[s as usize..e as usize];
                let narrow = run.iter().all(|&u| (0x20..0x7F).contains(&u));
                let at = w.len() as u32;
                if narrow {
                    w.extend(run.iter().map(|&u| u as u8));
                    pcds.push((s, e, (at * 2) | 0x4000_0000));
                } else {
                    // A UTF-16 run keeps its original place: its marks' PAPX are found there.
                    pcds.push((s, e, text_fc + 2 * s));
                }
            }
            pcds.sort_by_key(|p| p.0);
        }
    }
    // PAPX FKP: one run per paragraph, by the FC of the original UTF-16 text.
    while w.len() % 512 != 0 {
        w.push(0);
    }
    let mut fc = text_fc;
    let mut runs = Vec::new();
    for para in paras {
        let len = para.text.encode_utf16().count() as u32;
        runs.push((fc, fc + 2 * len, &para.papx));
        fc += 2 * len;
    }
    // Five paragraphs a page (room for row definitions).
    let mut papx_pages = Vec::new();
    for chunk in runs.chunks(5) {
        let mut fkp = vec![0u8; 512];
        let n = chunk.len();
        let mut top = 511;
        for (i, (s, e, g)) in chunk.iter().enumerate() {
            fkp[4 * i..4 * i + 4].copy_from_slice(&s.to_le_bytes());
            fkp[4 * i + 4..4 * i + 8].copy_from_slice(&e.to_le_bytes());
            // GrpPrlAndIstd (istd 0) with a byte count: cb 0, then cb' words.
            let mut papx = vec![0u8, 0u8];
            papx.extend_from_slice(g);
            if papx.len() % 2 == 1 {
                papx.push(0);
            }
            let mut rec = vec![0u8, (papx.len() / 2) as u8];
            rec.extend(papx);
            top -= rec.len();
            top -= top % 2;
            assert!(top > 4 * (n + 1) + 13 * n, "the page overflows");
            fkp[top..top + rec.len()].copy_from_slice(&rec);
            fkp[4 * (n + 1) + 13 * i] = (top / 2) as u8;
        }
        fkp[511] = n as u8;
        papx_pages.push(((w.len() / 512) as u32, chunk[0].0, chunk[n - 1].1));
        w.extend(fkp);
    }
    // CHPX FKP: runs of character properties.
    let mut chp = vec![0u8; 512];
    let mut crun = Vec::new();
    let mut fc = text_fc;
    for para in paras {
        let len = para.text.encode_utf16().count() as u32;
        if let Some((s, e, g)) = &para.chpx {
            crun.push((fc + 2 * *s as u32, fc + 2 * *e as u32, g.clone()));
        }
        fc += 2 * len;
    }
    let n = crun.len();
    let mut top = 511;
    for (i, (s, e, g)) in crun.iter().enumerate() {
        chp[4 * i..4 * i + 4].copy_from_slice(&s.to_le_bytes());
        chp[4 * i + 4..4 * i + 8].copy_from_slice(&e.to_le_bytes());
        top -= g.len() + 1;
        top -= top % 2;
        chp[top] = g.len() as u8;
        chp[top + 1..top + 1 + g.len()].copy_from_slice(g);
        chp[4 * (n + 1) + i] = (top / 2) as u8;
    }
    chp[511] = n as u8;
    let chpx_pn = (w.len() / 512) as u32;
    w.extend(chp);
    // The table stream: CLX, PlcBtePapx, PlcBteChpx.
    let mut t = Vec::new();
    let clx_fc = t.len() as u32;
    t.push(2);
    let lcb = 4 * (pcds.len() + 1) + 8 * pcds.len();
    t.extend((lcb as u32).to_le_bytes());
    for p in &pcds {
        t.extend(p.0.to_le_bytes());
    }
    t.extend(ccp.to_le_bytes());
    for p in &pcds {
        t.extend(0u16.to_le_bytes());
        t.extend(p.2.to_le_bytes());
        t.extend(0u16.to_le_bytes());
    }
    let clx_lcb = t.len() as u32 - clx_fc;
    let bte = |t: &mut Vec<u8>, pages: &[(u32, u32, u32)]| {
        let at = t.len() as u32;
        for p in pages {
            t.extend(p.1.to_le_bytes());
        }
        t.extend(pages.last().map_or(0, |p| p.2).to_le_bytes());
        for p in pages {
            t.extend(p.0.to_le_bytes());
        }
        (at, t.len() as u32 - at)
    };
    let end_fc = text_fc + 2 * ccp;
    let papx_bte = bte(&mut t, &papx_pages);
    let chpx_bte = bte(&mut t, &[(chpx_pn, text_fc, end_fc)]);
    // The FIB.
    w[0..2].copy_from_slice(&0xA5ECu16.to_le_bytes());
    w[2..4].copy_from_slice(&0xC1u16.to_le_bytes());
    w[0x0A..0x0C].copy_from_slice(&(flags | 0x0200).to_le_bytes());
    w[32..34].copy_from_slice(&14u16.to_le_bytes());
    let lw = 34 + 28;
    w[lw..lw + 2].copy_from_slice(&22u16.to_le_bytes());
    w[lw + 2 + 12..lw + 2 + 16].copy_from_slice(&ccp.to_le_bytes());
    let fl = lw + 2 + 88;
    w[fl..fl + 2].copy_from_slice(&93u16.to_le_bytes());
    let mut set = |i: usize, (fc, lcb): (u32, u32)| {
        w[fl + 2 + 8 * i..fl + 6 + 8 * i].copy_from_slice(&fc.to_le_bytes());
        w[fl + 6 + 8 * i..fl + 10 + 8 * i].copy_from_slice(&lcb.to_le_bytes());
    };
    set(CLX, (clx_fc, clx_lcb));
    set(PLCF_BTE_PAPX, papx_bte);
    set(PLCF_BTE_CHPX, chpx_bte);
    write_cfb(&[("WordDocument", w), ("1Table", t)])
}

fn rows(doc: &Document) -> Vec<Vec<String>> {
    doc.lines
        .iter()
        .map(|l| l.cells.iter().map(|c| c.text.clone()).collect())
        .collect()
}

fn v(s: &[&str]) -> Vec<String> {
    s.iter().map(|x| x.to_string()).collect()
}

/// A report-like document: a heading, a paragraph with a field and deleted text, and a table
/// whose first column merges vertically and whose header spans two columns.
fn report() -> Vec<P<'static>> {
    let mut deleted = p("本年新收申请38件（作废旧文字）。\r");
    // "（作废旧文字）" is deleted text (sprmCFRMarkDel).
    deleted.chpx = Some((9, 16, vec![0x00, 0x08, 1]));
    vec![
        p("一、总体情况\r"),
        // A field: code hidden, result shown.
        p("页码\x13 PAGE \\* MERGEFORMAT \x145\x15页\r"),
        deleted,
        // Row 1: 项目 (vertical merge start) | 申请人 (two columns wide)
        in_table("项目\x07", &[]),
        in_table("申请人\x07", &[]),
        row_end(&[0, 1000, 3000], &[0x0060, 0]),
        // Row 2: (continued) | 自然人 | 法人
        in_table("\x07", &[]),
        in_table("自然人\x07", &[]),
        in_table("法人\x07", &[]),
        row_end(&[0, 1000, 2000, 3000], &[0x0020, 0, 0]),
        // Row 3: total
        in_table("合计\x07", &[]),
        in_table("3\x07", &[]),
        in_table("4\x07", &[]),
        row_end(&[0, 1000, 2000, 3000], &[0, 0, 0]),
        p("结束。\r"),
    ]
}

fn expected_report() -> Vec<Vec<String>> {
    vec![
        v(&["一、总体情况"]),
        v(&["页码5页"]),
        v(&["本年新收申请38件。"]),
        v(&["项目", "申请人", ""]),
        v(&["", "自然人", "法人"]),
        v(&["合计", "3", "4"]),
        v(&["结束。"]),
    ]
}

#[test]
fn reads_paragraphs_fields_deletions_and_merged_cells() {
    let doc = read(&synth(&report(), Pieces::One, 0)).unwrap();
    assert_eq!(doc.format, InputFormat::Doc);
    assert_eq!(rows(&doc), expected_report());
    assert!(matches!(doc.lines[3].kind, source::LineKind::TableRow(0)));
}

#[test]
fn a_fast_saved_document_in_many_pieces_reads_the_same() {
    for n in [1, 2, 3, 5, 7, 64] {
        let bytes = synth(&report(), Pieces::Scattered(n), 0);
        // The pieces are many, out of stream order, and some are compressed.
        let (fib, table) = {
            let cfb = Cfb::open(&bytes).unwrap();
            let w = cfb.stream("WordDocument").unwrap().unwrap();
            let t = cfb.stream("1Table").unwrap().unwrap();
            (Fib::parse(&w).unwrap(), t)
        };
        let (pieces, _) = body::pieces(fib.part(&table, CLX).unwrap()).unwrap();
        assert!(pieces.len() >= 70 / n.max(1), "{n}: {}", pieces.len());
        if n <= 7 {
            assert!(pieces.iter().any(|p| p.compressed), "{n}");
            assert!(pieces.windows(2).any(|w| w[0].fc > w[1].fc), "{n}");
        }
        let doc = read(&bytes).unwrap();
        assert_eq!(rows(&doc), expected_report(), "pieces of {n}");
    }
}

#[test]
fn compressed_text_is_windows_1252() {
    let bytes = synth(&[p("Price \u{20AC}5 \u{201C}ok\u{201D}\r")], Pieces::One, 0);
    // Rewrite as one compressed piece: the same text in 8 bits after the FKPs.
    let cfb = Cfb::open(&bytes).unwrap();
    let mut w = cfb.stream("WordDocument").unwrap().unwrap();
    let t = cfb.stream("1Table").unwrap().unwrap();
    let at = w.len() as u32;
    w.extend(b"Price \x805 \x93ok\x94\r");
    let mut t2 = t.clone();
    // The single PCD's fc (after 2 cps of 4 bytes, plus clxt and lcb: 5 + 8 + 2).
    t2[15..19].copy_from_slice(&((at * 2) | 0x4000_0000).to_le_bytes());
    let doc = read(&write_cfb(&[("WordDocument", w), ("1Table", t2)])).unwrap();
    assert_eq!(rows(&doc), [v(&["Price €5 “ok”"])]);
}

#[test]
fn only_the_main_document_is_read() {
    // Text after ccpText (footnotes, headers) is not part of the main document.
    let mut bytes = synth(
        &[p("正文。\r"), p("脚注文字\r"), p("页眉文字\r")],
        Pieces::One,
        0,
    );
    let cfb = Cfb::open(&bytes).unwrap();
    let mut w = cfb.stream("WordDocument").unwrap().unwrap();
    let t = cfb.stream("1Table").unwrap().unwrap();
    let lw = 34 + 28;
    w[lw + 2 + 12..lw + 2 + 16].copy_from_slice(&4u32.to_le_bytes());
    bytes = write_cfb(&[("WordDocument", w), ("1Table", t)]);
    assert_eq!(rows(&read(&bytes).unwrap()), [v(&["正文。"])]);
}

#[test]
fn nested_tables_read_as_a_layout_frame() {
    let inner = [0x49, 0x66, 2, 0, 0, 0];
    let paras = vec![
        in_table("外层\x07", &[]),
        // The inner table: cells end with a paragraph mark marked as an inner cell.
        in_table("规章\r", &[0x49, 0x66, 2, 0, 0, 0, 0x4B, 0x24, 1]),
        in_table("0\r", &[0x49, 0x66, 2, 0, 0, 0, 0x4B, 0x24, 1]),
        in_table(
            "\r",
            &[0x49, 0x66, 2, 0, 0, 0, 0x4B, 0x24, 1, 0x4C, 0x24, 1],
        ),
        in_table("\x07", &inner[..0]),
        row_end(&[0, 1000, 2000], &[0, 0]),
    ];
    let doc = read(&synth(&paras, Pieces::One, 0)).unwrap();
    assert_eq!(rows(&doc), [v(&["外层"]), v(&["规章", "0"])]);
}

#[test]
fn encrypted_and_old_documents_are_refused_with_the_reason() {
    let rc4 = read(&synth(&report(), Pieces::One, 0x0100)).unwrap_err();
    let xor = read(&synth(&report(), Pieces::One, 0x8100)).unwrap_err();
    for (e, how) in [(rc4, "RC4"), (xor, "XOR")] {
        let ReadError::Unsupported(m) = e else {
            panic!("{e:?}")
        };
        assert!(
            m.contains("打开密码") && m.contains(how) && m.contains(".docx"),
            "{m}"
        );
    }
    // Word 6.0/95: nFib 0x65.
    let bytes = synth(&report(), Pieces::One, 0);
    let cfb = Cfb::open(&bytes).unwrap();
    let mut w = cfb.stream("WordDocument").unwrap().unwrap();
    w[2..4].copy_from_slice(&0x65u16.to_le_bytes());
    let t = cfb.stream("1Table").unwrap().unwrap();
    let e = read(&write_cfb(&[("WordDocument", w), ("1Table", t)])).unwrap_err();
    assert!(
        matches!(&e, ReadError::Unsupported(m) if m.contains("Word 6.0/95")),
        "{e:?}"
    );
}

#[test]
fn other_compound_files_are_named() {
    for (stream, what) in [
        ("EncryptedPackage", "打开密码"),
        ("Workbook", "Excel"),
        ("PowerPoint Document", "PowerPoint"),
        ("CONTENTS", "Works"),
        ("Other", "没有 Word 正文"),
    ] {
        let bytes = write_cfb(&[(stream, vec![1; 10])]);
        // Through the entry point: detection by content.
        let e = source::read(&bytes).unwrap_err();
        assert!(
            matches!(&e, ReadError::Unsupported(m) if m.contains(what) && m.contains(".docx")
                || what == "Excel" || what == "PowerPoint"),
            "{stream}: {e:?}"
        );
        assert!(
            matches!(&e, ReadError::Unsupported(m) if m.contains(what)),
            "{e:?}"
        );
    }
}

#[test]
fn damaged_containers_are_refused_not_panicked() {
    let good = synth(&report(), Pieces::Scattered(3), 0);
    assert!(read(&good).is_ok());
    // Cut short anywhere.
    for len in (0..good.len()).step_by(61) {
        let _ = source::read(&good[..len]);
    }
    assert!(matches!(
        source::read(&good[..600]),
        Err(ReadError::Unsupported(m)) if m.contains("已损坏")
    ));
    // A FAT whose chains loop: every entry points at sector 0.
    let mut looped = good.clone();
    let fat_sector = u32::from_le_bytes(looped[0x4C..0x50].try_into().unwrap()) as usize;
    let at = (fat_sector + 1) * 512;
    for k in 0..128 {
        looped[at + 4 * k..at + 4 * k + 4].copy_from_slice(&0u32.to_le_bytes());
    }
    assert!(matches!(read(&looped), Err(ReadError::Unsupported(_))));
    // Sizes and offsets that lie: every 32-bit field of the table stream set to a huge value
    // in turn does not panic.
    let cfb = Cfb::open(&good).unwrap();
    let w = cfb.stream("WordDocument").unwrap().unwrap();
    let t = cfb.stream("1Table").unwrap().unwrap();
    for i in (0..t.len().min(400)).step_by(2) {
        let mut t2 = t.clone();
        t2[i..i + 2].copy_from_slice(&[0xFF, 0x7F]);
        let _ = read(&write_cfb(&[("WordDocument", w.clone()), ("1Table", t2)]));
    }
    for i in (0..1024).step_by(2) {
        let mut w2 = w.clone();
        w2[i..i + 2].copy_from_slice(&[0xFF, 0xFF]);
        let _ = read(&write_cfb(&[("WordDocument", w2), ("1Table", t.clone())]));
    }
}

#[test]
fn pieces_repeating_the_same_bytes_cannot_multiply_the_text() {
    let bytes = synth(&[p("一二三四五六七八九十。\r")], Pieces::One, 0);
    let cfb = Cfb::open(&bytes).unwrap();
    let mut w = cfb.stream("WordDocument").unwrap().unwrap();
    let mut t = cfb.stream("1Table").unwrap().unwrap();
    // 5000 pieces of the same 12 characters.
    let n = 5000u32;
    let mut clx = vec![2u8];
    clx.extend((4 * (n + 1) + 8 * n).to_le_bytes());
    for i in 0..=n {
        clx.extend((12 * i).to_le_bytes());
    }
    for _ in 0..n {
        clx.extend([0, 0]);
        clx.extend(1024u32.to_le_bytes());
        clx.extend([0, 0]);
    }
    let at = t.len() as u32;
    t.extend(&clx);
    let fl = 34 + 28 + 2 + 88;
    w[fl + 2 + 8 * CLX..fl + 6 + 8 * CLX].copy_from_slice(&at.to_le_bytes());
    w[fl + 6 + 8 * CLX..fl + 10 + 8 * CLX].copy_from_slice(&(clx.len() as u32).to_le_bytes());
    let lw = 34 + 28;
    w[lw + 2 + 12..lw + 2 + 16].copy_from_slice(&(12 * n).to_le_bytes());
    // The stream as stored (padded to the mini-stream cutoff by the writer).
    let word_len = w.len().max(4096);
    let doc = read(&write_cfb(&[("WordDocument", w), ("1Table", t)])).unwrap();
    // Characters read ≤ the stream's bytes (12 characters a paragraph; the last one cut).
    assert_eq!(doc.lines.len(), word_len.div_ceil(12));
}

/// The document with its CLX replaced: these grpprls, and the pieces with `prm(i)` as their Prm.
fn with_prms(bytes: &[u8], prcs: &[&[u8]], prm: impl Fn(usize) -> u16) -> Vec<u8> {
    let cfb = Cfb::open(bytes).unwrap();
    let mut w = cfb.stream("WordDocument").unwrap().unwrap();
    let mut t = cfb.stream("1Table").unwrap().unwrap();
    let fib = Fib::parse(&w).unwrap();
    let clx = fib.part(&t, CLX).unwrap();
    let lcb = u32_at(clx, 1).unwrap() as usize;
    let mut plc = clx[5..5 + lcb].to_vec();
    let n = (lcb - 4) / 12;
    for i in 0..n {
        let at = 4 * (n + 1) + 8 * i + 6;
        plc[at..at + 2].copy_from_slice(&prm(i).to_le_bytes());
    }
    let mut new = Vec::new();
    for g in prcs {
        new.push(1);
        new.extend((g.len() as u16).to_le_bytes());
        new.extend(*g);
    }
    new.push(2);
    new.extend((lcb as u32).to_le_bytes());
    new.extend(plc);
    let at = t.len() as u32;
    t.extend(&new);
    let fl = 34 + 28 + 2 + 88;
    w[fl + 2 + 8 * CLX..fl + 6 + 8 * CLX].copy_from_slice(&at.to_le_bytes());
    w[fl + 6 + 8 * CLX..fl + 10 + 8 * CLX].copy_from_slice(&(new.len() as u32).to_le_bytes());
    write_cfb(&[("WordDocument", w), ("1Table", t)])
}

#[test]
fn piece_properties_of_a_fast_save_apply_to_their_text() {
    let bytes = synth(
        &[p("保留。\r"), p("删除。\r"), p("留下。\r")],
        Pieces::Scattered(4),
        0,
    );
    assert_eq!(read(&bytes).unwrap().lines.len(), 3);
    // Prm0: isprm 0x41 (sprmCFRMarkDel) with operand 1 on the second piece.
    let prm0 = with_prms(
        &bytes,
        &[],
        |i| if i == 1 { (1 << 8) | (0x41 << 1) } else { 0 },
    );
    assert_eq!(
        rows(&read(&prm0).unwrap()),
        [v(&["保留。"]), v(&["留下。"])]
    );
    // Prm1: the second grpprl (sprmCFVanish) on the third piece.
    let prm1 = with_prms(&bytes, &[&[0x35, 0x08, 1], &[0x3C, 0x08, 1]], |i| {
        if i == 2 {
            (1 << 1) | 1
        } else {
            0
        }
    });
    assert_eq!(
        rows(&read(&prm1).unwrap()),
        [v(&["保留。"]), v(&["删除。"])]
    );
}
