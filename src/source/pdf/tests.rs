//! The reader on PDFs written here: text and tables, the file structures real writers use, and
//! hostile files that must end in a diagnostic.

use super::*;
use crate::source::LineKind;
use std::time::Instant;

/// A PDF from numbered object bodies (object i+1 = bodies[i]), with a correct xref table. A
/// body containing `STREAM:` is split into dictionary and stream data.
fn build(bodies: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    for (i, b) in bodies.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend(b);
        out.extend(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", bodies.len() + 1).as_bytes());
    for o in offsets {
        out.extend(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            bodies.len() + 1
        )
        .as_bytes(),
    );
    out
}

fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut v = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
    v.extend(data);
    v.extend(b"\nendstream");
    v
}

fn s(x: &str) -> Vec<u8> {
    x.as_bytes().to_vec()
}

/// One page: `fonts` its font resources ("/F1 5 0 R"), `content` its content stream, `objects`
/// objects 5, 6, … (the fonts and what they refer to).
fn page_with(fonts: &str, content: &[u8], objects: Vec<Vec<u8>>) -> Vec<u8> {
    let mut bodies = vec![
        s("<< /Type /Catalog /Pages 2 0 R >>"),
        s("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
        s(&format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << {fonts} >> >> >>")),
        stream("", content),
    ];
    bodies.extend(objects);
    build(&bodies)
}

/// One page with a WinAnsi Helvetica font and the given content.
fn one_page(content: &[u8]) -> Vec<u8> {
    build(&[
        s("<< /Type /Catalog /Pages 2 0 R >>"),
        s("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
        s("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>"),
        stream("", content),
        s("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"),
    ])
}

fn lines(doc: &Document) -> Vec<String> {
    doc.lines.iter().map(|l| l.joined()).collect()
}

#[test]
fn text_lines_in_reading_order() {
    // Drawn bottom line first; read top to bottom. TJ kerning does not split words; T* and '
    // move to the next line.
    let pdf = one_page(
        b"BT /F1 12 Tf 72 700 Td (second line) Tj ET
          BT /F1 12 Tf 14 TL 72 760 Td [(Fir) -20 (st)] TJ T* (next) Tj (third) ' ET",
    );
    let doc = read(&pdf).unwrap();
    assert_eq!(doc.format, InputFormat::Pdf);
    assert_eq!(lines(&doc), ["First", "next", "third", "second line"]);
    assert_eq!(doc.page_of(1), Some(1));
}

/// A 3×2 grid drawn as thin filled rectangles, "Label | 9" in its first row; the left cell of
/// rows 2–3 is merged (no rule between them on the left) and holds `merged` (content-stream
/// text), the right cells "1" and "2".
fn merged_cell_grid(merged: &str) -> String {
    let mut c = String::new();
    for y in [700, 680, 660, 640] {
        let x0 = if y == 660 { 200 } else { 100 };
        c += &format!("{x0} {y} {} 0.5 re f\n", 300 - x0);
    }
    for x in [100, 200, 300] {
        c += &format!("{x} 640 0.5 60 re f\n");
    }
    c += "BT /F1 10 Tf 110 685 Td (Label) Tj 100 0 Td (9) Tj ET\n";
    c += merged;
    c += "BT /F1 10 Tf 210 665 Td (1) Tj 0 -20 Td (2) Tj ET\n";
    c
}

fn table_rows(doc: &Document) -> Vec<Vec<&str>> {
    doc.lines
        .iter()
        .filter(|l| matches!(l.kind, LineKind::TableRow(_)))
        .map(|l| l.cells.iter().map(|c| c.text.as_str()).collect())
        .collect()
}

#[test]
fn ruled_table_with_a_merged_cell() {
    // The merged cell holds text written in two lines.
    let c = merged_cell_grid("BT /F1 10 Tf 110 665 Td (Big) Tj 0 -12 Td (cell) Tj ET\n");
    let doc = read(&one_page(c.as_bytes())).unwrap();
    assert_eq!(
        table_rows(&doc),
        [vec!["Label", "9"], vec!["Big cell", "1"], vec!["", "2"]]
    );
}

#[test]
fn underlined_text_in_a_cell_does_not_split_it_into_rows() {
    // The merged cell holds an underlined label in two lines, set 1.5 pt from the cell's border
    // (as LibreOffice pads cells): each underline is a thin rule from the first glyph to the
    // last, close enough to the border to join the grid. Glyphs are 5 pt wide: the first line
    // runs 101.5–191.5, across the middle of the cell (where a border is looked for), the second
    // 101.5–121.5.
    let c = merged_cell_grid(
        "BT /F1 10 Tf 101.5 665 Td (A label underlined) Tj 0 -12 Td (cell) Tj ET\n\
         101.5 663.5 90 0.5 re f 101.5 651.5 20 0.5 re f\n",
    );
    let widths = format!(
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding /FirstChar 32 /LastChar 126 /Widths [{}] >>",
        "500 ".repeat(95)
    );
    let pdf = page_with("/F1 5 0 R", c.as_bytes(), vec![s(&widths)]);
    let doc = read(&pdf).unwrap();
    assert_eq!(
        table_rows(&doc),
        [
            vec!["Label", "9"],
            vec!["A label underlined cell", "1"],
            vec!["", "2"]
        ]
    );
}

#[test]
fn page_numbers_and_running_heads_are_dropped() {
    let mut bodies = vec![
        s("<< /Type /Catalog /Pages 2 0 R >>"),
        s("<< /Type /Pages /Kids [3 0 R 4 0 R 5 0 R] /Count 3 >>"),
    ];
    for p in 0..3 {
        bodies.push(s(&format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {} 0 R /Resources << /Font << /F1 9 0 R >> >> >>",
            6 + p
        )));
    }
    for p in 0..3 {
        let c = format!(
            "BT /F1 9 Tf 72 810 Td (Agency report 2024) Tj ET BT /F1 12 Tf 72 600 Td (Body {p}) Tj ET BT /F1 9 Tf 290 30 Td (- {} -) Tj ET",
            p + 1
        );
        bodies.push(stream("", c.as_bytes()));
    }
    bodies.push(s("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"));
    let doc = read(&build(&bodies)).unwrap();
    assert_eq!(lines(&doc), ["Body 0", "Body 1", "Body 2"]);
    assert_eq!(
        (doc.page_of(1), doc.page_of(2), doc.page_of(3)),
        (Some(1), Some(2), Some(3))
    );
}

#[test]
fn cid_font_with_to_unicode_and_radicals_folded() {
    let cmap = b"/CIDInit /ProcSet findresource begin begincmap
        1 begincodespacerange <0000> <FFFF> endcodespacerange
        2 beginbfchar <0001> <7B2C> <0002> <2F00> endbfchar
        1 beginbfrange <0003> <0004> [<9879> <2F08>] endbfrange endcmap";
    let pdf = build(&[
        s("<< /Type /Catalog /Pages 2 0 R >>"),
        s("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
        s("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>"),
        stream("", b"BT /F1 12 Tf 72 700 Td <0001000200030004> Tj ET"),
        s("<< /Type /Font /Subtype /Type0 /Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>"),
        s("<< /Type /Font /Subtype /CIDFontType2 /DW 1000 >>"),
        stream("", cmap),
    ]);
    let doc = read(&pdf).unwrap();
    // 第⼀项⼈ → 第一项人
    assert_eq!(lines(&doc), ["第一项人"]);
}

#[test]
fn gbk_predefined_cmap_without_to_unicode_reads_as_gbk() {
    // 规章 (B9E6 D5C2), then "12" in single bytes, then 件 (BCFE): a non-embedded SimSun with
    // /GBK-EUC-H as Distiller writes it (the bytes checked against GBK by hand).
    let pdf = page_with(
        "/F1 5 0 R",
        b"BT /F1 12 Tf 72 700 Td <B9E6D5C2> Tj (12) Tj <BCFE> Tj 0 -20 Td <D7DCBCC6> Tj ET",
        vec![
            s("<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /GBK-EUC-H /DescendantFonts [6 0 R] >>"),
            s("<< /Type /Font /Subtype /CIDFontType0 /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /DW 1000 /W [18 [500 500]] >>"),
        ],
    );
    let doc = read(&pdf).unwrap();
    assert_eq!(lines(&doc), ["规章12件", "总计"]);
}

#[test]
fn cid_font_without_to_unicode_is_read_through_its_embedded_truetype_cmap() {
    // Glyphs 1, 2, 3 draw 第, ⼀ (the font maps both U+2F00 and U+4E00 to glyph 2) and 项; the
    // codes are glyph numbers (Identity), and a second font maps codes through CIDToGIDMap.
    let font = super::truetype::tests::font_with_cmap(&[
        (0x7B2C, 1),
        (0x2F00, 2),
        (0x4E00, 2),
        (0x9879, 3),
    ]);
    let gid_map = [0u8, 0, 0, 3, 0, 1]; // CID 0 → none, 1 → 3 (项), 2 → 1 (第)
    let pdf = page_with(
        "/F1 5 0 R /F2 9 0 R",
        b"BT /F1 12 Tf 72 700 Td <000100020003> Tj ET BT /F2 12 Tf 72 650 Td <00020001> Tj ET",
        vec![
            s("<< /Type /Font /Subtype /Type0 /Encoding /Identity-H /DescendantFonts [6 0 R] >>"),
            s("<< /Type /Font /Subtype /CIDFontType2 /DW 1000 /FontDescriptor 7 0 R >>"),
            s("<< /Type /FontDescriptor /FontName /ABCDEF+SimSun /FontFile2 8 0 R >>"),
            stream("", &font),
            s("<< /Type /Font /Subtype /Type0 /Encoding /Identity-H /DescendantFonts [10 0 R] >>"),
            s("<< /Type /Font /Subtype /CIDFontType2 /DW 1000 /FontDescriptor 7 0 R /CIDToGIDMap 11 0 R >>"),
            stream("", &gid_map),
        ],
    );
    let doc = read(&pdf).unwrap();
    assert_eq!(lines(&doc), ["第一项", "第项"]);
}

#[test]
fn unmappable_text_is_refused_not_guessed() {
    // A CID font without ToUnicode: the codes cannot be turned into characters.
    let pdf = build(&[
        s("<< /Type /Catalog /Pages 2 0 R >>"),
        s("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
        s("<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>"),
        stream("", b"BT /F1 12 Tf 72 700 Td <00010002000300040005> Tj ET"),
        s("<< /Type /Font /Subtype /Type0 /Encoding /Identity-H /DescendantFonts [6 0 R] >>"),
        s("<< /Type /Font /Subtype /CIDFontType2 >>"),
    ]);
    match read(&pdf) {
        Err(ReadError::Unsupported(m)) => assert!(m.contains("无法转换"), "{m}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn damaged_xref_is_rebuilt_and_a_lying_length_is_ignored() {
    let mut pdf = one_page(b"BT /F1 12 Tf 72 700 Td (Still here) Tj ET");
    // /Length says 5; the stream is longer.
    let at = find_bytes(&pdf, b"/Length 41").expect("length");
    pdf[at..at + 10].copy_from_slice(b"/Length 5 ");
    // startxref points into the middle of an object.
    let sx = find_bytes(&pdf, b"startxref\n").unwrap() + 10;
    pdf.truncate(sx);
    pdf.extend(b"17\n%%EOF\n");
    let doc = read(&pdf).unwrap();
    assert_eq!(lines(&doc), ["Still here"]);
}

#[test]
fn incremental_update_replaces_the_content() {
    let mut pdf = one_page(b"BT /F1 12 Tf 72 700 Td (Old text) Tj ET");
    let prev = {
        let p = find_bytes(&pdf, b"startxref\n").unwrap() + 10;
        let end = pdf[p..].iter().position(|&b| b == b'\n').unwrap();
        std::str::from_utf8(&pdf[p..p + end]).unwrap().to_owned()
    };
    let obj = pdf.len();
    pdf.extend(b"4 0 obj\n");
    pdf.extend(stream("", b"BT /F1 12 Tf 72 700 Td (New text) Tj ET"));
    pdf.extend(b"\nendobj\n");
    let xref = pdf.len();
    pdf.extend(
        format!("xref\n4 1\n{obj:010} 00000 n \ntrailer\n<< /Size 6 /Root 1 0 R /Prev {prev} >>\nstartxref\n{xref}\n%%EOF\n")
            .as_bytes(),
    );
    assert_eq!(lines(&read(&pdf).unwrap()), ["New text"]);
}

#[test]
fn xref_stream_and_object_stream() {
    use flate2::{write::ZlibEncoder, Compression};
    use std::io::Write;
    let z = |d: &[u8]| {
        let mut e = ZlibEncoder::new(Vec::new(), Compression::default());
        e.write_all(d).unwrap();
        e.finish().unwrap()
    };
    // Objects 2, 3 and 5 live in object stream 6; 1 and 4 are plain; 7 is the xref stream.
    let members = [
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ];
    let mut head = String::new();
    let mut body = String::new();
    for (n, m) in [2, 3, 5].iter().zip(members) {
        head += &format!("{n} {} ", body.len());
        body += m;
        body += "\n";
    }
    let objstm = format!("{head}{body}");
    let mut out = b"%PDF-1.5\n".to_vec();
    let mut offs = [0usize; 8];
    let obj = |out: &mut Vec<u8>, n: usize, b: &[u8], offs: &mut [usize; 8]| {
        offs[n] = out.len();
        out.extend(format!("{n} 0 obj\n").as_bytes());
        out.extend(b);
        out.extend(b"\nendobj\n");
    };
    obj(&mut out, 1, b"<< /Type /Catalog /Pages 2 0 R >>", &mut offs);
    let content = z(b"BT /F1 12 Tf 72 700 Td (Compressed) Tj ET");
    obj(
        &mut out,
        4,
        &stream("/Filter /FlateDecode", &content),
        &mut offs,
    );
    let data = z(objstm.as_bytes());
    obj(
        &mut out,
        6,
        &stream(
            &format!(
                "/Type /ObjStm /N 3 /First {} /Filter /FlateDecode",
                head.len()
            ),
            &data,
        ),
        &mut offs,
    );
    offs[7] = out.len();
    // Rows: type (1 byte), field 2 (2 bytes), field 3 (1 byte); PNG Up predictor, 4 columns.
    let mut rows: Vec<[u8; 4]> = vec![[0, 0, 0, 255]];
    for (n, &off) in offs.iter().enumerate().skip(1) {
        rows.push(match n {
            2 => [2, 0, 6, 0],
            3 => [2, 0, 6, 1],
            5 => [2, 0, 6, 2],
            _ => [1, (off >> 8) as u8, off as u8, 0],
        });
    }
    let mut raw = Vec::new();
    let mut prev = [0u8; 4];
    for r in &rows {
        raw.push(2u8);
        for i in 0..4 {
            raw.push(r[i].wrapping_sub(prev[i]));
        }
        prev = *r;
    }
    let xs = stream(
        "/Type /XRef /Size 8 /W [1 2 1] /Root 1 0 R /Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 4 >>",
        &z(&raw),
    );
    out.extend(b"7 0 obj\n");
    out.extend(&xs);
    out.extend(format!("\nendobj\nstartxref\n{}\n%%EOF\n", offs[7]).as_bytes());
    assert_eq!(lines(&read(&out).unwrap()), ["Compressed"]);
}

fn find_bytes(h: &[u8], n: &[u8]) -> Option<usize> {
    h.windows(n.len()).position(|w| w == n)
}

/// Each hostile file ends in a diagnostic (or a document) quickly.
fn quickly(pdf: &[u8]) -> Result<Document, ReadError> {
    let t = Instant::now();
    let r = read(pdf);
    // Generous: debug builds on a loaded machine; the point is "not minutes, not forever".
    assert!(t.elapsed().as_secs() < 20, "took {:?}", t.elapsed());
    r
}

#[test]
fn hostile_structures_end_in_a_diagnostic() {
    // A page tree that contains itself, a /Length that refers to its own stream, a form
    // XObject that draws itself.
    let pdf = build(&[
        s("<< /Type /Catalog /Pages 2 0 R >>"),
        s("<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 1 >>"),
        s("<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> /XObject << /X 6 0 R >> >> >>"),
        s("<< /Length 4 0 R >>\nstream\nBT /F1 12 Tf 72 700 Td (Loop) Tj ET /X Do\nendstream"),
        s("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"),
        s("<< /Type /XObject /Subtype /Form /Length 6 0 R /Resources << /XObject << /X 6 0 R >> >> >>\nstream\n/X Do\nendstream"),
    ]);
    assert_eq!(lines(&quickly(&pdf).unwrap()), ["Loop"]);
    // Deeply nested arrays in content and in objects.
    let deep = "[".repeat(200_000);
    let closed = "]".repeat(200_000);
    let pdf = one_page(format!("{deep}{closed} BT /F1 12 Tf 72 700 Td (Deep) Tj ET").as_bytes());
    assert_eq!(lines(&quickly(&pdf).unwrap()), ["Deep"]);
    let pdf = build(&[s(&format!("<< /Type /Catalog /Pages {deep} >>"))]);
    assert!(quickly(&pdf).is_err());
    // Ten thousand pages.
    let mut kids = String::new();
    for i in 0..10_000 {
        kids += &format!("{} 0 R ", i + 4);
    }
    let mut bodies = vec![
        s("<< /Type /Catalog /Pages 2 0 R >>"),
        s(&format!("<< /Type /Pages /Kids [{kids}] /Count 10000 >>")),
        stream("", b"BT ET"),
    ];
    for _ in 0..10_000 {
        bodies.push(s("<< /Type /Page /Parent 2 0 R /Contents 3 0 R >>"));
    }
    match quickly(&build(&bodies)) {
        Err(ReadError::Unsupported(m)) => assert!(m.contains("页"), "{m}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_flate_bomb_is_refused() {
    use flate2::{Compress, Compression, FlushCompress};
    // 1 MB of zeros as a sync-flushed deflate block, repeated past 100 MB: each block only
    // refers back to zeros, so the repetition is valid DEFLATE.
    let mut c = Compress::new(Compression::best(), false);
    let mut block = Vec::with_capacity(4096);
    c.compress_vec(&vec![0u8; 1 << 20], &mut block, FlushCompress::Sync)
        .unwrap();
    let mut data = vec![0x78, 0xDA];
    for _ in 0..110 {
        data.extend(&block);
    }
    data.extend([0x03, 0x00]);
    let pdf = one_page(&[]);
    let pdf = String::from_utf8_lossy(&pdf)
        .replace("<<  /Length 0 >>", "<< /Filter /FlateDecode /Length 0 >>");
    let mut pdf = pdf.into_bytes();
    // Put the bomb in as the page's content stream (the xref is rebuilt: offsets moved).
    let at = find_bytes(&pdf, b"stream\n").unwrap() + 7;
    pdf.splice(at..at, data);
    match quickly(&pdf) {
        Err(ReadError::Unsupported(m)) => assert!(m.contains("100 MB"), "{m}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_scan_is_p004_and_an_empty_pdf_is_empty() {
    let pdf = build(&[
        s("<< /Type /Catalog /Pages 2 0 R >>"),
        s("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
        s("<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /XObject << /Im 5 0 R >> >> >>"),
        stream("", b"q 595 0 0 842 0 0 cm /Im Do Q"),
        stream("/Type /XObject /Subtype /Image /Width 1 /Height 1 /BitsPerComponent 8 /ColorSpace /DeviceGray /Filter /DCTDecode", b"\xFF\xD8"),
    ]);
    match read(&pdf) {
        Err(ReadError::NoTextLayer(m)) => assert!(m.contains("扫描")),
        other => panic!("{other:?}"),
    }
    assert_eq!(read(&one_page(b"")).err(), Some(ReadError::Empty));
}

#[test]
fn a_few_unmappable_characters_are_marked_and_noted() {
    // Ten mapped codes and one without a ToUnicode entry.
    let cmap = b"begincmap 1 beginbfrange <0001> <000A> <4E00> endbfrange endcmap";
    let pdf = build(&[
        s("<< /Type /Catalog /Pages 2 0 R >>"),
        s("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
        s("<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>"),
        stream("", b"BT /F1 12 Tf 72 700 Td <000100020003000400050006000700080009000A0063> Tj ET"),
        s("<< /Type /Font /Subtype /Type0 /Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>"),
        s("<< /Type /Font /Subtype /CIDFontType2 >>"),
        stream("", cmap),
    ]);
    let doc = read(&pdf).unwrap();
    assert_eq!(lines(&doc), ["一丁丂七丄丅丆万丈三\u{FFFD}"]);
    assert_eq!(doc.notes.len(), 1);
    assert!(doc.notes[0].contains("1 个字"), "{}", doc.notes[0]);
}

#[test]
fn a_table_without_borders_splits_at_column_gaps() {
    // Two columns far apart, no rules: each line is a row of two cells, as the text reader
    // splits tab-separated text; ordinary word spacing stays inside a cell.
    let pdf = one_page(
        b"BT /F1 10 Tf 72 700 Td (Item one) Tj 200 0 Td (12) Tj ET
          BT /F1 10 Tf 72 686 Td (Item two) Tj 200 0 Td (7) Tj ET",
    );
    let doc = read(&pdf).unwrap();
    let rows: Vec<Vec<&str>> = doc
        .lines
        .iter()
        .map(|l| l.cells.iter().map(|c| c.text.as_str()).collect())
        .collect();
    assert_eq!(rows, [vec!["Item one", "12"], vec!["Item two", "7"]]);
}

/// A ruled table of `rows` (two columns) at the top of a page, as content.
fn ruled(rows: &[(&str, &str)], top: i32) -> String {
    let mut c = String::new();
    let bottom = top - 20 * rows.len() as i32;
    for i in 0..=rows.len() as i32 {
        c += &format!("100 {} 200 0.5 re f\n", top - 20 * i);
    }
    for x in [100, 200, 300] {
        c += &format!("{x} {bottom} 0.5 {} re f\n", top - bottom);
    }
    for (i, (a, b)) in rows.iter().enumerate() {
        let y = top - 20 * i as i32 - 15;
        c += &format!("BT /F1 10 Tf 110 {y} Td ({a}) Tj 100 0 Td ({b}) Tj ET\n");
    }
    c
}

#[test]
fn a_table_continued_on_the_next_page_is_one_table_without_its_repeated_header() {
    let p1 = "BT /F1 12 Tf 72 760 Td (Part three) Tj ET\n".to_owned()
        + &ruled(&[("Label", "Value"), ("a", "1"), ("b", "2")], 300);
    let p2 = ruled(&[("Label", "Value"), ("c", "3")], 780)
        + "BT /F1 12 Tf 72 600 Td (Part four) Tj ET\n";
    let pdf = build(&[
        s("<< /Type /Catalog /Pages 2 0 R >>"),
        s("<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>"),
        s("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R /Resources << /Font << /F1 7 0 R >> >> >>"),
        s("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 6 0 R /Resources << /Font << /F1 7 0 R >> >> >>"),
        stream("", p1.as_bytes()),
        stream("", p2.as_bytes()),
        s("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"),
    ]);
    let doc = read(&pdf).unwrap();
    let rows: Vec<(String, Option<u32>)> = doc
        .lines
        .iter()
        .map(|l| {
            let kind = match l.kind {
                LineKind::TableRow(t) => Some(t),
                _ => None,
            };
            (l.joined(), kind)
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("Part three".to_owned(), None),
            ("Label Value".to_owned(), Some(0)),
            ("a 1".to_owned(), Some(0)),
            ("b 2".to_owned(), Some(0)),
            ("c 3".to_owned(), Some(0)),
            ("Part four".to_owned(), None),
        ]
    );
}
