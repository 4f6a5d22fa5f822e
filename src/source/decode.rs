//! Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030 (which covers GBK and
//! GB2312) detected by the bytes not being UTF-8. GB18030 is decoded by encoding_rs natively and by
//! the browser's `TextDecoder` in WebAssembly, where encoding_rs would cost ~128 KB.

use super::ReadError;
use std::borrow::Cow;

/// Decodes `bytes`, or says what was tried.
pub fn decode(bytes: &[u8]) -> Result<String, ReadError> {
    decode_noting(bytes, &mut Vec::new())
}

/// [`decode`], adding to `notes` what was decoded only in part (an odd byte after UTF-16).
pub fn decode_noting(bytes: &[u8], notes: &mut Vec<String>) -> Result<String, ReadError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        if let Some(s) = utf8(rest) {
            return Ok(s.to_owned());
        }
        return std::str::from_utf8(rest).map(str::to_owned).map_err(|e| {
            ReadError::Undecodable(format!(
                "文件以 UTF-8 标记开头，但第 {} 个字节起不是有效的 UTF-8",
                e.valid_up_to() + 4
            ))
        });
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, u16::from_le_bytes, notes);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, u16::from_be_bytes, notes);
    }
    // Before UTF-8: ASCII in UTF-16 is valid UTF-8 (with a NUL every other byte).
    if let Some(word) = utf16_without_bom(bytes) {
        let mut tried = Vec::new();
        if let Ok(s) = utf16(bytes, word, &mut tried) {
            notes.append(&mut tried);
            return Ok(s);
        }
    }
    if let Some(s) = utf8(bytes) {
        return check_text(s.to_owned());
    }
    if looks_binary(bytes) {
        return Err(ReadError::Undecodable(
            "内容是二进制数据，不是文本（已尝试 UTF-8、UTF-16、GB18030）".into(),
        ));
    }
    match gb18030(bytes) {
        Some(s) => check_text(s),
        None => Err(ReadError::Undecodable(
            "文字编码无法识别（已尝试 UTF-8、UTF-16、GB18030/GBK）".into(),
        )),
    }
}

/// Decodes with the charset an HTML page declares. Returns None when the label is unknown or the
/// bytes are invalid in it, so that the caller falls back to detection. A page declared as
/// GBK/GB2312 whose bytes are valid UTF-8 was re-saved as UTF-8 without its `<meta>` being
/// updated (editors and download tools do this); long Chinese GBK text is never valid UTF-8.
/// UTF-8 is borrowed, not copied: the HTML reader keeps nothing of its source.
pub fn decode_declared<'b>(bytes: &'b [u8], label: &str) -> Option<Cow<'b, str>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let label = label.trim().to_ascii_lowercase();
    let utf8 = || utf8(bytes).map(Cow::Borrowed);
    match label.as_str() {
        // HTML reads a UTF-16 declaration in an ASCII-compatible file as UTF-8.
        "utf-8" | "utf8" | "unicode-1-1-utf-8" | "utf-16" | "utf-16le" | "utf-16be" => utf8(),
        "gbk" | "gb2312" | "gb18030" | "x-gbk" | "cp936" | "ms936" | "windows-936" | "chinese"
        | "csgb2312" | "csiso58gb231280" | "gb_2312" | "gb_2312-80" | "iso-ir-58" | "euc-cn"
        | "x-euc-cn" => utf8().or_else(|| gb18030(bytes).map(Cow::Owned)),
        _ => by_label(bytes, &label).map(Cow::Owned),
    }
    .filter(|s| check_str(s).is_ok())
}

#[cfg(not(target_arch = "wasm32"))]
fn by_label(bytes: &[u8], label: &str) -> Option<String> {
    let enc = encoding_rs::Encoding::for_label(label.as_bytes())?;
    enc.decode_without_bom_handling_and_without_replacement(bytes)
        .map(|s| s.into_owned())
}

#[cfg(target_arch = "wasm32")]
fn by_label(bytes: &[u8], label: &str) -> Option<String> {
    let opts = web_sys::TextDecoderOptions::new();
    opts.set_fatal(true);
    let decoder = web_sys::TextDecoder::new_with_label_and_options(label, &opts).ok()?;
    decoder.decode_with_u8_array(bytes).ok()
}

/// `bytes` as UTF-8 text, if they are. Natively validated with SIMD (simdutf8, already built for
/// encoding_rs); std's validation reads Chinese text a byte at a time.
pub fn utf8(bytes: &[u8]) -> Option<&str> {
    #[cfg(not(target_arch = "wasm32"))]
    return simdutf8::basic::from_utf8(bytes).ok();
    #[cfg(target_arch = "wasm32")]
    return std::str::from_utf8(bytes).ok();
}

/// UTF-16 text without a byte order mark, told by its zero bytes: a report has ASCII in it
/// (digits, line breaks, spaces), and each ASCII character has a zero byte, always on the same
/// side (odd offsets for little-endian). Chinese characters almost never have a zero byte, so
/// the other side has nearly none. Returns how to read a unit.
fn utf16_without_bom(bytes: &[u8]) -> Option<fn([u8; 2]) -> u16> {
    let sample = &bytes[..bytes.len().min(8192)];
    let units = sample.len() / 2;
    if units < 8 {
        return None;
    }
    // Per byte order: units that are ASCII text, units that are control characters (binary).
    let (mut le, mut be) = ((0usize, 0usize), (0usize, 0usize));
    let count = |side: &mut (usize, usize), low: u8| {
        if low >= 0x20 || matches!(low, b'\t' | b'\n' | b'\r' | 0x0c) {
            side.0 += 1;
        } else {
            side.1 += 1;
        }
    };
    for pair in sample.chunks_exact(2) {
        if pair[1] == 0 {
            count(&mut le, pair[0]);
        }
        if pair[0] == 0 {
            count(&mut be, pair[1]);
        }
    }
    // A tenth of the units ASCII, next to no control characters, the other order far behind.
    let clearly = |(text, control): (usize, usize), (other, _): (usize, usize)| {
        text * 10 >= units && control * 50 <= text && other * 4 <= text
    };
    if clearly(le, be) {
        Some(u16::from_le_bytes)
    } else if clearly(be, le) {
        Some(u16::from_be_bytes)
    } else {
        None
    }
}

fn utf16(
    rest: &[u8],
    word: fn([u8; 2]) -> u16,
    notes: &mut Vec<String>,
) -> Result<String, ReadError> {
    let pairs = rest.chunks_exact(2);
    if !pairs.remainder().is_empty() {
        notes.push("文件末尾多出 1 个字节，不是完整的 UTF-16 字符，已忽略".into());
    }
    let units: Vec<u16> = pairs.map(|c| word([c[0], c[1]])).collect();
    String::from_utf16(&units)
        .map_err(|_| ReadError::Undecodable("内容按 UTF-16 读取，但不是有效的 UTF-16".into()))
        .and_then(check_text)
}

/// Text with many control characters is a binary file that happened to decode.
fn check_text(s: String) -> Result<String, ReadError> {
    check_str(&s)?;
    Ok(s)
}

/// Refuses text with many control characters (a binary file read as text).
fn check_str(s: &str) -> Result<(), ReadError> {
    // Control characters other than line breaks and tabs are single bytes below 0x20 (or DEL).
    let is_control = |b: u8| (b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c)) || b == 0x7f;
    // Counted in byte-sized lanes, 255 bytes at a time, so that the loop vectorises.
    let controls: usize = s
        .as_bytes()
        .chunks(255)
        .map(|c| c.iter().fold(0u8, |n, &b| n + u8::from(is_control(b))) as usize)
        .sum();
    if controls > 8 && controls * 20 > s.len() {
        return Err(ReadError::Undecodable(
            "内容含大量控制字符，不是文本文件".into(),
        ));
    }
    Ok(())
}

fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(8192)];
    sample.iter().filter(|&&b| b == 0).count() > 0
}

/// GB 18030 (a superset of GBK and GB 2312), strictly: `None` if any byte sequence is invalid.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn gb18030(bytes: &[u8]) -> Option<String> {
    let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
    (!had_errors).then(|| text.into_owned())
}

#[cfg(target_arch = "wasm32")]
pub(crate) fn gb18030(bytes: &[u8]) -> Option<String> {
    let opts = web_sys::TextDecoderOptions::new();
    opts.set_fatal(true);
    let decoder = web_sys::TextDecoder::new_with_label_and_options("gb18030", &opts).ok()?;
    decoder.decode_with_u8_array(bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode("规章".as_bytes()).unwrap(), "规章");
        assert_eq!(decode(b"\xEF\xBB\xBF\xE8\xA7\x84").unwrap(), "规");
    }

    #[test]
    fn utf16_both_orders() {
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("规章".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("规章".encode_utf16().flat_map(|u| u.to_be_bytes()))
            .collect();
        assert_eq!(decode(&le).unwrap(), "规章");
        assert_eq!(decode(&be).unwrap(), "规章");
    }

    #[test]
    fn gbk_without_bom() {
        // "规章 总计" in GBK, written out by hand from the GBK code table.
        let gbk = [0xB9, 0xE6, 0xD5, 0xC2, 0x20, 0xD7, 0xDC, 0xBC, 0xC6];
        assert_eq!(decode(&gbk).unwrap(), "规章 总计");
    }

    #[test]
    fn declared_charsets() {
        let gbk = [0xB9, 0xE6, 0xD5, 0xC2]; // 规章
        assert_eq!(decode_declared(&gbk, "GB2312").as_deref(), Some("规章"));
        assert_eq!(decode_declared(&gbk, "gbk").as_deref(), Some("规章"));
        // Declared UTF-8 but not UTF-8: the caller falls back to detection.
        assert_eq!(decode_declared(&gbk, "utf-8"), None);
        // Declared GBK, re-saved as UTF-8.
        assert_eq!(
            decode_declared("规章".as_bytes(), "gbk").as_deref(),
            Some("规章")
        );
        // Big5 "規章" (B3 57 B3 B9) through the general label path.
        #[cfg(not(target_arch = "wasm32"))]
        assert_eq!(
            decode_declared(&[0xB3, 0x57, 0xB3, 0xB9], "big5").as_deref(),
            Some("規章")
        );
        assert_eq!(decode_declared(b"x", "no-such-charset"), None);
    }

    fn utf16_bytes(s: &str, word: fn(u16) -> [u8; 2]) -> Vec<u8> {
        s.encode_utf16().flat_map(word).collect()
    }

    #[test]
    fn utf16_without_bom_is_recognised() {
        let text = "二、主动公开政府信息情况\r\n规章\t0\t0\t12\r\n";
        let le = utf16_bytes(text, u16::to_le_bytes);
        let be = utf16_bytes(text, u16::to_be_bytes);
        assert_eq!(decode(&le).unwrap(), text);
        assert_eq!(decode(&be).unwrap(), text);
        // Chinese alone has no zero byte to tell UTF-16 by: not guessed as UTF-16.
        assert!(
            utf16_without_bom(&utf16_bytes("规章规章规章规章规章", u16::to_le_bytes)).is_none()
        );
        // Binary with zeros on one side but control characters is not text.
        let binary: Vec<u8> = (0..64u8).flat_map(|i| [i % 7, 0]).collect();
        assert!(decode(&binary).is_err());
    }

    #[test]
    fn odd_trailing_byte_of_utf16_is_noted() {
        for mut bytes in [
            [
                &[0xFF, 0xFE][..],
                &utf16_bytes("规章 12\n", u16::to_le_bytes),
            ]
            .concat(),
            utf16_bytes("规章 12\n总计 3\n", u16::to_le_bytes),
        ] {
            bytes.push(b'x');
            let mut notes = Vec::new();
            let text = decode_noting(&bytes, &mut notes).unwrap();
            assert!(text.starts_with("规章 12\n"), "{text:?}");
            assert_eq!(notes.len(), 1);
            assert!(notes[0].contains("多出 1 个字节"), "{notes:?}");
        }
        let mut notes = Vec::new();
        decode_noting(
            &utf16_bytes("规章 12\n总计 3\n", u16::to_le_bytes),
            &mut notes,
        )
        .unwrap();
        assert!(notes.is_empty());
    }

    #[test]
    fn binary_is_refused() {
        assert!(matches!(
            decode(&[0, 1, 2, 0xFF, 0, 0x80]),
            Err(ReadError::Undecodable(_))
        ));
    }
}
