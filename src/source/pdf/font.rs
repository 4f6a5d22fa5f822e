//! Fonts: how the bytes of a shown string split into character codes, each code's Unicode text
//! (ToUnicode CMap, a UCS-2 or GB predefined CMap, or a simple font's encoding) and its width.
//! A code with no known text maps to `None`: the reader says so instead of guessing.

use super::file::File;
use super::layout::first_wins;
use super::object::{Dict, Lexer, Obj, Token};
use crate::source::decode::gb18030;

pub struct Font {
    /// Codes are two bytes (Type0 with Identity or UCS-2 CMaps), else one.
    two_byte: bool,
    pub vertical: bool,
    to_unicode: Option<CMap>,
    /// Codes are UTF-16 code units (UniGB-UCS2-H and the like).
    ucs2: bool,
    /// Codes are the bytes of GB 2312, GBK or GB 18030 text (GB-EUC-H, GBK-EUC-H, GBK2K-H…).
    gb: Option<GbCodes>,
    simple: Option<Box<[Option<char>; 256]>>,
    /// Widths by code, sorted by code.
    widths: Vec<(u32, f64)>,
    width_ranges: Vec<(u32, u32, f64)>,
    default_width: f64,
    /// Vertical advance (DW2's second value), in thousandths of the size.
    pub vertical_advance: f64,
}

/// One shown character code.
pub struct Code {
    pub text: Option<String>,
    /// Advance in thousandths of the font size.
    pub width: f64,
    /// A single-byte code 32 (word spacing applies).
    pub space: bool,
}

#[derive(Default)]
pub struct CMap {
    /// Sorted by code.
    chars: Vec<(u32, String)>,
    /// (low, high, Unicode of low): code k maps to low's text with its last char advanced.
    ranges: Vec<(u32, u32, Vec<u16>)>,
}

impl CMap {
    pub fn parse(data: &[u8]) -> CMap {
        let mut m = CMap::default();
        let mut lx = Lexer::new(data, 0);
        let mut operands: Vec<Obj> = Vec::new();
        while let Some(t) = lx.token() {
            match t {
                Token::Keyword(b"endbfchar") => {
                    for pair in operands.chunks_exact(2) {
                        if let (Obj::Str(c), Obj::Str(u)) = (&pair[0], &pair[1]) {
                            m.chars.push((code_of(c), utf16(u)));
                        }
                    }
                    operands.clear();
                }
                Token::Keyword(b"endbfrange") => {
                    let mut i = 0;
                    while i + 3 <= operands.len() {
                        let (Obj::Str(lo), Obj::Str(hi)) = (&operands[i], &operands[i + 1]) else {
                            i += 1;
                            continue;
                        };
                        let (lo, hi) = (code_of(lo), code_of(hi));
                        match &operands[i + 2] {
                            Obj::Str(dst) if hi >= lo => {
                                let units = dst
                                    .chunks(2)
                                    .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
                                    .collect();
                                m.ranges.push((lo, hi, units));
                            }
                            Obj::Array(a) => {
                                for (k, d) in a.iter().enumerate() {
                                    if let (Obj::Str(d), Some(code)) =
                                        (d, lo.checked_add(k as u32).filter(|&c| c <= hi))
                                    {
                                        m.chars.push((code, utf16(d)));
                                    }
                                }
                            }
                            _ => {}
                        }
                        i += 3;
                    }
                    operands.clear();
                }
                Token::Keyword(b"beginbfchar" | b"beginbfrange") => operands.clear(),
                Token::Keyword(_) | Token::DictStart | Token::DictEnd => {}
                Token::ArrayStart => {
                    // Parse the array as one operand.
                    lx.pos -= 1;
                    if let Some(Ok(o)) = lx.object() {
                        operands.push(o);
                    }
                }
                Token::ArrayEnd => {}
                Token::Obj(o) => {
                    if operands.len() < 100_000 {
                        operands.push(o);
                    }
                }
            }
        }
        // Later definitions of a code win.
        m.chars.reverse();
        m.chars = first_wins(m.chars);
        m
    }

    pub fn lookup(&self, code: u32) -> Option<String> {
        if let Ok(i) = self.chars.binary_search_by_key(&code, |c| c.0) {
            return Some(self.chars[i].1.clone());
        }
        let (lo, _, base) = self
            .ranges
            .iter()
            .find(|(lo, hi, _)| (*lo..=*hi).contains(&code))?;
        let mut units = base.clone();
        let last = units.last_mut()?;
        *last = last.wrapping_add((code - lo) as u16);
        Some(String::from_utf16_lossy(&units))
    }
}

fn code_of(b: &[u8]) -> u32 {
    b.iter().take(4).fold(0u32, |v, &x| v << 8 | x as u32)
}

fn utf16(b: &[u8]) -> String {
    let units: Vec<u16> = b
        .chunks(2)
        .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
        .collect();
    String::from_utf16_lossy(&units)
}

impl Font {
    pub fn load(file: &File, dict: &Dict) -> Font {
        let name = |k: &[u8]| dict.get(k).map(|o| file.resolve(o));
        let subtype = name(b"Subtype");
        let type0 = subtype.as_ref().and_then(Obj::as_name) == Some(b"Type0");
        let to_unicode = match name(b"ToUnicode") {
            Some(Obj::Stream(s)) => file.decode(&s).ok().map(|d| CMap::parse(&d)),
            _ => None,
        };
        let mut font = Font {
            two_byte: type0,
            vertical: false,
            to_unicode,
            ucs2: false,
            gb: None,
            simple: None,
            widths: Vec::new(),
            width_ranges: Vec::new(),
            default_width: if type0 { 1000.0 } else { 0.0 },
            vertical_advance: -1000.0,
        };
        if type0 {
            let enc = name(b"Encoding");
            if let Some(n) = enc.as_ref().and_then(Obj::as_name) {
                font.vertical = n.ends_with(b"-V");
                font.ucs2 = n.starts_with(b"Uni") && (find(n, b"UCS2") || find(n, b"UTF16"));
                font.gb = GbCodes::of_cmap(n);
            } else if let Some(d) = enc.as_ref().and_then(Obj::as_dict) {
                font.vertical = d.get(b"WMode").and_then(Obj::as_int) == Some(1);
            }
            let desc = match name(b"DescendantFonts") {
                Some(Obj::Array(a)) => a.first().map(|o| file.resolve(o)),
                _ => None,
            };
            if let Some(d) = desc.as_ref().and_then(Obj::as_dict) {
                font.cid_widths(file, d);
                if font.to_unicode.is_none() && !font.ucs2 && font.gb.is_none() {
                    font.to_unicode = embedded_truetype_map(file, d);
                }
            }
        } else {
            font.simple_widths(file, dict);
            font.simple = Some(simple_encoding(file, dict));
            // Type 3 widths are in glyph space, scaled by the font matrix (not by 1/1000).
            if let Some(Obj::Array(m)) = name(b"FontMatrix") {
                let scale = m.first().and_then(Obj::as_f64).unwrap_or(0.001) * 1000.0;
                if scale.is_finite() && scale > 0.0 && (scale - 1.0).abs() > 1e-9 {
                    font.widths.iter_mut().for_each(|w| w.1 *= scale);
                    font.default_width *= scale;
                }
            }
        }
        font.widths.reverse();
        font.widths = first_wins(std::mem::take(&mut font.widths));
        font
    }

    fn cid_widths(&mut self, file: &File, d: &Dict) {
        if let Some(dw) = d
            .get(b"DW")
            .map(|o| file.resolve(o))
            .and_then(|o| o.as_f64())
        {
            self.default_width = dw;
        }
        if let Some(Obj::Array(a)) = d.get(b"DW2").map(|o| file.resolve(o)) {
            if let Some(v) = a.get(1).and_then(Obj::as_f64) {
                self.vertical_advance = v;
            }
        }
        let Obj::Array(w) = d.get(b"W").map_or(Obj::Null, |o| file.resolve(o)) else {
            return;
        };
        let mut i = 0;
        while i + 1 < w.len() {
            let Some(first) = w[i].as_int() else {
                i += 1;
                continue;
            };
            let first = first.clamp(0, u32::MAX as i64) as u32;
            match file.resolve(&w[i + 1]) {
                Obj::Array(ws) => {
                    for (k, x) in ws.iter().enumerate() {
                        if let (Some(x), Some(c)) = (x.as_f64(), first.checked_add(k as u32)) {
                            self.widths.push((c, x));
                        }
                    }
                    i += 2;
                }
                o => {
                    let last = o.as_int().unwrap_or(0).clamp(0, u32::MAX as i64) as u32;
                    if let Some(x) = w.get(i + 2).and_then(Obj::as_f64) {
                        self.width_ranges.push((first, last, x));
                    }
                    i += 3;
                }
            }
        }
    }

    fn simple_widths(&mut self, file: &File, dict: &Dict) {
        let first = dict
            .get(b"FirstChar")
            .and_then(Obj::as_int)
            .unwrap_or(0)
            .clamp(0, 255) as u32;
        if let Obj::Array(ws) = dict.get(b"Widths").map_or(Obj::Null, |o| file.resolve(o)) {
            for (k, w) in ws.iter().take(256).enumerate() {
                if let Some(w) = file.resolve(w).as_f64() {
                    self.widths.push((first + k as u32, w));
                }
            }
        } else {
            // A standard font without widths: an average width keeps positions roughly right.
            self.default_width = 550.0;
        }
        if let Some(desc) = file.get_dict(dict, b"FontDescriptor") {
            if let Some(m) = desc.get(b"MissingWidth").and_then(Obj::as_f64) {
                self.default_width = m;
            }
        }
    }

    fn width(&self, code: u32) -> f64 {
        self.listed_width(code).unwrap_or(self.default_width)
    }

    fn listed_width(&self, code: u32) -> Option<f64> {
        if let Ok(i) = self.widths.binary_search_by_key(&code, |w| w.0) {
            return Some(self.widths[i].1);
        }
        self.width_ranges
            .iter()
            .find(|(lo, hi, _)| (*lo..=*hi).contains(&code))
            .map(|r| r.2)
    }

    /// Splits a shown string into codes.
    pub fn codes(&self, bytes: &[u8], out: &mut Vec<Code>) {
        out.clear();
        if let Some(gb) = self.gb {
            return self.gb_codes(gb, bytes, out);
        }
        let step = if self.two_byte { 2 } else { 1 };
        for c in bytes.chunks(step) {
            let code = code_of(c);
            let text = match &self.to_unicode {
                Some(m) => m.lookup(code),
                None => None,
            }
            .or_else(|| {
                if self.ucs2 {
                    char::from_u32(code).map(String::from)
                } else {
                    self.simple
                        .as_ref()
                        .and_then(|t| t[(code & 0xFF) as usize])
                        .map(String::from)
                }
            });
            out.push(Code {
                text,
                width: self.width(code),
                space: step == 1 && code == 32,
            });
        }
    }
}

impl Font {
    /// Codes of a GB predefined CMap: their text is the ToUnicode CMap's if it lists them, else
    /// the GB decoding of their bytes. Widths are
    /// listed by CID, which those CMaps assign by tables not carried here: a single-byte ASCII
    /// code is Adobe-GB1's proportional Latin (CID = code − 31) when the font lists that width,
    /// else half-width; a double-byte code takes the default (full) width.
    fn gb_codes(&self, gb: GbCodes, bytes: &[u8], out: &mut Vec<Code>) {
        let mut spans = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            let n = gb.code_len(&bytes[i..]).min(bytes.len() - i);
            spans.push((i, n));
            i += n;
        }
        // One decoding of the whole string (one TextDecoder call in wasm); code by code only
        // when it does not give one character per code.
        let whole: Option<Vec<char>> = gb18030(bytes)
            .map(|t| t.chars().collect())
            .filter(|cs: &Vec<char>| cs.len() == spans.len());
        for (k, &(at, n)) in spans.iter().enumerate() {
            let code_bytes = &bytes[at..at + n];
            let code = code_of(code_bytes);
            let listed = self.to_unicode.as_ref().and_then(|m| m.lookup(code));
            let text = listed.or_else(|| match &whole {
                Some(cs) => Some(cs[k].to_string()),
                None if n == 1 && code < 0x80 => char::from_u32(code).map(String::from),
                None => gb18030(code_bytes).filter(|t| t.chars().count() == 1),
            });
            let width = if n == 1 && (0x20..0x7F).contains(&code) {
                self.listed_width(code - 31)
                    .unwrap_or(self.default_width / 2.0)
            } else {
                self.default_width
            };
            out.push(Code {
                text,
                width,
                space: n == 1 && code == 32,
            });
        }
    }
}

/// A CID font without ToUnicode whose TrueType program is embedded: CID → glyph (the
/// CIDToGIDMap stream, or the identity) → the character the font's own cmap gives that glyph.
fn embedded_truetype_map(file: &File, cid_font: &Dict) -> Option<CMap> {
    let descriptor = file.get_dict(cid_font, b"FontDescriptor")?;
    let Some(Obj::Stream(program)) = descriptor.get(b"FontFile2").map(|o| file.resolve(o)) else {
        return None;
    };
    let chars = super::truetype::glyph_chars(&file.decode(&program).ok()?);
    if chars.is_empty() {
        return None;
    }
    let of_glyph = |g: u16| {
        chars
            .binary_search_by_key(&g, |c| c.0)
            .ok()
            .map(|i| chars[i].1)
    };
    let mut map = CMap::default();
    match cid_font.get(b"CIDToGIDMap").map(|o| file.resolve(o)) {
        Some(Obj::Stream(s)) => {
            let gids = file.decode(&s).ok()?;
            for (cid, g) in gids.chunks_exact(2).enumerate() {
                if let Some(c) = of_glyph(u16::from_be_bytes([g[0], g[1]])) {
                    map.chars.push((cid as u32, c.to_string()));
                }
            }
        }
        _ => {
            for &(g, c) in &chars {
                map.chars.push((u32::from(g), c.to_string()));
            }
        }
    }
    Some(map)
}

/// How a GB predefined CMap splits bytes into codes.
#[derive(Clone, Copy, Debug, PartialEq)]
enum GbCodes {
    /// GB 2312 in EUC: a lead byte A1–FE starts a two-byte code.
    Euc,
    /// GBK: a lead byte 81–FE starts a two-byte code.
    Gbk,
    /// GB 18030: as GBK, and a lead byte followed by a digit starts a four-byte code.
    Gb18030,
}

impl GbCodes {
    fn of_cmap(name: &[u8]) -> Option<GbCodes> {
        let base = name
            .strip_suffix(b"-H")
            .or_else(|| name.strip_suffix(b"-V"))?;
        match base {
            b"GB-EUC" | b"GBpc-EUC" => Some(GbCodes::Euc),
            b"GBK-EUC" | b"GBKp-EUC" => Some(GbCodes::Gbk),
            b"GBK2K" => Some(GbCodes::Gb18030),
            _ => None,
        }
    }

    fn code_len(self, rest: &[u8]) -> usize {
        let lead = rest[0];
        match self {
            GbCodes::Euc if (0xA1..=0xFE).contains(&lead) => 2,
            GbCodes::Gbk if (0x81..=0xFE).contains(&lead) => 2,
            GbCodes::Gb18030 if (0x81..=0xFE).contains(&lead) => {
                if rest.get(1).is_some_and(u8::is_ascii_digit) {
                    4
                } else {
                    2
                }
            }
            _ => 1,
        }
    }
}

fn find(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// A simple font's code → character table: the base encoding, then /Differences.
fn simple_encoding(file: &File, dict: &Dict) -> Box<[Option<char>; 256]> {
    let mut t: Box<[Option<char>; 256]> = Box::new([None; 256]);
    let enc = dict.get(b"Encoding").map(|o| file.resolve(o));
    let base = match &enc {
        Some(Obj::Name(n)) => n.clone(),
        Some(Obj::Dict(d)) => d
            .get(b"BaseEncoding")
            .and_then(Obj::as_name)
            .unwrap_or(b"StandardEncoding")
            .to_vec(),
        _ => b"StandardEncoding".to_vec(),
    };
    // Symbolic fonts without an encoding hold glyphs we cannot name.
    let symbolic = file
        .get_dict(dict, b"FontDescriptor")
        .and_then(|d| d.get(b"Flags").and_then(Obj::as_int))
        .is_some_and(|f| f & 4 != 0 && f & 32 == 0);
    if !(symbolic && enc.is_none()) {
        for (c, slot) in t.iter_mut().enumerate().skip(32) {
            *slot = base_char(&base, c as u8);
        }
    }
    if let Some(Obj::Dict(d)) = &enc {
        if let Some(Obj::Array(diffs)) = d.get(b"Differences").map(|o| file.resolve(o)) {
            let mut code = 0usize;
            for o in &diffs {
                match o {
                    Obj::Int(n) => code = (*n).clamp(0, 255) as usize,
                    Obj::Name(n) => {
                        if code < 256 {
                            t[code] = glyph_char(n);
                        }
                        code += 1;
                    }
                    _ => {}
                }
            }
        }
    }
    t
}

fn base_char(base: &[u8], c: u8) -> Option<char> {
    match c {
        32..=126 => {
            // StandardEncoding differs from ASCII for quotes only.
            if base == b"StandardEncoding" && c == b'\'' {
                return Some('’');
            }
            if base == b"StandardEncoding" && c == b'`' {
                return Some('‘');
            }
            Some(c as char)
        }
        160..=255 if base == b"WinAnsiEncoding" => char::from_u32(c as u32),
        128..=159 if base == b"WinAnsiEncoding" => {
            const W: &str = "€\0‚ƒ„…†‡ˆ‰Š‹Œ\0Ž\0\0‘’“”•–—˜™š›œ\0žŸ";
            W.chars().nth((c - 128) as usize).filter(|&ch| ch != '\0')
        }
        _ => None,
    }
}

/// The character a glyph name stands for: `uniXXXX`, `uXXXX[X]`, single letters, digits and the
/// common punctuation names. Other names are unknown.
fn glyph_char(name: &[u8]) -> Option<char> {
    let s = std::str::from_utf8(name).ok()?;
    if let Some(h) = s.strip_prefix("uni").filter(|h| h.len() == 4) {
        return u32::from_str_radix(h, 16).ok().and_then(char::from_u32);
    }
    if let Some(h) = s
        .strip_prefix('u')
        .filter(|h| (4..=6).contains(&h.len()) && h.chars().all(|c| c.is_ascii_hexdigit()))
    {
        return u32::from_str_radix(h, 16).ok().and_then(char::from_u32);
    }
    if s.len() == 1 && s.as_bytes()[0].is_ascii_alphabetic() {
        return s.chars().next();
    }
    const NAMES: &[(&str, char)] = &[
        ("space", ' '),
        ("zero", '0'),
        ("one", '1'),
        ("two", '2'),
        ("three", '3'),
        ("four", '4'),
        ("five", '5'),
        ("six", '6'),
        ("seven", '7'),
        ("eight", '8'),
        ("nine", '9'),
        ("period", '.'),
        ("comma", ','),
        ("colon", ':'),
        ("semicolon", ';'),
        ("hyphen", '-'),
        ("minus", '-'),
        ("endash", '–'),
        ("emdash", '—'),
        ("parenleft", '('),
        ("parenright", ')'),
        ("bracketleft", '['),
        ("bracketright", ']'),
        ("slash", '/'),
        ("percent", '%'),
        ("plus", '+'),
        ("equal", '='),
        ("quotesingle", '\''),
        ("quotedbl", '"'),
        ("quoteleft", '‘'),
        ("quoteright", '’'),
        ("quotedblleft", '“'),
        ("quotedblright", '”'),
        ("ampersand", '&'),
        ("numbersign", '#'),
        ("asterisk", '*'),
        ("underscore", '_'),
        ("bullet", '•'),
        ("question", '?'),
        ("exclam", '!'),
        ("at", '@'),
        ("dollar", '$'),
        ("less", '<'),
        ("greater", '>'),
        ("nbspace", '\u{A0}'),
    ];
    NAMES.iter().find(|(n, _)| *n == s).map(|&(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn to_unicode_cmap() {
        let src = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap
            1 begincodespacerange <0000> <FFFF> endcodespacerange
            2 beginbfchar <0003> <0020> <01F1> <4E00> endbfchar
            2 beginbfrange <0010> <0012> <0030> <0020> <0021> [<4E8C> <D840DC00>] endbfrange
            endcmap";
        let m = CMap::parse(src);
        assert_eq!(m.lookup(0x0003).as_deref(), Some(" "));
        assert_eq!(m.lookup(0x01F1).as_deref(), Some("一"));
        assert_eq!(m.lookup(0x0012).as_deref(), Some("2"));
        assert_eq!(m.lookup(0x0020).as_deref(), Some("二"));
        assert_eq!(m.lookup(0x0021).as_deref(), Some("\u{20000}"));
        assert_eq!(m.lookup(0x0013), None);
    }

    #[test]
    fn gb_cmaps_split_codes_by_lead_byte() {
        assert_eq!(GbCodes::of_cmap(b"GBK-EUC-H"), Some(GbCodes::Gbk));
        assert_eq!(GbCodes::of_cmap(b"GBpc-EUC-V"), Some(GbCodes::Euc));
        assert_eq!(GbCodes::of_cmap(b"GBK2K-H"), Some(GbCodes::Gb18030));
        assert_eq!(GbCodes::of_cmap(b"UniGB-UCS2-H"), None);
        assert_eq!(GbCodes::of_cmap(b"Identity-H"), None);
        assert_eq!(GbCodes::Euc.code_len(&[0x81, 0x40]), 1);
        assert_eq!(GbCodes::Gbk.code_len(&[0x81, 0x40]), 2);
        assert_eq!(GbCodes::Gb18030.code_len(&[0x81, 0x30, 0x81, 0x30]), 4);
        assert_eq!(GbCodes::Gb18030.code_len(&[0x81, 0x40]), 2);
        assert_eq!(GbCodes::Gbk.code_len(b"7"), 1);
    }

    #[test]
    fn glyph_names() {
        assert_eq!(glyph_char(b"uni4E00"), Some('一'));
        assert_eq!(glyph_char(b"seven"), Some('7'));
        assert_eq!(glyph_char(b"g123"), None);
    }
}
