//! Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030 (which covers GBK and
//! GB2312) detected by the bytes not being UTF-8. GB18030 is decoded by encoding_rs natively and by
//! the browser's `TextDecoder` in WebAssembly, where encoding_rs would cost ~128 KB.

use super::ReadError;

/// Decodes `bytes`, or says what was tried.
pub fn decode(bytes: &[u8]) -> Result<String, ReadError> {
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
        return utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, u16::from_be_bytes);
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
pub fn decode_declared(bytes: &[u8], label: &str) -> Option<String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let label = label.trim().to_ascii_lowercase();
    let utf8 = || utf8(bytes).map(str::to_owned);
    match label.as_str() {
        // HTML reads a UTF-16 declaration in an ASCII-compatible file as UTF-8.
        "utf-8" | "utf8" | "unicode-1-1-utf-8" | "utf-16" | "utf-16le" | "utf-16be" => utf8(),
        "gbk" | "gb2312" | "gb18030" | "x-gbk" | "cp936" | "ms936" | "windows-936" | "chinese"
        | "csgb2312" | "csiso58gb231280" | "gb_2312" | "gb_2312-80" | "iso-ir-58" | "euc-cn"
        | "x-euc-cn" => utf8().or_else(|| gb18030(bytes)),
        _ => by_label(bytes, &label),
    }
    .and_then(|s| check_text(s).ok())
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

fn utf16(rest: &[u8], word: fn([u8; 2]) -> u16) -> Result<String, ReadError> {
    let units: Vec<u16> = rest.chunks_exact(2).map(|c| word([c[0], c[1]])).collect();
    String::from_utf16(&units)
        .map_err(|_| {
            ReadError::Undecodable("文件以 UTF-16 标记开头，但内容不是有效的 UTF-16".into())
        })
        .and_then(check_text)
}

/// Text with many control characters is a binary file that happened to decode.
fn check_text(s: String) -> Result<String, ReadError> {
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
    Ok(s)
}

fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(8192)];
    sample.iter().filter(|&&b| b == 0).count() > 0
}

#[cfg(not(target_arch = "wasm32"))]
fn gb18030(bytes: &[u8]) -> Option<String> {
    let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
    (!had_errors).then(|| text.into_owned())
}

#[cfg(target_arch = "wasm32")]
fn gb18030(bytes: &[u8]) -> Option<String> {
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

    #[test]
    fn binary_is_refused() {
        assert!(matches!(
            decode(&[0, 1, 2, 0xFF, 0, 0x80]),
            Err(ReadError::Undecodable(_))
        ));
    }
}
